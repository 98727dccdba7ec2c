#include "catalog/query.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "catalog/region_pattern.h"

namespace gpuscout {
namespace {

std::optional<double> Convert(const std::optional<double>& v, Currency from, Currency to,
                              const ExchangeRate& rate) {
  if (!v) return std::nullopt;
  return rate.Convert(*v, from, to);
}

// The price an offer is compared by, in USD; nullopt when it has none.
std::optional<double> SortPriceUsd(const Offer& o, const OfferQuery& q) {
  const auto& p = q.spot ? o.spot_price_hour : o.price_hour;
  if (!p) return std::nullopt;
  return q.rate.Convert(*p, o.currency, Currency::kUSD);
}

bool KeyLess(const Offer& a, const Offer& b) {
  return std::tie(a.vendor, a.instance_type, a.region, a.zone) <
         std::tie(b.vendor, b.instance_type, b.region, b.zone);
}

// Missing prices sort last; ties fall back to the offer's key.
bool PriceLess(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return a.has_value();
  return a && *a < *b;
}

}  // namespace

Result<std::pair<std::vector<const GpuSpec*>, std::optional<double>>> ParseGpuFilter(
    const GpuTable& gpus, std::string_view text) {
  std::string name(text);
  std::optional<double> count;
  const auto colon = name.rfind(':');
  if (colon != std::string::npos) {
    count = ParseDouble(name.substr(colon + 1));
    if (!count || *count <= 0) {
      Error e;
      SetOption(e, "gpu");
      e.message = "bad GPU count in '" + name + "': expected NAME:COUNT with COUNT above 0";
      return tl::unexpected(e);
    }
    name.resize(colon);
  }
  auto specs = gpus.MatchUser(Trim(name));
  if (!specs) return tl::unexpected(specs.error());
  return std::make_pair(*specs, count);
}

Result<std::vector<std::string>> ParseVendorList(const Catalog& catalog, std::string_view text) {
  std::set<std::string> known;
  for (const auto& o : catalog.offers()) known.insert(o.vendor);
  std::vector<std::string> out;
  for (const auto& part : Split(text, ',')) {
    const std::string v = ToLower(Trim(part));
    if (v.empty()) continue;
    if (!known.count(v)) {
      std::vector<std::string> all(known.begin(), known.end());
      auto near = Closest(v, all);
      Error e;
      SetOption(e, "vendor");
      e.message = "unknown vendor '" + v + "'" +
                  (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?") +
                  " (vendors: " + Join(all, ", ") + ")";
      return tl::unexpected(e);
    }
    out.push_back(v);
  }
  return out;
}

Result<OfferAnswer> RunOfferQuery(const Catalog& catalog, const OfferQuery& q) {
  auto region = RegionPattern::Compile(q.region_regex);
  if (!region) return tl::unexpected(region.error());
  std::set<std::string> gpu_names;
  for (const auto* s : q.gpus) gpu_names.insert(s->name);
  const Currency max_currency = q.currency.value_or(Currency::kUSD);

  std::vector<const Offer*> kept;
  for (const auto& o : catalog.offers()) {
    if (!gpu_names.empty() && !gpu_names.count(o.gpu)) continue;
    if (q.gpu_count && std::abs(o.gpu_count - *q.gpu_count) > 1e-9) continue;
    if (!q.vendors.empty() &&
        std::find(q.vendors.begin(), q.vendors.end(), o.vendor) == q.vendors.end()) {
      continue;
    }
    if (!region->Matches(o.region)) continue;
    if (q.min_gpu_mem_gib && (!o.gpu_mem_gib || *o.gpu_mem_gib + 1e-9 < *q.min_gpu_mem_gib)) {
      continue;
    }
    if (q.spot && !o.spot_price_hour) continue;
    if (q.max_price) {
      const auto& p = q.spot ? o.spot_price_hour : o.price_hour;
      if (!p || q.rate.Convert(*p, o.currency, max_currency) > *q.max_price + 1e-12) continue;
    }
    kept.push_back(&o);
  }

  if (!q.all_regions) {
    // The cheapest region (and zone) per instance type, as `sky show-gpus` lists.
    std::map<std::pair<std::string, std::string>, const Offer*> best;
    for (const Offer* o : kept) {
      auto [it, fresh] = best.emplace(std::make_pair(o->vendor, o->instance_type), o);
      if (fresh) continue;
      const auto mine = SortPriceUsd(*o, q);
      const auto theirs = SortPriceUsd(*it->second, q);
      if (PriceLess(mine, theirs) || (mine == theirs && KeyLess(*o, *it->second))) it->second = o;
    }
    kept.clear();
    for (auto& [k, o] : best) kept.push_back(o);
  }

  std::set<Currency> currencies;
  for (const Offer* o : kept) currencies.insert(o->currency);

  auto per_gpu = [&](const Offer& o) -> std::optional<double> {
    auto p = SortPriceUsd(o, q);
    if (!p) return p;
    return *p / o.gpu_count;
  };
  std::sort(kept.begin(), kept.end(), [&](const Offer* a, const Offer* b) {
    std::optional<double> ka, kb;
    switch (q.sort) {
      case OfferSort::kPrice:
        ka = SortPriceUsd(*a, q);
        kb = SortPriceUsd(*b, q);
        break;
      case OfferSort::kPricePerGpu:
        ka = per_gpu(*a);
        kb = per_gpu(*b);
        break;
      case OfferSort::kGpuMem: {
        // Most memory per GPU first (what decides whether a model fits), then price.
        const double ma = a->gpu_mem_gib.value_or(-1);
        const double mb = b->gpu_mem_gib.value_or(-1);
        if (ma != mb) return ma > mb;
        ka = SortPriceUsd(*a, q);
        kb = SortPriceUsd(*b, q);
        break;
      }
    }
    if (ka != kb) return PriceLess(ka, kb);
    return KeyLess(*a, *b);
  });

  OfferAnswer answer;
  answer.mixed_currencies = currencies.size() > 1 ||
                            (q.currency && !currencies.empty() && *currencies.begin() != *q.currency);
  for (const Offer* o : kept) {
    OfferRow r;
    r.offer = o;
    r.currency = q.currency.value_or(o->currency);
    r.price_hour = Convert(o->price_hour, o->currency, r.currency, q.rate);
    r.price_hour_max = Convert(o->price_hour_max, o->currency, r.currency, q.rate);
    r.spot_price_hour = Convert(o->spot_price_hour, o->currency, r.currency, q.rate);
    r.reserved_hour = Convert(o->reserved_hour, o->currency, r.currency, q.rate);
    r.monthly_price = Convert(o->monthly_price, o->currency, r.currency, q.rate);
    r.monthly_price_max = Convert(o->monthly_price_max, o->currency, r.currency, q.rate);
    answer.rows.push_back(r);
  }
  return answer;
}

}  // namespace gpuscout
