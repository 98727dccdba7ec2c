// JSON for recommend and cost (keys in docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "cost/cost_model.h"
#include "optimizer/recommend.h"

namespace gpuscout {

nlohmann::json CandidateToJson(const Candidate& c, Currency currency);
nlohmann::json RecommendationToJson(const Recommendation& r, Currency currency);
nlohmann::json OptionCostToJson(const OptionCost& c, Currency currency);

}  // namespace gpuscout
