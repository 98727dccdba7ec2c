// GS011 cost-commitment
#include <fmt/format.h>

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
    out.push_back({"GS011", "cost-commitment", "warning", r.plan->line,
                   fmt::format("{} h/month for {} months on demand costs {:.0f} {}; {} costs {:.0f} ({:.0f}% less{}), "
                               "cheaper above {:.0f} h/month",
                               u.hours_per_month, u.months, od.total, CurrencyCode(r.offer->currency),
                               PurchaseName(best->purchase), best->total, 100 * (1 - best->total / od.total),
                               best->rate_assumed ? ", at an assumed discount" : "",
                               best->break_even_hours_per_month.value_or(0)),
                   fmt::format("buy {} (gpuscout cost --vendor {} --instance {} shows every option)",
                               PurchaseName(best->purchase), r.offer->vendor, r.offer->instance_type),
                   best->rate_assumed});
  }
}

}  // namespace gpuscout
