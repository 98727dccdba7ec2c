// Each lint rule on a plan that triggers it and one that does not; bad plans.
#include "lint/lint.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <set>

#include "catalog/embedded.h"
#include "lint/import.h"
#include "service/emit_plan.h"
#include "test_support.h"

namespace gpuscout {
namespace {

const Estimator& Real() { return testing::RealEstimator(); }

const std::vector<CudaRelease>& Compat() {
  static const auto c = *ParseCudaCompat(embedded::CudaCompat(), "data/cuda_compat.csv");
  return c;
}

std::vector<LintFinding> Lint(const std::string& yaml) {
  auto plan = ParsePlan(yaml, "plan.yaml");
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().Format());
  if (!plan) return {};
  auto offers = ResolvePlan(*plan, testing::RealCatalog(), Real());
  EXPECT_TRUE(offers.has_value()) << (offers ? "" : offers.error().Format());
  if (!offers) return {};
  auto trace = LoadFleetTrace(*plan);
  EXPECT_TRUE(trace.has_value()) << (trace ? "" : trace.error().Format());
  static std::optional<Fleet> fleet;  // outlives the context the caller runs
  auto f = ResolveFleet(*plan, testing::RealCatalog(), Real(), *offers);
  if (!f) throw std::runtime_error(f.error().Format());
  fleet = std::move(*f);
  LintContext ctx{*plan, testing::RealCatalog(), Real(), Compat(), std::move(*offers), trace ? std::move(*trace) : std::nullopt,
                  fleet ? &*fleet : nullptr};
  return RunLint(ctx);
}

std::set<std::string> Ids(const std::string& yaml) {
  std::set<std::string> ids;
  for (const auto& f : Lint(yaml)) ids.insert(f.id);
  return ids;
}

// A plan that passes, to vary one thing at a time.
std::string Plan(const std::string& workload, const std::string& offer, const std::string& rest = "") {
  return "workload:\n" + workload + "offers:\n  - " + offer + "\n" +
         "os: {distribution: ubuntu, version: \"22.04\"}\ndriver: \"550.54.15\"\ncuda: \"12.4\"\n"
         "checkpointing: {interval_minutes: 30}\n" + rest;
}

const std::string kLora = "  task: lora\n  model: Llama-3.1-8B\n  tokens: 2.0e+8\n";
const std::string kG6e = "{vendor: aws, instance: g6e.xlarge, count: 1}";

TEST(Lint, GoodPlanHasNoFindings) { EXPECT_TRUE(Ids(Plan(kLora, kG6e)).empty()); }

TEST(Lint, GS001MemoryDoesNotFit) {
  // ZeRO-3: DeepSpeed's own accounting of ZeRO-2 keeps the 16-bit weights and
  // gradients whole, 72.8 GiB per GPU, which does not fit 80 GB either.
  const std::string w = "  task: finetune\n  model: Llama-2-13B\n  zero: 3\n  tokens: 1.0e+9\n";
  EXPECT_TRUE(Ids(Plan(w, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}")).count("GS001"));
  EXPECT_FALSE(Ids(Plan(w, "{vendor: aws, instance: p4de.24xlarge, region: us-east-1}")).count("GS001"));
  // The fix never suggests what the plan does already, nor training remedies to a service.
  for (const auto& f : Lint(Plan(w, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}"))) {
    if (f.id != "GS001") continue;
    const std::string fix = Render(f.fix, Lang::kEn);
    EXPECT_EQ(fix.find("zero: 3"), std::string::npos) << fix;
    EXPECT_NE(fix.find("LoRA"), std::string::npos) << fix;
    EXPECT_EQ(fix.find(", ,"), std::string::npos) << fix;
  }
  const std::string serve = "  task: infer\n  model: Llama-3.1-70B\n";
  for (const auto& f : Lint(Plan(serve, "{vendor: aws, instance: g6e.xlarge, region: us-east-1}"))) {
    if (f.id != "GS001") continue;
    const std::string fix = Render(f.fix, Lang::kEn);
    EXPECT_EQ(fix.find("zero"), std::string::npos) << fix;
    EXPECT_EQ(fix.find("LoRA"), std::string::npos) << fix;
    EXPECT_NE(fix.find("workload.tp"), std::string::npos) << fix;
  }
}

TEST(Lint, GS002LittleHeadroom) {
  const std::string w = "  task: infer\n  model: Llama-2-7B\n  precision: fp16\n";
  EXPECT_TRUE(Ids(Plan(w, "{vendor: aws, instance: g4dn.xlarge, region: us-east-1}")).count("GS002"));
  EXPECT_FALSE(Ids(Plan(w, "{vendor: aws, instance: g6e.xlarge, region: us-east-1}")).count("GS002"));
  // concurrency: max fills the engine's KV pool by design (plans read "max" as the CLI does).
  const std::string full = "  task: infer\n  model: Llama-3.1-8B\n  concurrency: max\n  prompt_tokens: 4000\n";
  const auto ids = Ids(Plan(full, "{vendor: aws, instance: g6e.xlarge, region: us-east-1}"));
  EXPECT_FALSE(ids.count("GS002"));
  EXPECT_FALSE(ids.count("GS001"));
}

// Issue #20: the memory rules use estimate's model, chunked prefill included,
// and one memory figure per GPU: the same plan on AWS's and GCP's L4 gets the
// same verdict on both sides of the boundary.
TEST(Lint, MemoryFitIsEstimatesOnEveryVendor) {
  const std::string gcp = "{vendor: gcp, instance: g2-standard-8, region: us-central1}";
  const std::string aws = "{vendor: aws, instance: g6.2xlarge, region: us-east-1}";
  int fits = 0, fails = 0;
  for (int tokens : {8000, 16000, 24000, 28000, 32000, 36000, 40000, 48000}) {
    const std::string w = "  task: infer\n  model: Llama-3.1-8B\n  precision: bf16\n  concurrency: 1\n  prompt_tokens: " +
                          std::to_string(tokens) + "\n  output_tokens: 500\n";
    const bool on_gcp = Ids(Plan(w, gcp)).count("GS001") > 0;
    EXPECT_EQ(on_gcp, Ids(Plan(w, aws)).count("GS001") > 0) << tokens << " prompt tokens";
    (on_gcp ? fails : fits)++;
  }
  EXPECT_GT(fits, 0);
  EXPECT_GT(fails, 0);
  // Host RAM short, GPU memory enough: the fix is another instance type, not another GPU.
  const std::string small = "  task: infer\n  model: Llama-3.1-8B\n  precision: bf16\n  concurrency: 1\n";
  bool host = false;
  for (const auto& f : Lint(Plan(small, "{vendor: gcp, instance: g2-standard-4, region: us-central1}"))) {
    if (f.id != "GS001") continue;
    host = true;
    EXPECT_NE(Render(f.message, Lang::kEn).find("host RAM too small"), std::string::npos) << Render(f.message, Lang::kEn);
    EXPECT_NE(Render(f.fix, Lang::kEn).find("same L4 and more host RAM"), std::string::npos) << Render(f.fix, Lang::kEn);
  }
  EXPECT_TRUE(host);
  // Long prompts on one L40S: chunked prefill bounds the prefill activations.
  const std::string long_prompts =
      "  task: infer\n  model: Llama-3.1-8B\n  precision: bf16\n  concurrency: 8\n  prompt_tokens: 16000\n  output_tokens: 500\n";
  const auto ids = Ids(Plan(long_prompts, kG6e));
  EXPECT_FALSE(ids.count("GS001"));
  EXPECT_FALSE(ids.count("GS002"));
}

TEST(Lint, GS021PrecisionTheGpuLacksIsAFindingNotAStop) {
  // bf16 before Ampere, fp8 before Ada/Hopper: findings, the rest of the plan still linted.
  const std::string bf16 = "  task: lora\n  model: Llama-3.1-8B\n  precision: bf16\n  tokens: 2.0e+8\n";
  auto findings = Lint(Plan(bf16, "{vendor: aws, instance: p3.2xlarge, region: us-east-1}"));
  bool found = false;
  for (const auto& f : findings) {
    if (f.id != "GS021") continue;
    found = true;
    EXPECT_EQ(f.severity, "error");
    EXPECT_NE(Render(f.message, Lang::kEn).find("V100-16GB (Volta) does not compute in bf16"), std::string::npos)
        << Render(f.message, Lang::kEn);
  }
  EXPECT_TRUE(found);
  const std::string fp8 = "  task: infer\n  model: Llama-3.1-8B\n  precision: fp8\n";
  EXPECT_TRUE(Ids(Plan(fp8, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}")).count("GS021"));  // A100
  EXPECT_FALSE(Ids(Plan(fp8, "{vendor: aws, instance: p5.48xlarge, region: us-east-1}")).count("GS021"));  // H100
  EXPECT_FALSE(Ids(Plan(bf16, kG6e)).count("GS021"));  // L40S computes in bf16
}

TEST(Lint, GS022ServingOnSpotWithoutASpareReplica) {
  const std::string serve = "  task: infer\n  model: Llama-3.1-8B\n  rps: 0.5\n  prompt_tokens: 500\n  output_tokens: 200\n";
  auto one = Lint(Plan(serve, "{vendor: aws, instance: g6e.xlarge, region: us-east-1, purchase: spot}"));
  bool found = false;
  for (const auto& f : one) {
    if (f.id != "GS022") continue;
    found = true;
    EXPECT_EQ(f.severity, "warning");
    EXPECT_NE(Render(f.message, Lang::kEn).find("on 1 spot g6e.xlarge replica(s)"), std::string::npos) << Render(f.message, Lang::kEn);
    EXPECT_NE(Render(f.fix, Lang::kEn).find("run 2 replicas"), std::string::npos);
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(Ids(Plan(serve, "{vendor: aws, instance: g6e.xlarge, region: us-east-1, purchase: spot, count: 2}")).count("GS022"));
  EXPECT_FALSE(Ids(Plan(serve, "{vendor: aws, instance: g6e.xlarge, region: us-east-1}")).count("GS022"));  // on demand
}

TEST(Lint, GS023ACommitmentForTooFewHours) {
  // A 1-year reservation used 40 hours a month: about 11x the same hours on demand.
  const std::string serve = "  task: infer\n  model: Llama-3.1-8B\n";
  auto findings = Lint(Plan(serve, "{vendor: aws, instance: g6e.xlarge, region: us-east-1, purchase: reserved-1y, "
                                   "hours_per_month: 40, months: 12}"));
  bool found = false;
  for (const auto& f : findings) {
    if (f.id != "GS023") continue;
    found = true;
    EXPECT_EQ(f.severity, "error");
    const std::string text = Render(f.message, Lang::kEn);
    EXPECT_NE(text.find("11.5x the same hours on demand"), std::string::npos) << text;
    EXPECT_NE(text.find(" USD"), std::string::npos) << text;  // amounts carry their currency
  }
  EXPECT_TRUE(found);
  // Running most of the month, the reservation pays.
  EXPECT_FALSE(Ids(Plan(serve, "{vendor: aws, instance: g6e.xlarge, region: us-east-1, purchase: reserved-1y, "
                               "hours_per_month: 700, months: 12}")).count("GS023"));
}

const std::string kTrain7b = "  task: train\n  model: Llama-2-7B\n  zero: 3\n  tokens: 2.0e+9\n";
const std::string kTwoP4d = "{vendor: aws, instance: p4d.24xlarge, region: us-east-1, count: 2}";

TEST(Lint, GS003NoRdma) {
  auto findings = Lint(Plan(kTrain7b, kTwoP4d, "network: {rdma: none}\n"));
  bool found = false;
  for (const auto& f : findings) {
    if (f.id != "GS003") continue;
    found = true;
    EXPECT_NE(Render(f.message, Lang::kEn).find("% of each step over TCP"), std::string::npos);
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(Ids(Plan(kTrain7b, kTwoP4d, "network: {rdma: efa}\n")).count("GS003"));
  EXPECT_FALSE(Ids(Plan(kTrain7b, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}", "network: {rdma: none}\n")).count("GS003"));
  // Without network.rdma the instance's own transport counts: p4d has EFA (data/network_facts.csv).
  EXPECT_FALSE(Ids(Plan(kTrain7b, kTwoP4d)).count("GS003"));
  // A plan that claims EFA on an instance type without it is caught.
  auto claimed = Lint(Plan(kTrain7b, "{vendor: aws, instance: g6e.12xlarge, region: us-east-1, count: 2}", "network: {rdma: efa}\n"));
  EXPECT_FALSE(std::any_of(claimed.begin(), claimed.end(), [](const LintFinding& f) { return f.id == "GS003"; }))
      << "g6e.12xlarge has EFA";
  claimed = Lint(Plan(kTrain7b, "{vendor: aws, instance: g6e.4xlarge, region: us-east-1, count: 2}", "network: {rdma: efa}\n"));
  bool caught = false;
  for (const auto& f : claimed) {
    if (f.id == "GS003") caught = Render(f.message, Lang::kEn).find("network.rdma: efa but g6e.4xlarge has none") != std::string::npos;
  }
  EXPECT_TRUE(caught);
}

TEST(Lint, GS004NoSriov) {
  EXPECT_TRUE(Ids(Plan(kTrain7b, kTwoP4d, "network: {rdma: efa, sriov: false}\n")).count("GS004"));
  EXPECT_FALSE(Ids(Plan(kTrain7b, kTwoP4d, "network: {rdma: efa, sriov: true}\n")).count("GS004"));
}

TEST(Lint, GS005Zones) {
  EXPECT_TRUE(Ids(Plan(kTrain7b, kTwoP4d, "network: {rdma: efa, zones: [use1-az1, use1-az2]}\n")).count("GS005"));
  EXPECT_FALSE(Ids(Plan(kTrain7b, kTwoP4d, "network: {rdma: efa, zones: [use1-az1]}\n")).count("GS005"));
}

std::string Stack(const std::string& os, const std::string& driver, const std::string& cuda, const std::string& extra,
                  const std::string& offer = kG6e) {
  return "workload:\n" + kLora + "offers:\n  - " + offer + "\nos: " + os + "\ndriver: \"" + driver + "\"\ncuda: \"" + cuda +
         "\"\ncheckpointing: {interval_minutes: 30}\n" + extra;
}

const std::string kUbuntu = "{distribution: ubuntu, version: \"22.04\"}";
const std::string kCentos7 = "{distribution: centos, version: \"7\"}";

TEST(Lint, GS006DriverTooOld) {
  EXPECT_TRUE(Ids(Stack(kUbuntu, "470.82.01", "11.5", "")).count("GS006"));
  EXPECT_FALSE(Ids(Stack(kUbuntu, "495.29.05", "11.5", "")).count("GS006"));
}

TEST(Lint, GS007CudaCannotBuildForTheGpu) {
  const std::string v100 = "{vendor: aws, instance: p3.2xlarge, region: us-east-1}";
  EXPECT_TRUE(Ids(Stack(kUbuntu, "580.65.06", "13.0", "", v100)).count("GS007"));  // CUDA 13 on V100
  EXPECT_FALSE(Ids(Stack(kUbuntu, "580.65.06", "12.9", "", v100)).count("GS007"));
}

// One GPU per generation, Kepler to Blackwell (issue #20: GS007 was silent for
// the GPUs the spec table lacked a compute capability for): the newest CUDA
// that builds for it passes, the first that does not, or one too old, fails.
TEST(Lint, GS007KnowsEveryGeneration) {
  struct Case {
    const char* offer;
    const char* builds;
    const char* fails;
  };
  const Case cases[] = {
      {"{vendor: aws, instance: p2.16xlarge}", "11.8", "12.4"},                     // K80, Kepler 3.7
      {"{vendor: aws, instance: g3.16xlarge}", "12.9", "13.0"},                     // M60, Maxwell 5.2
      {"{vendor: alibaba, instance: ecs.gn5-c28g1.14xlarge}", "12.9", "13.0"},      // P100, Pascal 6.0
      {"{vendor: tencent, instance: GN8.14XLARGE448}", "12.9", "13.0"},             // P40, Pascal 6.1
      {"{vendor: alibaba, instance: ecs.gn6v-c10g1.20xlarge}", "12.9", "13.0"},     // V100, Volta 7.0
      {"{vendor: aws, instance: g4dn.xlarge}", "13.0", "9.2"},                      // T4, Turing 7.5 (9.2 unknown: see below)
      {"{vendor: cudo, instance: ice-lake-a40-compute_1x12v24gb}", "12.4", "11.0"}, // A40, Ampere 8.6
      {"{vendor: aws, instance: g6.xlarge}", "12.4", "11.7"},                       // L4, Ada 8.9
      {"{vendor: lambda, instance: gpu_1x_gh200}", "12.4", "11.7"},                 // GH200, Hopper 9.0
      {"{vendor: aws, instance: p6-b200.48xlarge}", "12.8", "12.4"},                // B200, Blackwell 10.0
      {"{vendor: aws, instance: p6-b300.48xlarge}", "12.9", "12.4"},                // B300, Blackwell 10.3
      {"{vendor: aws, instance: g7e.12xlarge}", "12.8", "12.6"},                    // RTX PRO 6000, Blackwell 12.0
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(Ids(Stack(kUbuntu, "580.65.06", c.builds, "", c.offer)).count("GS007")) << c.offer << " " << c.builds;
    if (std::string(c.fails) == "9.2") continue;  // no CUDA in the table is too old for Turing
    EXPECT_TRUE(Ids(Stack(kUbuntu, "580.65.06", c.fails, "", c.offer)).count("GS007")) << c.offer << " " << c.fails;
  }
}

TEST(Lint, GS008OsTheCudaReleaseDropped) {
  EXPECT_TRUE(Ids(Stack(kCentos7, "580.65.06", "13.0", "compiler: {gcc: \"11.2\"}\n")).count("GS008"));
  EXPECT_FALSE(Ids(Stack(kCentos7, "550.54.15", "12.4", "compiler: {gcc: \"11.2\"}\n")).count("GS008"));
}

TEST(Lint, GS009HostCompiler) {
  auto findings = Lint(Stack(kCentos7, "495.29.05", "11.5", "compiler: {gcc: \"4.8.5\"}\n"));
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings.back().id, "GS009");
  EXPECT_EQ(findings.back().severity, "error");
  EXPECT_FALSE(Ids(Stack(kCentos7, "495.29.05", "11.5", "compiler: {gcc: \"9.3\"}\n")).count("GS009"));
  // Unstated on CentOS 7: a warning that says it rests on an uncited fact.
  for (const auto& f : Lint(Stack(kCentos7, "495.29.05", "11.5", ""))) {
    if (f.id == "GS009") {
      EXPECT_EQ(f.severity, "warning");
      EXPECT_TRUE(f.uncited);
    }
  }
}

TEST(Lint, GS010SpotWithoutCheckpoints) {
  const std::string spot = "{vendor: aws, instance: p4d.24xlarge, region: us-east-1, purchase: spot}";
  const std::string base = "workload:\n" + kTrain7b + "offers:\n  - " + spot + "\njob_hours: 200\n";
  EXPECT_TRUE(Ids(base + "checkpointing: none\n").count("GS010"));
  EXPECT_FALSE(Ids(base + "checkpointing: {interval_minutes: 30}\n").count("GS010"));
}

TEST(Lint, GS011CommitmentCheaper) {
  EXPECT_TRUE(Ids(Plan(kLora, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1, hours_per_month: 730, months: 12}")).count("GS011"));
  EXPECT_FALSE(Ids(Plan(kLora, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1, hours_per_month: 50, months: 12}")).count("GS011"));
}

TEST(Lint, GS012DearRegion) {
  EXPECT_TRUE(Ids(Plan(kLora, "{vendor: aws, instance: p4d.24xlarge, region: ap-northeast-1}")).count("GS012"));
  EXPECT_FALSE(Ids(Plan(kLora, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}")).count("GS012"));
}

TEST(Lint, GS013NoPrice) {
  EXPECT_TRUE(Ids(Plan(kLora, "{vendor: aws, instance: p5e.48xlarge, purchase: on-demand}")).count("GS013"));
  EXPECT_FALSE(Ids(Plan(kLora, "{vendor: aws, instance: p5e.48xlarge, region: ap-southeast-2, purchase: spot}")).count("GS013"));
}

TEST(Lint, GS014TrainingOnAnInferenceGpu) {
  const std::string t4 = "{vendor: aws, instance: g4dn.12xlarge, region: us-east-1}";
  EXPECT_TRUE(Ids(Plan("  task: qlora\n  model: Llama-2-7B\n  tokens: 1.0e+7\n", t4)).count("GS014"));
  EXPECT_FALSE(Ids(Plan("  task: finetune\n  model: BERT-base-uncased\n  samples: 1.0e+5\n", t4)).count("GS014"));
}

// Issue #20: every amount a cost finding names carries its currency, in
// both languages.
TEST(Lint, AmountsCarryTheirCurrency) {
  const std::string spot = "{vendor: aws, instance: p4d.24xlarge, region: us-east-1, purchase: spot}";
  const std::vector<std::pair<std::string, std::string>> plans = {
      {"GS010", "workload:\n" + kTrain7b + "offers:\n  - " + spot + "\njob_hours: 200\ncheckpointing: none\n"},
      {"GS011", Plan(kLora, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1, hours_per_month: 730, months: 12}")},
      {"GS012", Plan(kLora, "{vendor: aws, instance: p4d.24xlarge, region: ap-northeast-1}")},
      {"GS014", Plan("  task: qlora\n  model: Llama-2-7B\n  tokens: 1.0e+7\n", "{vendor: aws, instance: g4dn.12xlarge, region: us-east-1}")},
      {"GS023", Plan("  task: infer\n  model: Llama-3.1-8B\n",
                     "{vendor: aws, instance: g6e.xlarge, region: us-east-1, purchase: reserved-1y, hours_per_month: 40, months: 12}")},
  };
  for (const auto& [id, plan] : plans) {
    bool found = false;
    for (const auto& f : Lint(plan)) {
      if (f.id != id) continue;
      found = true;
      for (Lang lang : {Lang::kEn, Lang::kZh}) {
        const std::string text = Render(f.message, lang);
        // Each finding compares two amounts at least, and names the currency of each.
        size_t amounts = 0, pos = 0;
        while ((pos = text.find("USD", pos)) != std::string::npos) ++amounts, pos += 3;
        EXPECT_GE(amounts, 2u) << id << ": " << text;
      }
    }
    EXPECT_TRUE(found) << id;
  }
}

TEST(Lint, GS015RenderingOnAComputeGpu) {
  const std::string w = "  task: render\n  frames: 1000\n  seconds_per_frame: 20\n";
  EXPECT_TRUE(Ids(Plan(w, "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}")).count("GS015"));
  EXPECT_FALSE(Ids(Plan(w, "{vendor: aws, instance: g6e.xlarge, region: us-east-1}")).count("GS015"));
}

// Three days at one-minute resolution in UTC+8: 100 requests/s, 300 from
// 20:00 to 22:00 every day, and a two-minute spike to 500 every six hours.
std::string WriteTrace() {
  // One file per test and process: CTest runs these tests in parallel.
  const std::string path = ::testing::TempDir() + "/gpuscout_lint_trace_" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                           std::to_string(::getpid()) + ".csv";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fprintf(f, "timestamp,rps\n");
  for (long m = 0; m < 3 * 1440; ++m) {
    const long minute_of_day = m % 1440;
    double rps = minute_of_day >= 20 * 60 && minute_of_day < 22 * 60 ? 300 : 100;
    if (m % 360 >= 100 && m % 360 < 102) rps = 500;
    std::fprintf(f, "2026-01-%02ldT%02ld:%02ld:00+08:00,%g\n", 6 + m / 1440, minute_of_day / 60, minute_of_day % 60, rps);
  }
  std::fclose(f);
  return path;
}

std::string Fleet(const std::string& fleet) {
  return Plan("  task: infer\n  model: Llama-3.1-8B\n", "{vendor: aws, instance: g6e.xlarge, region: us-east-1}",
              "fleet:\n" + fleet);
}

TEST(Lint, GS016CapacityBelowThePeak) {
  const std::string trace = WriteTrace();
  EXPECT_TRUE(Ids(Fleet("  max_nodes: 4\n  capacity_rps: 100\n  trace: " + trace + "\n")).count("GS016"));
  EXPECT_FALSE(Ids(Fleet("  max_nodes: 6\n  capacity_rps: 100\n  trace: " + trace + "\n")).count("GS016"));
}

TEST(Lint, GS017CooldownLongerThanTheSpikes) {
  const std::string trace = WriteTrace();
  EXPECT_TRUE(Ids(Fleet("  cooldown_s: 300\n  trace: " + trace + "\n")).count("GS017"));
  EXPECT_FALSE(Ids(Fleet("  cooldown_s: 60\n  trace: " + trace + "\n")).count("GS017"));
}

TEST(Lint, GS018NoScheduleForTheDailyPeak) {
  const std::string trace = WriteTrace();
  auto findings = Lint(Fleet("  trace: " + trace + "\n"));
  bool found = false;
  for (const auto& f : findings) {
    if (f.id == "GS018") {
      found = true;
      EXPECT_NE(Render(f.message, Lang::kEn).find("between 20:00 and 22:00 on 3 of 3 days"), std::string::npos) << Render(f.message, Lang::kEn);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(Ids(Fleet("  schedule: [{cron: \"0 19 * * *\", min_nodes: 3}]\n  trace: " + trace + "\n")).count("GS018"));
}

TEST(Lint, GS020FleetMissesTheSloInSimulation) {
  const std::string trace = WriteTrace();
  // Two-minute spikes to 500 requests/s against nodes that take 300 s to boot.
  auto findings = Lint(Fleet("  max_nodes: 6\n  min_nodes: 1\n  capacity_rps: 100\n  cooldown_s: 300\n  trace: " + trace + "\n"));
  bool found = false;
  for (const auto& f : findings) {
    if (f.id != "GS020") continue;
    found = true;
    EXPECT_EQ(f.line, 11);
    EXPECT_NE(Render(f.message, Lang::kEn).find("short of capacity"), std::string::npos) << Render(f.message, Lang::kEn);
  }
  EXPECT_TRUE(found);
  // Enough nodes always on for the peak: the simulation meets the SLO.
  EXPECT_FALSE(Ids(Fleet("  max_nodes: 6\n  min_nodes: 5\n  capacity_rps: 100\n  cooldown_s: 300\n  trace: " + trace + "\n")).count("GS020"));
  // The whole scale pool format is accepted in `fleet:`, and its values are checked.
  auto plan = ParsePlan("offers:\n  - {vendor: aws, instance: g6e.xlarge, region: us-east-1}\nfleet:\n  max_nodes: 2\n  capacity_rps: 4\n"
                        "  timezone: Mars/Base\n",
                        "p.yaml");
  ASSERT_TRUE(plan.has_value()) << plan.error().Format();
  auto offers = ResolvePlan(*plan, testing::RealCatalog(), Real());
  ASSERT_TRUE(offers.has_value());
  auto fleet = ResolveFleet(*plan, testing::RealCatalog(), Real(), *offers);
  ASSERT_FALSE(fleet.has_value());
  EXPECT_EQ(fleet.error().field, "fleet.timezone");
  EXPECT_EQ(fleet.error().line, 6);
}

TEST(Lint, GS019InputPipeline) {
  const std::string w = "  task: cnn-train\n  model: ResNet-50\n  precision: fp16\n  micro_batch: 256\n  samples: 1.28e+6\n"
                        "  sample_kb: 110\n";
  const std::string p4d = "{vendor: aws, instance: p4d.24xlarge, region: us-east-1}";
  EXPECT_TRUE(Ids(Plan(w + "  storage_gbps: 1\n", p4d)).count("GS019"));
  // Local NVMe feeds two H100s' images easily; the stock DataLoader on 8
  // vCPUs (about 950 images/s) does not, and the finding says which binds.
  const std::string cudo = "{vendor: cudo, instance: sapphire-rapids-h100_2x8v16gb, region: no-kristiansand-1}";
  bool decode = false;
  for (const LintFinding& f : Lint(Plan(w + "  storage: nvme\n", cudo))) {
    if (f.id != "GS019") continue;
    const std::string text = Render(f.message, Lang::kEn);
    decode = text.find("8 vCPUs decode JPEGs") != std::string::npos && text.find("nvme") == std::string::npos;
    EXPECT_TRUE(decode) << text;
  }
  EXPECT_TRUE(decode);
  // DALI decodes on the GPUs: the tuned stack is fed.
  EXPECT_FALSE(Ids(Plan(w + "  storage: nvme\n  stack: tuned\n", cudo)).count("GS019"));
}

TEST(Lint, BadPlansNameFileLineAndColumn) {
  auto bad = ParsePlan("workload:\n  task: lora\n  model: [unclosed\n", "p.yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().file, "p.yaml");
  EXPECT_GT(bad.error().line, 0);
  EXPECT_NE(bad.error().message.find("not valid YAML"), std::string::npos);
  auto key = ParsePlan("workload:\n  task: lora\n  modle: Llama-2-7B\n", "p.yaml");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().Format(), "p.yaml:3:3: workload.modle: unknown key 'modle'; did you mean model?");
  auto num = ParsePlan("offers:\n  - {vendor: aws, instance: g5.xlarge, count: many}\n", "p.yaml");
  ASSERT_FALSE(num.has_value());
  EXPECT_EQ(num.error().field, "offers[].count");
  EXPECT_EQ(num.error().line, 2);
  auto plan = ParsePlan("offers:\n  - {vendor: aws, instance: g9.huge}\n", "p.yaml");
  ASSERT_TRUE(plan.has_value());
  auto offers = ResolvePlan(*plan, testing::RealCatalog(), Real());
  ASSERT_FALSE(offers.has_value());
  EXPECT_EQ(offers.error().line, 2);
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

// Issue #20: lint reads the files of the tools that run a plan.
std::vector<LintFinding> LintAny(const std::string& text) {
  auto plan = ReadAnyPlan(text, "imported.yaml", testing::RealCatalog());
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().Format());
  if (!plan) return {};
  auto offers = ResolvePlan(*plan, testing::RealCatalog(), Real());
  EXPECT_TRUE(offers.has_value()) << (offers ? "" : offers.error().Format());
  if (!offers) return {};
  static std::optional<gpuscout::Fleet> fleet;
  auto f = ResolveFleet(*plan, testing::RealCatalog(), Real(), *offers);
  if (!f) throw std::runtime_error(f.error().Format());
  fleet = std::move(*f);
  LintContext ctx{*plan, testing::RealCatalog(), Real(), Compat(), std::move(*offers), std::nullopt, fleet ? &*fleet : nullptr};
  return RunLint(ctx);
}

const LintFinding* Find(const std::vector<LintFinding>& findings, const std::string& id) {
  for (const auto& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

TEST(LintImport, SkyPilotTaskIsLintedLikeAPlan) {
  // A task as SkyPilot's docs write one, with gpuscout's envs naming the workload.
  const std::string task =
      "name: finetune\n"
      "resources:\n"
      "  cloud: aws\n"
      "  region: us-east-1\n"
      "  instance_type: p4d.24xlarge\n"
      "  use_spot: true\n"
      "num_nodes: 1\n"
      "envs:\n"
      "  GPUSCOUT_MODEL: Llama-2-13B\n"
      "  GPUSCOUT_TASK: finetune\n"
      "run: python train.py\n";
  const auto findings = LintAny(task);
  const LintFinding* memory = Find(findings, "GS001");
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(memory->line, 2);  // the resources block of the task
  // Without the envs the workload is unknown: the offer's rules still run.
  const std::string bare = "resources: {cloud: aws, instance_type: p4d.24xlarge, region: ap-northeast-1}\nrun: python x.py\n";
  auto plan = ReadAnyPlan(bare, "bare.yaml", testing::RealCatalog());
  ASSERT_TRUE(plan.has_value()) << plan.error().Format();
  EXPECT_FALSE(plan->workload.has_value());
  ASSERT_EQ(plan->offers.size(), 1u);
  EXPECT_EQ(plan->offers[0].instance, "p4d.24xlarge");
}

TEST(LintImport, KubernetesDeploymentAndHpa) {
  // CUDA 13 in the image, on a V100 node: GS007, from the image's tag.
  const std::string manifests =
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata: {name: embed}\n"
      "spec:\n"
      "  replicas: 2\n"
      "  selector: {matchLabels: {app: embed}}\n"
      "  template:\n"
      "    metadata: {labels: {app: embed}}\n"
      "    spec:\n"
      "      nodeSelector:\n"
      "        node.kubernetes.io/instance-type: p3.2xlarge\n"
      "        topology.kubernetes.io/region: us-east-1\n"
      "      containers:\n"
      "        - name: embed\n"
      "          image: nvcr.io/nvidia/cuda:13.0.0-runtime-ubuntu22.04\n"
      "          resources: {limits: {nvidia.com/gpu: 1}}\n"
      "---\n"
      "apiVersion: autoscaling/v2\n"
      "kind: HorizontalPodAutoscaler\n"
      "metadata: {name: embed}\n"
      "spec:\n"
      "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: embed}\n"
      "  minReplicas: 2\n"
      "  maxReplicas: 6\n"
      "  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]\n";
  auto plan = ReadAnyPlan(manifests, "k8s.yaml", testing::RealCatalog());
  ASSERT_TRUE(plan.has_value()) << plan.error().Format();
  EXPECT_EQ(plan->offers[0].vendor, "aws");  // the only vendor with p3.2xlarge
  EXPECT_EQ(plan->offers[0].count, 2);
  EXPECT_EQ(plan->cuda, "13.0");
  EXPECT_EQ(plan->os_distribution, "ubuntu");
  ASSERT_TRUE(plan->fleet.has_value());
  EXPECT_EQ(plan->fleet->max_nodes, 6);
  const auto findings = LintAny(manifests);
  const LintFinding* cuda = Find(findings, "GS007");
  ASSERT_NE(cuda, nullptr);
  EXPECT_EQ(cuda->line, 10);  // the nodeSelector
}

TEST(LintImport, WhatGpuscoutEmitsLintsAsThePlanItCameFrom) {
  RecommendRequest r;
  r.workload = testing::Lora8b();
  r.vendors = {"aws"};
  r.purchases = {Purchase::kOnDemand};
  auto rec = Recommend(testing::RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value());
  for (const char* format : {"skypilot", "k8s"}) {
    auto file = EmitRecommendation(format, *rec, r);
    ASSERT_TRUE(file.has_value()) << file.error().Format();
    auto plan = ReadAnyPlan(*file, "emitted.yaml", testing::RealCatalog());
    ASSERT_TRUE(plan.has_value()) << plan.error().Format();
    ASSERT_TRUE(plan->workload.has_value());
    EXPECT_EQ(plan->workload->model, "Llama-3.1-8B");
    EXPECT_EQ(plan->offers[0].instance, rec->candidates.front().offer->instance_type);
    EXPECT_EQ(plan->offers[0].region, rec->candidates.front().offer->region);
    EXPECT_FALSE(Find(LintAny(*file), "GS001")) << format;  // gpuscout chose it because it fits
  }
}

TEST(LintImport, UnknownInstanceTypesNameTheFileAndLine) {
  const std::string task = "name: x\nresources:\n  cloud: aws\n  instance_type: p9.huge\nrun: x\n";
  auto plan = ReadAnyPlan(task, "task.yaml", testing::RealCatalog());
  if (plan) {
    auto offers = ResolvePlan(*plan, testing::RealCatalog(), Real());
    ASSERT_FALSE(offers.has_value());
    EXPECT_NE(offers.error().Format().find("task.yaml:2"), std::string::npos) << offers.error().Format();
  }
  const std::string job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n"
                          "      nodeSelector: {node.kubernetes.io/instance-type: p9.huge}\n      containers: [{name: c, image: i}]\n";
  auto bad = ReadAnyPlan(job, "job.yaml", testing::RealCatalog());
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().Format().find("job.yaml:7"), std::string::npos) << bad.error().Format();
  EXPECT_NE(bad.error().message.find("p9.huge is in no vendor's catalog"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace gpuscout
