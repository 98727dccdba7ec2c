// Kubernetes: the chosen instance as a workload, a Deployment for a service
// (replicas) or an Indexed Job for a job (one pod per node), each pod asking
// for the node's GPUs (nvidia.com/gpu) on the instance type and region
// through the well-known node labels, spot through the vendor's own label.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "base/error.h"
#include "emit/plans.h"

namespace gpuscout {

Result<std::string> KubernetesWorkload(const LaunchPlan& plan, const std::string& summary);
// The workload document of a Deployment or Job among `docs` (vendor from
// the gpuscout.dev/vendor annotation or the spot label, else empty).
Result<LaunchPlan> ReadKubernetesWorkload(const std::vector<YAML::Node>& docs, const std::string& file);
// Whether the documents hold a Deployment or a Job.
bool HasKubernetesWorkload(const std::vector<YAML::Node>& docs);

}  // namespace gpuscout
