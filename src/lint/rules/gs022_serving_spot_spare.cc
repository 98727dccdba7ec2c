// GS022 serving-spot-no-spare: an LLM service on spot instances that needs
// every replica it has to carry its rate. Spot capacity is reclaimed with a
// two-minute notice (AWS; data/facts.csv): with no spare replica, the first
// interruption leaves the service short until a replacement boots.
#include <cmath>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckServingSpotSpare(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (PurchaseOf(r) != Purchase::kSpot || !r.estimate || !r.workload) continue;
    const Throughput& t = r.estimate->throughput;
    if (!t.serving || r.workload->rps <= 0 || t.replicas < 1 || t.max_requests_per_s <= 0) continue;
    const double per_replica = t.max_requests_per_s / t.replicas;
    const int needed = static_cast<int>(std::ceil(r.workload->rps / per_replica - 1e-9));
    if (t.replicas > needed) continue;  // one can go and the rest still carry the rate
    out.push_back({"GS022", "serving-spot-no-spare", "warning", r.plan->line,
                   Message("lint.gs022").With("type", r.offer->instance_type).With("replicas", t.replicas)
                       .With("rps", r.workload->rps).With("per_replica", per_replica)
                       .With("left", per_replica * (t.replicas - 1)),
                   Message("lint.gs022_fix").With("count", needed + 1)});
  }
}

}  // namespace gpuscout
