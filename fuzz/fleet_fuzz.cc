// Scale fleets (YAML): parsed against the real catalog and, when they parse,
// simulated on a two-day synthetic trace, then written back as `scale tune
// --write` writes a tuned fleet (each pool as its own best). The same bytes
// as a discounts.yaml and as a --discount list (cost/discount.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "autoscale/fleet.h"
#include "autoscale/simulator.h"
#include "autoscale/synthetic.h"
#include "autoscale/tune.h"
#include "codec/fleet_yaml.h"
#include "cost/discount.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  FleetContext ctx;
  ctx.catalog = &testing::RealCatalog();
  ctx.estimator = &testing::RealEstimator();
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)ReadDiscountFile(text, "discounts.yaml");
  (void)ParseDiscounts(text);
  auto fleet = ParseFleet(text, "fuzz.yaml", ctx);
  if (!fleet) return 0;
  std::vector<TuneResult> tuned(fleet->pools.size());
  for (size_t i = 0; i < tuned.size(); ++i) {
    tuned[i].found = true;
    tuned[i].best = fleet->pools[i];
  }
  (void)TunedFleetYaml(text, tuned, "/fleets", "/elsewhere");
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
