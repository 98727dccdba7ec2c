// The whole job's cost (issue #20): each part checked by hand against the
// vendors' published rules (data/billing.csv, data/job_prices.csv).
#include "cost/job_cost.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace gpuscout {
namespace {

const Offer& Find(const std::string& vendor, const std::string& type, const std::string& region) {
  for (const auto& o : testing::RealCatalog().offers()) {
    if (o.vendor == vendor && o.instance_type == type && o.region == region && o.price_hour) return o;
  }
  throw std::runtime_error("no offer " + vendor + " " + type + " " + region);
}

struct Priced {
  OptionCost cost;
  CostSplit split;
};

Priced Price(const Offer& o, Purchase p, double hours, const JobTerms& t, int instances = 1, SpotParams spot = {}) {
  const Usage u = Usage::Job(hours);
  Priced out{PriceOption(o, p, u, spot, instances), {}};
  out.split = ApplyJobTerms(o, u, spot, instances, t, ExchangeRate{}, out.cost);
  return out;
}

// AWS g6e.xlarge in us-east-1 (1.861 USD/h): per-second billing with a
// 60-second minimum, gp3 at 0.08 USD per GB-month, egress 100 GB free then
// 0.09 USD/GB.
TEST(JobCost, AwsByHand) {
  const Offer& o = Find("aws", "g6e.xlarge", "us-east-1");
  ASSERT_DOUBLE_EQ(*o.price_hour, 1.861);
  JobTerms t;
  t.disk_gb = 500;
  t.egress_gb = 2000;
  const Priced p = Price(o, Purchase::kOnDemand, 10.0 + 10.4 / 3600, t);  // 10 h 0 min 10.4 s: 36,011 s billed
  EXPECT_NEAR(p.split.billed_hours, 36011.0 / 3600, 1e-12);
  EXPECT_NEAR(p.split.parts.compute, 1.861 * 36011 / 3600, 1e-9);
  EXPECT_NEAR(p.split.parts.storage, 500 * 0.08 * (10.0 + 10.4 / 3600) / 730, 1e-9);
  EXPECT_NEAR(p.split.parts.egress, 1900 * 0.09, 1e-9);  // 171 USD
  EXPECT_EQ(p.split.parts.interruption, 0);
  EXPECT_NEAR(p.cost.total, 1.861 * 36011 / 3600 + 500 * 0.08 * (10.0 + 10.4 / 3600) / 730 + 171, 1e-9);
  EXPECT_EQ(p.split.disk->product, "EBS gp3");
  EXPECT_FALSE(p.split.disk->assumed());
  // A 20-second run is billed its minute.
  EXPECT_NEAR(Price(o, Purchase::kOnDemand, 20.0 / 3600, {}).cost.total, 1.861 / 60, 1e-12);
  // Tokyo's egress has its own tiers: 0.114 USD/GB up to 10 TB.
  const Offer& tokyo = Find("aws", "g6e.xlarge", "ap-northeast-1");
  EXPECT_NEAR(Price(tokyo, Purchase::kOnDemand, 1, t).split.parts.egress, 1900 * 0.114, 1e-9);
  // Past the first tier: 20 TB a month is 100 free, 10,140 at 0.09 and 10,240 at 0.085.
  t.egress_gb = 20480;
  EXPECT_NEAR(Price(o, Purchase::kOnDemand, 1, t).split.parts.egress, 10140 * 0.09 + 10240 * 0.085, 1e-9);
}

// GCP g2-standard-8 in us-central1 (0.85362 USD/h): per second after a
// minute, pd-balanced 0.10 USD per GB-month, Premium Tier egress 0.12 USD/GB
// to 1 TB and 0.11 to 10 TB, nothing free.
TEST(JobCost, GcpByHand) {
  const Offer& o = Find("gcp", "g2-standard-8", "us-central1");
  ASSERT_DOUBLE_EQ(*o.price_hour, 0.85362);
  JobTerms t;
  t.disk_gb = 200;
  t.egress_gb = 1500;
  const Priced p = Price(o, Purchase::kOnDemand, 3.5, t, 2);
  EXPECT_NEAR(p.split.parts.compute, 2 * 0.85362 * 3.5, 1e-9);  // a 3.5 h job: no sustained use discount
  EXPECT_NEAR(p.split.parts.storage, 2 * 200 * 0.10 * 3.5 / 730, 1e-9);
  EXPECT_NEAR(p.split.parts.egress, 1024 * 0.12 + 476 * 0.11, 1e-9);  // 175.24 USD
  EXPECT_NEAR(p.cost.total, 2 * 0.85362 * 3.5 + 2 * 200 * 0.10 * 3.5 / 730 + 175.24, 1e-9);
}

// Alibaba ecs.gn7i-c8g1.2xlarge in cn-beijing (9.5326 CNY/h): per second,
// ESSD PL0 0.5 CNY per GB-month, pay-by-traffic egress 0.8 CNY/GB.
TEST(JobCost, AlibabaByHand) {
  const Offer& o = Find("alibaba", "ecs.gn7i-c8g1.2xlarge", "cn-beijing");
  ASSERT_DOUBLE_EQ(*o.price_hour, 9.5326);
  ASSERT_EQ(o.currency, Currency::kCNY);
  JobTerms t;
  t.disk_gb = 100;
  t.egress_gb = 50;
  const Priced p = Price(o, Purchase::kOnDemand, 100.25, t);
  EXPECT_NEAR(p.split.parts.compute, 9.5326 * 100.25, 1e-9);
  EXPECT_NEAR(p.split.parts.storage, 100 * 0.5 * 100.25 / 730, 1e-9);
  EXPECT_NEAR(p.split.parts.egress, 50 * 0.8, 1e-9);
  EXPECT_NEAR(p.cost.total, 9.5326 * 100.25 + 100 * 0.5 * 100.25 / 730 + 40, 1e-9);
}

// A vendor billing by the minute rounds a run up to it; one with no billing
// rule in the data is billed by the hour, marked as assumed.
TEST(JobCost, BillingUnits) {
  const BillingRule& lambda = EmbeddedJobPrices().Billing("lambda");
  EXPECT_EQ(lambda.granularity_s, 60);
  EXPECT_NEAR(BilledHours(lambda, 1.0 + 61.0 / 3600), 1.0 + 120.0 / 3600, 1e-12);
  const BillingRule& unknown = EmbeddedJobPrices().Billing("no-such-cloud");
  EXPECT_TRUE(unknown.assumed);
  EXPECT_EQ(BilledHours(unknown, 2.01), 3);
  EXPECT_EQ(BilledHours(unknown, 0), 0);
}

// Spot: the re-run work and each restart's rounding are the interruption
// part; the compute part is the work itself.
TEST(JobCost, SpotInterruptionIsItsOwnPart) {
  const Offer& o = Find("aws", "g6e.xlarge", "us-east-1");
  SpotParams spot;
  spot.interruptions_per_day = 0.5;
  const Priced p = Price(o, Purchase::kSpot, 100, {}, 1, spot);
  ASSERT_TRUE(p.cost.available);
  EXPECT_NEAR(p.split.parts.compute, p.cost.rate * 100, 1e-9);
  EXPECT_GT(p.split.parts.interruption, 0);
  EXPECT_NEAR(p.split.parts.compute + p.split.parts.interruption, p.cost.total, 1e-9);
}

// --discount: the list-price options of the vendor named; spot only when named.
TEST(JobCost, DiscountsApplyToTheOptionsTheyCover) {
  auto d = ParseDiscounts("aws=12,gcp:on-demand=8");
  ASSERT_TRUE(d.has_value()) << d.error().Format();
  EXPECT_DOUBLE_EQ(DiscountShare(*d, "aws", Purchase::kOnDemand), 0.12);
  EXPECT_DOUBLE_EQ(DiscountShare(*d, "aws", Purchase::kReserved1y), 0.12);
  EXPECT_DOUBLE_EQ(DiscountShare(*d, "aws", Purchase::kSpot), 0);
  EXPECT_DOUBLE_EQ(DiscountShare(*d, "gcp", Purchase::kOnDemand), 0.08);
  EXPECT_DOUBLE_EQ(DiscountShare(*d, "gcp", Purchase::kReserved1y), 0);
  EXPECT_DOUBLE_EQ(DiscountShare(*ParseDiscounts("aws=10,aws:spot=5"), "aws", Purchase::kSpot), 0.05);
  const Offer& o = Find("aws", "g6e.xlarge", "us-east-1");
  JobTerms t;
  t.discounts = *d;
  t.egress_gb = 200;
  const Priced p = Price(o, Purchase::kOnDemand, 10, t);
  EXPECT_NEAR(p.split.parts.discount, 0.12 * 18.61, 1e-9);
  EXPECT_NEAR(p.cost.total, 18.61 * 0.88 + 100 * 0.09, 1e-9);  // egress is not discounted
  for (const char* bad : {"aws", "aws=abc", "aws=100", "aws:weekly=5", "=5", "aws=-1"}) {
    auto r = ParseDiscounts(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().field, "discount") << bad;
    EXPECT_TRUE(r.error().option) << bad;
  }
  auto file = ReadDiscountFile("discounts:\n  aws: 12\n  \"gcp:on-demand\": 8\n", "discounts.yaml");
  ASSERT_TRUE(file.has_value()) << file.error().Format();
  EXPECT_EQ(file->size(), 2u);
  auto bad = ReadDiscountFile("discounts:\n  aws: 120\n", "discounts.yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().line, 2);
  EXPECT_NE(bad.error().Format().find("discounts.yaml:2"), std::string::npos) << bad.error().Format();
}

// Storage at a price the table does not have is the assumed default, and
// egress with no published price is reported, not counted as free.
TEST(JobCost, UnpublishedPricesAreMarked) {
  const JobPrice& disk = EmbeddedJobPrices().Disk("cudo", "se-smedjebacken-1");
  EXPECT_TRUE(disk.assumed());
  EXPECT_TRUE(EmbeddedJobPrices().EgressTiers("vast", "US").empty());
  EXPECT_EQ(EmbeddedJobPrices().Disk("alibaba", "cn-hangzhou").price, 0.5);
  EXPECT_TRUE(EmbeddedJobPrices().Disk("alibaba", "ap-southeast-1").assumed());
  EXPECT_EQ(RegionPatternScore("cn-*", "cn-beijing"), 3);
  EXPECT_EQ(RegionPatternScore("cn-*", "us-east-1"), -1);
}

}  // namespace
}  // namespace gpuscout
