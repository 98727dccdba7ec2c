// Regression tests for what an outside fuzzing and abuse run found (issue
// "No input kills, hangs or poisons it"): each case is the input that
// crashed, hung or poisoned the program, now answered with a named error.
// The unit tests also run under ASan + UBSan, which is where the undefined
// conversions were seen.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>

#include "autoscale/cron.h"
#include "emit/yaml_out.h"
#include "lint/import.h"
#include "autoscale/fleet.h"
#include "autoscale/simulator.h"
#include "autoscale/trace.h"
#include "base/atomic_file.h"
#include "catalog/builder.h"
#include "catalog/region_pattern.h"
#include "codec/json_text.h"
#include "codec/request_json.h"
#include "lint/plan.h"
#include "server_fixture.h"

namespace gpuscout {
namespace {

std::string Nested(int depth) { return std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']'); }

// A report that passes validation, with `extra` nested inside it.
nlohmann::json ReportWith(const std::string& vendor, const std::string& instance, const std::string& measured) {
  return {{"schema", "gpuscout.probe/1"},
          {"started_at", "2026-11-29T00:00:00Z"},
          {"machine", nlohmann::json::object()},
          {"gpus", nlohmann::json::array()},
          {"findings", nlohmann::json::array()},
          {"comparison",
           {{"vendor", vendor},
            {"instance_type", instance},
            {"checks", {{{"what", "GPU count"}, {"promised", "8"}, {"measured", measured}, {"ok", measured == "8"}}}}}}};
}

// 1. An invalid UTF-8 path echoed into the not-found answer aborted the server.
TEST_F(ServerTest, InvalidUtf8PathIsA404NotACrash) {
  Start();
  for (const char* path : {"/%ff", "/%c0%af..%c0%af", "/v1/%fe%ff/x", "/%ed%a0%80"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_TRUE(nlohmann::json::accept(res->body)) << res->body;
  }
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
}

// 2. A body nested 100,000 deep overflowed the stack.
TEST_F(ServerTest, DeepJsonIsRefusedBeforeItIsWalked) {
  Start();
  const std::string deep = Nested(100000);
  for (const char* path : {"/v1/probe-reports", "/v1/scenarios", "/v1/recommend", "/v1/estimate"}) {
    auto res = client_->Post(path, deep, "application/json");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_NE(res->body.find("nested deeper than 64"), std::string::npos) << res->body;
  }
  // 64 levels are fine as JSON; 65 are not.
  EXPECT_TRUE(ParseJson(Nested(64), "body").has_value());
  EXPECT_FALSE(ParseJson(Nested(65), "body").has_value());
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
}

// 3. A deep report, once stored, crashed every listing; now it cannot be
// stored, and a bad row already in a database is skipped, not fatal.
TEST_F(ServerTest, APoisonedStoredRowIsSkipped) {
  const auto dir = std::filesystem::temp_directory_path() / ("gpuscout-poison-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "g.db").string();
  {
    auto s = Store::Open(db);
    ASSERT_TRUE(s.has_value());
    ASSERT_TRUE((*s)->AddProbeReport(ReportWith("aws", "p5.48xlarge", "8")).has_value());
    auto deep = ReportWith("aws", "p5.48xlarge", "8");
    deep["machine"]["x"] = nlohmann::json::parse(Nested(60));
    EXPECT_TRUE((*s)->AddProbeReport(deep).has_value());  // 62 levels in all: under the limit
  }
  // Rows written behind the server's back: 60,000 deep, and not JSON at all.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  const std::string poison = "{\"comparison\":{\"checks\":" + Nested(60000) + "},\"schema\":\"gpuscout.probe/1\"}";
  for (const std::string& text : {poison, std::string("{not json")}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "INSERT INTO probe_reports (received_at, vendor, instance_type, report) VALUES ('t', 'aws', 'p5.48xlarge', ?);",
                       -1, &st, nullptr);
    sqlite3_bind_text(st, 1, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
  }
  sqlite3_close(raw);
  Start({}, db);
  auto all = Get("/v1/probe-reports", 200);
  EXPECT_EQ(all.size(), 2u);  // the two good reports; the two bad rows skipped
  auto summary = Get("/v1/probe-reports/summary", 200);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["reports"], 2);
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
  server_->Stop();
  thread_.join();
  server_.reset();
  store_.reset();
  std::filesystem::remove_all(dir);
}

// 4. A cron that never fires looped for ever.
TEST(Robustness, CronThatNeverFiresIsRefused) {
  for (const char* never : {"0 0 30 2 *", "0 0 31 4 *", "0 0 31 2,4,6,9,11 *", "0 0 30,31 feb *"}) {
    auto c = ParseCron(never);
    ASSERT_FALSE(c.has_value()) << never;
    EXPECT_NE(c.error().message.find("never fires"), std::string::npos) << c.error().message;
  }
  // Rare but real: 29 February, and the day-or rule with a weekday.
  for (const char* rare : {"0 0 29 2 *", "0 0 30 2 mon", "0 0 31 * *"}) EXPECT_TRUE(ParseCron(rare).has_value()) << rare;
  auto leap = ParseCron("0 0 29 2 *");
  EXPECT_EQ(NextFire(*leap, 1767225600 /* 2026-01-01 */, nullptr), 1835395200 /* 2028-02-29 */);
}

TEST_F(ServerTest, NeverFiringScheduleIsA400NotAHang) {
  Start();
  const std::string fleet = "price: 1\ncapacity_rps: 4\nmax_nodes: 2\nschedule:\n  - {cron: \"0 0 30 2 *\", min_nodes: 1}\n";
  auto bad = Post("/v1/scale/simulate", {{"example", "diurnal"}, {"fleet", fleet}}, 400);
  EXPECT_EQ(Field(bad), "schedule[].cron");
  EXPECT_EQ(bad["error"]["line"], 5);
}

// 5. A mapping with a non-scalar key aborted lint and scale.
TEST(Robustness, NonScalarYamlKeysAreNamedErrors) {
  for (const char* yaml : {"? [a, b]\n: 1\n", "{[a]: 1}\n", "workload:\n  ? {x: 1}\n  : 2\n", "network:\n  zones: [[a]]\n",
                           "offers:\n  - {? [v]: 1}\n"}) {
    SCOPED_TRACE(yaml);
    auto plan = ParsePlan(yaml, "p.yaml");
    ASSERT_FALSE(plan.has_value());
    EXPECT_EQ(plan.error().code, ExitCode::kBadInput);
    EXPECT_EQ(plan.error().file, "p.yaml");
    EXPECT_GT(plan.error().line, 0);
    FleetContext ctx;
    ctx.catalog = &testing::RealCatalog();
    ctx.estimator = &testing::RealEstimator();
    auto fleet = ParseFleet(yaml, "f.yaml", ctx);
    EXPECT_FALSE(fleet.has_value());
  }
}

TEST_F(ServerTest, NonScalarYamlKeyOverTheApiIsA400) {
  Start();
  EXPECT_EQ(Post("/v1/lint", {{"plan", "? [a, b]\n: 1\n"}}, 400)["error"]["line"], 1);
  Post("/v1/scale/simulate", {{"example", "diurnal"}, {"fleet", "{[a]: 1}\n"}}, 400);
}

// 6. Numbers converted to int before their range was checked (undefined
// behaviour, seen by UBSan).
TEST(Robustness, HugeNumbersAreRangeErrorsNotConversions) {
  for (const char* cron : {"0 0 99999999999 * *", "*/99999999999 * * * *", "0-99999999999999999999 * * * *", "*/0 * * * *"}) {
    EXPECT_FALSE(ParseCron(cron).has_value()) << cron;
  }
  MoneyRequest money;
  for (const char* top : {"1e30", "-1e30", "1e300", "2.5"}) {
    auto r = RecommendArgsFromJson(nlohmann::json::parse(std::string("{\"top\": ") + top + "}"), money);
    ASSERT_FALSE(r.has_value()) << top;
    EXPECT_EQ(r.error().field, "top");
  }
  auto seed = ScaleInputFromJson({{"example", "diurnal"}, {"seed", -1e300}}, money);
  ASSERT_FALSE(seed.has_value());
  EXPECT_EQ(seed.error().field, "seed");
  for (const char* plan : {"workload:\n  task: infer\n  model: Llama-3.1-8B\n  layers: 1e10\n",
                           "workload:\n  task: lora\n  model: Llama-3.1-8B\n  micro_batch: 1.9\n",
                           "workload:\n  task: lora\n  model: Llama-3.1-8B\n  micro_batch: 3000000000\n",
                           // A CUDA version of 112 digits reached an int conversion in GS008 (found by plan_fuzz).
                           "os: {distribution: centos, version: \"7\"}\ndriver: \"470.82.01\"\ncompiler: {gcc: \"4.8.5\"}\ncuda: \"17777777777777777777.5\"\n"}) {
    auto p = ParsePlan(plan, "p.yaml");
    ASSERT_FALSE(p.has_value()) << plan;
    EXPECT_EQ(p.error().line, 4);
  }
  // The last one: date::parse turned malformed seconds into NaN, then an integer (found by trace_fuzz).
  for (const char* ts : {"99999999999999999999999", "253402300800", "10000-01-01T00:00:00Z", "2026-01-05T00:0000:+08:00"}) {
    EXPECT_FALSE(ParseTimestamp(ts).has_value()) << ts;
  }
  EXPECT_TRUE(ParseTimestamp("253402300799").has_value());
  // Minutes without seconds made date::parse read an uninitialised seconds
  // value (NaN, then an integer: found by trace_fuzz). Read by hand now, and
  // compared with Python's datetime.fromisoformat on the same strings.
  const std::pair<const char*, int64_t> known[] = {{"2024-02-29T23:59:59-05:30", 1709270999}, {"2026-01-05T05:00+08:00", 1767560400},
                                                   {"1970-01-01T00:00Z", 0}, {"9999-12-31T23:59:59Z", 253402300799},
                                                   {"2026-03-29 01:30:00+01:00", 1774744200}};
  for (const auto& [text, epoch] : known) {
    auto p = ParseTimestamp(text);
    ASSERT_TRUE(p.has_value()) << text;
    EXPECT_EQ(p->t, epoch) << text;
  }
  for (const char* bad : {"2026-02-30T00:00Z", "2026-13-01T00:00Z", "2026-01-01T24:00Z", "2026-01-01T00:60Z", "2026-01-01T00:00:61Z",
                          "2026-01-01T00:00+24:00", "2026-01-50T00:00+08T05:00+08:00", "2026-01-01T00:00"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << bad;
  }
}

// 6. A trace over a century, or a tiny interval over a long span, made the
// simulator allocate without bound.
TEST(Robustness, SimulationWorkIsBoundedByItsInput) {
  auto trace = ParseTrace("timestamp,rps\n0,10\n1,20\n3155760000,30\n", "t.csv");  // 1970 to 2070
  ASSERT_TRUE(trace.has_value());
  SimPool pool;
  pool.name = "p";
  pool.capacity_rps = 10;
  pool.max_nodes = 4;
  SimOptions o;
  o.tick_s = 60;
  auto r = Simulate(*trace, {pool}, o);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "tick");
  EXPECT_NE(r.error().message.find("more than the 8000000"), std::string::npos) << r.error().message;
  // A timeline is bounded by its own cap.
  auto week = ParseTrace("timestamp,rps\n0,10\n604800,20\n", "w.csv");
  o.tick_s = 1;
  o.timeline = true;
  o.max_timeline_rows = 100000;
  auto t = Simulate(*week, {pool}, o);
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().field, "timeline");
  // And the work by a wall-clock budget, when the caller sets one.
  o.timeline = false;
  o.budget = Budget(std::chrono::milliseconds(0));
  auto b = Simulate(*week, {pool}, o);
  ASSERT_FALSE(b.has_value());
  EXPECT_TRUE(b.error().over_budget);
}

TEST_F(ServerTest, ComputeOverItsBudgetIsA503WithRetryAfter) {
  ServerOptions o;
  o.compute = std::chrono::milliseconds(1);
  Start(o);
  // A year at a 4-second tick: within the step bound, well over a millisecond.
  const std::string trace = "timestamp,rps\n0,10\n15000000,20\n";
  auto res = client_->Post("/v1/scale/simulate",
                           nlohmann::json{{"trace_csv", trace}, {"fleet", "price: 1\ncapacity_rps: 4\nmax_nodes: 2\n"}, {"tick_s", 4}}.dump(),
                           "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503) << res->body.substr(0, 300);
  EXPECT_EQ(res->get_header_value("Retry-After"), "5");
  auto rec = client_->Post("/v1/recommend", R"({"workload": {"model": "Llama-3.1-8B", "task": "lora", "tokens": 2e8}, "max_nodes": 64})",
                           "application/json");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->status, 503) << rec->body.substr(0, 300);
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
}

// 7. "file:line" split at the first colon hid duplicates in a path with colons.
TEST(Robustness, DuplicateRowInAPathWithColonsIsReported) {
  const std::string text = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,GpuInfo,SpotPrice\n"
                           "gpu_1x_a10,A10,1.0,30.0,200.0,0.66,us-south-9,,\n"
                           "gpu_1x_a10,A10,1.0,30.0,200.0,0.70,us-south-9,,\n";
  const std::string path = "dir:with:colon/vms.csv";
  std::vector<SourceText> files = {{path, text, SourceFormat::kSkyPilot, "lambda"}};
  auto built = BuildOffers(files, testing::RealCatalog().Inputs());
  const Error* e = FirstError(built);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->file, path);
  EXPECT_EQ(e->line, 3);
  EXPECT_NE(e->message.find("duplicate offer"), std::string::npos);
}

// Found on the way: std::regex backtracked for minutes on `(.*)*x` over the
// catalog's regions (a request could ask for it). RE2 answers in linear time
// and agrees with std::regex (the reference) on ordinary patterns.
TEST(Robustness, RegionPatternsCannotBacktrackForever) {
  std::set<std::string> regions;
  for (const auto& o : testing::RealCatalog().offers()) regions.insert(o.region);
  for (const char* p : {"^us-", "EU-(west|central)", "east-[12]$", "asia|ap-", "^cn-[a-z]+$", "1"}) {
    auto pattern = RegionPattern::Compile(p);
    ASSERT_TRUE(pattern.has_value()) << p;
    const std::regex reference(p, std::regex::ECMAScript | std::regex::icase);
    for (const auto& r : regions) EXPECT_EQ(pattern->Matches(r), std::regex_search(r, reference)) << p << " " << r;
  }
  for (const char* hostile : {"(.*)*x", "((a|a)*)*b", "(.*.*)*$x", "(x+x+)+y"}) {
    auto pattern = RegionPattern::Compile(hostile);
    ASSERT_TRUE(pattern.has_value()) << hostile;
    for (const auto& r : regions) (void)pattern->Matches(r);
  }
  EXPECT_FALSE(RegionPattern::Compile("us-(").has_value());
  EXPECT_FALSE(RegionPattern::Compile(std::string(201, 'a')).has_value());
}

TEST_F(ServerTest, HostileRegionPatternIsAnsweredAtOnce) {
  Start();
  auto res = client_->Get("/v1/offers?region=(.*)*x&all_regions=true");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  for (const auto& o : nlohmann::json::parse(res->body)) {
    EXPECT_NE(o["region"].get<std::string>().find_first_of("xX"), std::string::npos) << o["region"];
  }
}

// 10. A number too large for a double was a 500.
TEST_F(ServerTest, NumberOverflowInABodyIsA400) {
  Start();
  auto res = client_->Post("/v1/recommend", R"({"top": 1e400})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("out of range"), std::string::npos) << res->body;
  auto tl = Post("/v1/scale/simulate", {{"trace_csv", "timestamp,rps\n0,10\n604800,20\n"}, {"fleet", "price: 1\ncapacity_rps: 4\nmax_nodes: 2\n"},
                                        {"tick_s", 1}, {"timeline", true}},
                 400);
  EXPECT_EQ(Field(tl), "timeline");
}

// 9. Listings are pages with a cursor; the summary is aggregated in SQL.
TEST_F(ServerTest, ListingsArePagesWithALinkToTheNext) {
  Start();
  for (int i = 0; i < 120; ++i) {
    ASSERT_TRUE(store_->AddProbeReport(ReportWith(i % 2 ? "aws" : "gcp", "x", std::to_string(i % 9))).has_value());
  }
  auto res = client_->Get("/v1/probe-reports");
  ASSERT_TRUE(res);
  auto page = nlohmann::json::parse(res->body);
  ASSERT_EQ(page.size(), 50u);
  EXPECT_EQ(page[0]["id"], 120);
  EXPECT_EQ(res->get_header_value("Link"), "</v1/probe-reports?limit=50&before=71>; rel=\"next\"");
  // Follow the links to the end: every report once.
  std::set<int64_t> seen;
  std::string next = "/v1/probe-reports?limit=50&vendor=aws";
  while (!next.empty()) {
    auto r = client_->Get(next);
    ASSERT_TRUE(r);
    for (const auto& row : nlohmann::json::parse(r->body)) seen.insert(row["id"].get<int64_t>());
    const std::string link = r->get_header_value("Link");
    next = link.empty() ? "" : link.substr(1, link.find('>') - 1);
  }
  EXPECT_EQ(seen.size(), 60u);
  EXPECT_EQ(Field(Get("/v1/probe-reports?limit=101", 400)), "limit");
  EXPECT_EQ(Field(Get("/v1/probe-reports?before=x", 400)), "before");
  EXPECT_EQ(Field(Get("/v1/scenarios?limit=0", 400)), "limit");
  auto summary = Get("/v1/probe-reports/summary", 200);
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0]["vendor"], "aws");
  EXPECT_EQ(summary[0]["reports"], 60);
  const auto& check = summary[0]["checks"]["GPU count"];
  EXPECT_EQ(check["measured"].size(), 20u);  // the newest 20
  EXPECT_EQ(check["ok"].get<int>() + check["short"].get<int>(), 60);
  EXPECT_EQ(check["measured"][0], "2");       // report 120 - 1 = 119: 119 % 9
}

TEST_F(ServerTest, APageOfLargeRowsEndsAtItsByteBound) {
  Start();
  auto big = ReportWith("aws", "x", "8");
  big["machine"]["notes"] = std::string(200 * 1024, 'x');  // under the row quota
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(store_->AddProbeReport(big).has_value());
  auto res = client_->Get("/v1/probe-reports?limit=100");
  ASSERT_TRUE(res);
  const auto page = nlohmann::json::parse(res->body);
  EXPECT_EQ(page.size(), 21u);  // 21 x 200 KiB passes 4 MiB: the page ends there
  EXPECT_EQ(res->get_header_value("Link"), "</v1/probe-reports?limit=100&before=10>; rel=\"next\"");
}

TEST_F(ServerTest, OversizedRowsAreRefused) {
  ServerOptions o;
  o.max_body_bytes = 1 << 20;
  Start(o);
  auto big = ReportWith("aws", "x", "8");
  big["machine"]["notes"] = std::string(300 * 1024, 'x');
  auto res = client_->Post("/v1/probe-reports", big.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Get("/v1/probe-reports", 200).size(), 0u);
}

// 11. A retried upload is stored once; the token compares whole.
TEST_F(ServerTest, IdempotencyKeyStoresARetryOnce) {
  Start();
  const auto report = ReportWith("aws", "x", "8");
  httplib::Headers key = {{"Idempotency-Key", "probe-0123abcd"}};
  auto first = client_->Post("/v1/probe-reports", key, report.dump(), "application/json");
  auto again = client_->Post("/v1/probe-reports", key, report.dump(), "application/json");
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(nlohmann::json::parse(first->body)["id"], nlohmann::json::parse(again->body)["id"]);
  auto other = client_->Post("/v1/probe-reports", {{"Idempotency-Key", "probe-other"}}, report.dump(), "application/json");
  EXPECT_EQ(other->status, 201);
  auto bad = client_->Post("/v1/probe-reports", {{"Idempotency-Key", "no spaces allowed"}}, report.dump(), "application/json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Get("/v1/probe-reports", 200).size(), 2u);
}

TEST_F(ServerTest, TokenMustMatchWhole) {
  ServerOptions o;
  o.token = "s3cret-token";
  Start(o);
  for (const char* wrong : {"Bearer s3cret-tokeN", "Bearer s3cret-token-and-more", "Bearer s3cret", "Bearer ", "s3cret-token"}) {
    auto res = client_->Get("/v1/gpus", {{"Authorization", wrong}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << wrong;
  }
  EXPECT_EQ(client_->Get("/v1/gpus", {{"Authorization", "Bearer s3cret-token"}})->status, 200);
}

TEST(Robustness, KilledImportsLeaveNoTemporaryFilesBehind) {
  const auto dir = std::filesystem::temp_directory_path() / ("gpuscout-tmp-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "aws");
  for (const char* name : {"aws/vms.csv.tmp.Ab12Cd", "aws/vms.csv.tmp.zzzzzz"}) {
    std::ofstream(dir / name) << "half a file";
  }
  std::ofstream(dir / "aws" / "notes.tmp.txt") << "not ours";
  auto lock = FolderLock::Take(dir.string());
  ASSERT_TRUE(lock.has_value());
  EXPECT_EQ(RemoveStaleTemporaries(dir.string()), 2);
  EXPECT_TRUE(std::filesystem::exists(dir / "aws" / "notes.tmp.txt"));
  std::filesystem::remove_all(dir);
}

// 8. Slow clients took every worker; /healthz waited 48 s.
int SlowClient(const char* from, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from, &local.sin_addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  const char start[] = "GET /healthz HTTP/1.1\r\n";
  (void)::send(fd, start, sizeof start - 1, MSG_NOSIGNAL);
  return fd;
}

TEST_F(ServerTest, SlowClientsDoNotStarveOthers) {
  ServerOptions o;
  o.threads = 8;
  o.per_client = 4;
  o.timeout_s = 2;
  Start(o);
  // Twelve trickling connections from one address (127.0.0.2): four are
  // admitted and cut at the request deadline, the rest refused at once.
  std::vector<int> slow;
  for (int i = 0; i < 12; ++i) slow.push_back(SlowClient("127.0.0.2", port_));
  std::atomic<bool> trickle{true};
  std::thread dripper([&] {
    while (trickle) {
      for (int fd : slow) (void)::send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  // Another client is answered all the while.
  client_->set_read_timeout(5, 0);
  for (int i = 0; i < 5; ++i) {
    auto res = client_->Get("/healthz");
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->status, 200);
  }
  // Each slow connection ends: a 503 for those over the cap, a closed
  // connection (after a 400 or nothing) at the deadline for the others.
  int refused = 0;
  for (int fd : slow) {
    timeval tv{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string got;
    char buf[512];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<size_t>(n));
    EXPECT_EQ(n, 0) << "still open after the deadline";
    if (got.find("503") != std::string::npos) ++refused;
  }
  trickle = false;
  dripper.join();
  for (int fd : slow) ::close(fd);
  EXPECT_EQ(refused, 8);
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

// Fuzzing (plan target, through lint's import of other tools' files): an
// emitted HPA cut and pasted into a Deployment made yaml-cpp 0.7's LoadAll
// loop for ever, its memory growing past 2 GB. The documents are now split
// and loaded one at a time: the file is read (and refused or linted) at once.
TEST(Robustness, AMangledMultiDocumentFileDoesNotHangTheImport) {
  const std::string text = *ReadFile(std::string(GPUSCOUT_SOURCE_DIR) + "/tests/data/fuzz/plan-loadall-hang.yaml");
  const auto start = std::chrono::steady_clock::now();
  auto plan = ReadAnyPlan(text, "mangled.yaml", testing::RealCatalog());
  (void)plan;  // refused or read: either, but promptly
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  auto docs = LoadYamlDocuments("a: 1\n---\nb: 2\n--- {c: 3}\n", "three.yaml");
  ASSERT_TRUE(docs.has_value()) << docs.error().Format();
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ((*docs)[2]["c"].as<int>(), 3);
  auto bad = LoadYamlDocuments("a: 1\n---\nb: [\n", "bad.yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().line, 4);  // the line in the whole file, not in its document
}

}  // namespace
}  // namespace gpuscout
