// One price a vendor's API gave for an instance type in a region, before it
// is joined with the hardware the catalog knows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/message.h"
#include "base/money.h"

namespace gpuscout {

// The hardware of an instance type as a vendor's own API describes it
// (Tencent's and Alibaba's do; the price lists of the others do not), the GPU
// named through data/vendor_families.csv.
struct FetchedHardware {
  std::string gpu;  // canonical name, a row of data/gpus.csv
  double gpu_count = 0;
  std::optional<double> gpu_mem_gib;  // per GPU (a slice's for a vGPU)
  std::optional<double> vcpus;
  std::optional<double> mem_gib;
};

struct FetchedPrice {
  std::string instance_type;  // as the vendor names it
  std::string region;
  std::string zone;           // set where the API prices per zone: the offer is that zone's only
  std::optional<double> price_hour;       // on demand (pay as you go)
  std::optional<double> spot_price_hour;  // spot, preemptible, low priority
  std::optional<double> reserved_hour;
  std::string reserved_term;              // "1y no upfront"
  std::optional<double> monthly_price;    // subscription (包年包月), per month
  std::string availability;               // "sold-out", or empty
  std::optional<FetchedHardware> hardware;  // where the API describes it
  std::string spot_interruption;          // AWS Spot Instance Advisor's monthly band ("<5%")
  Currency currency = Currency::kUSD;
  std::string where;                      // the URL (and page) it came from
};

// A spot price of one zone (AWS prices spot per availability zone).
struct ZoneSpot {
  std::string instance_type;
  std::string region;
  std::string zone;  // the zone ID the catalog uses ("use1-az1")
  double price = 0;
};

// What one vendor's fetch brought back.
struct VendorPrices {
  std::string vendor;
  std::string api;            // the API's base URL
  std::vector<FetchedPrice> prices;
  std::vector<ZoneSpot> zone_spots;  // per-zone spot prices, over the regional ones
  std::vector<Message> notes;  // what was not fetched and why, rendered by the front end
  size_t requests = 0;
  size_t bytes = 0;
};

}  // namespace gpuscout
