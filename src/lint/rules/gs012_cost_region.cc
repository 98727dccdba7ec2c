// GS012 cost-region
#include <fmt/format.h>

#include "base/message.h"
#include "catalog/suspect.h"
#include "lint/rules/rules.h"

namespace gpuscout {

// The price the plan pays: spot for a spot plan, else on demand.
std::optional<double> PlanPrice(const Offer& o, bool spot) { return spot ? o.spot_price_hour : o.price_hour; }

void CheckCostRegion(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    const bool spot = r.plan->purchase == "spot";
    const auto mine = PlanPrice(*r.offer, spot);
    if (!mine) continue;
    const Offer* cheapest = nullptr;
    for (const auto& o : ctx.catalog.offers()) {
      if (o.vendor != r.offer->vendor || o.instance_type != r.offer->instance_type || !PlanPrice(o, spot)) continue;
      if (spot && SpotSuspect(o)) continue;
      if (!cheapest || *PlanPrice(o, spot) < *PlanPrice(*cheapest, spot)) cheapest = &o;
    }
    if (!cheapest || cheapest->region == r.offer->region) continue;
    const double extra = *mine / *PlanPrice(*cheapest, spot) - 1;
    if (extra < 0.2) continue;
    out.push_back({"GS012", "cost-region", "warning", r.plan->line,
                   Message("lint.gs012").With("type", r.offer->instance_type).With("price", *mine)
                       .With("region", r.offer->region).With("cheapest", *PlanPrice(*cheapest, spot))
                       .With("cheapest_region", cheapest->region).With("cur", CurrencyCode(r.offer->currency)).With("pct", 100 * extra),
                   Message("lint.gs012_fix").With("region", cheapest->region)});
  }
}

}  // namespace gpuscout
