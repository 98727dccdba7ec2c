// An LLM server sized for a request rate within a latency SLO: the most one
// replica carries with its time to first token and time per output token
// within bounds, and the replicas a rate then needs.
#pragma once

#include "workload/serving.h"

namespace gpuscout {

// Latency bounds, seconds; 0: unbounded.
struct LatencySlo {
  double ttft_s = 0;
  double tpot_s = 0;
  bool Met(const ServingPoint& p) const {
    return p.stable && (ttft_s <= 0 || p.ttft_s <= ttft_s) && (tpot_s <= 0 || p.tpot_s <= tpot_s);
  }
};

struct ReplicaCapacity {
  double rps = 0;        // the most one replica carries within the SLO; 0: none
  ServingPoint trickle;  // at a trickle of requests: the least latency the replica gives
};

// Bisection on the rate: latency rises with it (a longer queue, a larger
// batch), so the rates that meet the SLO are an interval from zero.
ReplicaCapacity CapacityWithin(const ReplicaShape& s, const ServingEfficiency& e, double max_batch, const LatencySlo& slo);

// The replicas a rate needs, each at most `per_replica`; 0 when none can.
int ReplicasFor(double rps, double per_replica);

}  // namespace gpuscout
