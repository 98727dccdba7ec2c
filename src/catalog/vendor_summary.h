// Per-vendor facts computed from the catalog (`gpuscout vendors`): where GPUs
// are offered, which, at what price per GPU-hour, spot and commitments, and
// the largest single node. Statements the data cannot support (stock
// shortages) are not made.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "catalog/catalog.h"

namespace gpuscout {

struct GpuPrices {
  std::string gpu;
  size_t offers = 0;  // with an on-demand price and at least one whole GPU
  double median_per_gpu_hour = 0;
  double cheapest_per_gpu_hour = 0;
  const Offer* cheapest = nullptr;
};

struct VendorSummary {
  std::string vendor;
  std::vector<std::string> regions;
  size_t zones = 0;
  std::vector<std::string> gpus;
  std::vector<GpuPrices> prices;
  size_t offers = 0;
  size_t priced = 0;       // with an on-demand price
  size_t with_spot = 0;    // with a spot price
  std::optional<double> median_spot_discount;  // 1 - spot / on demand, over offers with both
  size_t with_reserved = 0;
  size_t with_monthly = 0;
  const Offer* largest = nullptr;  // most GPUs, then most GPU memory
};

// `gpus` empty: every GPU. Prices in `currency` at `rate`.
std::vector<VendorSummary> SummariseVendors(const Catalog& catalog, const std::vector<const GpuSpec*>& gpus,
                                            Currency currency, const ExchangeRate& rate);

}  // namespace gpuscout
