#include "emit/keda.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "emit/hpa.h"
#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

constexpr const char* kQuery = "sum(rate(requests_total[1m]))";

Doc CronTrigger(const ScalingWindow& w, const std::string& zone) {
  Doc t;
  t["type"] = "cron";
  t["metadata"]["timezone"] = zone;
  t["metadata"]["start"] = w.start;
  t["metadata"]["end"] = w.end;
  t["metadata"]["desiredReplicas"] = std::to_string(w.min_nodes);
  return t;
}

Doc PrometheusTrigger(const ScalingPlan& p) {
  Doc t;
  t["type"] = "prometheus";
  t["metricType"] = "AverageValue";
  t["metadata"]["serverAddress"] = "http://prometheus.monitoring.svc:9090";
  t["metadata"]["query"] = kQuery;
  t["metadata"]["threshold"] = fmt::format("{:.6g}", p.policy.target * p.capacity_rps);
  return t;
}

}  // namespace

Result<std::string> KedaScaledObject(const ScalingPlan& p, const std::string& summary) {
  GS_CHECK(RequireTargetTracking(p, "KEDA's Prometheus trigger"));
  Doc s;
  s["apiVersion"] = "keda.sh/v1alpha1";
  s["kind"] = "ScaledObject";
  s["metadata"]["name"] = p.name;
  s["metadata"]["annotations"]["gpuscout.dev/capacity-rps"] = fmt::format("{}", p.capacity_rps);
  s["spec"]["scaleTargetRef"]["name"] = p.name;
  s["spec"]["minReplicaCount"] = p.min_nodes;
  s["spec"]["maxReplicaCount"] = p.max_nodes;
  s["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behavior"] = HpaBehavior(p.policy);
  for (const auto& w : p.windows) s["spec"]["triggers"].push_back(CronTrigger(w, p.time_zone));
  s["spec"]["triggers"].push_back(PrometheusTrigger(p));
  return EmitYaml({summary, fmt::format("KEDA: the Prometheus query '{}' per replica against {:g} requests/s; set "
                                        "serverAddress to your Prometheus",
                                        kQuery, p.policy.target * p.capacity_rps)},
                  {s});
}

Result<ScalingPlan> ReadKedaScaledObject(const std::vector<YAML::Node>& docs, const std::string& file) {
  for (const YAML::Node& d : docs) {
    if (ScalarAt(d, {"kind"}) != "ScaledObject") continue;
    ScalingPlan p;
    p.name = ScalarAt(d, {"spec", "scaleTargetRef", "name"});
    GS_TRY(min, IntAt(d, {"spec", "minReplicaCount"}, 0, file));
    GS_TRY(max, IntAt(d, {"spec", "maxReplicaCount"}, 100, file));
    p.min_nodes = min;
    p.max_nodes = max;
    p.policy.type = PolicyType::kTargetTracking;
    p.capacity_rps = std::atof(ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/capacity-rps"}).c_str());
    const YAML::Node behavior = NodeAt(d, {"spec", "advanced", "horizontalPodAutoscalerConfig", "behavior"});
    if (behavior.IsDefined()) GS_CHECK(ReadHpaBehavior(behavior, file, p.policy));
    const YAML::Node triggers = NodeAt(d, {"spec", "triggers"});
    if (!triggers.IsDefined() || !triggers.IsSequence()) continue;
    for (const auto& t : triggers) {
      const std::string type = ScalarAt(t, {"type"});
      if (type == "cron") {
        GS_TRY(desired, IntAt(t, {"metadata", "desiredReplicas"}, 0, file));
        p.windows.push_back({ScalarAt(t, {"metadata", "start"}), ScalarAt(t, {"metadata", "end"}), desired});
        p.time_zone = ScalarAt(t, {"metadata", "timezone"});
      } else if (type == "prometheus" && p.capacity_rps > 0) {
        p.policy.target = std::atof(ScalarAt(t, {"metadata", "threshold"}).c_str()) / p.capacity_rps;
      }
    }
    return p;
  }
  return FailAt(file, 1, 1, "kind", "no ScaledObject in the file");
}

}  // namespace gpuscout
