// GS013 cost-no-price
#include <fmt/format.h>

#include "cost/cost_model.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCostNoPrice(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    auto p = PurchaseOf(r);
    if (!p) continue;
    const OptionCost c = PriceOption(*r.offer, *p, Usage::Job(1), SpotParams{}, 1, false);
    if (c.available) continue;
    out.push_back({"GS013", "cost-no-price", "error", r.plan->line,
                   fmt::format("{} {} has {}: {} {}", r.offer->vendor, r.offer->instance_type, std::string(c.why_not),
                               PurchaseName(*p),
                               r.offer->price_hour ? "is not how it is sold" : "may be reservation-only (capacity blocks)"),
                   "pick a purchase option with a price (gpuscout cost lists them), or another instance"});
  }
}

}  // namespace gpuscout
