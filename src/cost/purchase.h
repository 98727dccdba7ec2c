// Purchase options and the published discounts gpuscout assumes where a
// source gives no price.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "catalog/offer.h"
#include "facts/purchase_table.h"

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

// The commitment `vendor` sells as `p` (data/purchase_options.csv: its own
// name, the discount off on demand assumed where no price is published, the
// source); nullptr when it sells none (Lambda, OCI, RunPod ...) or `p` is
// not a commitment.
const PurchaseTerm* CommitmentTerm(const std::string& vendor, Purchase p);
// Vendors that sell no hourly commitment (monthly or yearly subscriptions).
bool SellsHourlyCommitments(const std::string& vendor);
// Whether the offer's vendor sells `p` at all: on demand and spot always
// (a missing price says so), commitments per data/purchase_options.csv,
// monthly by subscription vendors or where the sheet gives a monthly price.
bool VendorSells(const Offer& o, Purchase p);

// GCP's sustained use discount (its documented schedule for resources with a
// 30% maximum): each quarter of a month's hours costs 100%, 80%, 60%, 40%.
// Applies to GPUs attached to N1 VMs and the N1 host (not to A2, A3 or G2
// machine types: A100, H100, L4). The share of the list price paid for
// `hours` in one month; 1 when the offer is not eligible.
bool SustainedUseEligible(const Offer& o);
double SustainedUseShare(double hours_in_month);

}  // namespace gpuscout
