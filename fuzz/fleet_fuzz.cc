// Scale fleets (YAML): parsed against the real catalog and, when they parse,
// simulated on a two-day synthetic trace.
#include <cstddef>
#include <cstdint>
#include <string>

#include "autoscale/fleet.h"
#include "autoscale/simulator.h"
#include "autoscale/synthetic.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  FleetContext ctx;
  ctx.catalog = &testing::RealCatalog();
  ctx.estimator = &testing::RealEstimator();
  auto fleet = ParseFleet(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", ctx);
  if (!fleet) return 0;
  static const Trace trace = [] {
    Trace t = *ExampleTrace("diurnal", 1);
    t.points.resize(std::min<size_t>(t.points.size(), 2880));
    return t;
  }();
  SimOptions o;
  o.tick_s = fleet->tick_s.value_or(60);
  o.max_ticks = 200000;
  (void)Simulate(trace, fleet->pools, o);
  return 0;
}
