// AWS step scaling: two alarms on utilisation, `high` for scaling out and
// `low` for scaling in, each with step adjustments whose bounds are relative
// to the alarm's threshold (lower inclusive, upper exclusive). Adjustments
// are ChangeInCapacity, PercentChangeInCapacity (rounded toward zero, at
// least 1 when under 1, and at least MinAdjustmentMagnitude) or
// ExactCapacity. While launched nodes warm up, a further scale-out adds only
// what exceeds the nodes still warming, and scale-in waits.
#include <cmath>
#include <limits>

#include "autoscale/policies/policies.h"

namespace gpuscout {
namespace {

class Step : public Policy {
 public:
  explicit Step(const PolicyConfig& c) : c_(c) {}

  int Decide(const Observation& o) override {
    const double u = Utilization(o);
    if (u > c_.high) {
      const StepAdjustment* s = Find(c_.out_steps, u - c_.high);
      if (!s) return o.desired;
      const int target = Apply(*s, o.desired);
      int add = target - o.desired;
      if (c_.adjust != PolicyConfig::Adjust::kExactCapacity) add -= o.warming;  // the in-progress part
      return add > 0 ? o.Clamp(o.desired + add) : o.desired;
    }
    if (u < c_.low && o.warming == 0) {
      const StepAdjustment* s = Find(c_.in_steps, u - c_.low);
      if (!s) return o.desired;
      return o.Clamp(Apply(*s, o.desired));
    }
    return o.desired;
  }

 private:
  static const StepAdjustment* Find(const std::vector<StepAdjustment>& steps, double over) {
    for (const auto& s : steps) {
      if (over >= s.lower && over < s.upper) return &s;
    }
    return nullptr;
  }

  int Apply(const StepAdjustment& s, int current) const {
    switch (c_.adjust) {
      case PolicyConfig::Adjust::kChangeInCapacity:
        return current + static_cast<int>(s.adjustment);
      case PolicyConfig::Adjust::kExactCapacity:
        return static_cast<int>(s.adjustment);
      case PolicyConfig::Adjust::kPercentChangeInCapacity: {
        const double raw = current * s.adjustment / 100;
        int change = 0;
        if (raw > 0 && raw < 1) change = 1;
        else if (raw < 0 && raw > -1) change = -1;
        else change = static_cast<int>(std::trunc(raw));
        if (c_.min_adjustment_magnitude > 0 && std::abs(change) < c_.min_adjustment_magnitude) {
          change = change > 0 ? c_.min_adjustment_magnitude : -c_.min_adjustment_magnitude;
        }
        return current + change;
      }
    }
    return current;
  }

  PolicyConfig c_;
};

}  // namespace

std::unique_ptr<Policy> MakeStep(const PolicyConfig& c) { return std::make_unique<Step>(c); }

}  // namespace gpuscout
