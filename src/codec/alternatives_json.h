// The alternatives comparison as JSON (docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "base/i18n.h"
#include "optimizer/alternatives.h"

namespace gpuscout {

nlohmann::json AlternativesToJson(const AlternativesAnswer& a, Currency currency, Lang lang = Lang::kEn);
// The recommendation in words, English or Chinese: "cheapest: rent-gpu (...);
// fastest: ...", or that no option meets the constraints.
Message RecommendationMessage(const AlternativesAnswer& a, Currency currency);
std::string RecommendationText(const AlternativesAnswer& a, Currency currency, Lang lang);

}  // namespace gpuscout
