// The estimate as JSON: keys documented in docs/json.md.
#pragma once

#include <nlohmann/json.hpp>

#include "base/i18n.h"
#include "workload/estimate.h"

namespace gpuscout {

nlohmann::json EstimateToJson(const Estimate& e, Lang lang = Lang::kEn);

}  // namespace gpuscout
