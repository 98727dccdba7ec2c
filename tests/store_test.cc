// The store on its own (server/store.h), in memory: uploads, idempotent
// retries, pages and their cursor, the summary, scenarios, and refusals.
#include "server/store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

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

std::unique_ptr<Store> Memory() {
  auto s = Store::Open(":memory:");
  if (!s) throw std::runtime_error(s.error().Format());
  return std::move(*s);
}

TEST(Store, AnIdempotencyKeyStoresOnce) {
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

TEST(Store, PagesFollowTheirCursorNewestFirst) {
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

TEST(Store, TheSummaryCountsEachChecksOutcomes) {
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

TEST(Store, RefusesWhatItCannotKeep) {
  auto s = Memory();
  nlohmann::json big = H200Report();
  big["summary"] = std::string(Store::kMaxRowBytes, 'x');
  auto r = s->AddProbeReport(big);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "body");
  nlohmann::json no_schema = H200Report();
  no_schema.erase("schema");
  EXPECT_FALSE(s->AddProbeReport(no_schema).has_value());
  EXPECT_TRUE(s->ProbeReports({})->rows.empty());  // nothing half-written
}

TEST(Store, ScenariosAreKeptAndListed) {
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
