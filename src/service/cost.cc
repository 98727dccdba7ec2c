#include "service/cost.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/strings.h"

namespace gpuscout {

namespace {

// --all-regions: one row per region, the zone with the lowest on-demand
// price, cheapest first, each against the cheapest.
void PriceRegions(const Catalog& catalog, const CostArgs& a, const std::vector<const Offer*>& matches, const ExchangeRate& rate,
                  CostAnswer& out) {
  auto conv = [&](double v, const Offer& o) { return rate.Convert(v, o.currency, out.currency); };
  auto opt = [&](const std::optional<double>& v, const Offer& o) { return v ? std::optional<double>(conv(*v, o)) : std::nullopt; };
  std::map<std::string, std::vector<const Offer*>> per_region;
  for (const Offer* o : matches) per_region[o->region].push_back(o);
  for (auto& [r, zones] : per_region) {
    const Offer* o = CheapestZone(zones, PriceKind::kOnDemand, rate);
    out.regions.push_back({o, opt(o->price_hour, *o), opt(o->spot_price_hour, *o), opt(o->reserved_hour, *o), std::nullopt});
    out.converted |= o->currency != out.currency;
  }
  std::sort(out.regions.begin(), out.regions.end(), [](const RegionPrice& x, const RegionPrice& y) {
    const double px = x.price_hour.value_or(1e300), py = y.price_hour.value_or(1e300);
    return px != py ? px < py : x.offer->region < y.offer->region;
  });
  const double cheapest = out.regions.front().price_hour.value_or(0);
  std::vector<const Offer*> priced;
  for (auto& r : out.regions) {
    if (r.price_hour && cheapest > 0) r.vs_cheapest_pct = 100 * (*r.price_hour / cheapest - 1);
    priced.push_back(r.offer);
  }
  out.price_ages = catalog.PriceAgesOf(priced, Today(), a.max_price_age_days);
}

}  // namespace

Result<CostAnswer> PriceInstance(const Catalog& catalog, const CostArgs& a, std::optional<Currency> currency,
                                 const ExchangeRate& rate) {
  if (!(a.hours_per_month > 0 && a.hours_per_month <= kHoursPerMonth + 1e-9)) {
    return tl::unexpected(OptionError("hours_per_month", fmt::format("{} is out of range: expected above 0 and at most {}",
                                                                       a.hours_per_month, kHoursPerMonth)));
  }
  if (!(a.months > 0 && a.months <= 120)) return tl::unexpected(OptionError("months", "expected above 0 and at most 120"));
  if (a.vendor.empty()) return tl::unexpected(OptionError("vendor", "missing"));
  if (a.instance.empty()) return tl::unexpected(OptionError("instance", "missing"));
  const std::vector<const Offer*> matches = catalog.Zones(a.vendor, a.instance);
  if (matches.empty()) {
    std::vector<std::string> names;
    for (const auto& o : catalog.offers()) {
      if (o.vendor == ToLower(a.vendor)) names.push_back(o.instance_type);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    auto near = Closest(a.instance, names);
    return tl::unexpected(OptionError("instance", "no offer " + a.instance + " from '" + a.vendor + "' in the catalog" +
                                                        (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?")));
  }
  SpotParams spot;
  if (a.interruptions) {
    if (!(*a.interruptions > 0)) return tl::unexpected(OptionError("interruptions_per_day", "must be above 0"));
    spot.interruptions_per_day = *a.interruptions;
  }
  // A service, not a job: capacity is replaced, nothing is re-run.
  spot.checkpoint_minutes = 0;
  CostAnswer out;
  out.args = a;
  out.currency = currency.value_or(matches.front()->currency);
  auto conv = [&](double v, const Offer& o) { return rate.Convert(v, o.currency, out.currency); };

  if (a.all_regions) {
    PriceRegions(catalog, a, matches, rate, out);
    return out;
  }
  out.offer = CheapestZone(a.region.empty() ? matches : catalog.Zones(a.vendor, a.instance, a.region), PriceKind::kOnDemand, rate);
  if (!out.offer) {
    std::vector<std::string> regions;
    for (const Offer* o : matches) regions.push_back(o->region);
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    return tl::unexpected(OptionError("region", a.instance + " is not offered in '" + a.region + "'; regions: " + Join(regions, ", ")));
  }
  GS_TRY(terms, ReadJobTerms(a.job));
  if (a.job_hours && !(*a.job_hours > 0 && *a.job_hours <= 1e6)) {
    return tl::unexpected(OptionError("job_hours", "expected above 0 and at most 1,000,000 hours"));
  }
  const Usage usage = a.job_hours ? Usage::Job(*a.job_hours) : Usage{a.hours_per_month, a.months};
  out.options = PriceOptions(*out.offer, usage, spot);
  std::vector<std::pair<const Offer*, Purchase>> shown;
  for (auto& c : out.options) {
    out.parts.push_back(ApplyJobTerms(*out.offer, usage, spot, 1, terms, rate, c).parts.Converted(rate, out.offer->currency, out.currency));
    c.rate = conv(c.rate, *out.offer);
    c.total = conv(c.total, *out.offer);
    c.effective_hourly = conv(c.effective_hourly, *out.offer);
    shown.emplace_back(out.offer, c.purchase);
  }
  out.terms = DescribeJobTerms(shown, terms);
  out.converted = out.offer->currency != out.currency;
  out.price_ages = catalog.PriceAgesOf({out.offer}, Today(), a.max_price_age_days);
  return out;
}

}  // namespace gpuscout
