// GCP: the Cloud Billing Catalog API's Compute Engine SKUs with the user's API
// key (GOOGLE_API_KEY, sent as the X-goog-api-key header): GET
// https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?currencyCode=USD,
// paged by nextPageToken. A VM
// with GPUs is priced as the snapshot's GCP rows are: its family's per-vCPU
// and per-GiB rates ("A2 Instance Core running in Americas", "N1 Predefined
// Instance Ram running in ...") times the type's vCPUs and memory, plus the
// GPU's rate ("Nvidia Tesla T4 GPU running in ...") times its count, per
// region; spot from the Preemptible SKUs the same way. The hardware is the
// catalog's.
// https://cloud.google.com/billing/docs/reference/rest/v1/services.skus/list
#pragma once

#include <map>
#include <string>
#include <tuple>

#include "refresh/fetched_price.h"
#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kGcpBase = "https://cloudbilling.googleapis.com";
inline constexpr const char* kGcpComputeService = "6F81-5844-456A";

// One component's hourly rate per region, from the SKUs read so far.
struct GcpRates {
  // (kind, key, region, spot) -> USD per unit-hour; kind "core" and "ram"
  // keyed by family ("N1", "A2"), "gpu" by canonical GPU name.
  std::map<std::tuple<std::string, std::string, std::string, bool>, double> rate;
};

// Adds one page's SKUs to `rates`; the page's nextPageToken (empty at the
// end). Malformed JSON or a field of the wrong type fails with exit 2.
Result<std::string> ReadGcpSkuPage(const std::string& body, const std::string& url, const GpuTable& gpus, GcpRates& rates);

Result<VendorPrices> FetchGcp(const FetchContext& ctx);

}  // namespace gpuscout
