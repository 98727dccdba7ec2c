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

// The candidate's price per GPU-hour (a monthly price over 730 hours).
double PricePerGpuHour(const Candidate& c);
// "2 nodes x 8 GPUs, TP 8": the node count, GPUs per node and layout.
Message SetupMessage(const Candidate& c);
// The one-line answer before the table: what to rent, where, how, for how
// much and how long; when the best is spot, what the best on demand costs.
// Empty when nothing qualifies.
Message VerdictMessage(const Recommendation& r, Currency currency);

nlohmann::json RecommendationToJson(const Recommendation& r, Currency currency, Lang lang = Lang::kEn);
nlohmann::json OptionCostToJson(const OptionCost& c, Currency currency, Lang lang = Lang::kEn);
// A total in parts: compute, interruption, storage, egress, discount.
nlohmann::json CostPartsJson(const CostParts& p);

}  // namespace gpuscout
