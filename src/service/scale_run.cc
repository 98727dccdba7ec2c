#include "service/scale_run.h"

#include "autoscale/synthetic.h"
#include "base/atomic_file.h"
#include "base/strings.h"

namespace gpuscout {

const char* const kExampleFleet = R"(name: t4-infer
offer: {vendor: aws, instance: g4dn.xlarge, region: us-east-1}
capacity_rps: 40
min_nodes: 2
max_nodes: 12
boot_s: 300
policy: {type: threshold, high: 0.85, low: 0.4, cooldown_s: 300}
)";


Result<ScaleRun> PrepareScale(const ScaleInput& in, const FleetContext& ctx) {
  if (in.fleet_text.empty() && in.example.empty()) {
    return tl::unexpected(OptionError("fleet", "give a fleet, or an example (diurnal, spiky or weekly) to run on a synthetic trace"));
  }
  std::optional<double> slo;
  if (!in.slo.empty()) {
    slo = ParseShare(in.slo);
    if (!slo) return tl::unexpected(OptionError("slo", "expected a share such as 0.1% or 0.001"));
  }
  if (in.tick_s < 0 || in.tick_s > 3600) return tl::unexpected(OptionError("tick", "expected 1 to 3600 seconds"));
  ScaleRun run;
  FleetContext fc = ctx;
  fc.read_files = in.read_files;
  GS_TRY(fleet, ParseFleet(in.fleet_text.empty() ? kExampleFleet : in.fleet_text,
                          in.fleet_text.empty() ? "example fleet" : in.fleet_name, fc));
  run.fleet = std::move(fleet);
  const uint64_t seed = in.seed.value_or(run.fleet.seed.value_or(42));
  if (!in.trace_text.empty()) {
    GS_TRY(trace, ParseTrace(in.trace_text, in.trace_name));
    run.trace = std::move(trace);
  } else if (!in.example.empty()) {
    auto trace = ExampleTrace(in.example, seed);
    if (!trace) return tl::unexpected(OptionError("example", "unknown example '" + in.example + "': diurnal, spiky or weekly"));
    run.trace = std::move(*trace);
  } else if (!run.fleet.trace_path.empty() && in.read_files) {
    GS_TRY(text, ReadInputFile(run.fleet.trace_path));
    GS_TRY(trace, ParseTrace(text, run.fleet.trace_path));
    run.trace = std::move(trace);
  } else {
    return tl::unexpected(OptionError("trace", run.fleet.file + " names no trace that can be read here: give a trace or an example"));
  }
  run.options.tick_s = in.tick_s ? in.tick_s : run.fleet.tick_s.value_or(0);
  run.options.seed = seed;
  run.options.slo_underprovisioned = slo.value_or(run.fleet.slo_underprovisioned.value_or(0.001));
  run.options.timeline = in.timeline;
  return run;
}

}  // namespace gpuscout
