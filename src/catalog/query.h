// `offers` as a library call: filter, pick the cheapest region, convert, sort.
// Returns data; printing is the CLI's job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/money.h"
#include "catalog/catalog.h"
#include "catalog/region_pattern.h"

namespace gpuscout {

// kGpuMem: most memory per GPU first, then price.
enum class OfferSort { kPrice, kPricePerGpu, kGpuMem };

struct OfferQuery {
  std::vector<const GpuSpec*> gpus;       // empty: any GPU
  std::optional<double> gpu_count;        // exact GPUs per instance
  std::vector<std::string> vendors;       // empty: every vendor
  std::string region_regex;               // empty: every region; case-insensitive search
  std::optional<double> min_gpu_mem_gib;  // per GPU
  std::optional<double> max_price;        // per hour, in `currency` (USD when not set)
  bool spot = false;                      // only offers with a spot price; filter and sort by it
  bool all_regions = false;               // false: the cheapest region per instance type
  OfferSort sort = OfferSort::kPrice;
  std::optional<Currency> currency;       // nullopt: each offer in its own currency
  ExchangeRate rate;
  std::chrono::sys_days today = Today();  // the prices' ages count from it
  int max_price_age_days = kDefaultMaxPriceAgeDays;
};

// One offer as shown: prices in the display currency.
struct OfferRow {
  const Offer* offer = nullptr;
  Currency currency = Currency::kUSD;
  std::optional<double> price_hour;
  std::optional<double> price_hour_max;
  std::optional<double> spot_price_hour;
  std::string spot_interruption;  // AWS Spot Instance Advisor's band, when a refresh fetched it
  std::string availability;       // "sold-out" when the vendor's API said so
  std::optional<double> reserved_hour;
  std::optional<double> monthly_price;
  std::optional<double> monthly_price_max;
  const PriceOrigin* price_origin = nullptr;  // where and when the price is from
  std::optional<int> price_age_days;          // nullopt: its date is not recorded
};

struct OfferAnswer {
  std::vector<OfferRow> rows;
  std::vector<PriceAge> price_ages;  // per vendor shown, the oldest price
  int max_price_age_days = kDefaultMaxPriceAgeDays;
  bool mixed_currencies = false;  // sorted or converted across USD and CNY: state the rate
};

Result<OfferAnswer> RunOfferQuery(const Catalog& catalog, const OfferQuery& query);

// The --region pattern compiled; one that matches no region of the catalog
// is refused (errors name --region, with "did you mean" among the regions).
Result<RegionPattern> CompileRegion(const Catalog& catalog, const std::string& pattern);

// "A100-80GB:8" -> the GPUs it names and the count; errors name --gpu.
Result<std::pair<std::vector<const GpuSpec*>, std::optional<double>>> ParseGpuFilter(
    const GpuTable& gpus, std::string_view text);

// Checks vendor names against the catalog ("did you mean").
Result<std::vector<std::string>> ParseVendorList(const Catalog& catalog, std::string_view text);

}  // namespace gpuscout
