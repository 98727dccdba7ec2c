// recommend --task serve: replicas for a request rate within a latency SLO,
// checked against a brute-force count of replicas and the price arithmetic.
#include <gtest/gtest.h>

#include "codec/recommend_json.h"
#include "optimizer/recommend.h"
#include "test_support.h"
#include "workload/memory.h"
#include "workload/throughput.h"

namespace gpuscout {
namespace {

using testing::RealCatalog;

const Estimator& Real() { return testing::RealEstimator(); }

// The issue's question: Llama 3.1 70B at 20 requests/s, 1000 + 300 tokens,
// TTFT within 2 s and TPOT within 60 ms.
RecommendRequest Issue() {
  RecommendRequest r;
  EstimateRequest w;
  w.task = "serve";
  w.model = "Llama-3.1-70B";
  w.rps = 20;
  w.prompt_tokens = 1000;
  w.output_tokens = 300;
  r.workload = w;
  r.ttft_ms = 2000;
  r.tpot_ms = 60;
  return r;
}

// The fewest replicas that each meet the SLO at their share of the rate,
// counted one by one.
int BruteForceReplicas(const Candidate& c, const RecommendRequest& r) {
  const Hardware hw = OfferHardware(*c.offer, RealCatalog().gpus().Find(c.offer->gpu), 1);
  auto w = Real().ResolveWorkload(*r.workload);
  EXPECT_TRUE(w);
  Workload base = *w;
  ApplyLayout(c.layout, base);
  const MemoryBreakdown mem = EstimateMemory(base, hw, nullptr);
  const ReplicaShape shape = ServingShapeOf(base, hw, mem);
  const LatencySlo slo{*r.ttft_ms / 1e3, *r.tpot_ms / 1e3};
  const int per_node = hw.total_gpus() / (base.tensor_parallel * base.pipeline_parallel);
  for (int nodes = 1; nodes <= 1000; ++nodes) {
    const int n = nodes * per_node;
    if (slo.Met(AtRate(shape, Real().serving().Of(base.engine), base.rps / n, std::max(1, mem.batch)))) return n;
  }
  return -1;
}

TEST(RecommendServing, IssueExampleGivesReplicasAndCostPerMillionTokens) {
  const RecommendRequest r = Issue();
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec) << rec.error().Format();
  ASSERT_GE(rec->candidates.size(), 5u);
  EXPECT_GT(rec->rejected["misses_slo"], 0u);
  double last = 0;
  for (const Candidate& c : rec->candidates) {
    EXPECT_GE(c.total_cost, last);
    last = c.total_cost;
    EXPECT_GT(c.replicas, 0);
    EXPECT_LE(c.ttft_s, 2.0);
    EXPECT_LE(c.tpot_s, 0.060);
    // Cost per million output tokens: the hourly price over 20 x 300 x 3600 tokens.
    const double hourly = c.purchase == Purchase::kMonthly ? c.price_hour / kHoursPerMonth : c.price_hour;
    EXPECT_NEAR(c.cost_per_million_tokens, hourly / (20.0 * 300 * 3600) * 1e6, 1e-9);
    EXPECT_EQ(c.purchase == Purchase::kSpot, false);  // serving stays on demand unless spot is allowed
  }
  // The leading single-node-group candidates need exactly the replicas a
  // brute-force count finds.
  int checked = 0;
  for (const Candidate& c : rec->candidates) {
    if (c.layout.pipeline_parallel > 1) continue;
    EXPECT_EQ(c.replicas, BruteForceReplicas(c, r)) << c.offer->vendor << " " << c.offer->instance_type;
    ++checked;
  }
  EXPECT_GE(checked, 3);
  const auto j = RecommendationToJson(*rec, Currency::kUSD, Lang::kEn);
  for (const char* key : {"replicas", "tp", "cost_per_million_tokens", "ttft_ms", "tpot_ms", "cost_per_month"}) {
    EXPECT_TRUE(j["candidates"][0].contains(key)) << key;
  }
}

TEST(RecommendServing, MoreRequestsNeedMoreReplicas) {
  RecommendRequest r = Issue();
  r.top = 50;
  auto base = Recommend(RealCatalog(), Real(), r);
  r.workload->rps = 60;
  auto busy = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(base && busy);
  ASSERT_FALSE(busy->candidates.empty());
  // The same instance type at three times the rate: at least as many replicas, more than the cost of one.
  int compared = 0;
  for (const Candidate& b : busy->candidates) {
    for (const Candidate& a : base->candidates) {
      if (a.offer->instance_type != b.offer->instance_type || a.purchase != b.purchase || a.layout.tensor_parallel != b.layout.tensor_parallel) continue;
      EXPECT_GE(b.replicas, a.replicas);
      EXPECT_GE(b.total_cost, a.total_cost);
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
}

TEST(RecommendServing, ImpossibleSloSaysWhatTheBestReaches) {
  RecommendRequest r = Issue();
  r.tpot_ms = 5;
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec);
  EXPECT_TRUE(rec->candidates.empty());
  ASSERT_FALSE(rec->relaxations.empty());
  EXPECT_EQ(rec->relaxations.front().constraint, "tpot");
  EXPECT_GT(rec->relaxations.front().value, 0.005);
  for (const auto& x : rec->relaxations) EXPECT_NE(x.constraint, "max-nodes");
}

TEST(RecommendServing, SpotOnlyWhenAllowedAndWithASpare) {
  RecommendRequest r = Issue();
  r.spot = SpotPolicy::kOnly;
  r.purchases = {Purchase::kSpot};
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec);
  ASSERT_FALSE(rec->candidates.empty());
  EXPECT_EQ(rec->candidates.front().purchase, Purchase::kSpot);
}

TEST(RecommendServing, LatencyBoundsNeedARate) {
  RecommendRequest r = Issue();
  r.workload->rps.reset();
  auto e = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "ttft_ms");
  r.ttft_ms.reset();
  r.tpot_ms.reset();
  e = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "rps");
  r = Issue();
  r.ttft_ms = -1;
  e = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "ttft_ms");
}

}  // namespace
}  // namespace gpuscout
