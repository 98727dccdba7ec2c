#include "autoscale/policy.h"

#include "autoscale/policies/policies.h"

namespace gpuscout {
namespace {

// No policy: the desired count is the pool's minimum, raised by its schedule.
class Fixed : public Policy {
 public:
  int Decide(const Observation& o) override { return o.min_nodes; }
};

}  // namespace

double Utilization(const Observation& o) {
  if (o.ready <= 0) return o.rps > 0 ? 1e9 : 0;
  return o.rps / (o.ready * o.capacity_rps);
}

std::unique_ptr<Policy> MakePolicy(const PolicyConfig& c) {
  switch (c.type) {
    case PolicyType::kThreshold: return MakeThreshold(c);
    case PolicyType::kTargetTracking: return MakeTargetTracking(c);
    case PolicyType::kStep: return MakeStep(c);
    case PolicyType::kRequestRate: return MakeRequestRate(c);
    case PolicyType::kNone: break;
  }
  return std::make_unique<Fixed>();
}

}  // namespace gpuscout
