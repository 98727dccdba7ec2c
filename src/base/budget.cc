#include "base/budget.h"

#include <fmt/format.h>

namespace gpuscout {

Error Budget::Exceeded(const std::string& what) const {
  Error e;
  e.code = ExitCode::kEnvironment;
  e.over_budget = true;
  e.message = what + " needed more than the " + fmt::format("{:g}", std::chrono::duration<double>(allowance_).count()) +
              " s this server allows a request; ask for less (a shorter trace, a longer tick, fewer options) or run it with the CLI";
  return e;
}

}  // namespace gpuscout
