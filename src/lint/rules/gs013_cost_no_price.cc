// GS013 cost-no-price
#include <fmt/format.h>

#include "base/message.h"
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
                   Message("lint.gs013").With("vendor", r.offer->vendor).With("type", r.offer->instance_type)
                       .With("why", Word(std::string(c.why_not))).With("option", PurchaseName(*p))
                       .With("how", Word(r.offer->price_hour ? "lint.gs013_not_sold" : "lint.gs013_reserved_only")),
                   Message("lint.gs013_fix")});
  }
}

}  // namespace gpuscout
