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
  Currency currency = Currency::kUSD;
  std::string where;                      // the URL (and page) it came from
};

// What one vendor's fetch brought back.
struct VendorPrices {
  std::string vendor;
  std::string api;            // the API's base URL
  std::vector<FetchedPrice> prices;
  std::vector<std::string> notes;  // what was not fetched and why ("spot kept from the snapshot: ...")
  size_t requests = 0;
  size_t bytes = 0;
};

}  // namespace gpuscout
