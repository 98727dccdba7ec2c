// The estimate as JSON: keys documented in docs/json.md.
#pragma once

#include <nlohmann/json.hpp>

#include "workload/estimate.h"

namespace gpuscout {

nlohmann::json EstimateToJson(const Estimate& e);

}  // namespace gpuscout
