// Vast.ai: a marketplace whose prices move by the minute. One search of the
// rentable on-demand offers (no credentials); per GPU model and count, the
// median hourly price (dph_total) of the offers listed, as a buyer would see
// it, given to each catalog type of that model and count
// ("<count>x-<GPU_NAME>-<cpus>-<ram MiB>", the SkyPilot catalog's names).
// https://www.vast.ai/developers/api (GET /api/v0/bundles/: search offers);
// https://docs.vast.ai/api-reference/overview-and-quickstart
#pragma once

#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kVastBase = "https://console.vast.ai";

// The search URL: <base>/api/v0/bundles/?q=<JSON query, %-encoded>.
std::string VastSearchUrl(const std::string& base);

struct VastMedian {
  std::string gpu_name;  // as Vast writes it, spaces as underscores ("RTX_4090")
  int gpus = 0;
  double median = 0;
  size_t offers = 0;
};

// The medians of one answer's offers; malformed JSON or a field of the
// wrong type fails with exit 2 naming `url` and the offer.
Result<std::vector<VastMedian>> ReadVastOffers(const std::string& body, const std::string& url);

Result<VendorPrices> FetchVast(const FetchContext& ctx);

}  // namespace gpuscout
