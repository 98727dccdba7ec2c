// OCI: the public price list of Oracle's cost estimator (no credentials), one
// GET. GPU shapes are priced per GPU-hour by a product named
// "Compute - GPU - <model>" (metric "GPU Per Hour"); a shape costs its GPU
// count times that, the same in every region. Preemptible capacity is half
// the on-demand price, as Oracle documents.
// https://docs.oracle.com/en-us/iaas/Content/Compute/Concepts/preemptible.htm
#pragma once

#include "refresh/per_gpu.h"

namespace gpuscout {

inline constexpr const char* kOciPriceListBase = "https://apexapps.oracle.com";

// <base>/pls/apex/cetools/api/v1/products/?currencyCode=USD
std::string OciPriceListUrl(const std::string& base);

// The GPU rates of one answer; malformed JSON or a field of the wrong type
// fails with exit 2 naming `url`.
Result<std::vector<GpuRate>> ReadOciProducts(const std::string& body, const std::string& url, const GpuTable& gpus);

Result<VendorPrices> FetchOci(const FetchContext& ctx);

}  // namespace gpuscout
