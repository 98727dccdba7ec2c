// The `scale` question: a fleet (YAML text), a trace (CSV text, a file the
// fleet names, or a seeded example) and the options, made ready to simulate.
#pragma once

#include <optional>
#include <string>

#include "autoscale/fleet.h"
#include "autoscale/simulator.h"

namespace gpuscout {

struct ScaleInput {
  std::string fleet_text;   // empty: the built-in example fleet (with `example`)
  std::string fleet_name = "fleet";
  std::string trace_text;   // CSV; empty: `example`, else the fleet's trace file
  std::string trace_name = "trace";
  std::string example;      // diurnal, spiky, weekly
  std::string slo;          // "0.1%" or "0.001"
  int tick_s = 0;
  std::optional<uint64_t> seed;
  bool timeline = false;
  bool read_files = true;   // false (the server): no trace files named in the fleet
};

struct ScaleRun {
  Fleet fleet;
  Trace trace;
  SimOptions options;
};

// The fleet `--example` uses when no fleet is given: the seed's "add a node
// when utilisation is above 85%" on a T4 inference pool.
extern const char* const kExampleFleet;

// Errors name the option (--fleet, --trace, --example, --slo, --tick) or the
// fleet file's line and key.
Result<ScaleRun> PrepareScale(const ScaleInput& in, const FleetContext& ctx);

}  // namespace gpuscout
