// One offer priced under every purchase option over a usage profile.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/message.h"
#include "base/money.h"
#include "catalog/offer.h"
#include "cost/purchase.h"
#include "cost/spot.h"

namespace gpuscout {

// How the instance is used: `hours_per_month` for `months` (a service), or
// one job of `job_hours` run back to back (months = job_hours / 730).
struct Usage {
  double hours_per_month = 0;
  double months = 0;
  bool job = false;  // one run: billed from start to end (cost/job_cost.h rounds it to the billing unit)
  double used_hours() const { return hours_per_month * months; }
  static Usage Job(double hours) {
    if (hours <= 0) return {0, 0, true};
    const double per_month = std::min(hours, kHoursPerMonth);
    return {per_month, hours / per_month, true};
  }
};

struct OptionCost {
  Purchase purchase = Purchase::kOnDemand;
  bool available = false;
  std::string_view why_not;    // a message key (base/message_table.cc): no price published, not sold this way ...
  double rate = 0;             // the option's own price unit: per hour, or per month (monthly)
  bool rate_assumed = false;   // a default discount, not a published price
  double total = 0;            // for the whole usage
  double effective_hourly = 0; // total / hours used
  double wall_hours = 0;       // spot: expected hours including re-runs
  // Hours per month above which this option is cheaper than on demand
  // (commitments, subscriptions); nullopt when it always or never is.
  std::optional<double> break_even_hours_per_month;
  Message note;
};

// Prices in the offer's currency. `instances` multiplies every price.
std::vector<OptionCost> PriceOptions(const Offer& offer, const Usage& usage, const SpotParams& spot,
                                     int instances = 1);
// `explain`: fill `note` and a commitment's break-even (text and the
// break-even's search cost time: the recommender prices without them).
OptionCost PriceOption(const Offer& offer, Purchase p, const Usage& usage, const SpotParams& spot,
                       int instances = 1, bool explain = true);

}  // namespace gpuscout
