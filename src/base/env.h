// What a run reads from its surroundings: the clock, environment variables
// and the data folder, behind one interface so that tests fake them.
// Env::System() is the real one; it is stateless and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gpuscout {

class Env {
 public:
  virtual ~Env() = default;
  // Seconds since 1970-01-01T00:00:00Z.
  virtual int64_t Now() const = 0;
  // An environment variable; nullopt when unset or empty.
  virtual std::optional<std::string> Var(std::string_view name) const = 0;

  // gpuscout's data folder: $GPUSCOUT_HOME, else $XDG_DATA_HOME/gpuscout,
  // else $HOME/.local/share/gpuscout (./.local/share/gpuscout without HOME).
  std::string DataDir() const;

  static const Env& System();
};

// "2026-11-29T17:22:37Z" (ISO 8601, UTC, whole seconds), for any time from
// 1970 to 9999.
std::string FormatUtc(int64_t t);

}  // namespace gpuscout
