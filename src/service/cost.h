// The `cost` question: one instance type priced under every purchase option
// over a usage profile, or across every region it is offered in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/catalog.h"
#include "cost/cost_model.h"
#include "service/job_terms.h"

namespace gpuscout {

struct CostArgs {
  std::string vendor, instance, region;
  double hours_per_month = kHoursPerMonth;
  double months = 1;
  bool all_regions = false;
  std::optional<double> interruptions;
  std::optional<double> job_hours;  // one job of this many hours instead of hours_per_month x months
  JobTermArgs job;                  // disk, egress, discounts
  int max_price_age_days = kDefaultMaxPriceAgeDays;  // older prices are flagged stale
};

struct RegionPrice {
  const Offer* offer = nullptr;  // the region's cheapest zone
  std::optional<double> price_hour, spot_price_hour, reserved_hour;  // output currency
  std::optional<double> vs_cheapest_pct;
};

struct CostAnswer {
  Currency currency = Currency::kUSD;
  CostArgs args;
  const Offer* offer = nullptr;       // one region: the offer priced
  std::vector<OptionCost> options;    // one region: every purchase option
  std::vector<CostParts> parts;       // each option's total in parts (same order)
  std::vector<Message> terms;         // the billing unit, disk, egress and discounts the parts rest on
  std::vector<RegionPrice> regions;   // --all-regions: cheapest first
  bool converted = false;             // prices converted from the offer's currency
  std::vector<PriceAge> price_ages;   // how old the prices priced are
};

// Errors name the option (--instance with "did you mean", --region, --months ...).
Result<CostAnswer> PriceInstance(const Catalog& catalog, const CostArgs& a, std::optional<Currency> currency,
                                 const ExchangeRate& rate);

}  // namespace gpuscout
