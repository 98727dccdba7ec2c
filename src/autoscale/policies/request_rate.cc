// SkyServe's request-rate autoscaler (sky/serve/autoscalers.py,
// RequestRateAutoscaler): the target replica count is
// ceil(requests/s / target_qps_per_replica); the service moves to it only
// after the target has stayed above the current count for upscale_delay
// (default 300 s) or below it for downscale_delay (default 1200 s), counted
// in consecutive decisions (every 20 s by default). The requests/s is the
// number of requests in the last qps_window_s (60 s) over the window, which
// the simulator gives in Observation::rps.
#include <cmath>

#include "autoscale/policies/policies.h"

namespace gpuscout {
namespace {

class RequestRate : public Policy {
 public:
  explicit RequestRate(const PolicyConfig& c) : c_(c) {}

  int Decide(const Observation& o) override {
    const int target = o.Clamp(CeilCount(o.rps / c_.target_rps));
    const int up_needed = std::max(1, c_.upscale_delay_s / c_.period_s);
    const int down_needed = std::max(1, c_.downscale_delay_s / c_.period_s);
    if (target > o.desired) {
      down_ = 0;
      if (++up_ >= up_needed) {
        up_ = 0;
        return target;
      }
    } else if (target < o.desired) {
      up_ = 0;
      if (++down_ >= down_needed) {
        down_ = 0;
        return target;
      }
    } else {
      up_ = down_ = 0;
    }
    return o.desired;
  }

 private:
  PolicyConfig c_;
  int up_ = 0, down_ = 0;
};

}  // namespace

std::unique_ptr<Policy> MakeRequestRate(const PolicyConfig& c) { return std::make_unique<RequestRate>(c); }

}  // namespace gpuscout
