// The whole job's cost (issue #20): the instances' hours as the vendor bills
// them (its billing unit, data/billing.csv), what spot interruptions add,
// block storage for as long as it is provisioned and internet egress in the
// vendor's monthly tiers (data/job_prices.csv), less a negotiated discount.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/money.h"
#include "catalog/offer.h"
#include "cost/cost_model.h"
#include "cost/discount.h"
#include "facts/job_prices.h"

namespace gpuscout {

struct JobTerms {
  double disk_gb = 0;    // block storage per instance
  double egress_gb = 0;  // to the internet, per month of use (a job of a month or less: once)
  std::vector<Discount> discounts;
};

// One option's total in parts, in the offer's (or the answer's) currency.
struct CostParts {
  double compute = 0;       // the hours billed at the option's rate (spares, re-runs excluded)
  double interruption = 0;  // spot: re-run work, restarts and their billing rounding, spare instances
  double storage = 0;
  double egress = 0;
  double discount = 0;      // taken off compute and interruption (0 to their sum)
  double total() const { return compute + interruption + storage + egress - discount; }
  CostParts Converted(const ExchangeRate& rate, Currency from, Currency to) const;
};

// The parts and what they rest on; the pointers are rows of the compiled-in
// tables (EmbeddedJobPrices), null when the part was not asked for.
struct CostSplit {
  CostParts parts;
  double discount_pct = 0;             // the share applied, percent
  double billed_hours = 0;             // per instance, the run as billed (a job on demand or spot); 0: not rounded
  const BillingRule* billing = nullptr;
  const JobPrice* disk = nullptr;      // its assumed() marks the default price
  const JobPrice* egress = nullptr;    // the first tier
  bool egress_unknown = false;         // egress asked, no published price: not counted
};

// Splits `c` (PriceOption's answer for `usage`) into its parts and adds the
// storage and egress of `terms`; updates c.total and c.effective_hourly.
// `spot` and `instances` as PriceOption took them.
CostSplit ApplyJobTerms(const Offer& offer, const Usage& usage, const SpotParams& spot, int instances,
                        const JobTerms& terms, const ExchangeRate& rate, OptionCost& c);

// ApplyJobTerms over many candidates (recommend): each offer's billing
// rule, disk price and monthly egress looked up once.
class JobPricer {
 public:
  JobPricer(JobTerms terms, ExchangeRate rate) : terms_(std::move(terms)), rate_(rate) {}
  CostSplit Apply(const Offer& offer, const Usage& usage, const SpotParams& spot, int instances, OptionCost& c);

  // What the terms cost on one offer, before the usage.
  struct Prices {
    const BillingRule* billing = nullptr;
    const JobPrice* disk = nullptr;
    const JobPrice* egress = nullptr;  // the first tier; null: no published price
    double egress_month = 0;           // the terms' egress for a month, in the tiers' currency
  };
  static Prices Lookup(const Offer& offer, const JobTerms& terms);

 private:
  JobTerms terms_;
  ExchangeRate rate_;
  std::unordered_map<const Offer*, Prices> cache_;
};

// Egress of `gb` in a month through `tiers` (lowest first), in the tiers' currency.
double TieredEgress(const std::vector<const JobPrice*>& tiers, double gb);

// `hours` rounded up to the billing unit, at least the minimum.
double BilledHours(const BillingRule& rule, double hours);

}  // namespace gpuscout

namespace gpuscout {

// The rules the parts rest on, once per vendor (billing unit, discount) and
// per vendor and region (disk, egress) of the offers an answer shows.
std::vector<Message> DescribeJobTerms(const std::vector<std::pair<const Offer*, Purchase>>& shown, const JobTerms& terms);

}  // namespace gpuscout
