// data/facts.csv: the compiled-in copy parses, every figure has a source,
// and a bad copy names its line and field.
#include "facts/facts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "cost/cost_model.h"
#include "cost/purchase.h"
#include "cost/spot.h"
#include "source_files.h"

namespace gpuscout {
namespace {

std::string FactsText() { return testing::SourceText("data/facts.csv"); }

TEST(Facts, TheCompiledInTableIsTheOneTheCodeReads) {
  const Facts& f = EmbeddedFacts();
  EXPECT_DOUBLE_EQ(CommitmentTerm("aws", Purchase::kReserved1y)->discount, 0.37);
  EXPECT_DOUBLE_EQ(CommitmentTerm("aws", Purchase::kSavings3y)->discount, 0.66);
  EXPECT_FALSE(SellsHourlyCommitments("tencent"));
  EXPECT_TRUE(SellsHourlyCommitments("aws"));
  EXPECT_NEAR(DefaultInterruptionsPerDay("aws"), -std::log(0.75) / 30, 1e-15);
  EXPECT_DOUBLE_EQ(NoticeSeconds("aws"), 120);
  auto file = Facts::Parse(FactsText(), "data/facts.csv");  // the file on disk is the same table
  ASSERT_TRUE(file.has_value()) << file.error().Format();
  EXPECT_DOUBLE_EQ(file->tcp_efficiency, f.tcp_efficiency);
}

TEST(Facts, ABadTableNamesLineAndField) {
  const std::string text = FactsText();
  const std::string header = text.substr(0, text.find('\n') + 1);
  auto no_source = Facts::Parse(header + "tcp_efficiency,0.6,share,,x\n", "f.csv");
  ASSERT_FALSE(no_source.has_value());
  EXPECT_EQ(no_source.error().field, "source");
  EXPECT_EQ(no_source.error().line, 2);
  auto unknown = Facts::Parse(header + "warp_factor,9,x,y,z\n", "f.csv");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("unknown fact 'warp_factor'"), std::string::npos);
  auto missing = Facts::Parse(header + "tcp_efficiency,0.6,share,seed,x\n", "f.csv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("missing the row"), std::string::npos);
  auto twice = Facts::Parse(text + "tcp_efficiency,0.6,share,seed,x\n", "f.csv");
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("given twice"), std::string::npos);
}

// Issue #14: cost offers only what each vendor sells, under its own name.
TEST(Purchases, EachVendorSellsItsOwnCommitments) {
  EXPECT_EQ(CommitmentTerm("lambda", Purchase::kReserved1y), nullptr);
  EXPECT_EQ(CommitmentTerm("gcp", Purchase::kSavings1y), nullptr);  // GCP sells no savings plans
  ASSERT_NE(CommitmentTerm("gcp", Purchase::kReserved3y), nullptr);
  EXPECT_EQ(CommitmentTerm("gcp", Purchase::kReserved3y)->name, "committed use discount (3 years)");
  EXPECT_DOUBLE_EQ(CommitmentTerm("azure", Purchase::kSavings3y)->discount, 0.65);
  EXPECT_EQ(CommitmentTerm("aws", Purchase::kMonthly), nullptr);
  for (const auto& t : EmbeddedPurchases().terms()) EXPECT_FALSE(t.source.empty()) << t.vendor << " " << t.purchase;
}

TEST(Purchases, BadRowsNameTheFileLineAndField) {
  const std::string head = "vendor,purchase,name,discount,source\n";
  auto bad = PurchaseTable::Parse(head + "aws,lease-1y,X,0.3,s\n", "p.csv");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "purchase");
  EXPECT_EQ(bad.error().line, 2);
  bad = PurchaseTable::Parse(head + "aws,reserved-1y,X,1.3,s\n", "p.csv");
  EXPECT_EQ(bad.error().field, "discount");
  bad = PurchaseTable::Parse(head + "aws,reserved-1y,X,0.3,s\naws,reserved-1y,Y,0.4,s\n", "p.csv");
  EXPECT_EQ(bad.error().line, 3);
  bad = PurchaseTable::Parse(head + "aws,reserved-1y,X,0.3,\n", "p.csv");
  EXPECT_EQ(bad.error().field, "source");
}

// GCP's documented schedule: quarters of the month at 100, 80, 60, 40%.
TEST(Purchases, GcpSustainedUseFollowsItsSchedule) {
  EXPECT_NEAR(SustainedUseShare(730), 0.70, 1e-12);         // "up to 30%" for a whole month
  EXPECT_NEAR(SustainedUseShare(182.5), 1.0, 1e-12);        // the first quarter is full price
  EXPECT_NEAR(SustainedUseShare(365), (0.25 + 0.2) / 0.5, 1e-12);
  Offer n1;
  n1.vendor = "gcp";
  n1.instance_type = "n1-standard-8+1xT4";
  n1.gpu = "T4";
  n1.price_hour = 1.0;
  EXPECT_TRUE(SustainedUseEligible(n1));
  const OptionCost month = PriceOption(n1, Purchase::kOnDemand, Usage{730, 1}, SpotParams{});
  EXPECT_NEAR(month.total, 0.7 * 730, 1e-9);
  Offer a2 = n1;
  a2.instance_type = "a2-highgpu-1g";
  a2.gpu = "A100-40GB";
  EXPECT_FALSE(SustainedUseEligible(a2));
  EXPECT_NEAR(PriceOption(a2, Purchase::kOnDemand, Usage{730, 1}, SpotParams{}).total, 730, 1e-9);
  Offer lambda = a2;
  lambda.vendor = "lambda";
  std::vector<Purchase> sold;
  for (const OptionCost& c : PriceOptions(lambda, Usage{730, 1}, SpotParams{})) sold.push_back(c.purchase);
  EXPECT_EQ(sold, (std::vector<Purchase>{Purchase::kOnDemand, Purchase::kSpot}));
}

}  // namespace
}  // namespace gpuscout
