// The --region pattern (a regular expression over region names, any case),
// compiled once for offers and recommend. A pattern is short and has no
// counted repetition: `(a{1000}){1000}` would make std::regex build a
// machine of a million states, which a request must not be able to ask for.
#pragma once

#include <optional>
#include <regex>
#include <string>

#include "base/error.h"

namespace gpuscout {

inline constexpr size_t kMaxRegionPattern = 100;

// nullopt for an empty pattern; errors name --region.
Result<std::optional<std::regex>> CompileRegionPattern(const std::string& pattern);

}  // namespace gpuscout
