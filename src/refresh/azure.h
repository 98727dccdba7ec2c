// Azure: the Retail Prices API (no credentials), one query per region for
// Virtual Machines at consumption prices, followed page by page through
// NextPageLink. Only the N-series sizes (Standard_N*: the GPU sizes) are
// kept. Windows rows are left out; "<size> Spot" SKUs are the spot
// price; "<size> Low Priority" SKUs (retired for VMs) are recognised and left out.
// https://learn.microsoft.com/en-us/rest/api/cost-management/retail-prices/azure-retail-prices
#pragma once

#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kAzureRetailBase = "https://prices.azure.com";

// The first page's URL for `region`.
std::string AzureRegionUrl(const std::string& base, const std::string& region);

// One page's JSON read into `out`; the next page's URL (empty at the end).
// Malformed JSON or a field of the wrong type fails with exit 2 naming `url`.
Result<std::string> ReadAzurePage(const std::string& body, const std::string& url, std::vector<FetchedPrice>& out);

Result<VendorPrices> FetchAzure(const FetchContext& ctx);

}  // namespace gpuscout
