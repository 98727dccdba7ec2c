// GS010 cost-spot-checkpoint
#include <fmt/format.h>

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
    const double per_day = DefaultInterruptionsPerDay(r.offer->vendor);
    const SpotRun bare = ExpectedSpotRun(*hours, none, per_day);
    const SpotRun ckpt = ExpectedSpotRun(*hours, SpotParams{}, per_day);
    const double price = *r.offer->spot_price_hour * r.plan->count;
    out.push_back({"GS010", "cost-spot-checkpoint", "error", ctx.plan.checkpoint_line ? ctx.plan.checkpoint_line : r.plan->line,
                   fmt::format("a {:.0f} h job on spot without checkpoints: at {:.4f} interruptions/day each one restarts it, "
                               "expected {:.1f} h and {:.2f} {} instead of {:.1f} h and {:.2f} with checkpoints every {:.0f} min",
                               *hours, per_day, bare.expected_wall_h, price * bare.expected_wall_h,
                               CurrencyCode(r.offer->currency), ckpt.expected_wall_h, price * ckpt.expected_wall_h,
                               ckpt.checkpoint_h * 60),
                   "checkpoint to durable storage (checkpointing.interval_minutes), or buy on demand"});
  }
}

}  // namespace gpuscout
