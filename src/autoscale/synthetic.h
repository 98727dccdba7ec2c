// Seeded synthetic load traces for examples and tests (`scale --example`):
// diurnal (a daily cycle peaking at 20:00, +08:00), spiky (the same with
// short bursts of 2-4x) and weekly (weekends at 40% of weekdays). One point
// a minute, requests/s.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "autoscale/trace.h"

namespace gpuscout {

// nullopt for an unknown name. `days` 0: the example's own length (7, 7, 14).
std::optional<Trace> ExampleTrace(const std::string& name, uint64_t seed = 42, int days = 0);

}  // namespace gpuscout
