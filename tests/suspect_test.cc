// Issue #14: suspect prices are flagged, not used silently.
#include "catalog/suspect.h"

#include <gtest/gtest.h>

#include "optimizer/recommend.h"
#include "test_support.h"

namespace gpuscout {
namespace {

Offer Row(std::string vendor, std::string source, std::optional<double> od, std::optional<double> spot) {
  Offer o;
  o.vendor = std::move(vendor);
  o.source = std::move(source);
  o.price_hour = od;
  o.spot_price_hour = spot;
  return o;
}

TEST(Suspect, SpotAboveOnDemandCopiedSpotAndMarketplaceRows) {
  std::vector<Offer> offers = {
      Row("aws", "aws/a.csv:2", 10, 12),         // above on demand
      Row("aws", "aws/a.csv:3", 10, 3),          // a real discount
      Row("runpod", "runpod/b.csv:2", 1.39, 1.39),  // every row of b.csv equal
      Row("runpod", "runpod/b.csv:3", 2.0, 2.0),
      Row("azure", "azure/c.csv:2", 4, 4),       // equal here, but c.csv has a real discount too
      Row("azure", "azure/c.csv:3", 4, 1),
      Row("vast", "vast/d.csv:2", 1, std::nullopt),
  };
  MarkSuspects(offers);
  EXPECT_EQ(offers[0].suspect, kSpotAboveOnDemand);
  EXPECT_EQ(offers[1].suspect, 0);
  EXPECT_EQ(offers[2].suspect, kSpotCopiesOnDemand);
  EXPECT_EQ(offers[3].suspect, kSpotCopiesOnDemand);
  EXPECT_EQ(offers[4].suspect, 0);
  EXPECT_EQ(offers[5].suspect, 0);
  EXPECT_EQ(offers[6].suspect, kMarketplace);
  EXPECT_TRUE(SpotSuspect(offers[0]));
  EXPECT_FALSE(SpotSuspect(offers[6]));
  EXPECT_EQ(SuspectKeys(kSpotAboveOnDemand | kMarketplace),
            (std::vector<std::string_view>{"catalog.suspect_spot_above", "catalog.suspect_marketplace"}));
}

TEST(Suspect, TheEmbeddedCatalogFlagsItsOwnRows) {
  size_t copied = 0, above = 0, market = 0;
  for (const Offer& o : testing::RealCatalog().offers()) {
    copied += (o.suspect & kSpotCopiesOnDemand) != 0;
    above += (o.suspect & kSpotAboveOnDemand) != 0;
    market += (o.suspect & kMarketplace) != 0;
    if (o.suspect & kSpotAboveOnDemand) {
      EXPECT_GT(*o.spot_price_hour, *o.price_hour) << o.source;
    }
    if (o.vendor == "gcp") {
      EXPECT_FALSE(o.suspect & kSpotCopiesOnDemand) << o.source;
    }
    EXPECT_EQ((o.suspect & kMarketplace) != 0, o.vendor == "vast") << o.source;
  }
  EXPECT_EQ(copied, 48u);  // RunPod's sample file: spot = on demand on all 48 rows
  EXPECT_GE(above, 20u);   // AWS rows whose spot price is above on demand
  EXPECT_GT(market, 0u);
}

// Two Vast listings are two hosts, not a cluster: no multi-node candidate.
TEST(Suspect, MarketplaceListingsAreRentedOneNodeAtATime) {
  EstimateRequest serve;  // fits one 24 GB card, not one 12 GB RTX 3060: those would need two hosts
  serve.model = "Llama-3.1-8B";
  serve.task = "infer";
  RecommendRequest r;
  r.workload = serve;
  r.vendors = {"vast"};
  auto rec = Recommend(testing::RealCatalog(), testing::RealEstimator(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  ASSERT_FALSE(rec->candidates.empty());
  for (const Candidate& c : rec->candidates) EXPECT_EQ(c.nodes, 1) << c.offer->instance_type;
  EXPECT_GT(rec->rejected.at("one_listing"), 0u);
}

TEST(Suspect, RecommendDoesNotPriceASuspectSpotPrice) {
  RecommendRequest r;
  r.gpu_mem_gib = 40;
  r.hours = 10;
  r.vendors = {"runpod"};
  r.purchases = {Purchase::kSpot};
  auto rec = Recommend(testing::RealCatalog(), testing::RealEstimator(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  EXPECT_TRUE(rec->candidates.empty());
  EXPECT_GT(rec->rejected.at("suspect_spot"), 0u);
  r.purchases = {Purchase::kOnDemand};  // its on-demand price stands
  rec = Recommend(testing::RealCatalog(), testing::RealEstimator(), r);
  ASSERT_TRUE(rec.has_value());
  EXPECT_FALSE(rec->candidates.empty());
}

}  // namespace
}  // namespace gpuscout
