// Purchase options and the published discounts gpuscout assumes where a
// source gives no price.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gpuscout {

enum class Purchase { kOnDemand, kSpot, kReserved1y, kReserved3y, kSavings1y, kSavings3y, kMonthly };

inline constexpr Purchase kAllPurchases[] = {Purchase::kOnDemand,   Purchase::kSpot,
                                             Purchase::kReserved1y, Purchase::kReserved3y,
                                             Purchase::kSavings1y,  Purchase::kSavings3y,
                                             Purchase::kMonthly};

std::string_view PurchaseName(Purchase p);
std::optional<Purchase> ParsePurchase(std::string_view s);
// Commitment term in months (0: none).
int TermMonths(Purchase p);

inline constexpr double kHoursPerMonth = 730;  // 8760 / 12
inline constexpr double kHoursPerYear = 8760;

// Discounts off on demand where no reserved price is published:
// - reserved 1 year: 37%, the median reserved/on-demand ratio (0.630; range
//   0.615-0.704) of the 803 AWS rows of the Vantage data that publish both,
//   which is where 1-year terms sit (data/sources/aws/vantage_gpu_prices.csv);
// - reserved 3 years: 72%, AWS's "up to 72%" for Reserved Instances (an
//   upper bound: all upfront);
// - savings plans 3 years: 66%, AWS's "up to 66%" for Compute Savings Plans;
// - savings plans 1 year: 34% = 66% x 37/72, the same 1-year/3-year ratio as
//   reserved instances (a derivation, not a published figure).
// Other vendors' commitment discounts are not in the data: the same defaults
// are applied and marked as assumptions.
inline constexpr double kReserved1yDiscount = 0.37;
inline constexpr double kReserved3yDiscount = 0.72;
inline constexpr double kSavings1yDiscount = 0.34;
inline constexpr double kSavings3yDiscount = 0.66;

}  // namespace gpuscout
