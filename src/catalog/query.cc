#include "catalog/query.h"

#include <fmt/format.h>

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

namespace {

// One NAME[:COUNT] of a --gpu list.
Result<std::pair<std::vector<const GpuSpec*>, std::optional<double>>> ParseOneGpu(const GpuTable& gpus, std::string name) {
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
  GS_TRY(specs, gpus.MatchUser(Trim(name)));
  return std::make_pair(specs, count);
}

}  // namespace

Result<std::pair<std::vector<const GpuSpec*>, std::optional<double>>> ParseGpuFilter(
    const GpuTable& gpus, std::string_view text) {
  std::vector<const GpuSpec*> all;
  std::optional<double> count;
  for (const auto& part : Split(text, ',')) {
    if (Trim(part).empty()) continue;
    GS_TRY(one, ParseOneGpu(gpus, std::string(Trim(part))));
    for (const auto* spec : one.first) {
      if (std::find(all.begin(), all.end(), spec) == all.end()) all.push_back(spec);
    }
    if (one.second && count && *one.second != *count) {
      Error e;
      SetOption(e, "gpu");
      e.message = "one GPU count for the whole list: '" + std::string(text) + "' gives " + fmt::format("{:g}", *count) + " and " +
                  fmt::format("{:g}", *one.second) + " (run once per count)";
      return tl::unexpected(e);
    }
    if (one.second) count = one.second;
  }
  if (all.empty()) return ParseOneGpu(gpus, std::string(text));  // the empty name's own error
  return std::make_pair(all, count);
}

namespace {

// What people call the vendors gpuscout names by their short id.
std::string VendorAlias(const std::string& name) {
  static const std::map<std::string, std::string> kAliases = {
      {"amazon", "aws"},       {"amazon-web-services", "aws"}, {"ec2", "aws"},        {"google", "gcp"},
      {"google-cloud", "gcp"}, {"microsoft", "azure"},         {"aliyun", "alibaba"}, {"alibaba-cloud", "alibaba"},
      {"oracle", "oci"},       {"qcloud", "tencent"},          {"tencent-cloud", "tencent"}, {"lambda-labs", "lambda"},
      {"vastai", "vast"},      {"vast.ai", "vast"}};
  auto it = kAliases.find(name);
  return it == kAliases.end() ? "" : it->second;
}

}  // namespace

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
      if (auto alias = VendorAlias(v); !alias.empty() && known.count(alias)) near.insert(near.begin(), alias);
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

namespace {

bool Matches(const Offer& o, const OfferQuery& q, const std::set<std::string>& gpu_names, const RegionPattern& region) {
  if (!gpu_names.empty() && !gpu_names.count(o.gpu)) return false;
  if (q.gpu_count && std::abs(o.gpu_count - *q.gpu_count) > 1e-9) return false;
  if (!q.vendors.empty() && std::find(q.vendors.begin(), q.vendors.end(), o.vendor) == q.vendors.end()) return false;
  if (!region.Matches(o.region)) return false;
  if (q.min_gpu_mem_gib && (!o.gpu_mem_gib || *o.gpu_mem_gib + 1e-9 < *q.min_gpu_mem_gib)) return false;
  if (q.spot && !o.spot_price_hour) return false;
  if (q.max_price) {
    const auto& p = q.spot ? o.spot_price_hour : o.price_hour;
    if (!p || q.rate.Convert(*p, o.currency, q.currency.value_or(Currency::kUSD)) > *q.max_price + 1e-12) return false;
  }
  return true;
}

// The cheapest region (and zone) per instance type, as `sky show-gpus` lists.
std::vector<const Offer*> CheapestPerType(const std::vector<const Offer*>& kept, const OfferQuery& q) {
  std::map<std::pair<std::string, std::string>, const Offer*> best;
  for (const Offer* o : kept) {
    auto [it, fresh] = best.emplace(std::make_pair(o->vendor, o->instance_type), o);
    if (fresh) continue;
    const auto mine = SortPriceUsd(*o, q);
    const auto theirs = SortPriceUsd(*it->second, q);
    if (PriceLess(mine, theirs) || (mine == theirs && KeyLess(*o, *it->second))) it->second = o;
  }
  std::vector<const Offer*> out;
  for (auto& [k, o] : best) out.push_back(o);
  return out;
}

void SortOffers(std::vector<const Offer*>& kept, const OfferQuery& q) {
  auto per_gpu = [&](const Offer& o) -> std::optional<double> {
    auto p = SortPriceUsd(o, q);
    if (!p) return p;
    return *p / o.gpu_count;
  };
  std::sort(kept.begin(), kept.end(), [&](const Offer* a, const Offer* b) {
    std::optional<double> ka = SortPriceUsd(*a, q), kb = SortPriceUsd(*b, q);
    if (q.sort == OfferSort::kPricePerGpu) {
      ka = per_gpu(*a);
      kb = per_gpu(*b);
    } else if (q.sort == OfferSort::kGpuMem) {
      // Most memory per GPU first (what decides whether a model fits), then price.
      const double ma = a->gpu_mem_gib.value_or(-1), mb = b->gpu_mem_gib.value_or(-1);
      if (ma != mb) return ma > mb;
    }
    if (ka != kb) return PriceLess(ka, kb);
    return KeyLess(*a, *b);
  });
}

OfferRow RowOf(const Offer& o, const OfferQuery& q, const std::vector<PriceOrigin>& origins) {
  OfferRow r;
  r.offer = &o;
  if (o.price_origin < origins.size()) {
    r.price_origin = &origins[o.price_origin];
    r.price_age_days = AgeDays(*r.price_origin, q.today);
  }
  r.currency = q.currency.value_or(o.currency);
  r.price_hour = Convert(o.price_hour, o.currency, r.currency, q.rate);
  r.price_hour_max = Convert(o.price_hour_max, o.currency, r.currency, q.rate);
  r.spot_price_hour = Convert(o.spot_price_hour, o.currency, r.currency, q.rate);
  r.spot_interruption = o.spot_interruption;
  r.availability = o.availability;
  r.reserved_hour = Convert(o.reserved_hour, o.currency, r.currency, q.rate);
  r.monthly_price = Convert(o.monthly_price, o.currency, r.currency, q.rate);
  r.monthly_price_max = Convert(o.monthly_price_max, o.currency, r.currency, q.rate);
  return r;
}

}  // namespace

Result<RegionPattern> CompileRegion(const Catalog& catalog, const std::string& pattern) {
  GS_TRY(region, RegionPattern::Compile(pattern));
  if (pattern.empty()) return region;
  std::set<std::string> names;
  for (const auto& o : catalog.offers()) {
    if (region.Matches(o.region)) return region;
    names.insert(o.region);
  }
  const auto near = Closest(ToLower(pattern), std::vector<std::string>(names.begin(), names.end()));
  return tl::unexpected(OptionError("region", "no region of the catalog matches '" + pattern + "'" +
                                                  (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?")));
}

Result<OfferAnswer> RunOfferQuery(const Catalog& catalog, const OfferQuery& q) {
  GS_TRY(region, CompileRegion(catalog, q.region_regex));
  std::set<std::string> gpu_names;
  for (const auto* s : q.gpus) gpu_names.insert(s->name);
  std::vector<const Offer*> kept;
  for (const auto& o : catalog.offers()) {
    if (Matches(o, q, gpu_names, region)) kept.push_back(&o);
  }
  if (!q.all_regions) kept = CheapestPerType(kept, q);
  std::set<Currency> currencies;
  for (const Offer* o : kept) currencies.insert(o->currency);
  SortOffers(kept, q);
  OfferAnswer answer;
  answer.mixed_currencies = currencies.size() > 1 || (q.currency && !currencies.empty() && *currencies.begin() != *q.currency);
  for (const Offer* o : kept) answer.rows.push_back(RowOf(*o, q, catalog.price_origins()));
  answer.price_ages = catalog.PriceAgesOf(kept, q.today, q.max_price_age_days);
  answer.max_price_age_days = q.max_price_age_days;
  return answer;
}

}  // namespace gpuscout
