// The JSON form of `cost`.
#pragma once

#include <nlohmann/json.hpp>

#include "service/cost.h"

namespace gpuscout {

nlohmann::json CostToJson(const CostAnswer& a, Lang lang = Lang::kEn);

}  // namespace gpuscout
