#include "cost/cost_model.h"

#include <fmt/format.h>

#include <cmath>

#include "catalog/suspect.h"

namespace gpuscout {

namespace {

void Finish(OptionCost& c, double used) {
  c.available = true;
  c.effective_hourly = used > 0 ? c.total / used : c.rate;
}

// On demand; GCP's sustained use discount on eligible offers, per month of
// the usage (purchase.h).
void OnDemand(const Offer& o, double n, const Usage& u, bool explain, OptionCost& c) {
  if (!o.price_hour) {
    c.why_not = (o.suspect & kReservationOnly) ? "cost.reservation_only" : "cost.no_on_demand";
    return;
  }
  const double used = u.used_hours();
  c.rate = *o.price_hour * n;
  const double share = SustainedUseEligible(o) ? SustainedUseShare(u.hours_per_month) : 1;
  c.total = c.rate * used * share;
  c.wall_hours = used;
  Finish(c, used);
  if (explain && share < 1) {
    c.note = Message("cost.sustained_use", "S-GCP-SUD").With("pct", (1 - share) * 100).With("hours", u.hours_per_month);
  }
}

// A service on spot with spares: n + spare instances for every hour; an
// interruption costs the spare's restart, not the service's hours.
void SpareSpot(const Offer& o, double n, double used, const SpotParams& spot, bool explain, OptionCost& c) {
  c.rate = *o.spot_price_hour * (n + spot.spare_instances);
  c.total = c.rate * used;
  c.wall_hours = used;
  Finish(c, used);
  if (!explain) return;
  const double per_day = spot.interruptions_per_day > 0 ? spot.interruptions_per_day : InterruptionsPerDay(o);
  c.note = Message("cost.spot_spare").With("spare", spot.spare_instances).With("serving", n).With("per_day", per_day * n)
               .With("restart", spot.restart_cost_s);
}

void Spot(const Offer& o, double n, double used, const SpotParams& spot, bool explain, OptionCost& c) {
  if (!o.spot_price_hour) {
    c.why_not = "cost.no_spot";
    return;
  }
  if (spot.independent_instances && spot.spare_instances > 0) {
    SpareSpot(o, n, used, spot, explain, c);
    return;
  }
  c.rate = *o.spot_price_hour * n;
  const double node_per_day = spot.interruptions_per_day > 0 ? spot.interruptions_per_day : InterruptionsPerDay(o);
  // A job on n nodes stops when any of them is interrupted.
  const double per_day = spot.independent_instances ? node_per_day : node_per_day * n;
  // A service (hours per month) restarts elsewhere; a job loses work.
  const SpotRun run = ExpectedSpotRun(used, spot, per_day);
  c.wall_hours = run.expected_wall_h;
  c.total = c.rate * c.wall_hours;
  Finish(c, used);
  if (!explain) return;
  const Message rate = per_day == node_per_day
                           ? Message("cost.interruptions").With("per_day", per_day)
                           : Message("cost.interruptions_nodes").With("per_day", per_day).With("per_node", node_per_day)
                                 .With("nodes", n);
  c.note = run.checkpointing
               ? Message("cost.spot_checkpointed").With("rate", rate).With("mtbf", run.mtbf_h)
                     .With("minutes", run.checkpoint_h * 60).With("restart", spot.restart_cost_s)
                     .With("wall", run.expected_wall_h).With("work", used)
               : Message("cost.spot_rerun").With("rate", rate).With("mtbf", run.mtbf_h).With("work", used)
                     .With("wall", run.expected_wall_h);
}

// The hours a month at which on demand (at `hourly`, less GCP's sustained
// use discount where it applies) costs `monthly`; nullopt when it never does.
std::optional<double> BreakEven(const Offer& o, double monthly, double hourly) {
  if (!SustainedUseEligible(o)) return monthly / hourly;
  auto on_demand = [&](double h) { return hourly * h * SustainedUseShare(h); };
  if (on_demand(kHoursPerMonth) < monthly) return std::nullopt;
  double lo = 0, hi = kHoursPerMonth;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    (on_demand(mid) < monthly ? lo : hi) = mid;
  }
  return hi;
}

// Reserved instances and savings plans: a discount on the on-demand price
// (or Vantage's reserved price), paid for every hour of the term.
void Commitment(const Offer& o, Purchase p, const Usage& u, double n, bool explain, OptionCost& c) {
  if (!SellsHourlyCommitments(o.vendor)) {
    c.why_not = "cost.subscription_only";
    return;
  }
  const bool published = p == Purchase::kReserved1y && o.reserved_hour;
  const PurchaseTerm* term = CommitmentTerm(o.vendor, p);
  if (!term && !published) {
    c.why_not = "cost.not_sold";
    return;
  }
  if (!o.price_hour && !published) {
    c.why_not = (o.suspect & kReservationOnly) ? "cost.reservation_only" : "cost.no_commitment_base";
    return;
  }
  if (published) {
    c.rate = *o.reserved_hour * n;
    if (explain) c.note = Message("cost.vantage_reserved", "data/SOURCES.md");
  } else {
    c.rate = *o.price_hour * (1 - term->discount) * n;
    c.rate_assumed = true;
    if (explain) {
      c.note = Message("cost.assumed_discount", "data/purchase_options.csv").With("pct", term->discount * 100)
                   .With("name", term->name);
    }
  }
  const double terms = std::max(1.0, std::ceil(u.months / TermMonths(p) - 1e-9));
  c.total = c.rate * TermMonths(p) * kHoursPerMonth * terms;
  c.wall_hours = u.used_hours();
  if (o.price_hour && explain) c.break_even_hours_per_month = BreakEven(o, c.rate * kHoursPerMonth, *o.price_hour * n);
  Finish(c, u.used_hours());
}

void Monthly(const Offer& o, const Usage& u, double n, OptionCost& c) {
  if (!o.monthly_price) {
    c.why_not = "cost.no_monthly";
    return;
  }
  c.rate = *o.monthly_price * n;
  c.total = c.rate * std::max(1.0, std::ceil(u.months - 1e-9));
  c.wall_hours = u.used_hours();
  if (o.price_hour) c.break_even_hours_per_month = BreakEven(o, c.rate, *o.price_hour * n);
  Finish(c, u.used_hours());
}

}  // namespace

OptionCost PriceOption(const Offer& o, Purchase p, const Usage& u, const SpotParams& spot, int instances, bool explain) {
  OptionCost c;
  c.purchase = p;
  const double n = std::max(1, instances);
  switch (p) {
    case Purchase::kOnDemand: OnDemand(o, n, u, explain, c); break;
    case Purchase::kSpot: Spot(o, n, u.used_hours(), spot, explain, c); break;
    case Purchase::kReserved1y:
    case Purchase::kReserved3y:
    case Purchase::kSavings1y:
    case Purchase::kSavings3y: Commitment(o, p, u, n, explain, c); break;
    case Purchase::kMonthly: Monthly(o, u, n, c); break;
  }
  return c;
}

std::vector<OptionCost> PriceOptions(const Offer& o, const Usage& u, const SpotParams& spot, int instances) {
  std::vector<OptionCost> out;
  for (Purchase p : kAllPurchases) {
    if (VendorSells(o, p)) out.push_back(PriceOption(o, p, u, spot, instances));
  }
  return out;
}

}  // namespace gpuscout
