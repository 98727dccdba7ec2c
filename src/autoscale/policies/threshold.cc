// AWS simple scaling: an alarm on utilisation adds or removes a fixed number
// of nodes; after a scaling activity the group waits out the cooldown
// (default 300 s) before responding to another alarm. AWS starts the
// cooldown when the activity completes: for a scale-out, when the launched
// instances are in service ("Scaling cooldowns for Amazon EC2 Auto
// Scaling"), that is boot_s after the decision; a scale-in's terminations
// complete at once here. `cooldown_start: decision` starts it at the
// decision instead.
#include <optional>

#include "autoscale/policies/policies.h"

namespace gpuscout {
namespace {

class Threshold : public Policy {
 public:
  explicit Threshold(const PolicyConfig& c) : c_(c) {}

  int Decide(const Observation& o) override {
    if (cooling_from_ && o.t - *cooling_from_ < c_.cooldown_s) return o.desired;
    const double u = Utilization(o);
    int next = o.desired;
    if (Beyond(u, c_.high)) next = o.Clamp(int64_t{o.desired} + c_.step_out);
    else if (Beyond(c_.low, u)) next = o.Clamp(int64_t{o.desired} - c_.step_in);
    if (next == o.desired) return next;  // only a scaling activity starts a cooldown
    const bool launched = next > o.desired && c_.cooldown_start == PolicyConfig::CooldownStart::kReady;
    cooling_from_ = launched ? o.t + o.boot_s : o.t;
    return next;
  }

 private:
  PolicyConfig c_;
  std::optional<int64_t> cooling_from_;
};

}  // namespace

std::unique_ptr<Policy> MakeThreshold(const PolicyConfig& c) { return std::make_unique<Threshold>(c); }

}  // namespace gpuscout
