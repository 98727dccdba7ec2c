// GS023 cost-idle-commitment: the plan commits (reserved, savings plan,
// monthly subscription) for a machine that runs too few hours a month to
// break even: a 1-year reservation used 40 hours a month costs many times
// the same hours on demand.
#include "base/message.h"
#include "cost/cost_model.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCostIdleCommitment(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    const auto purchase = PurchaseOf(r);
    if (!purchase || *purchase == Purchase::kOnDemand || *purchase == Purchase::kSpot) continue;
    if (!r.plan->hours_per_month || !r.plan->months) continue;
    const Usage u{*r.plan->hours_per_month, *r.plan->months};
    const OptionCost od = PriceOption(*r.offer, Purchase::kOnDemand, u, SpotParams{}, r.plan->count);
    const OptionCost chosen = PriceOption(*r.offer, *purchase, u, SpotParams{}, r.plan->count);
    if (!od.available || !chosen.available || chosen.total <= od.total) continue;
    const double factor = chosen.total / od.total;
    // Paying a third more is a mistake worth an error; a few percent a warning.
    out.push_back({"GS023", "cost-idle-commitment", factor >= 1.33 ? "error" : "warning", r.plan->line,
                   Message("lint.gs023").With("option", PurchaseName(*purchase)).With("hours", u.hours_per_month)
                       .With("total", chosen.total).With("od", od.total).With("cur", CurrencyCode(r.offer->currency))
                       .With("factor", factor).With("break_even", chosen.break_even_hours_per_month.value_or(0)),
                   Message("lint.gs023_fix"), chosen.rate_assumed});
  }
}

}  // namespace gpuscout
