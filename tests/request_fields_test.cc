// The request field table (workload/request_fields.h): every row reaches its
// member through each front end (CLI option, JSON key, plan YAML key), each
// refuses the same bad values, and errors name the field each front end's way.
#include "workload/request_fields.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <variant>

#include "cli/workload_options.h"
#include "codec/request_json.h"
#include "lint/lint.h"
#include "optimizer/recommend.h"
#include "test_support.h"

namespace gpuscout {
namespace {

// A value the row accepts, as text, and the number it is.
std::pair<std::string, double> GoodValue(const RequestField& f) {
  if (f.type == FieldType::kText) return {"x", 0};
  const double v = f.type == FieldType::kInteger ? std::max(f.lo, 1.0) : (f.lo + f.hi) / 2;
  return {fmt::format("{}", v), v};
}

// The member `f` stores into, as text or number.
std::string Stored(const RequestField& f, const EstimateRequest& r) {
  return std::visit(
      [&](auto member) -> std::string {
        const auto& v = r.*member;
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
          return v;
        } else {
          return v ? fmt::format("{}", static_cast<double>(*v)) : "unset";
        }
      },
      f.member);
}

EstimateRequest FromCli(const std::vector<std::string>& args) {
  CLI::App app;
  EstimateRequest r;
  cli::AddWorkloadOptions(app, r);
  cli::AddHardwareOptions(app, r);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  return r;
}

TEST(RequestFields, EveryRowReachesItsMemberThroughEveryFrontEnd) {
  size_t rows = 0;
  for (const RequestField& f : RequestFields()) {
    ++rows;
    const auto [text, number] = GoodValue(f);
    const std::string want = f.type == FieldType::kText ? text : fmt::format("{}", number);
    SCOPED_TRACE(std::string(f.name));
    EXPECT_EQ(Stored(f, FromCli({OptionName(f.name), text})), want);
    nlohmann::json j = nlohmann::json::object();
    if (f.type == FieldType::kText) j[std::string(f.name)] = text;
    else j[std::string(f.name)] = number;
    auto from_json = EstimateRequestFromJson(j);
    ASSERT_TRUE(from_json.has_value()) << from_json.error().Format();
    EXPECT_EQ(Stored(f, *from_json), want);
    if (f.scope != FieldScope::kWorkload) continue;  // plans take hardware from their offers
    auto plan = ParsePlan(fmt::format("workload:\n  {}: {}\n", f.name, text), "p.yaml");
    ASSERT_TRUE(plan.has_value()) << plan.error().Format();
    EXPECT_EQ(Stored(f, *plan->workload), want);
  }
  EXPECT_GE(rows, 50u);
}

TEST(RequestFields, OutOfRangeIsRefusedByEveryFrontEndNamingTheField) {
  for (const RequestField& f : RequestFields()) {
    if (f.type == FieldType::kText) continue;
    SCOPED_TRACE(std::string(f.name));
    const double bad = f.hi * 2 + 1;
    auto json = EstimateRequestFromJson({{std::string(f.name), bad}});
    ASSERT_FALSE(json.has_value());
    EXPECT_EQ(json.error().field, f.name);
    EstimateRequest r = FromCli({OptionName(f.name), fmt::format("{}", bad)});
    r.model = "Llama-2-7B";
    r.gpu = "H100";
    auto resolved = testing::RealEstimator().Resolve(r);
    ASSERT_FALSE(resolved.has_value());
    EXPECT_EQ(resolved.error().Format().rfind(OptionName(f.name) + ": ", 0), 0u) << resolved.error().Format();
    if (f.scope != FieldScope::kWorkload) continue;
    auto plan = ParsePlan(fmt::format("workload:\n  task: infer\n  {}: {}\n", f.name, bad), "p.yaml");
    ASSERT_FALSE(plan.has_value());
    EXPECT_EQ(plan.error().line, 3);
    EXPECT_EQ(plan.error().field, fmt::format("workload.{}", f.name));
  }
}

TEST(RequestFields, PlansRefuseFractionsAndOverflowsOfWholeNumbers) {
  for (const char* v : {"1.9", "3000000000", "-1"}) {
    auto plan = ParsePlan(std::string("workload:\n  model: Llama-2-7B\n  micro_batch: ") + v + "\n", "big.yaml");
    ASSERT_FALSE(plan.has_value()) << v;
    EXPECT_EQ(plan.error().field, "workload.micro_batch");
    EXPECT_EQ(plan.error().line, 3);
  }
}

TEST(RequestFields, PlansTakeTheEstimateOptionsTheDocsPromise) {
  auto plan = ParsePlan(
      "workload:\n  task: infer\n  params_b: 47\n  active_params: 13\n  layers: 32\n  hidden: 4096\n  heads: 32\n"
      "  memory_utilization: 0.8\n  network_gbps: 400\n",
      "p.yaml");
  ASSERT_TRUE(plan.has_value()) << plan.error().Format();
  EXPECT_EQ(plan->workload->params_b, 47);
  EXPECT_EQ(plan->workload->active_params_b, 13);
  EXPECT_EQ(plan->workload->memory_utilization, 0.8);
  EXPECT_EQ(plan->workload->network_gbps, 400);
  auto stream = ParsePlan("workload:\n  task: stream\n  resolution: 3840x2160\n  sessions: 10\n  fps: 60\n", "p.yaml");
  ASSERT_TRUE(stream.has_value()) << stream.error().Format();
  EXPECT_EQ(stream->workload->sessions, 10);
}

// An error the estimator finds in a plan's workload names the key and its
// place in the file, not a command-line option.
TEST(RequestFields, PlanResolveErrorsPointAtTheKey) {
  auto plan = ParsePlan(
      "workload:\n  task: infer\n  model: Llama-2-7B\n  prompt_tokens: 4000\n  output_tokens: 200\n"
      "offers:\n  - {vendor: aws, instance: p4d.24xlarge}\n",
      "p.yaml");
  ASSERT_TRUE(plan.has_value()) << plan.error().Format();
  auto offers = ResolvePlan(*plan, testing::RealCatalog(), testing::RealEstimator());
  ASSERT_FALSE(offers.has_value());
  EXPECT_EQ(offers.error().Format().rfind("p.yaml:4:3: workload.prompt_tokens: prompt 4000 + output 200", 0), 0u)
      << offers.error().Format();
  EXPECT_EQ(offers.error().Format().find("--"), std::string::npos);
}

TEST(RequestFields, MessagesReferToFieldsInEachFrontEndsSpelling) {
  EstimateRequest r;
  r.task = "train";
  r.sample_kb = 100;
  r.model = "Llama-2-7B";
  r.gpu = "H100";
  auto e = testing::RealEstimator().Resolve(r);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().Format(), "--storage: with --sample-kb, give --storage nvme|lustre or --storage-gbps");
  EXPECT_EQ(e.error().Message(false), "with sample_kb, give storage nvme|lustre or storage_gbps");
}

}  // namespace
}  // namespace gpuscout
