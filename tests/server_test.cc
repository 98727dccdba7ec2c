// The REST API in-process on a loopback port: every route, bad input named
// by field, the token, the body limit, probe reports stored whole or not at
// all, the OpenAPI document against the routes, and the SQLite schema.
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <map>
#include <random>
#include <fstream>
#include <sstream>
#include <thread>

#include "catalog/embedded.h"
#include "server_fixture.h"
#include "test_support.h"

namespace gpuscout {
namespace {

TEST_F(ServerTest, CatalogRoutes) {
  Start();
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
  auto gpus = Get("/v1/gpus", 200);
  EXPECT_EQ(gpus.size(), testing::RealCatalog().gpus().specs().size());
  auto offers = Get("/v1/offers?gpu=A100-80GB:8&vendor=lambda,azure&limit=3", 200);
  ASSERT_FALSE(offers.empty());
  EXPECT_LE(offers.size(), 3u);
  for (const auto& o : offers) EXPECT_EQ(o["gpu"], "A100-80GB");
  EXPECT_EQ(offers[0]["instance_type"], "gpu_8x_a100_80gb_sxm4");  // the CLI's answer (tests/cli/black_box.sh)
  EXPECT_EQ(Field(Get("/v1/offers?gpu=Z9000", 400)), "gpu");
  EXPECT_EQ(Field(Get("/v1/offers?limit=many", 400)), "limit");
  EXPECT_EQ(Field(Get("/v1/offers?colour=red", 400)), "colour");
  // Each offer says how old its price is; the limit for "stale" is a parameter.
  for (const auto& o : offers) {
    EXPECT_TRUE(o["price_as_of"].is_string() || o["price_as_of"].is_null());
    EXPECT_TRUE(o["price_stale"].is_boolean());
    EXPECT_EQ(o["price_source"].get<std::string>().rfind("snapshot: ", 0), 0u) << o["price_source"];
  }
  auto lax = Get("/v1/offers?vendor=gcp&limit=1&max_price_age=36500", 200);
  ASSERT_EQ(lax.size(), 1u);
  EXPECT_EQ(lax[0]["price_as_of"], "2026-05-20");
  EXPECT_FALSE(lax[0]["price_stale"].get<bool>());
  EXPECT_TRUE(Get("/v1/offers?vendor=gcp&limit=1&max_price_age=0", 200)[0]["price_stale"].get<bool>());
  EXPECT_EQ(Field(Get("/v1/offers?max_price_age=-1", 400)), "max_price_age");
  auto vendors = Get("/v1/vendors?gpu=A100-80GB", 200);
  EXPECT_GE(vendors.size(), 5u);
  EXPECT_EQ(Field(Get("/v1/vendors?currency=EUR", 400)), "currency");
  EXPECT_EQ(Field(Get("/v1/vendors?gpus=T4", 400)), "gpus");
  EXPECT_EQ(Get("/v1/vendors?gpu=T4&currency=CNY", 200)[0]["currency"], "CNY");
}

TEST_F(ServerTest, EstimateRecommendCostAreTheCliJson) {
  Start();
  auto e = Post("/v1/estimate", {{"model", "Llama-2-13B"}, {"task", "finetune"}, {"gpu", "A100-40GB"}}, 200);
  EXPECT_EQ(e["fits"], false);  // the seed's 40 GB pitfall, as `estimate` says
  EXPECT_EQ(Field(Post("/v1/estimate", {{"model", "Llama-2-13B"}, {"task", "finetune"}, {"gpu", "A100-40GB"}, {"seq_len", "long"}}, 400)), "seq_len");
  EXPECT_EQ(Field(Post("/v1/estimate", {{"model", "Llama-2-13B"}, {"task", "finetune"}, {"gpu", "A100-40GB"}, {"zero", 7}}, 400)), "zero");
  EXPECT_EQ(Field(Post("/v1/estimate", {{"model", "Nope-1B"}, {"gpu", "T4"}}, 400)), "model");
  auto r = Post("/v1/recommend", {{"workload", {{"model", "Llama-3.1-8B"}, {"task", "lora"}, {"tokens", 2e8}}}, {"deadline", 24}, {"top", 3}}, 200);
  ASSERT_FALSE(r["candidates"].empty());
  // The best 3, and the best on-demand row when none of them is on demand.
  ASSERT_LE(r["candidates"].size(), 4u);
  if (r["candidates"].size() == 4) {
    EXPECT_EQ(r["candidates"][3]["purchase"], "on-demand");
    EXPECT_GT(r["candidates"][3]["rank"], 3);
  }
  EXPECT_NE(r["verdict"].get<std::string>().find("Rent "), std::string::npos);
  EXPECT_EQ(Field(Post("/v1/recommend", {{"workload", {{"model", "Llama-3.1-8B"}, {"tsk", "lora"}}}}, 400)), "workload.tsk");
  EXPECT_EQ(Field(Post("/v1/recommend", {{"gpu_mem", 80}, {"gpus", 8}, {"spot", "sometimes"}}, 400)), "spot");
  auto c = Post("/v1/cost", {{"vendor", "aws"}, {"instance", "p4d.24xlarge"}, {"region", "us-east-1"}}, 200);
  EXPECT_EQ(c["instance_type"], "p4d.24xlarge");
  EXPECT_GE(c["options"].size(), 5u);
  EXPECT_EQ(Field(Post("/v1/cost", {{"vendor", "aws"}, {"instance", "p4d.24xlarge"}, {"months", 500}}, 400)), "months");
  auto regions = Post("/v1/cost", {{"vendor", "aws"}, {"instance", "g5.xlarge"}, {"all_regions", true}}, 200);
  EXPECT_TRUE(regions.is_array());
  EXPECT_GT(regions.size(), 5u);
}

TEST_F(ServerTest, ScaleLintAlternatives) {
  Start();
  auto s = Post("/v1/scale/simulate", {{"example", "diurnal"}, {"timeline", true}}, 200);
  for (const char* key : {"pools", "total_cost", "currency", "slo", "static_fleet", "timeline"}) EXPECT_TRUE(s.contains(key)) << key;
  auto bad = Post("/v1/scale/simulate", {{"example", "diurnal"}, {"fleet", "price: 1\ncapacity_rps: 4\nmax_nodes: 2\ntimezone: Mars/Base\n"}}, 400);
  EXPECT_EQ(Field(bad), "timezone");
  EXPECT_EQ(bad["error"]["line"], 4);
  // The server reads no files a fleet names.
  EXPECT_EQ(Field(Post("/v1/scale/simulate", {{"fleet", "price: 1\ncapacity_rps: 4\nmax_nodes: 2\ntrace: /etc/passwd\n"}}, 400)), "trace");
  auto plan = ReadText(std::string(GPUSCOUT_SOURCE_DIR) + "/examples/plans/seed-vram.yaml");
  auto l = Post("/v1/lint", {{"plan", plan}}, 200);
  EXPECT_EQ(l["findings"][0]["id"], "GS001");
  auto bad_plan = Post("/v1/lint", {{"plan", "workload:\n  task: lora\n  modle: x\n"}}, 400);
  EXPECT_EQ(Field(bad_plan), "workload.modle");
  EXPECT_EQ(bad_plan["error"]["line"], 3);
  EXPECT_EQ(Field(Post("/v1/lint", {{"plan", 5}}, 400)), "plan");
  auto a = Post("/v1/alternatives", {{"workload", {{"task", "infer"}, {"model", "Llama-3.1-8B"}}}, {"cpu_gflops", 100}, {"cpu_bandwidth_gbps", 20}}, 200);
  EXPECT_EQ(a["options"].size(), 5u);
  EXPECT_EQ(Field(Post("/v1/alternatives", {{"workload", {{"task", "infer"}, {"model", "Llama-3.1-8B"}}}}, 400)), "cpu_gflops");
}

TEST_F(ServerTest, MalformedBodiesNeverCrashTheServer) {
  Start();
  for (const char* body : {"{", "[1,2", "null", "\"x\"", "{\"model\": {\"a\": 1}}", "\xff\xfe", ""}) {
    auto res = client_->Post("/v1/estimate", body, "application/json");
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_NE(res->body.find("\"error\""), std::string::npos);
  }
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
}

// Random bodies made of real field names and values of every JSON type:
// every answer is 200 or a 400 naming a field, never a 5xx or a dropped connection.
TEST_F(ServerTest, RandomBodiesGetAnAnswerNeverA5xx) {
  Start();
  std::mt19937 rng(7);
  const std::vector<std::string> keys = {"model", "task", "gpu", "gpus", "nodes", "precision", "seq_len", "micro_batch", "zero",
                                         "tokens", "concurrency", "offer", "workload", "deadline", "vendor", "top", "instance",
                                         "months", "example", "fleet", "plan", "cpu_gflops", "resolution", "sessions", "x"};
  const std::vector<nlohmann::json> values = {nullptr, true, -1, 0, 1, 7, 1e300, -3.5, "", "T4", "Llama-2-7B", "infer", "lora",
                                              "aws", "p4d.24xlarge", "diurnal", "3840x2160", nlohmann::json::array(), nlohmann::json::object(),
                                              "workload:\n  task: [", std::string(300, 'A')};
  const std::vector<std::string> paths = {"/v1/estimate", "/v1/recommend", "/v1/cost", "/v1/scale/simulate", "/v1/lint",
                                          "/v1/alternatives", "/v1/scenarios", "/v1/probe-reports"};
  std::map<int, int> statuses;
  for (int i = 0; i < 400; ++i) {
    nlohmann::json body = nlohmann::json::object();
    const int n = static_cast<int>(rng() % 5);
    for (int k = 0; k < n; ++k) body[keys[rng() % keys.size()]] = values[rng() % values.size()];
    const std::string& path = paths[rng() % paths.size()];
    auto res = client_->Post(path, body.dump(), "application/json");
    ASSERT_TRUE(res) << path << " " << body.dump();
    ++statuses[res->status];
    EXPECT_TRUE(res->status == 200 || res->status == 201 || res->status == 400) << res->status << " " << path << " " << body.dump() << " " << res->body.substr(0, 200);
    if (res->status == 400) {
      EXPECT_NE(res->body.find("\"message\""), std::string::npos);
    }
  }
  EXPECT_GT(statuses[400], 100);
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");
}

TEST_F(ServerTest, ProbeReportsAreStoredWholeOrNotAtAll) {
  Start();
  auto report = nlohmann::json::parse(ReadText(std::string(GPUSCOUT_SOURCE_DIR) + "/docs/probe-h200/probe.json"));
  auto id = Post("/v1/probe-reports", report, 201);
  EXPECT_EQ(id["id"], 1);
  // Malformed: each refused with its field, none stored.
  auto broken = report;
  broken["comparison"]["checks"][0]["ok"] = "yes";
  EXPECT_EQ(Field(Post("/v1/probe-reports", broken, 400)), "comparison.checks[0].ok");
  broken = report;
  broken["schema"] = "gpuscout.probe/9";
  EXPECT_EQ(Field(Post("/v1/probe-reports", broken, 400)), "schema");
  broken = report;
  broken.erase("gpus");
  EXPECT_EQ(Field(Post("/v1/probe-reports", broken, 400)), "gpus");
  auto all = Get("/v1/probe-reports", 200);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["report"], report);  // nothing lost
  const std::string vendor = report["comparison"]["vendor"], instance = report["comparison"]["instance_type"];
  EXPECT_EQ(Get("/v1/probe-reports?vendor=" + vendor + "&instance=" + instance, 200).size(), 1u);
  EXPECT_EQ(Get("/v1/probe-reports?vendor=nobody", 200).size(), 0u);
  EXPECT_EQ(Field(Get("/v1/probe-reports?limit=0", 400)), "limit");
  EXPECT_EQ(Field(Get("/v1/probe-reports?vendr=aws", 400)), "vendr");
  auto summary = Get("/v1/probe-reports/summary", 200);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["reports"], 1);
  EXPECT_TRUE(summary[0]["checks"].contains("GPU count"));
}

TEST_F(ServerTest, ScenariosAreSavedAndListed) {
  Start();
  nlohmann::json req = {{"workload", {{"model", "Llama-3.1-8B"}, {"task", "lora"}}}, {"deadline", 24}};
  EXPECT_EQ(Post("/v1/scenarios", {{"kind", "recommend"}, {"body", req}}, 201)["id"], 1);
  EXPECT_EQ(Field(Post("/v1/scenarios", {{"kind", "dream"}, {"body", req}}, 400)), "kind");
  EXPECT_EQ(Field(Post("/v1/scenarios", {{"kind", "cost"}}, 400)), "body");
  auto all = Get("/v1/scenarios", 200);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["body"], req);
  EXPECT_EQ(all[0]["kind"], "recommend");
}

TEST_F(ServerTest, RepeatedQuestionsComeFromTheCacheUnchanged) {
  Start();
  const std::string body = nlohmann::json{{"workload", {{"model", "Llama-3.1-8B"}, {"task", "lora"}, {"tokens", 2e8}}}, {"deadline", 24}}.dump();
  auto first = client_->Post("/v1/recommend", body, "application/json");
  auto second = client_->Post("/v1/recommend", body, "application/json");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get_header_value("X-Cache"), "miss");
  EXPECT_EQ(second->get_header_value("X-Cache"), "hit");
  EXPECT_EQ(first->body, second->body);
  // Another question is computed; errors are never kept.
  auto other = client_->Post("/v1/recommend", nlohmann::json{{"gpu_mem", 80}, {"gpus", 8}}.dump(), "application/json");
  EXPECT_EQ(other->get_header_value("X-Cache"), "miss");
  for (int i = 0; i < 2; ++i) {
    auto bad = client_->Post("/v1/recommend", nlohmann::json{{"spot", "sometimes"}, {"gpus", 8}}.dump(), "application/json");
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(bad->get_header_value("X-Cache"), "");
  }
  // GET answers are keyed by their query.
  EXPECT_EQ(client_->Get("/v1/offers?gpu=T4")->get_header_value("X-Cache"), "miss");
  EXPECT_EQ(client_->Get("/v1/offers?gpu=T4")->get_header_value("X-Cache"), "hit");
  EXPECT_EQ(client_->Get("/v1/offers?gpu=L4")->get_header_value("X-Cache"), "miss");
  EXPECT_NE(client_->Get("/metrics")->body.find("gpuscout_answer_cache_total{result=\"hit\"} 2"), std::string::npos);
}

TEST(AnswerCache, KeepsTheMostRecentlyUsed) {
  AnswerCache c(2);
  c.Put("a", "1");
  c.Put("b", "2");
  EXPECT_EQ(c.Get("a"), "1");  // a is now the most recent
  c.Put("c", "3");             // evicts b
  EXPECT_FALSE(c.Get("b").has_value());
  EXPECT_EQ(c.Get("a"), "1");
  EXPECT_EQ(c.Get("c"), "3");
  c.Put(std::string(AnswerCache::kMaxKeyBytes + 1, 'k'), "big");
  EXPECT_FALSE(c.Get(std::string(AnswerCache::kMaxKeyBytes + 1, 'k')).has_value());
  AnswerCache off(0);
  off.Put("a", "1");
  EXPECT_FALSE(off.Get("a").has_value());
}

TEST_F(ServerTest, TokenAndLimits) {
  ServerOptions o;
  o.token = "s3cret";
  o.max_body_bytes = 1024;
  o.max_query_bytes = 256;
  Start(o);
  EXPECT_EQ(Field(Get("/v1/gpus", 401)), "Authorization");
  EXPECT_EQ(Get("/healthz", 200)["status"], "ok");  // open
  httplib::Headers auth = {{"Authorization", "Bearer s3cret"}};
  auto res = client_->Get("/v1/gpus", auth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = client_->Get("/v1/gpus", {{"Authorization", "Bearer wrong"}});
  EXPECT_EQ(res->status, 401);
  // Body over 1 KiB: 413 before any handler runs.
  res = client_->Post("/v1/estimate", auth, std::string(4096, ' '), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  res = client_->Get("/v1/offers?region=" + std::string(400, 'a'), auth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 414);
}

TEST_F(ServerTest, OpenApiListsEveryRouteAndEveryDocumentedRouteAnswers) {
  Start();
  auto doc = Get("/openapi.json", 200);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  size_t operations = 0;
  for (const auto& r : server_->routes()) {
    std::string m = r.method == "GET" ? "get" : "post";
    EXPECT_TRUE(doc["paths"].contains(r.path) && doc["paths"][r.path].contains(m)) << r.method << " " << r.path;
  }
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      ++operations;
      auto res = method == "get" ? client_->Get(path) : client_->Post(path, "{}", "application/json");
      ASSERT_TRUE(res) << path;
      EXPECT_NE(res->status, 404) << method << " " << path;
      EXPECT_NE(res->status, 405) << method << " " << path;
      EXPECT_LT(res->status, 500) << method << " " << path << " " << res->body;
    }
  }
  EXPECT_EQ(operations, server_->routes().size());
  // The required routes of the API.
  for (const char* p : {"/v1/gpus", "/v1/offers", "/v1/estimate", "/v1/recommend", "/v1/cost", "/v1/scale/simulate", "/v1/lint",
                        "/v1/alternatives", "/v1/probe-reports", "/healthz", "/metrics", "/openapi.json", "/"}) {
    EXPECT_TRUE(doc["paths"].contains(p)) << p;
  }
  auto metrics = client_->Get("/metrics");
  EXPECT_NE(metrics->body.find("gpuscout_http_requests_total{route=\"POST /v1/estimate\",status=\"400\"}"), std::string::npos);
  EXPECT_NE(metrics->body.find("gpuscout_http_request_duration_seconds_bucket{route=\"GET /v1/gpus\",le=\"+Inf\"} 1"), std::string::npos);
  EXPECT_NE(metrics->body.find("gpuscout_http_errors_total{route=\"POST /v1/estimate\"} 1"), std::string::npos);
}

TEST(Store, MigratesOnceAndKeepsReports) {
  const auto dir = std::filesystem::temp_directory_path() / ("gpuscout-store-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "sub" / "g.db").string();
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.has_value()) << s.error().Format();
    EXPECT_EQ((*s)->schema_version(), Store::LatestSchemaVersion());
    auto report = nlohmann::json::parse(ReadText(std::string(GPUSCOUT_SOURCE_DIR) + "/docs/probe-h200/probe.json"));
    EXPECT_TRUE((*s)->AddProbeReport(report).has_value());
  }
  auto s = Store::Open(path);  // reopened: no migration runs again, the report is there
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ((*s)->ProbeReports({})->rows.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(path + "-wal") || std::filesystem::exists(path));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gpuscout
