// Lint findings as JSON and as SARIF 2.1.0 (docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "lint/lint.h"

namespace gpuscout {

nlohmann::json LintToJson(const std::string& plan, const std::vector<LintFinding>& findings, Lang lang = Lang::kEn);
nlohmann::json Sarif(const std::string& plan, const std::vector<LintFinding>& findings);

}  // namespace gpuscout
