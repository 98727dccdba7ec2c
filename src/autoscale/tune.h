// `scale tune`: searches a pool's policy parameters (thresholds, targets,
// cooldowns, windows, delays, min nodes) for the cheapest setting whose
// share of under-provisioned time stays within the SLO. The fleet is tuned
// together: each pool's settings are simulated with the whole fleet (the
// pools already tuned at their best, the rest as written), so the answer is
// what `scale simulate` gives the tuned fleet, seeds and all. Pools share
// no nodes, so one pass over the pools finds each pool's cheapest setting.
// A parameter's grid always holds the user's own value. Work is split over
// threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "autoscale/simulator.h"

namespace gpuscout {

struct TuneResult {
  std::string pool;
  size_t tried = 0;
  size_t met = 0;             // settings within the SLO
  bool found = false;
  SimPool best;               // the pool with the best setting
  PoolResult result;          // its simulation within the tuned fleet
  PoolResult original;        // the pool as written
  std::vector<std::string> changes;  // "policy.target 0.7 -> 0.8"
};

// The settings tried for a pool (the pool as written first).
std::vector<SimPool> TuneCandidates(const SimPool& pool);

// `progress(done, total)` is called from the calling thread.
Result<std::vector<TuneResult>> Tune(const Trace& trace, const std::vector<SimPool>& pools, const SimOptions& options,
                                     int threads, const std::function<void(size_t, size_t)>& progress);

}  // namespace gpuscout
