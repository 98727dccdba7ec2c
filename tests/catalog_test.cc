// The embedded snapshot as a whole: complete, consistent, and honest about
// what is missing.
#include <gtest/gtest.h>

#include <set>

#include "catalog/embedded_catalog.h"
#include "catalog/snapshot.h"
#include "test_support.h"

namespace gpuscout {
namespace {

using testing::RealCatalog;

TEST(Catalog, SnapshotHasEveryVendor) {
  std::set<std::string> vendors;
  for (const auto& o : RealCatalog().offers()) vendors.insert(o.vendor);
  EXPECT_EQ(vendors, (std::set<std::string>{"alibaba", "aws", "azure", "cudo", "fluidstack", "gcp",
                                            "lambda", "oci", "runpod", "tencent", "vast"}));
  EXPECT_GT(RealCatalog().offers().size(), 5000u);
}

TEST(Catalog, EveryOfferResolvesToASpecRowAndIsWellFormed) {
  for (const auto& o : RealCatalog().offers()) {
    SCOPED_TRACE(o.source);
    EXPECT_NE(RealCatalog().gpus().Find(o.gpu), nullptr) << o.gpu;
    EXPECT_GT(o.gpu_count, 0);
    EXPECT_FALSE(o.instance_type.empty());
    EXPECT_FALSE(o.region.empty());
    EXPECT_FALSE(o.source.empty());
    // A missing price is missing, never 0.
    for (const auto& p : {o.price_hour, o.spot_price_hour, o.reserved_hour, o.monthly_price}) {
      if (p) {
        EXPECT_GT(*p, 0);
      }
    }
    const bool cny = o.vendor == "alibaba" || o.vendor == "tencent";
    EXPECT_EQ(o.currency, cny ? Currency::kCNY : Currency::kUSD);
  }
}

TEST(Catalog, ReservationOnlyInstancesHaveNoOnDemandPrice) {
  // p5e.48xlarge is sold through capacity blocks: SkyPilot lists no on-demand price.
  size_t seen = 0;
  for (const auto& o : RealCatalog().offers()) {
    if (o.instance_type != "p5e.48xlarge") continue;
    ++seen;
    EXPECT_FALSE(o.price_hour.has_value()) << o.source;
  }
  EXPECT_GT(seen, 0u);
}

TEST(Catalog, SnapshotRoundTripsThroughItsCsvForm) {
  const auto& offers = RealCatalog().offers();
  auto again = ReadSnapshot(WriteSnapshot(offers), "x.csv");
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(again->size(), offers.size());
  for (size_t i = 0; i < offers.size(); i += 97) {
    EXPECT_EQ((*again)[i].Key(), offers[i].Key());
    EXPECT_EQ((*again)[i].price_hour, offers[i].price_hour);
    EXPECT_EQ((*again)[i].gpu_mem_gib, offers[i].gpu_mem_gib);
  }
}

TEST(Catalog, SourceFolderGivesTheSameOffersAsTheSnapshot) {
  auto dir = Catalog::FromSourceDir(std::string(GPUSCOUT_SOURCE_DIR) + "/data/sources",
                                    EmbeddedData());
  ASSERT_TRUE(dir.has_value()) << dir.error().Format();
  EXPECT_EQ(WriteSnapshot(dir->offers()), WriteSnapshot(RealCatalog().offers()));
}

TEST(Catalog, MissingFolderIsAnEnvironmentError) {
  auto dir = Catalog::FromSourceDir("/nonexistent/gpuscout", EmbeddedData());
  ASSERT_FALSE(dir.has_value());
  EXPECT_EQ(dir.error().code, ExitCode::kEnvironment);
}

TEST(Catalog, OverlayReplacesSameKeyAndAddsNew) {
  Catalog c = RealCatalog();
  const size_t before = c.offers().size();
  auto r = c.Overlay(
      {{"lambda/new.csv",
        "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,GpuInfo,"
        "SpotPrice\n"
        "gpu_8x_h100_sxm5,H100,8.0,208.0,1800.0,19.99,us-east-1,,\n"
        "gpu_9x_new,H100,8.0,208.0,1800.0,29.99,us-east-1,,\n",
        std::nullopt,
        {}}},
      "/tmp/user");
  ASSERT_TRUE(r.has_value()) << r.error().Format();
  EXPECT_EQ(c.offers().size(), before + 1);
  size_t replaced = 0;
  for (const auto& o : c.offers()) {
    if (o.vendor == "lambda" && o.instance_type == "gpu_8x_h100_sxm5" && o.region == "us-east-1") {
      EXPECT_EQ(o.price_hour, 19.99);
      ++replaced;
    }
  }
  EXPECT_EQ(replaced, 1u);
}

TEST(Catalog, OverlayWithABadRowChangesNothing) {
  Catalog c = RealCatalog();
  auto r = c.Overlay({{"lambda/bad.csv",
                       "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region\n"
                       "gpu_1x_a10,A10,1,30,200,cheap,us-east-1\n",
                       std::nullopt,
                       {}}},
                     "/tmp/user");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().Format(), "/tmp/user/lambda/bad.csv:2:25: Price: not a number: 'cheap'");
  EXPECT_EQ(c.offers().size(), RealCatalog().offers().size());
}

}  // namespace
}  // namespace gpuscout
