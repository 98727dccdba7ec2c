// GS010 cost-spot-checkpoint
#include <fmt/format.h>

#include "base/message.h"
#include "cost/cost_model.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCostSpotCheckpoint(const LintContext& ctx, std::vector<LintFinding>& out) {
  const bool checkpoints = ctx.plan.checkpoint_minutes && *ctx.plan.checkpoint_minutes > 0;
  if (checkpoints) return;
  for (const auto& r : ctx.offers) {
    if (PurchaseOf(r) != Purchase::kSpot || !r.offer->spot_price_hour) continue;
    auto hours = PlanHours(ctx, r);
    if (!hours || *hours < 4) continue;
    SpotParams none;
    none.checkpoint_minutes = -1;
    const double per_day = InterruptionsPerDay(*r.offer);
    const SpotRun bare = ExpectedSpotRun(*hours, none, per_day);
    const SpotRun ckpt = ExpectedSpotRun(*hours, SpotParams{}, per_day);
    const double price = *r.offer->spot_price_hour * r.plan->count;
    out.push_back({"GS010", "cost-spot-checkpoint", "error", ctx.plan.checkpoint_line ? ctx.plan.checkpoint_line : r.plan->line,
                   Message("lint.gs010", "data/facts.csv").With("hours", *hours).With("per_day", per_day)
                       .With("bare_h", bare.expected_wall_h).With("bare_cost", price * bare.expected_wall_h)
                       .With("cur", CurrencyCode(r.offer->currency)).With("ckpt_h", ckpt.expected_wall_h)
                       .With("ckpt_cost", price * ckpt.expected_wall_h).With("minutes", ckpt.checkpoint_h * 60),
                   Message("lint.gs010_fix")});
  }
}

}  // namespace gpuscout
