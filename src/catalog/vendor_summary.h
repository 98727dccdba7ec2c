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

// One inter-node transport a vendor offers (data/network_facts.csv).
struct RdmaOption {
  std::string technology;  // EFA, InfiniBand, eRDMA, RoCE
  std::vector<std::string> instance_types;
  double max_gbps = 0;     // per node; 0 when the table gives no figure
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
  std::vector<RdmaOption> rdma;    // technologies with the instance types that have them
  size_t without_rdma = 0;         // instance types the table says have none
  size_t rdma_unknown = 0;         // instance types the table does not cover
  PriceAge price_age;              // the oldest of its prices summarised
};

// `gpus` empty: every GPU. Prices in `currency` at `rate`.
std::vector<VendorSummary> SummariseVendors(const Catalog& catalog, const std::vector<const GpuSpec*>& gpus,
                                            Currency currency, const ExchangeRate& rate,
                                            int max_price_age_days = kDefaultMaxPriceAgeDays);

}  // namespace gpuscout
