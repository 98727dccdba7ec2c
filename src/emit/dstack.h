// A dstack run configuration (`dstack apply -f`): `type: task` for a job,
// `type: service` for a server, pinned to the backend, region and instance
// type gpuscout chose (dstack's profile properties backends, regions,
// instance_types, spot_policy).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "base/error.h"
#include "emit/plans.h"

namespace gpuscout {

Result<std::string> DstackConfiguration(const LaunchPlan& plan, const std::string& summary);
Result<LaunchPlan> ReadDstackConfiguration(const YAML::Node& root, const std::string& file);

}  // namespace gpuscout
