// What a job costs beside its instances (issue #20): each vendor's billing
// unit (data/billing.csv), block storage per GB-month and internet egress
// in monthly tiers (data/job_prices.csv), compiled in, each row with its
// source. Region patterns: an exact region, a prefix ending in '*' (cn-*),
// or '*'; the most specific row wins.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/money.h"

namespace gpuscout {

struct BillingRule {
  std::string vendor;  // empty: the assumed hourly rule
  double granularity_s = 3600;  // the unit a run is rounded up to
  double minimum_s = 0;         // a run shorter is billed this long
  std::string source;
  bool assumed = false;  // the vendor is not in data/billing.csv: by the hour
};

struct JobPrice {
  std::string vendor;  // '*': the default for vendors without a row
  std::string item;    // disk, egress
  std::string region;  // pattern
  std::string product;
  double from_gb = 0, to_gb = std::numeric_limits<double>::infinity();  // egress: the monthly tier
  double price = 0;  // disk: per GB-month; egress: per GB
  Currency currency = Currency::kUSD;
  std::string source;
  bool assumed() const { return vendor == "*"; }
};

class JobPriceTable {
 public:
  // Errors name the file, line and column.
  static Result<JobPriceTable> Parse(std::string_view prices_csv, const std::string& prices_file,
                                     std::string_view billing_csv, const std::string& billing_file);

  // The vendor's rule, else an hour (assumed).
  const BillingRule& Billing(std::string_view vendor) const;
  // The vendor's disk price in `region`, else the assumed default ('*').
  const JobPrice& Disk(std::string_view vendor, std::string_view region) const;
  // The vendor's egress tiers in `region`, lowest first; empty: no published
  // price in the table (Vast's hosts each set their own).
  std::vector<const JobPrice*> EgressTiers(std::string_view vendor, std::string_view region) const;

 private:
  std::vector<JobPrice> prices_;
  std::vector<BillingRule> billing_;
};

// How well a region pattern matches: -1 not at all, else higher is closer.
int RegionPatternScore(std::string_view pattern, std::string_view region);

// data/job_prices.csv and data/billing.csv as compiled in (parsed once).
const JobPriceTable& EmbeddedJobPrices();

}  // namespace gpuscout
