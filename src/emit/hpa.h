// Kubernetes HorizontalPodAutoscaler (autoscaling/v2) from a tuned
// target-tracking pool: the replicas' bounds, a per-pod requests/s metric
// whose target is the tuned utilisation times one replica's capacity, and
// the tuned behaviour (stabilisation windows, rate policies). The
// behaviour block is shared with KEDA, which writes it into the HPA it owns.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "base/error.h"
#include "emit/plans.h"
#include "emit/yaml_out.h"

namespace gpuscout {

// Fails (option `emit`) for a pool whose policy is not target-tracking.
Result<std::string> HorizontalPodAutoscaler(const ScalingPlan& plan, const std::string& summary);
Result<ScalingPlan> ReadHorizontalPodAutoscaler(const std::vector<YAML::Node>& docs, const std::string& file);
bool HasHorizontalPodAutoscaler(const std::vector<YAML::Node>& docs);

// The pieces KEDA shares.
Result<void> RequireTargetTracking(const ScalingPlan& plan, const char* format);
Doc HpaBehavior(const PolicyConfig& policy);
Result<void> ReadHpaBehavior(const YAML::Node& behavior, const std::string& file, PolicyConfig& policy);
// A Kubernetes quantity for a per-pod metric: "35", "35500m".
std::string Quantity(double value);
double ParseQuantity(const std::string& text);

}  // namespace gpuscout
