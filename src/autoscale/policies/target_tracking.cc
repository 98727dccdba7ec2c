// Kubernetes HorizontalPodAutoscaler (autoscaling/v2), as its controller
// computes it (pkg/controller/podautoscaler: replica_calculator.go and
// horizontal.go; the HPA documentation's algorithm section):
// - usage ratio = average utilisation of the ready pods / target; within the
//   tolerance (0.1) nothing changes;
// - desired = ceil(ratio x ready pods); on a scale-up, pods not yet ready
//   count as using nothing, and if that flips the direction or lands within
//   the tolerance nothing changes;
// - stabilisation: the highest recommendation of the last 300 s is used for
//   scaling down (0 s for up), recommendations older than the window dropped;
// - rate policies: up by max(4 pods, 100%) per 15 s, down by 100% per 15 s,
//   counted from the replicas at the start of the period: the current count
//   less the scale-ups plus the scale-downs of the last period seconds, both
//   directions counted for either limit (the controller's rule since the
//   2022 fix of the scale-up limit). An event counts while it is strictly
//   newer than now - period (getReplicasChangePerPeriod's After(cutoff)), so
//   the default doubles at every 15 s sync, as the HPA documentation shows;
// - with scale_to_zero (min_nodes 0 needs the HPAScaleToZero gate), a pool
//   at zero is brought back by the demand itself.
#include <algorithm>
#include <cmath>
#include <vector>

#include "autoscale/policies/policies.h"
#include "autoscale/sliding_queue.h"

namespace gpuscout {
namespace {

class TargetTracking : public Policy {
 public:
  explicit TargetTracking(const PolicyConfig& c) : c_(c) {}

  int Decide(const Observation& o) override {
    const int current = o.desired;
    const int raw = Recommend(o, current);
    // Stabilisation windows (recommendations after now - window): the
    // highest for scaling down, the lowest for scaling up, kept in monotonic
    // queues so that each call is O(1) amortised.
    // A window of 0 holds nothing older than now: the bound is `raw`.
    int down_bound = raw, up_bound = raw;
    if (c_.scale_down_window_s > 0) {
      while (!highs_.empty() && highs_.back().n <= raw) highs_.pop_back();
      highs_.push_back({o.t, raw});
      while (highs_.front().t <= o.t - c_.scale_down_window_s) highs_.pop_front();  // the newest stays
      down_bound = highs_.front().n;
    }
    if (c_.scale_up_window_s > 0) {
      while (!lows_.empty() && lows_.back().n >= raw) lows_.pop_back();
      lows_.push_back({o.t, raw});
      while (lows_.front().t <= o.t - c_.scale_up_window_s) lows_.pop_front();
      up_bound = lows_.front().n;
    }
    int stabilized = current;
    if (up_bound > current) stabilized = up_bound;
    else if (down_bound < current) stabilized = down_bound;
    // Rate policies.
    while (!events_.empty() && events_.front().t <= o.t - std::max(c_.up_period_s, c_.down_period_s)) events_.pop_front();
    if (stabilized == current) return o.Clamp(current) == current ? current : Record(o, current, o.Clamp(current));
    // Replicas at the start of the direction's period: the current count
    // less the scale-ups plus the scale-downs within it.
    const int period = stabilized > current ? c_.up_period_s : c_.down_period_s;
    int64_t start = current;
    for (const auto& e : events_) {
      if (e.t > o.t - period) start -= e.n;
    }
    int64_t next = stabilized;
    if (next > current) {
      const int64_t by_pods = start + c_.up_pods;
      const int64_t by_percent = CeilCount(static_cast<double>(start) * (1 + c_.up_percent / 100.0));
      next = std::min(next, std::max<int64_t>({by_pods, by_percent, current}));
    } else if (next < current) {
      const int64_t floor = start - CeilCount(static_cast<double>(start) * c_.down_percent / 100.0);
      next = std::max(next, std::min<int64_t>(floor, current));
    }
    return Record(o, current, o.Clamp(next));
  }

 private:
  int Record(const Observation& o, int current, int next) {
    if (next != current) events_.push_back({o.t, next - current});
    return next;
  }

  struct Stamped {
    int64_t t;
    int n;
  };

  int Recommend(const Observation& o, int current) const {
    if (o.ready <= 0) {
      // No pod reports a metric. With scale-to-zero (the HPAScaleToZero
      // gate, an external metric), demand brings an empty pool back.
      if (c_.scale_to_zero && current == 0 && o.booting == 0 && o.rps > 0) {
        return Saturate(CeilCount(o.rps / (o.capacity_rps * c_.target)));
      }
      return current;
    }
    const double ratio = o.rps / (o.ready * o.capacity_rps * c_.target);  // one division: the hot path
    if (o.booting == 0 || !Beyond(ratio, 1)) {
      if (!Beyond(std::abs(1 - ratio), c_.tolerance)) return current;
      const int64_t n = CeilCount(ratio * o.ready);
      // A scale-down computed from the ready pods alone must not go up.
      return ratio < 1 && n > current ? current : Saturate(n);
    }
    // Scale-up with pods not yet ready: they count as using nothing.
    const int pods = o.ready + o.booting;
    const double with_unready = ratio * o.ready / pods;
    if (!Beyond(std::abs(1 - with_unready), c_.tolerance) || with_unready < 1) return current;
    return Saturate(std::max<int64_t>(CeilCount(with_unready * pods), current));
  }

  static int Saturate(int64_t n) { return static_cast<int>(std::min<int64_t>(n, 1 << 30)); }

  PolicyConfig c_;
  SlidingQueue<Stamped> highs_, lows_, events_;
};

}  // namespace

std::unique_ptr<Policy> MakeTargetTracking(const PolicyConfig& c) { return std::make_unique<TargetTracking>(c); }

}  // namespace gpuscout
