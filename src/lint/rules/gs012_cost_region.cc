// GS012 cost-region
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCostRegion(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.offer->price_hour) continue;
    const Offer* cheapest = nullptr;
    for (const auto& o : ctx.catalog.offers()) {
      if (o.vendor != r.offer->vendor || o.instance_type != r.offer->instance_type || !o.price_hour) continue;
      if (!cheapest || *o.price_hour < *cheapest->price_hour) cheapest = &o;
    }
    if (!cheapest || cheapest->region == r.offer->region) continue;
    const double extra = *r.offer->price_hour / *cheapest->price_hour - 1;
    if (extra < 0.2) continue;
    out.push_back({"GS012", "cost-region", "warning", r.plan->line,
                   Message("lint.gs012").With("type", r.offer->instance_type).With("price", *r.offer->price_hour)
                       .With("region", r.offer->region).With("cheapest", *cheapest->price_hour)
                       .With("cheapest_region", cheapest->region).With("cur", CurrencyCode(r.offer->currency)).With("pct", 100 * extra),
                   Message("lint.gs012_fix").With("region", cheapest->region)});
  }
}

}  // namespace gpuscout
