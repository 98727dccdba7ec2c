#include "facts/job_prices.h"

#include <algorithm>
#include <stdexcept>

#include "base/csv.h"
#include "base/strings.h"

extern "C" const char gpuscout_job_prices_begin[];
extern "C" const char gpuscout_job_prices_end[];
extern "C" const char gpuscout_billing_begin[];
extern "C" const char gpuscout_billing_end[];

namespace gpuscout {

namespace {

Result<JobPrice> ReadPrice(const CsvRow& row, const std::vector<size_t>& c) {
  JobPrice p;
  p.vendor = Trim(row.Text(c[0]));
  p.item = Trim(row.Text(c[1]));
  p.region = Trim(row.Text(c[2]));
  p.product = Trim(row.Text(c[3]));
  p.source = Trim(row.Text(c[8]));
  if (p.vendor.empty()) return tl::unexpected(row.ErrorAt(c[0], "vendor", "missing"));
  if (p.item != "disk" && p.item != "egress") return tl::unexpected(row.ErrorAt(c[1], "item", "expected disk or egress"));
  if (p.region.empty()) return tl::unexpected(row.ErrorAt(c[2], "region", "missing: a region, a prefix ending in * or *"));
  if (p.source.empty()) return tl::unexpected(row.ErrorAt(c[8], "source", "missing: where the price comes from"));
  GS_TRY(from, row.OptionalNumber(c[4], "from_gb"));
  GS_TRY(to, row.OptionalNumber(c[5], "to_gb"));
  GS_TRY(price, row.Number(c[6], "price"));
  if (!(price >= 0)) return tl::unexpected(row.ErrorAt(c[6], "price", "expected 0 or more"));
  p.price = price;
  if (from) p.from_gb = *from;
  if (to) p.to_gb = *to;
  if (p.item == "egress" && !(p.from_gb >= 0 && p.to_gb > p.from_gb)) {
    return tl::unexpected(row.ErrorAt(c[5], "to_gb", "expected a tier above from_gb"));
  }
  auto currency = ParseCurrency(Trim(row.Text(c[7])));
  if (!currency) return tl::unexpected(row.ErrorAt(c[7], "currency", "expected USD or CNY"));
  p.currency = *currency;
  return p;
}

Result<std::vector<BillingRule>> ReadBilling(std::string_view csv, const std::string& file) {
  GS_TRY(table, ParseCsv(csv, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  GS_TRY(c, table.Require({"vendor", "granularity_s", "minimum_s", "source"}));
  std::vector<BillingRule> out;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    BillingRule b;
    b.vendor = Trim(row.Text(c[0]));
    b.source = Trim(row.Text(c[3]));
    if (b.vendor.empty()) return tl::unexpected(row.ErrorAt(c[0], "vendor", "missing"));
    if (b.source.empty()) return tl::unexpected(row.ErrorAt(c[3], "source", "missing"));
    GS_TRY(g, row.Number(c[1], "granularity_s"));
    GS_TRY(m, row.Number(c[2], "minimum_s"));
    if (!(g >= 1 && g <= 86400)) return tl::unexpected(row.ErrorAt(c[1], "granularity_s", "expected 1 to 86400 seconds"));
    if (!(m >= 0 && m <= 86400)) return tl::unexpected(row.ErrorAt(c[2], "minimum_s", "expected 0 to 86400 seconds"));
    b.granularity_s = g;
    b.minimum_s = m;
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

int RegionPatternScore(std::string_view pattern, std::string_view region) {
  if (pattern == "*") return 0;
  if (!pattern.empty() && pattern.back() == '*') {
    const std::string_view prefix = pattern.substr(0, pattern.size() - 1);
    return region.substr(0, prefix.size()) == prefix ? static_cast<int>(prefix.size()) : -1;
  }
  return pattern == region ? 1000 : -1;
}

Result<JobPriceTable> JobPriceTable::Parse(std::string_view prices_csv, const std::string& prices_file,
                                           std::string_view billing_csv, const std::string& billing_file) {
  GS_TRY(table, ParseCsv(prices_csv, prices_file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  GS_TRY(c, table.Require({"vendor", "item", "region", "product", "from_gb", "to_gb", "price", "currency", "source"}));
  JobPriceTable out;
  for (const auto& rec : table.rows) {
    GS_TRY(p, ReadPrice(CsvRow(table, rec), c));
    out.prices_.push_back(std::move(p));
  }
  const bool has_default = std::any_of(out.prices_.begin(), out.prices_.end(),
                                       [](const JobPrice& p) { return p.assumed() && p.item == "disk" && p.region == "*"; });
  if (!has_default) return FailAt(prices_file, 1, 1, "vendor", "expected a default disk row: vendor * and region *");
  GS_TRY(billing, ReadBilling(billing_csv, billing_file));
  out.billing_ = std::move(billing);
  return out;
}

const BillingRule& JobPriceTable::Billing(std::string_view vendor) const {
  for (const auto& b : billing_) {
    if (b.vendor == vendor) return b;
  }
  static const BillingRule hourly{"", 3600, 0, "data/SOURCES.md", true};
  return hourly;
}

const JobPrice& JobPriceTable::Disk(std::string_view vendor, std::string_view region) const {
  const JobPrice* best = nullptr;
  int best_score = -1;
  for (const auto& p : prices_) {
    if (p.item != "disk" || p.vendor != vendor) continue;
    const int score = RegionPatternScore(p.region, region);
    if (score > best_score) best = &p, best_score = score;
  }
  if (best) return *best;
  for (const auto& p : prices_) {
    if (p.item == "disk" && p.assumed() && p.region == "*") return p;
  }
  throw std::logic_error("job prices without a default disk row");  // Parse refuses such a table
}

std::vector<const JobPrice*> JobPriceTable::EgressTiers(std::string_view vendor, std::string_view region) const {
  int best_score = -1;
  for (const auto& p : prices_) {
    if (p.item == "egress" && p.vendor == vendor) best_score = std::max(best_score, RegionPatternScore(p.region, region));
  }
  std::vector<const JobPrice*> tiers;
  if (best_score < 0) return tiers;
  for (const auto& p : prices_) {
    if (p.item == "egress" && p.vendor == vendor && RegionPatternScore(p.region, region) == best_score) tiers.push_back(&p);
  }
  std::sort(tiers.begin(), tiers.end(), [](const JobPrice* a, const JobPrice* b) { return a->from_gb < b->from_gb; });
  return tiers;
}

const JobPriceTable& EmbeddedJobPrices() {
  static const JobPriceTable table = [] {
    auto text = [](const char* b, const char* e) { return std::string_view(b, static_cast<size_t>(e - b)); };
    auto t = JobPriceTable::Parse(text(gpuscout_job_prices_begin, gpuscout_job_prices_end), "data/job_prices.csv",
                                  text(gpuscout_billing_begin, gpuscout_billing_end), "data/billing.csv");
    if (!t) throw std::logic_error("the compiled-in " + t.error().Format());
    return *t;
  }();
  return table;
}

}  // namespace gpuscout
