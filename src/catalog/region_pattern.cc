#include "catalog/region_pattern.h"

#include <re2/re2.h>

namespace gpuscout {

Result<RegionPattern> RegionPattern::Compile(const std::string& pattern) {
  RegionPattern out;
  if (pattern.empty()) return out;
  if (pattern.size() > kMaxRegionPattern) {
    return tl::unexpected(OptionError("region", "longer than " + std::to_string(kMaxRegionPattern) + " characters"));
  }
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);  // a pattern whose program needs more is refused, not built
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok()) {
    return tl::unexpected(OptionError("region", "not a valid regular expression '" + pattern + "': " + re->error()));
  }
  out.re_ = std::move(re);
  return out;
}

bool RegionPattern::Matches(std::string_view region) const { return !re_ || RE2::PartialMatch(region, *re_); }

}  // namespace gpuscout
