// A Karpenter NodePool (karpenter.sh/v1) for a tuned pool: nodes of the
// chosen instance type and capacity type only, the pool's GPUs at its
// maximum as the limit, empty or underused nodes consolidated after the
// tuned scale-down window. AWS (EC2NodeClass) and Azure (AKSNodeClass).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "base/error.h"
#include "emit/plans.h"

namespace gpuscout {

Result<std::string> KarpenterNodePool(const ScalingPlan& plan, const std::string& summary);
Result<ScalingPlan> ReadKarpenterNodePool(const std::vector<YAML::Node>& docs, const std::string& file);

}  // namespace gpuscout
