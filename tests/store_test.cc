// The store on its own (server/store.h), on both back ends: SQLite in memory
// and PostgreSQL in a throwaway cluster (tests/pg_cluster.h): uploads,
// idempotent retries, pages and their cursor, the summary, scenarios, and
// refusals.
#include "server/store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "pg_cluster.h"
#include "source_files.h"

namespace gpuscout {
namespace {

nlohmann::json H200Report() { return nlohmann::json::parse(testing::SourceText("docs/probe-h200/probe.json")); }

// The real report, made to claim another instance and a check's outcome.
nlohmann::json ReportFor(const std::string& instance, bool count_ok) {
  nlohmann::json r = H200Report();
  r["comparison"]["instance_type"] = instance;
  r["comparison"]["checks"][0]["ok"] = count_ok;
  r["comparison"]["checks"][0]["measured"] = count_ok ? "1" : "0";
  return r;
}

// Each test of the suite runs on both back ends.
class Store : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<gpuscout::Store> Memory() {
    const std::string target = GetParam() == "sqlite" ? ":memory:" : testing::PgCluster::Get().NewDatabase();
    auto s = gpuscout::Store::Open(target);
    if (!s) throw std::runtime_error(s.error().Format());
    EXPECT_EQ((*s)->backend(), GetParam());
    return std::move(*s);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, Store, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST_P(Store, AnIdempotencyKeyStoresOnce) {
  auto s = Memory();
  auto first = s->AddProbeReport(H200Report(), "upload-1");
  ASSERT_TRUE(first.has_value()) << first.error().Format();
  EXPECT_FALSE(first->replayed);
  auto again = s->AddProbeReport(H200Report(), "upload-1");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->id, first->id);
  auto other = s->AddProbeReport(H200Report(), "upload-2");
  ASSERT_TRUE(other.has_value());
  EXPECT_NE(other->id, first->id);
  EXPECT_EQ(s->ProbeReports({})->rows.size(), 2u);
  auto bad = s->AddProbeReport(H200Report(), "no spaces allowed");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "Idempotency-Key");
}

TEST_P(Store, PagesFollowTheirCursorNewestFirst) {
  auto s = Memory();
  std::vector<int64_t> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(s->AddProbeReport(ReportFor("type-" + std::to_string(i), true))->id);
  std::vector<int64_t> seen;
  std::optional<int64_t> before;
  int pages = 0;
  do {
    auto page = s->ProbeReports({"", "", 3, before});
    ASSERT_TRUE(page.has_value()) << page.error().Format();
    for (const auto& row : page->rows) seen.push_back(row["id"].get<int64_t>());
    before = page->next_before;
    ++pages;
  } while (before);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, std::vector<int64_t>(ids.rbegin(), ids.rend()));
  // A filter narrows the page to one instance type.
  auto one = s->ProbeReports({"vast", "type-4", 50, std::nullopt});
  ASSERT_EQ(one->rows.size(), 1u);
  EXPECT_EQ(one->rows[0]["id"], ids[4]);
}

TEST_P(Store, TheSummaryCountsEachChecksOutcomes) {
  auto s = Memory();
  for (bool ok : {true, false, false}) ASSERT_TRUE(s->AddProbeReport(ReportFor("same-type", ok)).has_value());
  auto summary = s->ProbeSummary();
  ASSERT_TRUE(summary.has_value()) << summary.error().Format();
  ASSERT_EQ(summary->size(), 1u);
  const auto& row = (*summary)[0];
  EXPECT_EQ(row["instance_type"], "same-type");
  EXPECT_EQ(row["reports"], 3);
  const auto& count = row["checks"]["GPU count"];
  EXPECT_EQ(count["ok"], 1);
  EXPECT_EQ(count["short"], 2);
  EXPECT_EQ(count["measured"], nlohmann::json({"0", "0", "1"}));  // newest first
}

TEST_P(Store, RefusesWhatItCannotKeep) {
  auto s = Memory();
  nlohmann::json big = H200Report();
  big["summary"] = std::string(gpuscout::Store::kMaxRowBytes, 'x');
  auto r = s->AddProbeReport(big);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "body");
  nlohmann::json no_schema = H200Report();
  no_schema.erase("schema");
  EXPECT_FALSE(s->AddProbeReport(no_schema).has_value());
  EXPECT_TRUE(s->ProbeReports({})->rows.empty());  // nothing half-written
}

TEST_P(Store, ScenariosAreKeptAndListed) {
  auto s = Memory();
  const nlohmann::json body = {{"workload", {{"model", "Llama-2-7B"}, {"task", "lora"}}}};
  auto id = s->SaveScenario("recommend", body);
  ASSERT_TRUE(id.has_value()) << id.error().Format();
  auto page = s->Scenarios(10);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->rows.size(), 1u);
  EXPECT_EQ(page->rows[0]["kind"], "recommend");
  EXPECT_EQ(page->rows[0]["body"], body);
  EXPECT_FALSE(page->next_before.has_value());
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

std::unique_ptr<gpuscout::Store> OpenPg(const std::string& url) {
  auto s = gpuscout::Store::Open(url);
  if (!s) throw std::runtime_error(s.error().Format());
  return std::move(*s);
}

// Issue #21: replicas starting together migrate once, under the lock.
TEST(PostgresStore, ReplicasStartingTogetherMigrateOnce) {
  const std::string url = testing::PgCluster::Get().NewDatabase();
  std::vector<std::thread> starts;
  std::vector<int> versions(6, -1);
  std::vector<std::string> errors(6);
  for (size_t i = 0; i < versions.size(); ++i) {
    starts.emplace_back([&, i] {
      auto s = gpuscout::Store::Open(url);
      if (s) {
        versions[i] = (*s)->schema_version();
      } else {
        errors[i] = s.error().Format();
      }
    });
  }
  for (auto& t : starts) t.join();
  for (size_t i = 0; i < versions.size(); ++i) EXPECT_EQ(versions[i], gpuscout::Store::LatestSchemaVersion()) << errors[i];
  auto s = OpenPg(url);
  EXPECT_TRUE(s->Ready().has_value());
}

// Two replicas (two stores, each with its pool) take 1,000 uploads at once,
// a tenth of them retried with the same key: every acknowledged report is
// there once, and a retry answers the first upload's id.
TEST(PostgresStore, ConcurrentUploadsThroughTwoReplicasLoseNothing) {
  const std::string url = testing::PgCluster::Get().NewDatabase();
  auto a = OpenPg(url);
  auto b = OpenPg(url);
  const nlohmann::json report = H200Report();
  constexpr size_t kThreads = 8;
  constexpr int kEach = 125;
  std::vector<std::vector<int64_t>> acked(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> clients;
  for (size_t t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      gpuscout::Store& replica = t % 2 ? *a : *b;
      gpuscout::Store& other = t % 2 ? *b : *a;
      for (int i = 0; i < kEach; ++i) {
        const std::string key = "client-" + std::to_string(t) + "-" + std::to_string(i);
        auto r = replica.AddProbeReport(report, key);
        if (!r) {
          ++failures[t];
          continue;
        }
        acked[t].push_back(r->id);
        if (i % 10 == 0) {  // the client retries through the other replica
          auto again = other.AddProbeReport(report, key);
          if (!again || !again->replayed || again->id != r->id) ++failures[t];
        }
      }
    });
  }
  for (auto& c : clients) c.join();
  std::set<int64_t> ids;
  size_t total = 0;
  for (size_t t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[t], 0);
    total += acked[t].size();
    ids.insert(acked[t].begin(), acked[t].end());
  }
  EXPECT_EQ(total, 1000u);
  EXPECT_EQ(ids.size(), 1000u);
  std::set<int64_t> stored;
  std::optional<int64_t> before;
  do {
    auto page = a->ProbeReports({"", "", 500, before});
    ASSERT_TRUE(page.has_value()) << page.error().Format();
    for (const auto& row : page->rows) stored.insert(row["id"].get<int64_t>());
    before = page->next_before;
  } while (before);
  EXPECT_EQ(stored, ids);
}

// The database stopped under a replica: unavailable errors (503) while it
// is down, then the pool reconnects by itself; nothing acknowledged is lost.
TEST(PostgresStore, ADatabaseRestartIsUnavailableThenRecovered) {
  auto& cluster = testing::PgCluster::Get();
  auto s = OpenPg(cluster.NewDatabase());
  ASSERT_TRUE(s->AddProbeReport(H200Report(), "before").has_value());
  cluster.Stop();
  auto down = s->AddProbeReport(H200Report(), "during");
  cluster.Start();
  ASSERT_FALSE(down.has_value());
  EXPECT_TRUE(down.error().unavailable) << down.error().Format();
  auto after = s->AddProbeReport(H200Report(), "after");
  ASSERT_TRUE(after.has_value()) << after.error().Format();
  EXPECT_TRUE(s->Ready().has_value());
  auto page = s->ProbeReports({});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->rows.size(), 2u);  // "before" and "after"; "during" was refused, not half-stored
}

TEST(PostgresStore, APasswordInTheUrlIsRefused) {
  auto s = gpuscout::Store::Open("postgresql://user:secret@127.0.0.1:5/db");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().field, "db");
  EXPECT_NE(s.error().message.find("PGPASSFILE"), std::string::npos);
  EXPECT_EQ(s.error().message.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace gpuscout

#include "server/fleet_view.h"

namespace gpuscout {
namespace {

// A machine of `instance` measuring `gbps` of the H200's promised bandwidth.
nlohmann::json Machine(const std::string& instance, const std::string& gbps, bool ok, const std::string& driver) {
  nlohmann::json r = H200Report();
  r["comparison"]["instance_type"] = instance;
  for (auto& c : r["comparison"]["checks"]) {
    const bool bandwidth = c["what"].get<std::string>().rfind("GPU memory bandwidth", 0) == 0;
    if (bandwidth) c["measured"] = gbps;
    c["ok"] = bandwidth ? ok : true;  // the real report's vCPU shortfall left out
  }
  r["driver"]["version"] = driver;
  return r;
}

// Issue #21: the fleet view's median and worst machine, and its flag.
TEST(FleetView, MedianAndWorstMachinePerInstanceType) {
  FleetView view;
  view.Add("vast", "good", Machine("good", "4239.1", true, "580.159.04"));
  view.Add("vast", "good", Machine("good", "3800", false, "580.159.04"));
  view.Add("vast", "good", Machine("good", "4500", true, "575.51.03"));
  view.Add("vast", "slow", Machine("slow", "3000", false, "580.159.04"));
  view.Add("vast", "slow", Machine("slow", "3100", false, "580.159.04"));
  view.Add("vast", "slow", Machine("slow", "4700", true, "580.159.04"));
  const nlohmann::json fleet = view.Finish();
  ASSERT_EQ(fleet.size(), 2u);
  const auto& good = fleet[0]["instance_type"] == "good" ? fleet[0] : fleet[1];
  const auto& slow = fleet[0]["instance_type"] == "slow" ? fleet[0] : fleet[1];
  EXPECT_EQ(good["reports"], 3);
  EXPECT_EQ(good["drivers"]["580.159.04"], 2);
  EXPECT_EQ(good["drivers"]["575.51.03"], 1);
  EXPECT_EQ(good["cuda"]["13.0"], 3);
  EXPECT_FALSE(good["underperforms"].get<bool>());  // one machine of three short: the median is fine
  EXPECT_TRUE(slow["underperforms"].get<bool>());
  bool seen = false;
  for (const auto& c : good["checks"]) {
    if (c["what"].get<std::string>().rfind("GPU memory bandwidth", 0) != 0) continue;
    seen = true;
    EXPECT_DOUBLE_EQ(c["median"].get<double>(), 4239.1);
    EXPECT_DOUBLE_EQ(c["worst"].get<double>(), 3800);
    EXPECT_NEAR(c["worst_share"].get<double>(), 3800.0 / 4800, 1e-12);
    EXPECT_EQ(c["short"], 1);
  }
  EXPECT_TRUE(seen);
  ASSERT_EQ(slow["short_checks"].size(), 1u);
  EXPECT_EQ(slow["short_checks"][0].get<std::string>().rfind("GPU memory bandwidth", 0), 0u);
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

// Issue #21: one replica refreshes at a time (a lease that expires), and
// the files it publishes reach the others by generation.
TEST(PostgresStore, RefreshLeaseAndPublishedFiles) {
  auto a = OpenPg(testing::PgCluster::Get().NewDatabase());
  EXPECT_TRUE(*a->TakeRefreshLease("replica-a", 3600));
  EXPECT_TRUE(*a->TakeRefreshLease("replica-a", 3600));   // renewed by its holder
  EXPECT_FALSE(*a->TakeRefreshLease("replica-b", 3600));  // held
  EXPECT_TRUE(*a->TakeRefreshLease("replica-a", -10));    // the holder's lease, now lapsed
  EXPECT_TRUE(*a->TakeRefreshLease("replica-b", 3600));   // taken over
  EXPECT_FALSE(a->CatalogFilesSince(0)->has_value());     // nothing published yet
  auto g1 = a->PublishCatalogFiles({{"azure", "azure v1"}, {"aws", "aws v1"}});
  ASSERT_TRUE(g1.has_value()) << g1.error().Format();
  auto g2 = a->PublishCatalogFiles({{"azure", "azure v2"}});
  ASSERT_TRUE(g2.has_value());
  EXPECT_GT(*g2, *g1);
  auto since = a->CatalogFilesSince(*g1);
  ASSERT_TRUE(since.has_value() && since->has_value());
  EXPECT_EQ((*since)->generation, *g2);
  std::map<std::string, std::string> files;
  for (const auto& f : (*since)->files) files[f.vendor] = f.text;
  EXPECT_EQ(files, (std::map<std::string, std::string>{{"aws", "aws v1"}, {"azure", "azure v2"}}));  // every vendor's newest
  EXPECT_FALSE(a->CatalogFilesSince(*g2)->has_value());
}

}  // namespace
}  // namespace gpuscout
