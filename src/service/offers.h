// The `offers` question as typed by a user (CLI options or API query
// parameters), turned into a catalog query.
#pragma once

#include <optional>
#include <string>

#include "catalog/query.h"

namespace gpuscout {

struct OffersArgs {
  std::string gpu;     // "A100-80GB:8"
  std::string vendor;  // comma-separated
  std::string region;  // regular expression
  std::optional<double> min_gpu_mem;
  std::optional<double> max_price;
  bool spot = false;
  bool all_regions = false;
  std::string sort = "price";  // price, price-per-gpu, gpu-mem
  std::optional<size_t> limit;
  int max_price_age_days = kDefaultMaxPriceAgeDays;  // older prices are flagged stale
};

// Errors name the option (--gpu, --vendor, --sort ...).
Result<OfferAnswer> FindOffers(const Catalog& catalog, const OffersArgs& a, std::optional<Currency> currency,
                               const ExchangeRate& rate);

}  // namespace gpuscout
