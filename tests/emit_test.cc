// The hand-off files (issue #20): what gpuscout decided, written as each
// tool's file and read back, must be what it decided. The files' validity
// against the tools' published schemas is tests/emit/check.sh.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "autoscale/fleet.h"
#include "emit/dstack.h"
#include "emit/hpa.h"
#include "emit/karpenter.h"
#include "emit/keda.h"
#include "emit/kubernetes.h"
#include "emit/skypilot.h"
#include "emit/yaml_out.h"
#include "service/emit_plan.h"
#include "test_support.h"

namespace gpuscout {
namespace {

std::vector<YAML::Node> Docs(const std::string& text) {
  auto docs = LoadYamlDocuments(text, "emitted.yaml");
  EXPECT_TRUE(docs.has_value()) << (docs ? "" : docs.error().Format());
  return docs ? *docs : std::vector<YAML::Node>{};
}

// The first candidate of a real recommendation, as a launch plan.
LaunchPlan Chosen(RecommendRequest r) {
  auto rec = Recommend(testing::RealCatalog(), testing::RealEstimator(), r);
  EXPECT_TRUE(rec.has_value()) << (rec ? "" : rec.error().Format());
  if (!rec || rec->candidates.empty()) return {};
  return LaunchPlanOf(rec->candidates.front(), r);
}

RecommendRequest LoraJob() {
  RecommendRequest r;
  r.workload = testing::Lora8b();
  r.vendors = {"aws"};
  r.purchases = {Purchase::kOnDemand};
  r.job_terms.disk_gb = 200;
  return r;
}

RecommendRequest Serving() {
  RecommendRequest r;
  EstimateRequest w;
  w.task = "serve";
  w.model = "Llama-3.1-8B";
  w.rps = 20;
  w.prompt_tokens = 500;
  w.output_tokens = 200;
  r.workload = w;
  r.vendors = {"gcp"};
  r.spot = SpotPolicy::kOnly;
  return r;
}

RecommendRequest TwoNodes() {
  RecommendRequest r;
  r.gpu_mem_gib = 80;
  r.gpus = 8;
  r.nodes = 2;
  r.hours = 10;
  r.vendors = {"azure"};
  return r;
}

TEST(Emit, LaunchPlansRoundTripThroughEveryFormat) {
  for (const RecommendRequest& r : {LoraJob(), Serving(), TwoNodes()}) {
    const LaunchPlan plan = Chosen(r);
    ASSERT_FALSE(plan.instance_type.empty());
    auto sky = SkyPilotTask(plan, "test");
    ASSERT_TRUE(sky.has_value()) << sky.error().Format();
    auto sky_back = ReadSkyPilotTask(Docs(*sky).front(), "sky.yaml");
    ASSERT_TRUE(sky_back.has_value()) << sky_back.error().Format();
    EXPECT_EQ(*sky_back, plan) << *sky;
    auto ds = DstackConfiguration(plan, "test");
    ASSERT_TRUE(ds.has_value()) << ds.error().Format();
    auto ds_back = ReadDstackConfiguration(Docs(*ds).front(), "dstack.yml");
    ASSERT_TRUE(ds_back.has_value()) << ds_back.error().Format();
    EXPECT_EQ(*ds_back, plan) << *ds;
    auto k8s = KubernetesWorkload(plan, "test");
    ASSERT_TRUE(k8s.has_value()) << k8s.error().Format();
    auto k8s_back = ReadKubernetesWorkload(Docs(*k8s), "k8s.yaml");
    ASSERT_TRUE(k8s_back.has_value()) << k8s_back.error().Format();
    EXPECT_EQ(*k8s_back, plan) << *k8s;
  }
  const LaunchPlan job = Chosen(LoraJob());
  EXPECT_EQ(job.disk_gb, 200);
  EXPECT_FALSE(job.service);
  const LaunchPlan served = Chosen(Serving());
  EXPECT_TRUE(served.service);
  EXPECT_TRUE(served.spot);
  EXPECT_GE(served.replicas, 1);
  EXPECT_NE(KubernetesWorkload(served, "t")->find("cloud.google.com/gke-spot: \"true\""), std::string::npos);
  EXPECT_EQ(Chosen(TwoNodes()).nodes, 2);
}

TEST(Emit, VendorsTheToolsDoNotLaunchOnAreRefused) {
  LaunchPlan p;
  p.vendor = "tencent";
  p.instance_type = "GN10Xp.2XLARGE40";
  p.name = "x";
  for (const auto& r : {SkyPilotTask(p, "t"), DstackConfiguration(p, "t")}) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().field, "emit");
  }
  p.vendor = "aws";
  p.service = true;
  p.nodes = 3;  // pipeline stages: one replica on three nodes
  EXPECT_FALSE(KubernetesWorkload(p, "t").has_value());
  EXPECT_TRUE(SkyPilotTask(p, "t").has_value());
}

// The tuned pools of examples/fleets/k8s.yaml as HPA, KEDA and Karpenter
// objects, read back.
TEST(Emit, ScalingPlansRoundTrip) {
  std::ifstream in(std::string(GPUSCOUT_SOURCE_DIR) + "/examples/fleets/k8s.yaml");
  std::stringstream text;
  text << in.rdbuf();
  FleetContext ctx;
  ctx.catalog = &testing::RealCatalog();
  ctx.estimator = &testing::RealEstimator();
  ctx.read_files = false;
  auto fleet = ParseFleet(text.str(), "k8s.yaml", ctx);
  ASSERT_TRUE(fleet.has_value()) << fleet.error().Format();
  ASSERT_EQ(fleet->pools.size(), 2u);
  for (size_t i = 0; i < fleet->pools.size(); ++i) {
    TuneResult t;
    t.pool = fleet->pools[i].name;
    t.found = true;
    t.best = fleet->pools[i];
    t.best.policy.scale_up_window_s = 30;  // settings away from the defaults, so a reader that ignores them fails
    t.best.policy.up_pods = 2;
    t.best.policy.down_percent = 50;
    ScalingPlan plan = ScalingPlanOf(t, fleet->pool_offers[i]);
    for (const auto& e : t.best.schedule.entries) plan.windows.push_back({e.start->text, e.end->text, *e.min_nodes});

    auto hpa = ReadHorizontalPodAutoscaler(Docs(*HorizontalPodAutoscaler(plan, "t")), "hpa.yaml");
    ASSERT_TRUE(hpa.has_value()) << hpa.error().Format();
    EXPECT_EQ(hpa->min_nodes, std::max(1, plan.min_nodes));
    EXPECT_EQ(hpa->max_nodes, plan.max_nodes);
    EXPECT_NEAR(hpa->policy.target, plan.policy.target, 1e-9);
    for (const ScalingPlan* back : {&*hpa}) {
      EXPECT_EQ(back->policy.scale_up_window_s, 30);
      EXPECT_EQ(back->policy.scale_down_window_s, plan.policy.scale_down_window_s);
      EXPECT_EQ(back->policy.up_pods, 2);
      EXPECT_EQ(back->policy.up_percent, plan.policy.up_percent);
      EXPECT_EQ(back->policy.down_percent, 50);
    }

    auto keda = ReadKedaScaledObject(Docs(*KedaScaledObject(plan, "t")), "keda.yaml");
    ASSERT_TRUE(keda.has_value()) << keda.error().Format();
    EXPECT_EQ(keda->min_nodes, plan.min_nodes);
    EXPECT_EQ(keda->max_nodes, plan.max_nodes);
    EXPECT_NEAR(keda->policy.target, plan.policy.target, 1e-6);
    EXPECT_EQ(keda->windows, plan.windows);
    EXPECT_EQ(keda->policy.up_pods, 2);
    if (!plan.windows.empty()) {
      EXPECT_EQ(keda->time_zone, "America/New_York");
    }

    auto karpenter = ReadKarpenterNodePool(Docs(*KarpenterNodePool(plan, "t")), "karpenter.yaml");
    ASSERT_TRUE(karpenter.has_value()) << karpenter.error().Format();
    EXPECT_EQ(karpenter->vendor, "aws");
    EXPECT_EQ(karpenter->instance_type, plan.instance_type);
    EXPECT_EQ(karpenter->region, plan.region);
    EXPECT_EQ(karpenter->spot, plan.spot);
    EXPECT_EQ(karpenter->max_nodes, plan.max_nodes * plan.gpus_per_node);  // the limit is in GPUs
    EXPECT_EQ(karpenter->policy.scale_down_window_s, plan.policy.scale_down_window_s);
  }
  // A pool on another policy has no HPA form.
  TuneResult step;
  step.found = true;
  step.best = fleet->pools[0];
  step.best.policy.type = PolicyType::kStep;
  auto refused = HorizontalPodAutoscaler(ScalingPlanOf(step, fleet->pool_offers[0]), "t");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "emit");
}

// Strings YAML would read as numbers or booleans are quoted: annotations
// and KEDA's metadata are maps of strings.
TEST(Emit, StringsStayStrings) {
  const std::string text = EmitYaml({"h"}, {Doc{{"a", "40"}, {"b", "true"}, {"c", "30 8 * * 1-5"}, {"d", 40}, {"e", ""}}});
  EXPECT_NE(text.find("a: \"40\""), std::string::npos) << text;
  EXPECT_NE(text.find("b: \"true\""), std::string::npos) << text;
  EXPECT_NE(text.find("c: 30 8 * * 1-5"), std::string::npos) << text;
  EXPECT_NE(text.find("d: 40"), std::string::npos) << text;
  EXPECT_NE(text.find("e: \"\""), std::string::npos) << text;
  EXPECT_EQ(Quantity(34), "34");
  EXPECT_EQ(Quantity(4.8), "4800m");
  EXPECT_DOUBLE_EQ(ParseQuantity("4800m"), 4.8);
}

}  // namespace
}  // namespace gpuscout
