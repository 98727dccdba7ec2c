// The service layer (service/) and the codec (codec/) on their own: what the
// CLI and the server share, tested without either front end.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "codec/json_text.h"
#include "codec/request_json.h"
#include "codec/cost_json.h"
#include "codec/scale_json.h"
#include "service/cost.h"
#include "service/job_terms.h"
#include "service/recommend_args.h"
#include "source_files.h"

namespace gpuscout {
namespace {

using testing::FixtureCatalog;

// Every option of one instance, by the fixed catalog: g4dn.xlarge at 0.526/h
// on demand, spot 0.2132 in its cheaper zone.
TEST(CostService, PricesEveryOptionOfTheCheapestZone) {
  CostArgs a;
  a.vendor = "AWS";  // any case
  a.instance = "g4dn.xlarge";
  a.hours_per_month = 100;
  auto c = PriceInstance(FixtureCatalog(), a, std::nullopt, ExchangeRate{});
  ASSERT_TRUE(c.has_value()) << c.error().Format();
  EXPECT_EQ(c->offer->zone, "use1-az1");  // equal on-demand prices: the first zone
  ASSERT_FALSE(c->options.empty());
  for (const auto& o : c->options) {
    if (o.purchase == Purchase::kOnDemand) {
      EXPECT_NEAR(o.total, 0.526 * 100, 1e-9);
    } else if (o.purchase == Purchase::kReserved1y) {
      EXPECT_NEAR(o.total, 0.526 * (1 - 0.37) * 730 * 12, 1e-6);
    }
  }
}

TEST(CostService, NamesTheFieldAndSuggestsNames) {
  CostArgs a;
  a.vendor = "aws";
  a.instance = "g4dn.xlargee";
  auto c = PriceInstance(FixtureCatalog(), a, std::nullopt, ExchangeRate{});
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().field, "instance");
  EXPECT_NE(c.error().message.find("did you mean g4dn.xlarge"), std::string::npos) << c.error().message;
  a.instance = "g4dn.xlarge";
  a.region = "eu-west-1";
  c = PriceInstance(FixtureCatalog(), a, std::nullopt, ExchangeRate{});
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().field, "region");
  EXPECT_NE(c.error().message.find("regions: us-east-1"), std::string::npos);
}

TEST(RecommendArgs, ListsAndPoliciesAreChecked) {
  RecommendArgs a;
  a.gpu_mem = 16;
  a.purchase = "spot, on-demand";
  a.spot = "only";
  a.vendor = "aws";
  auto r = MakeRecommendRequest(FixtureCatalog(), a, Currency::kUSD, ExchangeRate{});
  ASSERT_TRUE(r.has_value()) << r.error().Format();
  EXPECT_EQ(r->purchases, (std::vector<Purchase>{Purchase::kSpot, Purchase::kOnDemand}));
  EXPECT_EQ(r->spot, SpotPolicy::kOnly);
  a.purchase = "lease";
  auto bad = MakeRecommendRequest(FixtureCatalog(), a, Currency::kUSD, ExchangeRate{});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().Format().rfind("--purchase: unknown option 'lease'", 0), 0u) << bad.error().Format();
  auto spot = ReadSpotParams(-1.0, std::nullopt, std::nullopt, std::nullopt, false);
  ASSERT_FALSE(spot.has_value());
  EXPECT_EQ(spot.error().field, "interruptions_per_day");
}

// A workload's field errors carry the JSON path over HTTP.
TEST(RequestCodec, WorkloadErrorsNameTheirPath) {
  MoneyRequest money;
  auto r = RecommendArgsFromJson({{"workload", {{"model", "Llama-2-7B"}, {"micro_batch", 1.5}}}}, money);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "workload.micro_batch");
  auto unknown = RecommendArgsFromJson({{"workload", {{"modle", "Llama-2-7B"}}}}, money);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "workload.modle");
  EXPECT_NE(unknown.error().message.find("did you mean model"), std::string::npos);
  auto cur = RecommendArgsFromJson({{"gpu_mem", 16}, {"currency", "CNY"}, {"cny_per_usd", 7.1}}, money);
  ASSERT_TRUE(cur.has_value());
  EXPECT_EQ(money.currency, Currency::kCNY);
  EXPECT_DOUBLE_EQ(money.rate.cny_per_usd, 7.1);
}

// Serving at a rate over HTTP: "max" for the concurrency, the latency bounds
// beside the workload; a word other than "max" is refused with its path.
TEST(RequestCodec, ServingAtARate) {
  MoneyRequest money;
  auto r = RecommendArgsFromJson({{"workload", {{"task", "serve"}, {"model", "Llama-3.1-70B"}, {"rps", 20},
                                                {"concurrency", "max"}, {"engine", "sglang"}}},
                                  {"ttft_ms", 2000}, {"tpot_ms", 60}},
                                 money);
  ASSERT_TRUE(r.has_value()) << r.error().Format();
  ASSERT_TRUE(r->workload.has_value());
  EXPECT_EQ(r->workload->concurrency, 0);
  EXPECT_EQ(r->workload->rps, 20);
  EXPECT_EQ(r->workload->engine, "sglang");
  EXPECT_EQ(r->ttft_ms, 2000);
  EXPECT_EQ(r->tpot_ms, 60);
  auto bad = RecommendArgsFromJson({{"workload", {{"model", "Llama-3.1-8B"}, {"concurrency", "lots"}}}}, money);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "workload.concurrency");
}

TEST(RequestCodec, LintAndScenarioBodies) {
  EXPECT_EQ(*LintPlanFromJson({{"plan", "workload: {}\n"}}), "workload: {}\n");
  EXPECT_EQ(LintPlanFromJson({{"plan", 3}}).error().field, "plan");
  EXPECT_EQ(LintPlanFromJson({{"plan", "x"}, {"extra-key", 1}}).error().field, "extra-key");  // as written
  auto s = ScenarioFromJson({{"kind", "cost"}, {"body", {{"vendor", "aws"}}}});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->kind, "cost");
  EXPECT_EQ(ScenarioFromJson({{"kind", "teleport"}, {"body", nlohmann::json::object()}}).error().field, "kind");
}

TEST(JsonCodec, TimelineAndTextAreWellFormed) {
  const nlohmann::json t = TimelineToJson({{60, 0, 12.5, 20, 2, 1, 3}});
  EXPECT_EQ(t["columns"].size(), 7u);
  EXPECT_EQ(t["rows"][0], nlohmann::json({60, 0, 12.5, 20.0, 2, 1, 3}));
  // Invalid UTF-8 is replaced, never thrown on.
  const std::string text = JsonText({{"path", std::string("/\xff")}});
  EXPECT_NE(text.find("\xef\xbf\xbd"), std::string::npos) << text;  // U+FFFD
  EXPECT_EQ(ParseJson(std::string(100, '[') + std::string(100, ']'), "body").error().field, "body");
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

class HomeEnv final : public Env {
 public:
  explicit HomeEnv(std::string home) : home_(std::move(home)) {}
  int64_t Now() const override { return 0; }
  std::optional<std::string> Var(std::string_view name) const override {
    if (name == "GPUSCOUT_HOME") return home_;
    return std::nullopt;
  }

 private:
  std::string home_;
};

// The whole-job fields through the API's reader, the discounts file of the
// data folder under the option's entries, and the cost answer in parts.
TEST(JobTerms, ApiFieldsFileAndAnswer) {
  MoneyRequest money;
  auto args = CostArgsFromJson(nlohmann::json::parse(R"({"vendor": "aws", "instance": "g4dn.xlarge", "job_hours": 10,
      "disk_gb": 100, "egress_gb": 300, "discount": "aws=10"})"), money);
  ASSERT_TRUE(args.has_value()) << args.error().Format();
  auto c = PriceInstance(FixtureCatalog(), *args, std::nullopt, ExchangeRate{});
  ASSERT_TRUE(c.has_value()) << c.error().Format();
  const nlohmann::json j = CostToJson(*c);
  const nlohmann::json options = j["options"];
  bool on_demand = false;
  for (const auto& o : options) {
    if (o["purchase"] != "on-demand") continue;
    on_demand = true;
    EXPECT_NEAR(o["cost_split"]["compute"].get<double>(), 0.526 * 10, 1e-9);
    EXPECT_NEAR(o["cost_split"]["discount"].get<double>(), 0.0526 * 10, 1e-9);
    EXPECT_NEAR(o["cost_split"]["storage"].get<double>(), 100 * 0.08 * 10 / 730, 1e-9);
    EXPECT_NEAR(o["cost_split"]["egress"].get<double>(), 200 * 0.09, 1e-9);
    EXPECT_NEAR(o["total"].get<double>(), 0.526 * 10 * 0.9 + 100 * 0.08 * 10 / 730 + 18, 1e-9);
  }
  EXPECT_TRUE(on_demand);
  EXPECT_EQ(j["job_hours"], 10);
  EXPECT_FALSE(j["terms"].empty());

  auto bad = CostArgsFromJson(nlohmann::json::parse(R"({"vendor": "aws", "instance": "g4dn.xlarge", "disk_gb": "x"})"), money);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "disk_gb");
  CostArgs neg = *args;
  neg.job.egress_gb = -1;
  auto refused = PriceInstance(FixtureCatalog(), neg, std::nullopt, ExchangeRate{});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "egress_gb");

  const std::string home = ::testing::TempDir() + "/gpuscout-discounts";
  std::filesystem::create_directories(home);
  std::ofstream(home + "/discounts.yaml") << "discounts:\n  aws: 12\n  gcp: 5\n";
  auto t = ReadJobTerms({std::nullopt, std::nullopt, "aws=7"}, HomeEnv(home));
  ASSERT_TRUE(t.has_value()) << t.error().Format();
  EXPECT_DOUBLE_EQ(DiscountShare(t->discounts, "aws", Purchase::kOnDemand), 0.07);  // the option wins
  EXPECT_DOUBLE_EQ(DiscountShare(t->discounts, "gcp", Purchase::kOnDemand), 0.05);  // the file's
  std::ofstream(home + "/discounts.yaml") << "discounts:\n  aws: lots\n";
  auto broken = ReadJobTerms({}, HomeEnv(home));
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().Format().find("discounts.yaml:2"), std::string::npos) << broken.error().Format();
  std::filesystem::remove_all(home);
}

}  // namespace
}  // namespace gpuscout
