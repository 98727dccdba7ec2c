#include "base/strings.h"

#include <gtest/gtest.h>

#include "base/money.h"

namespace gpuscout {
namespace {

TEST(Strings, ParseDoubleIsStrict) {
  EXPECT_EQ(ParseDouble("30.09784"), 30.09784);
  EXPECT_EQ(ParseDouble(" 2 "), 2.0);
  EXPECT_EQ(ParseDouble("1e3"), 1000.0);
  EXPECT_FALSE(ParseDouble("").has_value());
  EXPECT_FALSE(ParseDouble("12abc").has_value());
  EXPECT_FALSE(ParseDouble("nan").has_value());
  EXPECT_FALSE(ParseDouble("inf").has_value());
  EXPECT_FALSE(ParseDouble("1,5").has_value());
}

TEST(Strings, FormatNumberReadsBackExactly) {
  for (double v : {30.09784, 0.1 + 0.2, 2.0, 1e-7, 123456789.125}) {
    EXPECT_EQ(ParseDouble(FormatNumber(v)), v);
  }
  EXPECT_EQ(FormatNumber(2.0), "2");
}

TEST(Strings, EditDistanceAndClosest) {
  EXPECT_EQ(EditDistance("A100", "a100"), 0u);
  EXPECT_EQ(EditDistance("H100", "H200"), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  auto near = Closest("A100-80G", {"T4", "A100-80GB", "A100-40GB", "H100"});
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near.front(), "A100-80GB");
  EXPECT_TRUE(Closest("zzzzzz", {"T4", "H100"}).empty());
}

TEST(Money, ConvertsBothWaysAtTheStatedRate) {
  ExchangeRate r;
  EXPECT_DOUBLE_EQ(r.cny_per_usd, kDefaultCnyPerUsd);
  EXPECT_DOUBLE_EQ(r.Convert(10, Currency::kUSD, Currency::kCNY), 72.0);
  EXPECT_DOUBLE_EQ(r.Convert(72, Currency::kCNY, Currency::kUSD), 10.0);
  EXPECT_DOUBLE_EQ(r.Convert(5, Currency::kCNY, Currency::kCNY), 5.0);
  EXPECT_NE(Render(r.Describe(), Lang::kEn).find("default"), std::string::npos);
  EXPECT_EQ(ParseCurrency("CNY (assumed)"), Currency::kCNY);
  EXPECT_FALSE(ParseCurrency("EUR").has_value());
}

}  // namespace
}  // namespace gpuscout
