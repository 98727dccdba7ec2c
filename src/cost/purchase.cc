#include "cost/purchase.h"

#include <algorithm>

#include "facts/facts.h"

namespace gpuscout {

std::string_view PurchaseName(Purchase p) {
  switch (p) {
    case Purchase::kOnDemand: return "on-demand";
    case Purchase::kSpot: return "spot";
    case Purchase::kReserved1y: return "reserved-1y";
    case Purchase::kReserved3y: return "reserved-3y";
    case Purchase::kSavings1y: return "savings-1y";
    case Purchase::kSavings3y: return "savings-3y";
    case Purchase::kMonthly: return "monthly";
  }
  return "?";
}

std::optional<Purchase> ParsePurchase(std::string_view s) {
  for (Purchase p : kAllPurchases) {
    if (PurchaseName(p) == s) return p;
  }
  return std::nullopt;
}

int TermMonths(Purchase p) {
  switch (p) {
    case Purchase::kReserved1y:
    case Purchase::kSavings1y: return 12;
    case Purchase::kReserved3y:
    case Purchase::kSavings3y: return 36;
    case Purchase::kMonthly: return 1;
    default: return 0;
  }
}

double CommitmentDiscount(Purchase p) {
  const Facts& f = EmbeddedFacts();
  switch (p) {
    case Purchase::kReserved1y: return f.reserved_1y_discount;
    case Purchase::kReserved3y: return f.reserved_3y_discount;
    case Purchase::kSavings1y: return f.savings_1y_discount;
    case Purchase::kSavings3y: return f.savings_3y_discount;
    default: return 0;
  }
}

bool SellsHourlyCommitments(const std::string& vendor) {
  const auto& none = EmbeddedFacts().no_hourly_commitments;
  return std::find(none.begin(), none.end(), vendor) == none.end();
}

}  // namespace gpuscout
