// A pool for simulator tests: `cap` requests/s a node, min..max nodes, a
// boot time, one unit of currency an hour (on demand too).
#pragma once

#include "autoscale/simulator.h"

namespace gpuscout::testing {

inline SimPool Pool(double cap, int min, int max, int boot) {
  SimPool p;
  p.name = "p";
  p.capacity_rps = cap;
  p.min_nodes = min;
  p.max_nodes = max;
  p.boot_s = boot;
  p.price_hour = 1;
  p.ondemand_price_hour = 1;
  return p;
}

}  // namespace gpuscout::testing
