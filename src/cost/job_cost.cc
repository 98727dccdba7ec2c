#include "cost/job_cost.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace gpuscout {

double TieredEgress(const std::vector<const JobPrice*>& tiers, double gb) {
  double cost = 0;
  for (const JobPrice* t : tiers) {
    const double in_tier = std::min(gb, t->to_gb) - t->from_gb;
    if (in_tier > 0) cost += in_tier * t->price;
  }
  return cost;
}

CostParts CostParts::Converted(const ExchangeRate& rate, Currency from, Currency to) const {
  return {rate.Convert(compute, from, to), rate.Convert(interruption, from, to), rate.Convert(storage, from, to),
          rate.Convert(egress, from, to), rate.Convert(discount, from, to)};
}

double BilledHours(const BillingRule& rule, double hours) {
  if (hours <= 0) return 0;
  const double seconds = std::max(rule.minimum_s, std::ceil(hours * 3600 / rule.granularity_s - 1e-9) * rule.granularity_s);
  return seconds / 3600;
}

namespace {

// Compute and interruption: the hours the vendor bills for the work itself,
// and what spot adds to them.
void SplitCompute(const Offer& o, const Usage& u, const SpotParams& spot, int instances, const OptionCost& c,
                  CostSplit& s) {
  const double used = u.used_hours();
  s.parts.compute = c.total;
  if (c.purchase == Purchase::kOnDemand && u.job && used > 0) {
    s.billed_hours = BilledHours(*s.billing, used);
    s.parts.compute = c.total * s.billed_hours / used;
    return;
  }
  if (c.purchase != Purchase::kSpot) return;
  const double n = std::max(1, instances);
  if (spot.independent_instances && spot.spare_instances > 0) {  // a service's spares
    s.parts.compute = c.rate * n / (n + spot.spare_instances) * used;
    s.parts.interruption = c.total - s.parts.compute;
    return;
  }
  s.parts.compute = c.rate * used;
  s.parts.interruption = c.total - s.parts.compute;
  if (!u.job) return;
  // Each restart starts a new billed run: half a billing unit lost on
  // average at every interruption, and the last run rounded up.
  const double node_per_day = spot.interruptions_per_day > 0 ? spot.interruptions_per_day : InterruptionsPerDay(o);
  const double interruptions = node_per_day * (spot.independent_instances ? 1 : n) * c.wall_hours / 24;
  const double rounding_h = interruptions * s.billing->granularity_s / 2 / 3600 + BilledHours(*s.billing, c.wall_hours) - c.wall_hours;
  s.billed_hours = c.wall_hours + rounding_h;
  s.parts.interruption += c.rate * rounding_h;
}

void AddStorageAndEgress(const Offer& o, const Usage& u, int instances, const JobTerms& t, const ExchangeRate& rate,
                         const OptionCost& c, const JobPricer::Prices& p, CostSplit& s) {
  if (t.disk_gb > 0 && p.disk) {
    // A job's disk lives while it runs; a service keeps it every month.
    const double months = u.job ? c.wall_hours / kHoursPerMonth : u.months;
    s.parts.storage = rate.Convert(t.disk_gb * std::max(1, instances) * p.disk->price * months, p.disk->currency, o.currency);
    s.disk = p.disk;
  }
  if (t.egress_gb > 0) {
    if (!p.egress) {
      s.egress_unknown = true;
      return;
    }
    s.parts.egress = rate.Convert(p.egress_month * std::max(u.months, 0.0), p.egress->currency, o.currency);
    s.egress = p.egress;
  }
}

CostSplit Apply(const Offer& o, const Usage& u, const SpotParams& spot, int instances, const JobTerms& t,
                const ExchangeRate& rate, const JobPricer::Prices& p, OptionCost& c) {
  CostSplit s;
  s.billing = p.billing;
  if (!c.available) return s;
  SplitCompute(o, u, spot, instances, c, s);
  AddStorageAndEgress(o, u, instances, t, rate, c, p, s);
  const double share = DiscountShare(t.discounts, o.vendor, c.purchase);
  s.discount_pct = share * 100;
  s.parts.discount = share * (s.parts.compute + s.parts.interruption);
  c.total = s.parts.total();
  const double used = u.used_hours();
  c.effective_hourly = used > 0 ? c.total / used : c.rate;
  return s;
}

}  // namespace

JobPricer::Prices JobPricer::Lookup(const Offer& o, const JobTerms& t) {
  const JobPriceTable& table = EmbeddedJobPrices();
  Prices p;
  p.billing = &table.Billing(o.vendor);
  if (t.disk_gb > 0) p.disk = &table.Disk(o.vendor, o.region);
  if (t.egress_gb > 0) {
    const auto tiers = table.EgressTiers(o.vendor, o.region);
    if (!tiers.empty()) {
      p.egress = tiers.front();
      p.egress_month = TieredEgress(tiers, t.egress_gb);
    }
  }
  return p;
}

CostSplit JobPricer::Apply(const Offer& o, const Usage& u, const SpotParams& spot, int instances, OptionCost& c) {
  if (terms_.disk_gb <= 0 && terms_.egress_gb <= 0) {  // the billing rule alone: a scan of a few rows
    return gpuscout::Apply(o, u, spot, instances, terms_, rate_, Lookup(o, terms_), c);
  }
  auto it = cache_.find(&o);
  if (it == cache_.end()) it = cache_.emplace(&o, Lookup(o, terms_)).first;
  return gpuscout::Apply(o, u, spot, instances, terms_, rate_, it->second, c);
}

CostSplit ApplyJobTerms(const Offer& o, const Usage& u, const SpotParams& spot, int instances, const JobTerms& t,
                        const ExchangeRate& rate, OptionCost& c) {
  return Apply(o, u, spot, instances, t, rate, JobPricer::Lookup(o, t), c);
}

namespace {

Message BillingMessage(const std::string& vendor) {
  const BillingRule& b = EmbeddedJobPrices().Billing(vendor);
  if (b.assumed) return Message("cost.billing_assumed", "data/billing.csv").With("vendor", vendor);
  if (b.minimum_s <= 0) return Message("cost.billing_step", b.source).With("vendor", vendor).With("step", b.granularity_s);
  return Message("cost.billing", b.source).With("vendor", vendor).With("step", b.granularity_s).With("min", b.minimum_s);
}

void DescribeDiscounts(const std::string& vendor, const std::vector<Discount>& discounts, std::vector<Message>& out) {
  for (const auto& d : discounts) {
    if (d.vendor != vendor) continue;
    out.push_back(d.only ? Message("cost.discount_option").With("vendor", vendor).With("pct", d.pct).With("option", PurchaseName(*d.only))
                         : Message("cost.discount_list").With("vendor", vendor).With("pct", d.pct));
  }
}

void DescribeRegion(const Offer& o, const JobTerms& t, std::vector<Message>& out) {
  const JobPriceTable& prices = EmbeddedJobPrices();
  if (t.disk_gb > 0) {
    const JobPrice& d = prices.Disk(o.vendor, o.region);
    out.push_back(Message(d.assumed() ? "cost.disk_assumed" : "cost.disk", d.source).With("gb", t.disk_gb)
                      .With("product", d.product).With("price", d.price).With("cur", CurrencyCode(d.currency))
                      .With("vendor", o.vendor).With("region", o.region));
  }
  if (t.egress_gb > 0) {
    const auto tiers = prices.EgressTiers(o.vendor, o.region);
    if (tiers.empty()) {
      out.push_back(Message("cost.egress_unknown", "data/job_prices.csv").With("vendor", o.vendor).With("region", o.region)
                        .With("gb", t.egress_gb));
      return;
    }
    out.push_back(Message("cost.egress", tiers.front()->source).With("gb", t.egress_gb).With("vendor", o.vendor)
                      .With("region", o.region).With("product", tiers.front()->product)
                      .With("cost", TieredEgress(tiers, t.egress_gb)).With("cur", CurrencyCode(tiers.front()->currency)));
  }
}

}  // namespace

std::vector<Message> DescribeJobTerms(const std::vector<std::pair<const Offer*, Purchase>>& shown, const JobTerms& t) {
  std::vector<Message> out;
  std::set<std::string> vendors, regions;
  for (const auto& [o, purchase] : shown) {
    if (vendors.insert(o->vendor).second) {
      out.push_back(BillingMessage(o->vendor));
      DescribeDiscounts(o->vendor, t.discounts, out);
    }
    if (regions.insert(o->vendor + "/" + o->region).second) DescribeRegion(*o, t, out);
  }
  return out;
}

}  // namespace gpuscout
