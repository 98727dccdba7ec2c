// The JSON form of `scale simulate` and `scale tune`.
#pragma once

#include <nlohmann/json.hpp>

#include "base/i18n.h"
#include "autoscale/fleet.h"
#include "autoscale/simulator.h"
#include "autoscale/tune.h"
#include "base/money.h"

namespace gpuscout {

nlohmann::json SimResultToJson(const SimResult& r, const Fleet& fleet, Currency currency, double slo, Lang lang = Lang::kEn);
// {"columns": [...], "rows": [[t, pool, demand_rps, capacity_rps, ready, booting, desired], ...]}
nlohmann::json TimelineToJson(const std::vector<TimelineRow>& timeline);
nlohmann::json TuneResultsToJson(const std::vector<TuneResult>& r, Currency currency, double slo);
nlohmann::json PolicyToJson(const PolicyConfig& c);

}  // namespace gpuscout
