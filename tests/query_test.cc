// offers queries, checked against brute force over the whole catalog.
#include "catalog/query.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "test_support.h"

namespace gpuscout {
namespace {

using testing::RealCatalog;

OfferAnswer Ask(OfferQuery q) {
  auto a = RunOfferQuery(RealCatalog(), q);
  EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().Format());
  return a ? *a : OfferAnswer{};
}

OfferQuery ForGpu(std::string_view text) {
  OfferQuery q;
  auto g = ParseGpuFilter(RealCatalog().gpus(), text);
  EXPECT_TRUE(g.has_value());
  q.gpus = g->first;
  q.gpu_count = g->second;
  return q;
}

std::set<std::string> Vendors(const OfferAnswer& a) {
  std::set<std::string> v;
  for (const auto& r : a.rows) v.insert(r.offer->vendor);
  return v;
}

TEST(OfferQuery, EightA100_80GBComesFromTheMajorClouds) {
  auto a = Ask(ForGpu("A100-80GB:8"));
  auto v = Vendors(a);
  for (const char* need : {"aws", "gcp", "azure", "lambda"}) EXPECT_TRUE(v.count(need)) << need;
  for (const auto& r : a.rows) {
    EXPECT_EQ(r.offer->gpu, "A100-80GB");
    EXPECT_EQ(r.offer->gpu_count, 8);
  }
}

TEST(OfferQuery, ChineseVendorsInCny) {
  auto q = ForGpu("A100");
  q.vendors = {"tencent", "alibaba"};
  q.currency = Currency::kCNY;
  auto a = Ask(q);
  EXPECT_EQ(Vendors(a), (std::set<std::string>{"alibaba", "tencent"}));
  bool gt4 = false;
  for (const auto& r : a.rows) {
    EXPECT_EQ(r.currency, Currency::kCNY);
    EXPECT_EQ(r.price_hour, r.offer->price_hour);  // CNY sources are not converted
    gt4 |= r.offer->instance_type.rfind("GT4.", 0) == 0;
  }
  EXPECT_TRUE(gt4);
  EXPECT_FALSE(a.mixed_currencies);
}

TEST(OfferQuery, T4OnAwsInManyRegions) {
  auto q = ForGpu("T4");
  q.vendors = {"aws"};
  q.all_regions = true;
  auto a = Ask(q);
  std::set<std::string> regions, families;
  for (const auto& r : a.rows) {
    regions.insert(r.offer->region);
    families.insert(r.offer->instance_type.substr(0, r.offer->instance_type.find('.')));
  }
  EXPECT_GE(regions.size(), 20u);
  EXPECT_TRUE(families.count("g4dn"));
}

TEST(OfferQuery, CheapestRegionPerInstanceTypeMatchesBruteForce) {
  auto a = Ask(ForGpu("H100"));
  const ExchangeRate rate;
  std::map<std::pair<std::string, std::string>, std::optional<double>> best;
  for (const auto& o : RealCatalog().offers()) {
    if (o.gpu != "H100") continue;
    auto& b = best[{o.vendor, o.instance_type}];
    if (o.price_hour) {
      const double usd = rate.Convert(*o.price_hour, o.currency, Currency::kUSD);
      if (!b || usd < *b) b = usd;
    }
  }
  ASSERT_EQ(a.rows.size(), best.size());
  for (const auto& r : a.rows) {
    const auto& b = best[{r.offer->vendor, r.offer->instance_type}];
    ASSERT_EQ(r.price_hour.has_value(), b.has_value()) << r.offer->instance_type;
    if (b) {
      EXPECT_DOUBLE_EQ(rate.Convert(*r.price_hour, r.currency, Currency::kUSD), *b);
    }
  }
}

TEST(OfferQuery, FirstRowIsTheCheapestOfferThatExists) {
  for (const char* gpu : {"A100-80GB:8", "L4", "H100:8", "T4:1"}) {
    SCOPED_TRACE(gpu);
    auto q = ForGpu(gpu);
    q.currency = Currency::kUSD;
    auto a = Ask(q);
    ASSERT_FALSE(a.rows.empty());
    double min = 1e300;
    for (const auto& o : RealCatalog().offers()) {
      bool match = false;
      for (auto* s : q.gpus) match |= s->name == o.gpu;
      if (!match || (q.gpu_count && o.gpu_count != *q.gpu_count) || !o.price_hour) continue;
      min = std::min(min, q.rate.Convert(*o.price_hour, o.currency, Currency::kUSD));
    }
    EXPECT_DOUBLE_EQ(*a.rows.front().price_hour, min);
    for (size_t i = 1; i < a.rows.size(); ++i) {
      if (!a.rows[i].price_hour) continue;
      ASSERT_TRUE(a.rows[i - 1].price_hour.has_value());  // missing prices come last
      EXPECT_LE(*a.rows[i - 1].price_hour, *a.rows[i].price_hour);
    }
  }
}

TEST(OfferQuery, MissingPricesAreNeverTheCheapestAndFailMaxPrice) {
  auto q = ForGpu("H200:8");
  q.vendors = {"aws"};
  q.all_regions = true;
  auto a = Ask(q);
  ASSERT_FALSE(a.rows.empty());
  EXPECT_TRUE(a.rows.front().price_hour.has_value());
  EXPECT_FALSE(a.rows.back().price_hour.has_value());  // p5e.48xlarge, reservation only
  q.max_price = 1000;
  for (const auto& r : Ask(q).rows) EXPECT_TRUE(r.price_hour.has_value());
}

TEST(OfferQuery, SpotFiltersAndSortsBySpotPrice) {
  auto q = ForGpu("A100-80GB:8");
  q.spot = true;
  q.all_regions = true;
  auto a = Ask(q);
  ASSERT_FALSE(a.rows.empty());
  for (size_t i = 0; i < a.rows.size(); ++i) {
    ASSERT_TRUE(a.rows[i].spot_price_hour.has_value());
    if (i) {
      EXPECT_LE(*a.rows[i - 1].spot_price_hour, *a.rows[i].spot_price_hour);
    }
  }
}

TEST(OfferQuery, FiltersByMemoryPriceRegionAndSortsPerGpu) {
  OfferQuery q;
  q.min_gpu_mem_gib = 80;
  q.max_price = 3;
  q.region_regex = "^us-";
  q.sort = OfferSort::kPricePerGpu;
  q.all_regions = true;
  auto a = Ask(q);
  ASSERT_FALSE(a.rows.empty());
  double last = 0;
  for (const auto& r : a.rows) {
    EXPECT_GE(*r.offer->gpu_mem_gib, 80);
    EXPECT_LE(*r.price_hour, 3);
    EXPECT_EQ(r.offer->region.rfind("us-", 0), 0u);
    const double per_gpu = *r.price_hour / r.offer->gpu_count;
    EXPECT_GE(per_gpu, last);
    last = per_gpu;
  }
}

TEST(OfferQuery, ConvertsCnyToUsdAtTheGivenRate) {
  auto q = ForGpu("A100");
  q.vendors = {"tencent"};
  q.currency = Currency::kUSD;
  q.rate.cny_per_usd = 8.0;
  q.rate.user_given = true;
  auto a = Ask(q);
  ASSERT_FALSE(a.rows.empty());
  EXPECT_TRUE(a.mixed_currencies);
  for (const auto& r : a.rows) {
    EXPECT_EQ(r.currency, Currency::kUSD);
    EXPECT_DOUBLE_EQ(*r.price_hour, *r.offer->price_hour / 8.0);
    EXPECT_DOUBLE_EQ(*r.monthly_price, *r.offer->monthly_price / 8.0);
  }
}

TEST(OfferQuery, BadInputsNameTheOption) {
  OfferQuery q;
  q.region_regex = "us-(east";
  auto a = RunOfferQuery(RealCatalog(), q);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().field, "region");
  auto v = ParseVendorList(RealCatalog(), "aws,alibab");
  ASSERT_FALSE(v.has_value());
  EXPECT_NE(v.error().message.find("did you mean alibaba"), std::string::npos);
  auto g = ParseGpuFilter(RealCatalog().gpus(), "H100:zero");
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().field, "gpu");
}

}  // namespace
}  // namespace gpuscout
