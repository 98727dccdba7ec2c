// One price a vendor's API gave for an instance type in a region, before it
// is joined with the hardware the catalog knows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"

namespace gpuscout {

struct FetchedPrice {
  std::string instance_type;  // as the vendor names it
  std::string region;
  std::optional<double> price_hour;       // on demand (pay as you go)
  std::optional<double> spot_price_hour;  // spot, preemptible, low priority
  std::optional<double> reserved_hour;
  std::string reserved_term;              // "1y no upfront"
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
  std::vector<std::string> notes;  // what was not fetched and why ("spot kept from the snapshot: ...")
  size_t requests = 0;
  size_t bytes = 0;
};

}  // namespace gpuscout
