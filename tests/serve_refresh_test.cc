// serve --refresh-every: a round of background refresh swaps the running
// server's catalog (new prices answered, the answer cache started afresh)
// and reports each vendor's outcome in /healthz and /metrics; a failed round
// changes nothing but the report.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <sstream>

#include "base/atomic_file.h"
#include "catalog/embedded_catalog.h"
#include "cli/commands.h"
#include "cli/app.h"
#include "cli/context.h"
#include "cli/serve_refresh.h"
#include "loopback.h"
#include "pg_cluster.h"
#include "server/store.h"
#include "server_fixture.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;

std::string Page(const std::string& name) {
  return *ReadFile(std::string(GPUSCOUT_SOURCE_DIR) + "/tests/data/refresh/azure/" + name);
}

class ServeRefreshTest : public ServerTest {
 protected:
  void SetUp() override {
    home_ = fs::temp_directory_path() / ("gpuscout-serve-refresh-" + std::to_string(::getpid()));
    fs::remove_all(home_);
    ::setenv("GPUSCOUT_HOME", home_.c_str(), 1);
    api_ = std::make_unique<Loopback>([this](httplib::Server& s) {
      s.Get("/api/retail/prices", [this](const httplib::Request& req, httplib::Response& res) {
        ++requests_;
        if (failing_) {
          res.status = 503;
          res.set_header("Retry-After", "0");
          return;
        }
        std::string body = Page(req.has_param("$skip") ? "eastus-page2.json" : "eastus-page1.json");
        for (size_t at; (at = body.find("{BASE}")) != std::string::npos;) body.replace(at, 6, api_->Url());
        res.set_content(body, "application/json");
      });
    });
    auto history = cli::OpenPriceHistory();
    ASSERT_TRUE(history) << history.error().Format();
    history_owner_ = std::move(*history);
    history_ = history_owner_.get();
    Start();
  }
  void TearDown() override {
    ServerTest::TearDown();
    fs::remove_all(home_);
  }
  double A100Price(std::string* cache) {
    auto res = client_->Get("/v1/offers?vendor=azure&region=eastus&gpu=A100-80GB&all_regions=true");
    EXPECT_TRUE(res);
    if (cache) *cache = res->get_header_value("X-Cache");
    for (const auto& o : nlohmann::json::parse(res->body)) {
      if (o["instance_type"] == "Standard_NC24ads_A100_v4" && o["region"] == "eastus") return o["price_hour"];
    }
    return 0;
  }

  fs::path home_;
  std::unique_ptr<PriceHistory> history_owner_;
  std::atomic<bool> failing_{false};
  std::atomic<int> requests_{0};
  std::unique_ptr<Loopback> api_;
};

TEST_F(ServeRefreshTest, ARoundSwapsTheCatalogAndReportsEachVendor) {
  std::string cache;
  EXPECT_DOUBLE_EQ(A100Price(&cache), 3.673);  // the snapshot's
  EXPECT_DOUBLE_EQ(A100Price(&cache), 3.673);
  EXPECT_EQ(cache, "hit");

  cli::RefreshLoop loop(*server_, {1000, {"azure"}, {"eastus"}, api_->Url()});
  auto round = loop.RunOnce();
  ASSERT_TRUE(round) << round.error().Format();
  ASSERT_FALSE((*round)[0].error) << (*round)[0].error->Format();
  EXPECT_DOUBLE_EQ(A100Price(&cache), 3.55);  // the refreshed price, not the cached answer
  EXPECT_EQ(cache, "miss");
  auto health = Get("/healthz", 200);
  EXPECT_EQ(health["refresh"]["azure"]["ok"], true);
  EXPECT_EQ(health["refresh"]["azure"]["offers"], 2);
  auto metrics = client_->Get("/metrics");
  EXPECT_NE(metrics->body.find("gpuscout_refresh_ok{vendor=\"azure\"} 1"), std::string::npos);
  EXPECT_NE(metrics->body.find("gpuscout_catalog_generation 1"), std::string::npos);

  failing_ = true;
  ASSERT_TRUE(loop.RunOnce());
  EXPECT_DOUBLE_EQ(A100Price(nullptr), 3.55);  // kept
  health = Get("/healthz", 200);
  EXPECT_EQ(health["refresh"]["azure"]["ok"], false);
  EXPECT_NE(health["refresh"]["azure"]["error"].get<std::string>().find("HTTP 503"), std::string::npos);
  metrics = client_->Get("/metrics");
  EXPECT_NE(metrics->body.find("gpuscout_catalog_generation 1"), std::string::npos);  // no swap
}

TEST_F(ServeRefreshTest, PriceHistoryOverTheApi) {
  cli::RefreshLoop loop(*server_, {1000, {"azure"}, {"eastus"}, api_->Url()});
  ASSERT_TRUE(loop.RunOnce());
  auto h = Get("/v1/prices/history?vendor=Azure&instance=standard_nc24ads_a100_v4&region=eastus", 200);
  EXPECT_EQ(h["instance_type"], "Standard_NC24ads_A100_v4");
  bool saw = false;
  for (const auto& s : h["series"]) {
    if (s["purchase"] != "on-demand") continue;
    saw = true;
    ASSERT_EQ(s["points"].size(), 2u);
    EXPECT_DOUBLE_EQ(s["points"][0]["price"].get<double>(), 3.673);
    EXPECT_DOUBLE_EQ(s["points"][1]["price"].get<double>(), 3.55);
  }
  EXPECT_TRUE(saw);
  EXPECT_EQ(Field(Get("/v1/prices/history?instance=x", 400)), "vendor");
  EXPECT_EQ(Field(Get("/v1/prices/history?vendor=azure", 400)), "instance");
  EXPECT_EQ(Field(Get("/v1/prices/history?vendor=azure&instance=x&since=soon", 400)), "since");
  EXPECT_EQ(Field(Get("/v1/prices/history?vendor=azure&instance=x&colour=red", 400)), "colour");
  EXPECT_EQ(Field(Get("/v1/prices/history?vendor=azure&instance=Standard_Nope", 404)), "instance");
}

// Issue #21: replicas on one PostgreSQL store. The leader refreshes and
// publishes; a replica that does not hold the lease fetches nothing and
// loads what was published.
TEST_F(ServeRefreshTest, ReplicasShareOneRefreshThroughTheStore) {
  auto store = Store::Open(testing::PgCluster::Get().NewDatabase());
  ASSERT_TRUE(store.has_value()) << store.error().Format();
  cli::RefreshLoop leader(*server_, {1000, {"azure"}, {"eastus"}, api_->Url(), store->get(), "leader"});
  ASSERT_TRUE(leader.RunOnce());
  EXPECT_DOUBLE_EQ(A100Price(nullptr), 3.55);
  const int fetched = requests_;
  EXPECT_GT(fetched, 0);
  // The follower's view of the world: the snapshot, no refreshed file yet.
  fs::remove_all(home_ / "catalog");
  auto snapshot = LoadCatalog("");
  ASSERT_TRUE(snapshot.has_value());
  auto catalog = std::make_shared<const Catalog>(std::move(*snapshot));
  server_->SwapCatalog(catalog, std::make_shared<const Estimator>(*cli::MakeEstimator(*catalog)));
  EXPECT_DOUBLE_EQ(A100Price(nullptr), 3.673);

  cli::RefreshLoop follower(*server_, {1000, {"azure"}, {"eastus"}, api_->Url(), store->get(), "follower"});
  auto round = follower.RunOnce();  // the leader holds the lease: sync only
  ASSERT_TRUE(round) << round.error().Format();
  EXPECT_TRUE(round->empty());
  EXPECT_EQ(requests_, fetched);  // nothing fetched from the vendor
  EXPECT_DOUBLE_EQ(A100Price(nullptr), 3.55);  // the leader's prices
  auto again = follower.Sync();
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);  // nothing newer
}

// Issue #21: on PostgreSQL the price history is the store's. What the
// leader's refresh records is what another replica answers on
// /v1/prices/history; the user's own history file is not written.
TEST_F(ServeRefreshTest, ReplicasShareThePriceHistoryThroughTheStore) {
  const std::string url = testing::PgCluster::Get().NewDatabase();
  auto store_a = Store::Open(url), store_b = Store::Open(url);
  ASSERT_TRUE(store_a && store_b);
  auto history_a = cli::OpenPriceHistory(**store_a), history_b = cli::OpenPriceHistory(**store_b);
  ASSERT_TRUE(history_a && history_b) << (history_a ? history_b.error().Format() : history_a.error().Format());
  cli::RefreshLoopOptions lead{1000, {"azure"}, {"eastus"}, api_->Url(), store_a->get(), "leader"};
  lead.history = history_a->get();
  cli::RefreshLoop leader(*server_, lead);
  ASSERT_TRUE(leader.RunOnce());

  ServerOptions o;
  Server replica(ServerDeps{&testing::RealCatalog(), &testing::RealEstimator(), &compat_, store_b->get(), history_b->get()}, o);
  auto port = replica.Bind();
  ASSERT_TRUE(port);
  std::thread serving([&] { replica.Run(); });
  httplib::Client client("127.0.0.1", *port);
  auto res = client.Get("/v1/prices/history?vendor=azure&instance=Standard_NC24ads_A100_v4&region=eastus");
  replica.Stop();
  serving.join();
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = nlohmann::json::parse(res->body);
  std::vector<double> on_demand;
  for (const auto& series : answer["series"]) {
    if (series["purchase"] != "on-demand") continue;
    for (const auto& p : series["points"]) on_demand.push_back(p["price"]);
  }
  EXPECT_EQ(on_demand, (std::vector<double>{3.673, 3.55}));
  auto own = history_->Points({"azure", "Standard_NC24ads_A100_v4", "eastus", ""});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->size(), 2u);  // the file keeps the snapshot's two points only

  // A team member reads the same series from the CLI.
  std::ostringstream out, err;
  ASSERT_EQ(cli::Run({"prices", "history", "--vendor", "azure", "--instance", "standard_nc24ads_a100_v4", "--region", "eastus",
                      "--db", url, "--format", "csv"},
                     out, err),
            0)
      << err.str();
  EXPECT_NE(out.str().find("3.55"), std::string::npos) << out.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(cli::Run({"prices", "history", "--vendor", "azure", "--instance", "x", "--db", (home_ / "team.db").string()}, out2, err2), 2);
  EXPECT_NE(err2.str().find("--db"), std::string::npos) << err2.str();
}

TEST_F(ServeRefreshTest, TheLoopRunsAtStartAndStopsPromptly) {
  cli::RefreshLoop loop(*server_, {1000, {"azure"}, {"eastus"}, api_->Url()});
  loop.Start();
  for (int i = 0; i < 200 && !Get("/healthz", 200)["refresh"].contains("azure"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(Get("/healthz", 200)["refresh"]["azure"]["ok"], true);
  const auto start = std::chrono::steady_clock::now();
  loop.Stop();  // does not wait out the 1000 hours
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace gpuscout
