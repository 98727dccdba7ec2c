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

// The discount off on demand of a commitment where no reserved price is
// published (data/facts.csv, with its derivation in data/SOURCES.md):
// reserved 1 year 37%, 3 years 72%, savings plans 1 year 34%, 3 years 66%.
// Other vendors' discounts are not in the data: the same defaults are
// applied and marked as assumptions. 0 for on demand, spot and monthly.
double CommitmentDiscount(Purchase p);
// Vendors that sell no hourly commitment (monthly or yearly subscriptions).
bool SellsHourlyCommitments(const std::string& vendor);

}  // namespace gpuscout
