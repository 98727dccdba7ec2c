#include "catalog/vendor_summary.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/statistics.h"

namespace gpuscout {

std::vector<VendorSummary> SummariseVendors(const Catalog& catalog, const std::vector<const GpuSpec*>& gpus,
                                            Currency currency, const ExchangeRate& rate, int max_price_age_days) {
  std::set<std::string> wanted;
  for (auto* g : gpus) wanted.insert(g->name);
  std::map<std::string, std::vector<const Offer*>> by_vendor;
  for (const auto& o : catalog.offers()) {
    if (!wanted.empty() && !wanted.count(o.gpu)) continue;
    by_vendor[o.vendor].push_back(&o);
  }
  std::vector<VendorSummary> out;
  for (auto& [vendor, offers] : by_vendor) {
    VendorSummary v;
    v.vendor = vendor;
    v.offers = offers.size();
    v.price_age = catalog.PriceAgesOf(offers, Today(), max_price_age_days).front();
    std::set<std::string> regions, zones, names;
    std::map<std::string, std::vector<std::pair<double, const Offer*>>> per_gpu;
    std::vector<double> discounts;
    std::map<std::string, RdmaOption> rdma;
    std::set<std::string> types_none, types_unknown;
    for (const Offer* o : offers) {
      if (o->rdma.empty()) {
        types_unknown.insert(o->instance_type);
      } else if (o->rdma == "none") {
        types_none.insert(o->instance_type);
      } else {
        RdmaOption& r = rdma[o->rdma];
        r.technology = o->rdma;
        if (std::find(r.instance_types.begin(), r.instance_types.end(), o->instance_type) == r.instance_types.end()) {
          r.instance_types.push_back(o->instance_type);
        }
        r.max_gbps = std::max(r.max_gbps, o->rdma_gbps.value_or(0));
      }
      regions.insert(o->region);
      if (!o->zone.empty()) zones.insert(o->zone);
      names.insert(o->gpu);
      if (o->price_hour) ++v.priced;
      if (o->spot_price_hour) ++v.with_spot;
      if (o->reserved_hour) ++v.with_reserved;
      if (o->monthly_price) ++v.with_monthly;
      if (o->price_hour && o->spot_price_hour) discounts.push_back(1 - *o->spot_price_hour / *o->price_hour);
      if (o->price_hour && o->gpu_count >= 1) {
        per_gpu[o->gpu].emplace_back(rate.Convert(*o->price_hour, o->currency, currency) / o->gpu_count, o);
      }
      const double mem = o->gpu_mem_gib.value_or(0) * o->gpu_count;
      if (!v.largest || o->gpu_count > v.largest->gpu_count ||
          (o->gpu_count == v.largest->gpu_count && mem > v.largest->gpu_mem_gib.value_or(0) * v.largest->gpu_count)) {
        v.largest = o;
      }
    }
    for (auto& [tech, r] : rdma) v.rdma.push_back(std::move(r));
    v.without_rdma = types_none.size();
    v.rdma_unknown = types_unknown.size();
    v.regions.assign(regions.begin(), regions.end());
    v.zones = zones.size();
    v.gpus.assign(names.begin(), names.end());
    if (!discounts.empty()) v.median_spot_discount = Median(discounts);
    for (auto& [gpu, list] : per_gpu) {
      GpuPrices p;
      p.gpu = gpu;
      p.offers = list.size();
      std::vector<double> values;
      for (auto& [price, o] : list) values.push_back(price);
      p.median_per_gpu_hour = Median(values);
      auto cheapest = std::min_element(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
      });
      p.cheapest_per_gpu_hour = cheapest->first;
      p.cheapest = cheapest->second;
      v.prices.push_back(p);
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace gpuscout
