// alternatives: each option's figures from the stated model.
#include "optimizer/alternatives.h"

#include "codec/alternatives_json.h"

#include <gtest/gtest.h>

#include "catalog/embedded.h"
#include "test_support.h"

namespace gpuscout {
namespace {

const Estimator& Real() { return testing::RealEstimator(); }

const Alternative& Named(const AlternativesAnswer& a, const std::string& name) {
  for (const auto& o : a.options) {
    if (o.name == name) return o;
  }
  throw std::runtime_error("no option " + name);
}

AlternativesRequest Llm() {
  AlternativesRequest r;
  r.workload.task = "infer";
  r.workload.model = "Llama-3.1-8B";
  r.rtt_ms = 30;
  r.cpu_gflops = 100;
  r.cpu_bandwidth_gbps = 40;
  return r;
}

TEST(Alternatives, LlmOnThisCpuIsBoundByMemoryBandwidth) {
  auto a = CompareAlternatives(testing::RealCatalog(), Real(), Llm());
  ASSERT_TRUE(a.has_value()) << a.error().Format();
  ASSERT_EQ(a->options.size(), 5u);
  const Alternative& cpu = Named(*a, "own-cpu");
  // fp16 weights of 8.03 B parameters read once per token at 40 GB/s.
  EXPECT_NEAR(cpu.throughput, 40e9 / (2 * 8.03e9), 1e-6);
  EXPECT_EQ(cpu.monthly_cost, 0);
  const Alternative& api = Named(*a, "remote-gpu-api");
  const Alternative& rent = Named(*a, "rent-gpu");
  ASSERT_TRUE(api.fits);
  EXPECT_NEAR(api.latency_ms - rent.latency_ms, 30 + 4 * 8.0 / 100, 1e-9);  // RTT + payload over the link
  EXPECT_GT(api.throughput, 5 * cpu.throughput);
  EXPECT_GT(api.monthly_cost, 0);
  EXPECT_FALSE(Named(*a, "remote-rendering").applicable);
  // 2.5 tokens/s is more than ten times slower than the GPUs: free, but no answer.
  EXPECT_FALSE(cpu.fits);
  EXPECT_NE(Render(cpu.why, Lang::kEn).find("times slower"), std::string::npos) << Render(cpu.why, Lang::kEn);
  EXPECT_NE(a->options[*a->cheapest].name, "own-cpu");
}

// The case: 70B decoded by a laptop-class CPU at 0.07 tokens/s was
// recommended because it costs nothing.
TEST(Alternatives, AFarSlowerCpuIsNotRecommended) {
  AlternativesRequest r = Llm();
  r.workload.model = "Llama-2-70B";
  r.cpu_bandwidth_gbps = 20;
  auto a = CompareAlternatives(testing::RealCatalog(), Real(), r);
  ASSERT_TRUE(a.has_value()) << a.error().Format();
  EXPECT_LT(Named(*a, "own-cpu").throughput, 0.2);
  EXPECT_FALSE(Named(*a, "own-cpu").fits);
  ASSERT_TRUE(a->cheapest.has_value());
  EXPECT_NE(a->options[*a->cheapest].name.find("gpu"), std::string::npos) << a->options[*a->cheapest].name;
  // A CPU within ten times of the GPUs still counts, and wins on cost.
  r.workload.model = "ResNet-50";
  r.workload.task = "cnn-infer";
  r.cpu_gflops = 1e5;
  auto fast = CompareAlternatives(testing::RealCatalog(), Real(), r);
  ASSERT_TRUE(fast.has_value()) << fast.error().Format();
  EXPECT_TRUE(Named(*fast, "own-cpu").fits) << Render(Named(*fast, "own-cpu").why, Lang::kEn);
  const std::string en = RecommendationText(*fast, Currency::kUSD, Lang::kEn);
  EXPECT_EQ(en.rfind("cheapest: own-cpu", 0), 0u) << en;
  const std::string zh = RecommendationText(*fast, Currency::kUSD, Lang::kZh);
  EXPECT_EQ(zh.rfind("最便宜：own-cpu", 0), 0u) << zh;
}

TEST(Alternatives, VgpuSliceLosesTheSeedsShare) {
  AlternativesRequest r;
  r.workload.task = "cnn-infer";
  r.workload.model = "ResNet-50";
  r.cpu_gflops = 100;
  r.cpu_bandwidth_gbps = 20;
  auto a = CompareAlternatives(testing::RealCatalog(), Real(), r);
  ASSERT_TRUE(a.has_value());
  const Alternative& slice = Named(*a, "vgpu-slice");
  ASSERT_TRUE(slice.fits) << Render(slice.why, Lang::kEn);
  EXPECT_NE(slice.offer.find(" x "), std::string::npos);
  EXPECT_NE(Render(slice.assumptions.front(), Lang::kEn).find("22.5%"), std::string::npos);
  // A 50 ms objective rules out this CPU (8.18 GFLOP per image at 100 GFLOP/s = 82 ms).
  r.latency_slo_ms = 50;
  auto slo = CompareAlternatives(testing::RealCatalog(), Real(), r);
  EXPECT_FALSE(Named(*slo, "own-cpu").fits);
  EXPECT_NE(RecommendationText(*slo, Currency::kUSD, Lang::kEn).find("within the latency objective"), std::string::npos);
}

TEST(Alternatives, BadInput) {
  AlternativesRequest r = Llm();
  r.rtt_ms = -1;
  EXPECT_FALSE(CompareAlternatives(testing::RealCatalog(), Real(), r).has_value());
  r = Llm();
  r.workload.model = "Llama-99B";
  auto e = CompareAlternatives(testing::RealCatalog(), Real(), r);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().field, "model");
}

}  // namespace
}  // namespace gpuscout
