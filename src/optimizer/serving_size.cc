#include "optimizer/serving_size.h"

#include <cmath>

namespace gpuscout {

ReplicaCapacity CapacityWithin(const ReplicaShape& s, const ServingEfficiency& e, double max_batch, const LatencySlo& slo) {
  ReplicaCapacity c;
  const double most = AtConcurrency(s, e, max_batch).requests_per_s;
  c.trickle = AtRate(s, e, most * 1e-6, max_batch);
  if (!slo.Met(c.trickle)) return c;
  double lo = most * 1e-6, hi = most;  // lo meets the SLO; hi, the replica's limit, never does
  for (int i = 0; i < 40 && hi - lo > 1e-4 * lo; ++i) {
    const double mid = (lo + hi) / 2;
    (slo.Met(AtRate(s, e, mid, max_batch)) ? lo : hi) = mid;
  }
  c.rps = lo;
  return c;
}

int ReplicasFor(double rps, double per_replica) {
  if (per_replica <= 0) return 0;
  const double n = std::ceil(rps / per_replica - 1e-9);
  return n > 1e6 ? 0 : static_cast<int>(std::max(1.0, n));
}

}  // namespace gpuscout
