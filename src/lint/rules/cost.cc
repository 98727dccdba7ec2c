// GS010 cost-spot-checkpoint, GS011 cost-commitment, GS012 cost-region,
// GS013 cost-no-price: what the plan pays, against what it could pay.
#include <fmt/format.h>

#include "cost/cost_model.h"
#include "lint/rules/rules.h"

namespace gpuscout {
namespace {

std::optional<Purchase> PurchaseOf(const ResolvedOffer& r) { return ParsePurchase(r.plan->purchase); }


}  // namespace

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
                   fmt::format("{} costs {:.4f}/h in {} but {:.4f}/h in {}: {:.0f}% more", r.offer->instance_type,
                               *r.offer->price_hour, r.offer->region, *cheapest->price_hour, cheapest->region, 100 * extra),
                   "run in " + cheapest->region + " if data residency and latency allow"});
  }
}

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
