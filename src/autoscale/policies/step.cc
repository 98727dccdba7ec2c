// AWS step scaling: two alarms on utilisation, `high` for scaling out and
// `low` for scaling in, each with step adjustments whose bounds are relative
// to the alarm's threshold (lower inclusive, upper exclusive). Adjustments
// are ChangeInCapacity, PercentChangeInCapacity (rounded toward zero, at
// least 1 when under 1, and at least MinAdjustmentMagnitude) or
// ExactCapacity. While launched nodes warm up, a further scale-out adds only
// what exceeds the nodes still warming, and scale-in waits.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "autoscale/policies/policies.h"

namespace gpuscout {
namespace {

class Step : public Policy {
 public:
  explicit Step(const PolicyConfig& c) : c_(c) {}

  int Decide(const Observation& o) override {
    const double u = Utilization(o);
    if (Beyond(u, c_.high)) {
      const StepAdjustment* s = Find(c_.out_steps, u - c_.high);
      if (!s) return o.desired;
      const int64_t target = Apply(*s, o.desired);
      int64_t add = target - o.desired;
      if (c_.adjust != PolicyConfig::Adjust::kExactCapacity) add -= o.warming;  // the in-progress part
      return add > 0 ? o.Clamp(o.desired + add) : o.desired;
    }
    if (Beyond(c_.low, u) && o.warming == 0) {
      const StepAdjustment* s = Find(c_.in_steps, u - c_.low);
      if (!s) return o.desired;
      return o.Clamp(Apply(*s, o.desired));
    }
    return o.desired;
  }

 private:
  static const StepAdjustment* Find(const std::vector<StepAdjustment>& steps, double over) {
    for (const auto& s : steps) {
      if (over >= s.lower - kDecisionEpsilon && over < s.upper - kDecisionEpsilon) return &s;
    }
    return nullptr;
  }

  // The count an adjustment asks for, in 64 bits (clamped by the caller).
  int64_t Apply(const StepAdjustment& s, int current) const {
    constexpr double kMax = 1 << 30;
    const double adjustment = std::clamp(s.adjustment, -kMax, kMax);
    switch (c_.adjust) {
      case PolicyConfig::Adjust::kChangeInCapacity:
        return current + static_cast<int64_t>(adjustment);
      case PolicyConfig::Adjust::kExactCapacity:
        return static_cast<int64_t>(std::max(0.0, adjustment));
      case PolicyConfig::Adjust::kPercentChangeInCapacity: {
        const double raw = current * adjustment / 100;
        int64_t change = 0;
        if (raw > 0 && raw < 1) change = 1;
        else if (raw < 0 && raw > -1) change = -1;
        else change = static_cast<int64_t>(std::trunc(std::clamp(raw, -kMax, kMax)));
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
