// AWS simple scaling: an alarm on utilisation adds or removes a fixed number
// of nodes; after any scaling activity the group waits out the cooldown
// (default 300 s) before responding to another alarm.
#include "autoscale/policies/policies.h"

namespace gpuscout {
namespace {

class Threshold : public Policy {
 public:
  explicit Threshold(const PolicyConfig& c) : c_(c) {}

  int Decide(const Observation& o) override {
    if (last_ >= 0 && o.t - last_ < c_.cooldown_s) return o.desired;
    const double u = Utilization(o);
    int next = o.desired;
    if (u > c_.high) next = o.Clamp(o.desired + c_.step_out);
    else if (u < c_.low) next = o.Clamp(o.desired - c_.step_in);
    if (next != o.desired) last_ = o.t;  // only a scaling activity starts a cooldown
    return next;
  }

 private:
  PolicyConfig c_;
  int64_t last_ = -1;
};

}  // namespace

std::unique_ptr<Policy> MakeThreshold(const PolicyConfig& c) { return std::make_unique<Threshold>(c); }

}  // namespace gpuscout
