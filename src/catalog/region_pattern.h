// The --region pattern: a regular expression over region names, any case,
// matched anywhere in the name (`us-`, `^eu-(west|central)`, `east-[12]$`),
// compiled once for offers and recommend. RE2 (Debian's libre2) runs it in
// time linear in the name whatever the pattern: with std::regex's
// backtracking, `(.*)*x` took minutes over the catalog, and a request could
// ask for that.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"

namespace re2 {
class RE2;
}

namespace gpuscout {

inline constexpr size_t kMaxRegionPattern = 200;

class RegionPattern {
 public:
  // Empty: every region. Errors name --region.
  static Result<RegionPattern> Compile(const std::string& pattern);
  bool Matches(std::string_view region) const;

 private:
  std::shared_ptr<const re2::RE2> re_;  // null: every region
};

}  // namespace gpuscout
