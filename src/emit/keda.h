// A KEDA ScaledObject (keda.sh/v1alpha1) from a tuned pool: the replicas'
// bounds, one cron trigger per window of the pool's schedule (KEDA's cron
// scaler: timezone, start, end, desiredReplicas), a Prometheus trigger at
// the tuned target per replica, and the tuned behaviour in the HPA KEDA owns.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "base/error.h"
#include "emit/plans.h"

namespace gpuscout {

Result<std::string> KedaScaledObject(const ScalingPlan& plan, const std::string& summary);
Result<ScalingPlan> ReadKedaScaledObject(const std::vector<YAML::Node>& docs, const std::string& file);

}  // namespace gpuscout
