// The price history on both back ends (one user's SQLite file, a team's
// PostgreSQL store in a throwaway cluster): seeded from the snapshot, a
// point per change and none for an unchanged price, series read back oldest
// first. The PostgreSQL back end inserts a batch in one statement; random
// batches applied to both must leave the same series as SQLite's point by
// point reference. The summary's median against a sort-and-pick reference.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <thread>

#include "history/sqlite_history.h"
#include "pg_cluster.h"
#include "server/store.h"
#include "test_support.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;

// Each test runs on both back ends; Open() again reopens the same history.
class PriceHistoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("gpuscout-history-" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(path_);
    if (GetParam() == "postgresql") url_ = testing::PgCluster::Get().NewDatabase();
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::unique_ptr<PriceHistory> Open(const std::vector<PricePoint>& seed) {
    if (GetParam() == "sqlite") {
      // As SqlitePriceHistory::Open seeds it, with the test's seed.
      auto h = SqlitePriceHistory::Open(path_, {}, {});
      if (!h) throw std::runtime_error(h.error().Format());
      if (auto seeded = (*h)->SeedIfEmpty([&] { return seed; }); !seeded) throw std::runtime_error(seeded.error().Format());
      return std::move(*h);
    }
    auto store = gpuscout::Store::Open(url_);
    if (!store) throw std::runtime_error(store.error().Format());
    auto h = (*store)->StoredPriceHistory([&] { return seed; });
    if (!h || !*h) throw std::runtime_error(h ? "no stored history" : h.error().Format());
    stores_.push_back(std::move(*store));
    return std::move(*h);
  }
  std::unique_ptr<PriceHistory> Open() {
    const Catalog& c = testing::RealCatalog();
    return Open(SnapshotPoints(c.offers(), c.price_origins()));
  }
  std::string path_, url_;
  std::vector<std::unique_ptr<gpuscout::Store>> stores_;
};

INSTANTIATE_TEST_SUITE_P(Backends, PriceHistoryTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST_P(PriceHistoryTest, SeededFromTheSnapshotThenOnePointPerChange) {
  const Catalog& c = testing::RealCatalog();
  auto h = Open();
  const Offer* a100 = nullptr;
  for (const Offer& o : c.offers()) {
    if (o.vendor == "azure" && o.instance_type == "Standard_NC24ads_A100_v4" && o.region == "eastus") a100 = &o;
  }
  ASSERT_NE(a100, nullptr);
  auto seeded = h->Points({"azure", "standard_nc24ads_a100_v4", "eastus", ""});
  ASSERT_TRUE(seeded) << seeded.error().Format();
  ASSERT_EQ(seeded->size(), 2u);  // on-demand and spot
  EXPECT_EQ(seeded->front().as_of, "2026-05-20");
  EXPECT_EQ(seeded->front().origin.rfind("snapshot: ", 0), 0u);

  Offer changed = *a100;
  changed.price_hour = 3.55;
  auto added = h->Record({changed}, "2026-11-30T10:00:00Z", "refresh: test");
  ASSERT_TRUE(added) << added.error().Format();
  EXPECT_EQ(*added, 1u);  // the spot price did not change
  EXPECT_EQ(*h->Record({changed}, "2026-12-01T10:00:00Z", "refresh: test"), 0u);
  changed.price_hour = 3.673;  // back to the first price: a change from the last point
  EXPECT_EQ(*h->Record({changed}, "2026-12-02T10:00:00Z", "refresh: test"), 1u);

  auto points = h->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", ""});
  std::vector<double> on_demand;
  for (const PricePoint& p : *points) {
    if (p.purchase == "on-demand") on_demand.push_back(p.price);
  }
  EXPECT_EQ(on_demand, (std::vector<double>{3.673, 3.55, 3.673}));
  auto since = h->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", "2026-12-01"});
  EXPECT_EQ(since->size(), 1u);

  // Reopening does not seed again.
  h.reset();
  EXPECT_EQ(Open()->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", ""})->size(), 4u);
}

// Random batches over a few series and prices, repeats within a batch
// included, applied to this back end and to a SQLite file that inserts
// point by point: both keep the same points in the same order.
TEST_P(PriceHistoryTest, RandomBatchesKeepWhatAPointByPointInsertKeeps) {
  const std::vector<PricePoint> none;
  auto h = Open(none);
  const std::string reference_path = path_ + ".reference";
  auto reference = SqlitePriceHistory::Open(reference_path, {}, {});
  ASSERT_TRUE(reference) << reference.error().Format();
  std::mt19937 gen(21);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(gen); };
  const char* zones[] = {"", "us-east-1a"};
  const char* purchases[] = {"on-demand", "spot"};
  const double prices[] = {1.25, 1.5, 0.1 + 0.2};
  size_t kept = 0;
  for (int batch = 0; batch < 40; ++batch) {
    std::vector<PricePoint> points;
    for (int i = pick(12); i >= 0; --i) {
      points.push_back({"aws", "p5.48xlarge", "us-east-1", zones[pick(2)], purchases[pick(2)], prices[pick(3)],
                        pick(5) ? "USD" : "CNY", "2026-12-" + std::to_string(10 + batch), "test"});
    }
    auto a = h->Append(points);
    auto b = (*reference)->Append(points);
    ASSERT_TRUE(a && b) << (a ? b.error().Format() : a.error().Format());
    EXPECT_EQ(*a, *b) << "batch " << batch;
    kept += *b;
  }
  auto got = h->Points({"aws", "P5.48XLARGE", "", ""});
  auto want = (*reference)->Points({"aws", "p5.48xlarge", "", ""});
  ASSERT_TRUE(got && want);
  ASSERT_EQ(got->size(), want->size());
  EXPECT_EQ(want->size(), kept);
  EXPECT_GT(kept, 40u);
  for (size_t i = 0; i < got->size(); ++i) {
    const PricePoint &g = (*got)[i], &w = (*want)[i];
    EXPECT_TRUE(g.zone == w.zone && g.purchase == w.purchase && g.price == w.price && g.currency == w.currency &&
                g.as_of == w.as_of)
        << "point " << i;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(reference_path + suffix);
}

// Replicas that start together on one new database seed it once.
TEST(PostgresPriceHistory, ReplicasStartingTogetherSeedOnce) {
  const Catalog& c = testing::RealCatalog();
  const std::vector<PricePoint> seed = SnapshotPoints(c.offers(), c.price_origins());
  const std::string url = testing::PgCluster::Get().NewDatabase();
  std::vector<std::thread> replicas;
  std::atomic<int> opened{0};
  for (int i = 0; i < 4; ++i) {
    replicas.emplace_back([&] {
      auto store = gpuscout::Store::Open(url);
      if (!store) return;
      auto h = (*store)->StoredPriceHistory([&] { return seed; });
      if (h && *h) ++opened;
    });
  }
  for (auto& t : replicas) t.join();
  ASSERT_EQ(opened.load(), 4);
  auto store = gpuscout::Store::Open(url);
  ASSERT_TRUE(store);
  auto h = (*store)->StoredPriceHistory([&] { return seed; });
  ASSERT_TRUE(h && *h);
  auto points = (**h).Points({"azure", "Standard_NC24ads_A100_v4", "eastus", ""});
  EXPECT_EQ(points->size(), 2u);  // once, not four times
}

// SQLite's store keeps no history: one user's is the file the CLI shares.
TEST(SqliteStore, KeepsNoPriceHistoryOfItsOwn) {
  auto store = gpuscout::Store::Open(":memory:");
  ASSERT_TRUE(store);
  auto h = (*store)->StoredPriceHistory([] { return std::vector<PricePoint>{}; });
  ASSERT_TRUE(h);
  EXPECT_EQ(h->get(), nullptr);
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
