#include "refresh/join.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/strings.h"

namespace gpuscout {
namespace {

// The vendor's offers by instance type (lower case), and by type and region.
struct VendorIndex {
  std::map<std::string, const Offer*> hardware;
  std::map<std::pair<std::string, std::string>, std::vector<const Offer*>> zones;
};

VendorIndex IndexVendor(const Catalog& base, const std::string& vendor) {
  VendorIndex ix;
  for (const Offer& o : base.offers()) {
    if (o.vendor != vendor) continue;
    const std::string type = ToLower(o.instance_type);
    ix.hardware.emplace(type, &o);
    ix.zones[{type, o.region}].push_back(&o);
  }
  return ix;
}

// The fetched prices with one entry per (instance type, region, zone).
std::vector<FetchedPrice> Merged(const std::vector<FetchedPrice>& prices) {
  std::map<std::tuple<std::string, std::string, std::string>, FetchedPrice> by_key;
  for (const FetchedPrice& p : prices) {
    auto [it, fresh] = by_key.emplace(std::tuple{ToLower(p.instance_type), p.region, p.zone}, p);
    if (fresh) continue;
    FetchedPrice& m = it->second;
    if (!m.price_hour) m.price_hour = p.price_hour;
    if (!m.spot_price_hour) m.spot_price_hour = p.spot_price_hour;
    if (m.spot_interruption.empty()) m.spot_interruption = p.spot_interruption;
    if (!m.monthly_price) m.monthly_price = p.monthly_price;
    if (m.availability.empty()) m.availability = p.availability;
    if (!m.hardware) m.hardware = p.hardware;
    if (!m.reserved_hour) {
      m.reserved_hour = p.reserved_hour;
      m.reserved_term = p.reserved_term;
    }
  }
  std::vector<FetchedPrice> out;
  for (auto& [key, p] : by_key) out.push_back(std::move(p));
  return out;
}

Offer Priced(const Offer& hw, const FetchedPrice& p, const std::string& zone) {
  Offer o;
  o.vendor = hw.vendor;
  o.instance_type = hw.instance_type;
  o.region = p.region;
  o.zone = zone;
  o.gpu = hw.gpu;
  o.gpu_count = hw.gpu_count;
  o.gpu_mem_gib = hw.gpu_mem_gib;
  o.vcpus = hw.vcpus;
  o.mem_gib = hw.mem_gib;
  o.price_hour = p.price_hour;
  o.spot_price_hour = p.spot_price_hour;
  o.reserved_hour = p.reserved_hour;
  o.reserved_term = p.reserved_term;
  o.monthly_price = p.monthly_price;
  o.spot_interruption = p.spot_interruption;
  o.availability = p.availability;
  o.currency = p.currency;
  o.network = hw.network;
  o.rdma = hw.rdma;
  o.rdma_gbps = hw.rdma_gbps;
  o.source = p.where;
  return o;
}

// The hardware a vendor's own API gave for a type the catalog does not know.
Offer DescribedHardware(const std::string& vendor, const FetchedPrice& p) {
  Offer o;
  o.vendor = vendor;
  o.instance_type = p.instance_type;
  o.gpu = p.hardware->gpu;
  o.gpu_count = p.hardware->gpu_count;
  o.gpu_mem_gib = p.hardware->gpu_mem_gib;
  o.vcpus = p.hardware->vcpus;
  o.mem_gib = p.hardware->mem_gib;
  return o;
}

}  // namespace

JoinedPrices JoinPrices(const VendorPrices& fetched, const Catalog& base, bool keep_spot) {
  const VendorIndex ix = IndexVendor(base, fetched.vendor);
  std::map<std::tuple<std::string, std::string, std::string>, double> zone_spot;
  for (const ZoneSpot& z : fetched.zone_spots) zone_spot[{ToLower(z.instance_type), z.region, z.zone}] = z.price;
  JoinedPrices out;
  std::set<std::string> unknown;
  std::vector<Offer> described;  // kept alive: Priced copies from them
  described.reserve(fetched.prices.size());
  for (const FetchedPrice& p : Merged(fetched.prices)) {
    const std::string type = ToLower(p.instance_type);
    auto hw = ix.hardware.find(type);
    const Offer* hardware = hw != ix.hardware.end() ? hw->second : nullptr;
    if (!hardware && p.hardware) hardware = &described.emplace_back(DescribedHardware(fetched.vendor, p));
    if (!hardware) {
      unknown.insert(p.instance_type);
      continue;
    }
    if (!p.zone.empty()) {  // the API priced this zone
      out.offers.push_back(Priced(*hardware, p, p.zone));
      continue;
    }
    auto zones = ix.zones.find({type, p.region});
    if (zones == ix.zones.end()) {
      out.offers.push_back(Priced(*hardware, p, ""));
      continue;
    }
    for (const Offer* z : zones->second) {
      Offer o = Priced(*hardware, p, z->zone);
      if (auto spot = zone_spot.find({type, p.region, z->zone}); spot != zone_spot.end()) o.spot_price_hour = spot->second;
      if (!o.spot_price_hour && keep_spot && z->spot_price_hour && z->currency == o.currency) {
        o.spot_price_hour = z->spot_price_hour;
        ++out.spot_kept;
      }
      out.offers.push_back(std::move(o));
    }
  }
  out.unknown_types.assign(unknown.begin(), unknown.end());
  std::sort(out.offers.begin(), out.offers.end(), [](const Offer& a, const Offer& b) {
    return std::tie(a.instance_type, a.region, a.zone) < std::tie(b.instance_type, b.region, b.zone);
  });
  return out;
}

}  // namespace gpuscout
