// The price history: seeded from the snapshot, a point per change and none
// for an unchanged price, series read back oldest first; the summary's
// median against a sort-and-pick reference.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "history/price_history.h"
#include "test_support.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;

class PriceHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("gpuscout-history-" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(path_);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::string path_;
};

TEST_F(PriceHistoryTest, SeededFromTheSnapshotThenOnePointPerChange) {
  const Catalog& c = testing::RealCatalog();
  auto h = PriceHistory::Open(path_, c.offers(), c.price_origins());
  ASSERT_TRUE(h) << h.error().Format();
  const Offer* a100 = nullptr;
  for (const Offer& o : c.offers()) {
    if (o.vendor == "azure" && o.instance_type == "Standard_NC24ads_A100_v4" && o.region == "eastus") a100 = &o;
  }
  ASSERT_NE(a100, nullptr);
  auto seeded = (*h)->Points({"azure", "standard_nc24ads_a100_v4", "eastus", ""});
  ASSERT_TRUE(seeded);
  ASSERT_EQ(seeded->size(), 2u);  // on-demand and spot
  EXPECT_EQ(seeded->front().as_of, "2026-05-20");
  EXPECT_EQ(seeded->front().origin.rfind("snapshot: ", 0), 0u);

  Offer changed = *a100;
  changed.price_hour = 3.55;
  auto added = (*h)->Record({changed}, "2026-11-30T10:00:00Z", "refresh: test");
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, 1u);  // the spot price did not change
  EXPECT_EQ(*(*h)->Record({changed}, "2026-12-01T10:00:00Z", "refresh: test"), 0u);
  changed.price_hour = 3.673;  // back to the first price: a change from the last point
  EXPECT_EQ(*(*h)->Record({changed}, "2026-12-02T10:00:00Z", "refresh: test"), 1u);

  auto points = (*h)->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", ""});
  std::vector<double> on_demand;
  for (const PricePoint& p : *points) {
    if (p.purchase == "on-demand") on_demand.push_back(p.price);
  }
  EXPECT_EQ(on_demand, (std::vector<double>{3.673, 3.55, 3.673}));
  auto since = (*h)->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", "2026-12-01"});
  EXPECT_EQ(since->size(), 1u);

  // Reopening does not seed again.
  h->reset();
  auto again = PriceHistory::Open(path_, c.offers(), c.price_origins());
  EXPECT_EQ((*again)->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", ""})->size(), 4u);
}

TEST(PriceSummary, MedianMinMaxAndChangeMatchASortedCopy) {
  std::mt19937 gen(7);
  std::uniform_real_distribution<double> price(0.1, 100.0);
  for (int n = 1; n <= 9; ++n) {
    std::vector<double> v;
    for (int i = 0; i < n; ++i) v.push_back(price(gen));
    const SeriesSummary s = Summarise(v);
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const double median = n % 2 ? sorted[static_cast<size_t>(n / 2)]
                                : (sorted[static_cast<size_t>(n / 2 - 1)] + sorted[static_cast<size_t>(n / 2)]) / 2;
    EXPECT_DOUBLE_EQ(s.median, median);
    EXPECT_DOUBLE_EQ(s.min, sorted.front());
    EXPECT_DOUBLE_EQ(s.max, sorted.back());
    EXPECT_DOUBLE_EQ(s.change, v.back() - v.front());
    EXPECT_NEAR(*s.change_pct, 100 * (v.back() - v.front()) / v.front(), 1e-9);
  }
}

}  // namespace
}  // namespace gpuscout
