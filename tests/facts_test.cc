// data/facts.csv: the compiled-in copy parses, every figure has a source,
// and a bad copy names its line and field.
#include "facts/facts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "cost/purchase.h"
#include "cost/spot.h"
#include "source_files.h"

namespace gpuscout {
namespace {

std::string FactsText() { return testing::SourceText("data/facts.csv"); }

TEST(Facts, TheCompiledInTableIsTheOneTheCodeReads) {
  const Facts& f = EmbeddedFacts();
  EXPECT_DOUBLE_EQ(f.reserved_1y_discount, 0.37);
  EXPECT_DOUBLE_EQ(CommitmentDiscount(Purchase::kSavings3y), 0.66);
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

}  // namespace
}  // namespace gpuscout
