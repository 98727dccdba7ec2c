// A price history as JSON: what `prices history --format json` prints and
// GET /v1/prices/history answers.
#pragma once

#include <nlohmann/json.hpp>

#include "history/price_series.h"

namespace gpuscout {

nlohmann::json PriceHistoryToJson(const std::string& vendor, const std::string& instance_type,
                                  const std::vector<PriceSeries>& series);

}  // namespace gpuscout
