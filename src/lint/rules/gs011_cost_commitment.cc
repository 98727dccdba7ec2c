// GS011 cost-commitment
#include <fmt/format.h>

#include "base/message.h"
#include "cost/cost_model.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCostCommitment(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (PurchaseOf(r) != Purchase::kOnDemand || !r.plan->hours_per_month || !r.plan->months) continue;
    const Usage u{*r.plan->hours_per_month, *r.plan->months};
    const auto options = PriceOptions(*r.offer, u, SpotParams{}, r.plan->count);
    const OptionCost& od = options[0];
    if (!od.available) continue;
    const OptionCost* best = nullptr;
    for (const auto& o : options) {
      if (!o.available || o.purchase == Purchase::kOnDemand || o.purchase == Purchase::kSpot) continue;
      if (o.total < od.total && (!best || o.total < best->total)) best = &o;
    }
    if (!best) continue;
    // A saving of a few percent is worth knowing, not worth a warning.
    const double saving = 1 - best->total / od.total;
    out.push_back({"GS011", "cost-commitment", saving < 0.05 ? "info" : "warning", r.plan->line,
                   Message("lint.gs011").With("hours", u.hours_per_month).With("months", u.months).With("od", od.total)
                       .With("cur", CurrencyCode(r.offer->currency)).With("option", PurchaseName(best->purchase))
                       .With("total", best->total).With("pct", 100 * (1 - best->total / od.total))
                       .With("assumed", best->rate_assumed ? Message("lint.gs011_assumed") : Message())
                       .With("break_even", best->break_even_hours_per_month.value_or(0)),
                   Message("lint.gs011_fix").With("option", PurchaseName(best->purchase)).With("vendor", r.offer->vendor)
                       .With("type", r.offer->instance_type),
                   best->rate_assumed});
  }
}

}  // namespace gpuscout
