// The alternatives comparison as JSON (docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "optimizer/alternatives.h"

namespace gpuscout {

nlohmann::json AlternativesToJson(const AlternativesAnswer& a, Currency currency);

}  // namespace gpuscout
