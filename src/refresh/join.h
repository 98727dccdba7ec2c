// Fetched prices joined with the hardware the catalog already knows: the
// catalog never learns a GPU, a count or a memory size from a price row.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "refresh/fetched_price.h"

namespace gpuscout {

struct JoinedPrices {
  std::vector<Offer> offers;               // sorted by instance type, region, zone
  std::vector<std::string> unknown_types;  // priced, but of hardware the catalog does not know (sorted)
  size_t spot_kept = 0;                    // offers whose spot price stayed the catalog's
};

// One offer per zone the catalog lists for (instance type, region), or one
// for the region when it lists none, or the fetched price's own zone when the
// API priced per zone; the hardware (GPU, count, memory, vCPUs, network) of
// the catalog's offers of that instance type, or, for a type the catalog does
// not know, what the vendor's own API described (Tencent, Alibaba). A fetched price
// missing a spot price keeps the catalog's for that zone when `keep_spot`.
// Two prices for one (instance type, region) merge, the first one winning.
JoinedPrices JoinPrices(const VendorPrices& fetched, const Catalog& base, bool keep_spot);

}  // namespace gpuscout
