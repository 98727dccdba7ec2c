// JSON for recommend and cost (keys in docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "cost/cost_model.h"
#include "base/i18n.h"
#include "optimizer/recommend.h"

namespace gpuscout {

nlohmann::json CandidateToJson(const Candidate& c, Currency currency, Lang lang = Lang::kEn);
// A relaxation in words, English or Chinese: "a 30.0 h deadline saves 41%
// (120.00 USD instead of 203.00 USD)".
Message RelaxationMessage(const Relaxation& x, Currency currency);
std::string RelaxationText(const Relaxation& x, Currency currency, Lang lang);

nlohmann::json RecommendationToJson(const Recommendation& r, Currency currency, Lang lang = Lang::kEn);
nlohmann::json OptionCostToJson(const OptionCost& c, Currency currency, Lang lang = Lang::kEn);

}  // namespace gpuscout
