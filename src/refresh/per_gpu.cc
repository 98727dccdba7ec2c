#include "refresh/per_gpu.h"

#include <algorithm>
#include <set>

namespace gpuscout {
namespace {

bool HasVariant(const std::string& type, const std::string& variant) {
  return variant.empty() || type.ends_with("_" + variant);
}

// The one GPU of `rate` the vendor's catalog offers carry; null when none or several.
const GpuSpec* VendorGpu(const GpuRate& rate, const std::set<std::string>& vendor_gpus) {
  const GpuSpec* found = nullptr;
  for (const GpuSpec* g : rate.gpus) {
    if (!vendor_gpus.count(g->name)) continue;
    if (found) return nullptr;
    found = g;
  }
  return found;
}

FetchedPrice Unknown(const GpuRate& rate) {
  FetchedPrice p;
  p.instance_type = rate.name + (rate.variant.empty() ? "" : " (" + rate.variant + ")");
  p.price_hour = rate.on_demand;
  return p;
}

}  // namespace

std::vector<FetchedPrice> PriceByGpu(const std::string& vendor, const std::vector<GpuRate>& rates,
                                     const FetchContext& ctx) {
  static const std::vector<Offer> kNone;
  const std::vector<Offer>& offers = ctx.catalog ? ctx.catalog->offers() : kNone;
  std::set<std::string> vendor_gpus;
  for (const Offer& o : offers) {
    if (o.vendor == vendor) vendor_gpus.insert(o.gpu);
  }
  const std::set<std::string> regions(ctx.regions.begin(), ctx.regions.end());
  std::vector<FetchedPrice> out;
  for (const GpuRate& rate : rates) {
    const GpuSpec* gpu = VendorGpu(rate, vendor_gpus);
    if (!gpu || !rate.on_demand) {
      out.push_back(Unknown(rate));
      continue;
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (const Offer& o : offers) {
      if (o.vendor != vendor || o.gpu != gpu->name || !HasVariant(o.instance_type, rate.variant) ||
          !regions.count(o.region) || !seen.insert({o.instance_type, o.region}).second) {
        continue;
      }
      FetchedPrice p;
      p.instance_type = o.instance_type;
      p.region = o.region;
      p.price_hour = o.gpu_count * *rate.on_demand;
      if (rate.spot) p.spot_price_hour = o.gpu_count * *rate.spot;
      p.where = rate.where;
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace gpuscout
