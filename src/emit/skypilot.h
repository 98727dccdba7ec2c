// SkyPilot task YAML: `sky launch` (a job) or `sky serve up` (a service with
// a `service:` section). Keys and types as SkyPilot's own schema
// (sky/utils/schemas.py: get_task_schema, get_resources_schema,
// get_service_schema), vendored for the tests in tests/data/schemas/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "base/error.h"
#include "emit/plans.h"

namespace gpuscout {

// Fails (option `emit`) for a vendor SkyPilot does not launch on.
Result<std::string> SkyPilotTask(const LaunchPlan& plan, const std::string& summary);
Result<LaunchPlan> ReadSkyPilotTask(const YAML::Node& root, const std::string& file);
// A mapping with `resources` and `run`, `setup` or `num_nodes`.
bool LooksLikeSkyPilotTask(const YAML::Node& root);

}  // namespace gpuscout
