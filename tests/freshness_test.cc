// How old prices are: each offer's origin (the snapshot's upstream sheet and
// its date, an imported file), and the per-vendor age an answer states.
#include <gtest/gtest.h>

#include "catalog/freshness.h"
#include "catalog/query.h"
#include "test_support.h"

namespace gpuscout {
namespace {

using testing::RealCatalog;
using std::chrono::sys_days;

sys_days Day(const char* text) { return *ParseDate(text); }

std::vector<const Offer*> OffersOf(const Catalog& c, const std::string& vendor) {
  std::vector<const Offer*> out;
  for (const auto& o : c.offers()) {
    if (o.vendor == vendor) out.push_back(&o);
  }
  return out;
}

TEST(Freshness, DatesParseStrictly) {
  EXPECT_EQ(FormatDate(Day("2026-05-20")), "2026-05-20");
  EXPECT_EQ((Day("2026-05-20") - Day("2025-12-31")).count(), 140);
  for (const char* bad : {"n/a", "", "2026-5-20", "2026-02-30", "2026-13-01", "20260520xx", "2026/05/20"}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
}

// The manifest's dates (data/sources/manifest.csv): GCP's and Azure's sheets
// of 2026-05-20, Alibaba's of 2024-12-31; SkyPilot's commits have none.
TEST(Freshness, SnapshotOffersCarryTheirSheetsDate) {
  const Catalog& c = RealCatalog();
  const sys_days today = Day("2026-06-01");
  auto gcp = c.PriceAgesOf(OffersOf(c, "gcp"), today, 30);
  ASSERT_EQ(gcp.size(), 1u);
  EXPECT_EQ(gcp[0].as_of, "2026-05-20");
  EXPECT_EQ(gcp[0].age_days, 12);
  EXPECT_FALSE(gcp[0].stale);
  EXPECT_EQ(gcp[0].kind, "snapshot");
  EXPECT_NE(gcp[0].source.find("anycloud-sh/catalog gcp/vms.csv"), std::string::npos) << gcp[0].source;
  auto alibaba = c.PriceAgesOf(OffersOf(c, "alibaba"), today, 30);
  EXPECT_EQ(alibaba[0].as_of, "2024-12-31");
  EXPECT_EQ(alibaba[0].age_days, 517);
  EXPECT_TRUE(alibaba[0].stale);
  // No recorded date counts as stale, whatever the limit.
  auto cudo = c.PriceAgesOf(OffersOf(c, "cudo"), today, 100000);
  EXPECT_EQ(cudo[0].as_of, "");
  EXPECT_FALSE(cudo[0].age_days);
  EXPECT_TRUE(cudo[0].stale);
  // Every offer has an origin.
  for (const auto& o : c.offers()) ASSERT_LT(o.price_origin, c.price_origins().size()) << o.source;
}

// A vendor's age is its oldest price among the offers used: one undated sheet
// makes the whole vendor undated.
TEST(Freshness, AVendorIsAsOldAsItsOldestPrice) {
  const Catalog& c = RealCatalog();
  std::vector<const Offer*> vantage;
  const Offer* skypilot = nullptr;
  for (const auto& o : c.offers()) {
    if (o.source.rfind("aws/vantage", 0) == 0) vantage.push_back(&o);
    if (!skypilot && o.source.rfind("aws/vms_", 0) == 0) skypilot = &o;
  }
  ASSERT_FALSE(vantage.empty());
  ASSERT_NE(skypilot, nullptr);
  EXPECT_EQ(c.PriceAgesOf(vantage, Day("2026-06-01"), 30)[0].as_of, "2026-01-21");
  std::vector<const Offer*> mixed = vantage;
  mixed.push_back(skypilot);
  auto ages = c.PriceAgesOf(mixed, Day("2026-06-01"), 30);
  ASSERT_EQ(ages.size(), 1u);
  EXPECT_EQ(ages[0].as_of, "");  // SkyPilot's sheet records no date
  EXPECT_TRUE(ages[0].stale);
}

// An imported sheet's prices are as of its import; the snapshot's other
// offers keep their own date.
TEST(Freshness, ImportedPricesAreAsOfTheImport) {
  Catalog c = RealCatalog();
  auto r = c.Overlay({{"lambda/new.csv",
                       "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region\n"
                       "gpu_8x_h100_sxm5,H100,8.0,208.0,1800.0,19.99,us-east-1\n",
                       std::nullopt, {}, "2026-11-30"}},
                     "/home/u/catalog");
  ASSERT_TRUE(r) << r.error().Format();
  OfferQuery q;
  q.vendors = {"lambda"};
  q.all_regions = true;
  q.today = Day("2026-12-02");
  auto answer = RunOfferQuery(c, q);
  ASSERT_TRUE(answer);
  size_t imported = 0;
  for (const auto& row : answer->rows) {
    ASSERT_NE(row.price_origin, nullptr);
    if (row.offer->instance_type == "gpu_8x_h100_sxm5" && row.offer->region == "us-east-1") {
      ++imported;
      EXPECT_EQ(row.price_origin->kind, "import");
      EXPECT_EQ(row.price_origin->source, "/home/u/catalog/lambda/new.csv");
      EXPECT_EQ(row.price_age_days, 2);
    } else {
      EXPECT_EQ(row.price_origin->as_of, "2026-05-07");  // the snapshot's lambda sheet
    }
  }
  EXPECT_EQ(imported, 1u);
  ASSERT_EQ(answer->price_ages.size(), 1u);
  EXPECT_EQ(answer->price_ages[0].as_of, "2026-05-07");  // the oldest shown
  EXPECT_TRUE(answer->price_ages[0].stale);
}

}  // namespace
}  // namespace gpuscout
