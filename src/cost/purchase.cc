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

const PurchaseTerm* CommitmentTerm(const std::string& vendor, Purchase p) {
  if (TermMonths(p) < 12) return nullptr;
  return EmbeddedPurchases().Find(vendor, PurchaseName(p));
}

bool SellsHourlyCommitments(const std::string& vendor) {
  const auto& none = EmbeddedFacts().no_hourly_commitments;
  return std::find(none.begin(), none.end(), vendor) == none.end();
}

bool VendorSells(const Offer& o, Purchase p) {
  switch (p) {
    case Purchase::kOnDemand:
    case Purchase::kSpot: return true;
    case Purchase::kMonthly: return !SellsHourlyCommitments(o.vendor) || o.monthly_price.has_value();
    default: return CommitmentTerm(o.vendor, p) != nullptr || (p == Purchase::kReserved1y && o.reserved_hour);
  }
}

bool SustainedUseEligible(const Offer& o) {
  if (o.vendor != "gcp" || o.instance_type.rfind("n1-", 0) != 0) return false;
  return o.gpu.rfind("A100", 0) != 0 && o.gpu.rfind("H100", 0) != 0 && o.gpu != "L4";
}

double SustainedUseShare(double hours_in_month) {
  const double f = std::clamp(hours_in_month / kHoursPerMonth, 0.0, 1.0);
  if (f <= 0) return 1;
  const double rates[] = {1.0, 0.8, 0.6, 0.4};
  double paid = 0;
  for (int q = 0; q < 4; ++q) paid += rates[q] * std::clamp(f - 0.25 * q, 0.0, 0.25);
  return paid / f;
}

}  // namespace gpuscout
