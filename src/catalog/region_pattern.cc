#include "catalog/region_pattern.h"

namespace gpuscout {

Result<std::optional<std::regex>> CompileRegionPattern(const std::string& pattern) {
  if (pattern.empty()) return std::optional<std::regex>{};
  if (pattern.size() > kMaxRegionPattern) {
    return tl::unexpected(OptionError("--region", "longer than " + std::to_string(kMaxRegionPattern) + " characters"));
  }
  if (pattern.find('{') != std::string::npos) {
    return tl::unexpected(OptionError("--region", "counted repetition ({n}) is not supported; use a list such as us-(east|west)"));
  }
  try {
    return std::optional<std::regex>(std::regex(pattern, std::regex::ECMAScript | std::regex::icase));
  } catch (const std::regex_error& ex) {
    return tl::unexpected(OptionError("--region", "not a valid regular expression '" + pattern + "': " + ex.what()));
  }
}

}  // namespace gpuscout
