#include "base/env.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace gpuscout {
namespace {

class SystemEnv final : public Env {
 public:
  int64_t Now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  std::optional<std::string> Var(std::string_view name) const override {
    const char* v = std::getenv(std::string(name).c_str());
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  }
};

}  // namespace

std::string Env::DataDir() const {
  if (auto home = Var("GPUSCOUT_HOME")) return *home;
  if (auto xdg = Var("XDG_DATA_HOME")) return *xdg + "/gpuscout";
  return Var("HOME").value_or(".") + "/.local/share/gpuscout";
}

const Env& Env::System() {
  static const SystemEnv env;
  return env;
}

// Civil date from days since the epoch: Howard Hinnant's days_from_civil
// inverse ("chrono-Compatible Low-Level Date Algorithms"), valid for every
// date this program writes.
std::string FormatUtc(int64_t t) {
  int64_t days = t / 86400, secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, secs / 3600, secs % 3600 / 60, secs % 60);
}

}  // namespace gpuscout
