#include "emit/hpa.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

constexpr const char* kMetric = "requests_per_second";
constexpr const char* kCapacityAnnotation = "gpuscout.dev/capacity-rps";

Doc RatePolicy(const char* type, int value, int period_s) {
  Doc p;
  p["type"] = type;
  p["value"] = value;
  p["periodSeconds"] = period_s;
  return p;
}

}  // namespace

std::string Quantity(double value) {
  const auto milli = static_cast<long long>(std::llround(value * 1000));
  return milli % 1000 == 0 ? std::to_string(milli / 1000) : std::to_string(milli) + "m";
}

double ParseQuantity(const std::string& text) {
  if (!text.empty() && text.back() == 'm') return std::atof(text.c_str()) / 1000;
  return std::atof(text.c_str());
}

Result<void> RequireTargetTracking(const ScalingPlan& plan, const char* format) {
  if (plan.policy.type == PolicyType::kTargetTracking && plan.capacity_rps > 0) return {};
  return tl::unexpected(OptionError(
      "emit", fmt::format("{} scales on a target per replica: pool '{}' needs a target-tracking policy and a capacity "
                          "(capacity_rps or a model), not {}",
                          format, plan.name, plan.policy.type == PolicyType::kTargetTracking ? "an unknown capacity" : "another policy")));
}

Doc HpaBehavior(const PolicyConfig& c) {
  Doc b;
  b["scaleUp"]["stabilizationWindowSeconds"] = c.scale_up_window_s;
  b["scaleUp"]["selectPolicy"] = "Max";
  b["scaleUp"]["policies"].push_back(RatePolicy("Pods", c.up_pods, c.up_period_s));
  b["scaleUp"]["policies"].push_back(RatePolicy("Percent", c.up_percent, c.up_period_s));
  b["scaleDown"]["stabilizationWindowSeconds"] = c.scale_down_window_s;
  b["scaleDown"]["selectPolicy"] = "Max";
  b["scaleDown"]["policies"].push_back(RatePolicy("Percent", c.down_percent, c.down_period_s));
  return b;
}

Result<void> ReadHpaBehavior(const YAML::Node& b, const std::string& file, PolicyConfig& c) {
  GS_TRY(up_window, IntAt(b, {"scaleUp", "stabilizationWindowSeconds"}, 0, file));
  GS_TRY(down_window, IntAt(b, {"scaleDown", "stabilizationWindowSeconds"}, 300, file));
  c.scale_up_window_s = up_window;
  c.scale_down_window_s = down_window;
  for (const char* side : {"scaleUp", "scaleDown"}) {
    const YAML::Node policies = NodeAt(b, {side, "policies"});
    if (!policies.IsDefined() || !policies.IsSequence()) continue;
    for (const auto& p : policies) {
      const std::string type = ScalarAt(p, {"type"});
      GS_TRY(value, IntAt(p, {"value"}, 0, file));
      GS_TRY(period, IntAt(p, {"periodSeconds"}, 15, file));
      const bool up = std::string(side) == "scaleUp";
      if (up && type == "Pods") c.up_pods = value, c.up_period_s = period;
      if (up && type == "Percent") c.up_percent = value, c.up_period_s = period;
      if (!up && type == "Percent") c.down_percent = value, c.down_period_s = period;
    }
  }
  return {};
}

Result<std::string> HorizontalPodAutoscaler(const ScalingPlan& p, const std::string& summary) {
  GS_CHECK(RequireTargetTracking(p, "an HPA"));
  Doc h;
  h["apiVersion"] = "autoscaling/v2";
  h["kind"] = "HorizontalPodAutoscaler";
  h["metadata"]["name"] = p.name;
  h["metadata"]["annotations"][kCapacityAnnotation] = fmt::format("{}", p.capacity_rps);
  h["spec"]["scaleTargetRef"]["apiVersion"] = "apps/v1";
  h["spec"]["scaleTargetRef"]["kind"] = "Deployment";
  h["spec"]["scaleTargetRef"]["name"] = p.name;
  h["spec"]["minReplicas"] = std::max(1, p.min_nodes);  // 0 needs the HPAScaleToZero feature gate
  h["spec"]["maxReplicas"] = p.max_nodes;
  Doc metric;
  metric["type"] = "Pods";
  metric["pods"]["metric"]["name"] = kMetric;
  metric["pods"]["target"]["type"] = "AverageValue";
  metric["pods"]["target"]["averageValue"] = Quantity(p.policy.target * p.capacity_rps);
  h["spec"]["metrics"].push_back(metric);
  h["spec"]["behavior"] = HpaBehavior(p.policy);
  return EmitYaml({summary, fmt::format("HPA: the pods' {} metric (a custom metric, e.g. through prometheus-adapter) "
                                        "against {:.0f}% of one replica's {:g} requests/s; the controller's tolerance is "
                                        "its --horizontal-pod-autoscaler-tolerance (0.1 by default)",
                                        kMetric, p.policy.target * 100, p.capacity_rps)},
                  {h});
}

bool HasHorizontalPodAutoscaler(const std::vector<YAML::Node>& docs) {
  return std::any_of(docs.begin(), docs.end(), [](const YAML::Node& d) { return ScalarAt(d, {"kind"}) == "HorizontalPodAutoscaler"; });
}

Result<ScalingPlan> ReadHorizontalPodAutoscaler(const std::vector<YAML::Node>& docs, const std::string& file) {
  for (const YAML::Node& d : docs) {
    if (ScalarAt(d, {"kind"}) != "HorizontalPodAutoscaler") continue;
    ScalingPlan p;
    p.name = ScalarAt(d, {"spec", "scaleTargetRef", "name"});
    GS_TRY(min, IntAt(d, {"spec", "minReplicas"}, 1, file));
    GS_TRY(max, IntAt(d, {"spec", "maxReplicas"}, 1, file));
    p.min_nodes = min;
    p.max_nodes = max;
    p.policy.type = PolicyType::kTargetTracking;
    p.capacity_rps = std::atof(ScalarAt(d, {"metadata", "annotations", kCapacityAnnotation}).c_str());
    const YAML::Node metrics = NodeAt(d, {"spec", "metrics"});
    if (metrics.IsDefined() && metrics.IsSequence() && metrics.size() > 0) {
      const double per_pod = ParseQuantity(ScalarAt(metrics[0], {"pods", "target", "averageValue"}));
      const double utilisation = ScalarAt(metrics[0], {"resource", "target", "averageUtilization"}).empty()
                                     ? 0
                                     : std::atof(ScalarAt(metrics[0], {"resource", "target", "averageUtilization"}).c_str()) / 100;
      p.policy.target = p.capacity_rps > 0 && per_pod > 0 ? per_pod / p.capacity_rps : utilisation > 0 ? utilisation : p.policy.target;
    }
    const YAML::Node behavior = NodeAt(d, {"spec", "behavior"});
    if (behavior.IsDefined()) GS_CHECK(ReadHpaBehavior(behavior, file, p.policy));
    return p;
  }
  return FailAt(file, 1, 1, "kind", "no HorizontalPodAutoscaler in the file");
}

}  // namespace gpuscout
