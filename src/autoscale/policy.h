// Scaling policies: what a pool's autoscaler decides at each evaluation.
// Each policy follows the system people run: AWS simple scaling (threshold),
// Kubernetes HPA (target-tracking), AWS step scaling (step), SkyServe
// (request-rate). Schedules (schedule.h) set a floor on top of any of them.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gpuscout {

// What the autoscaler sees at an evaluation.
struct Observation {
  int64_t t = 0;            // seconds since the epoch
  double rps = 0;           // demand now, requests/s (request-rate: over its window)
  int ready = 0;            // nodes serving
  int booting = 0;          // launched, not yet serving
  int desired = 0;          // the pool's desired count now
  double capacity_rps = 0;  // one node's requests/s
  int warming = 0;          // nodes launched less than the warm-up ago (step scaling)
  int min_nodes = 0;        // the pool's bounds (with the schedule's floor in min)
  int max_nodes = 0;
  int boot_s = 0;           // the pool's launch-to-ready time
  // Clamped in 64 bits: a policy may propose any count (overflow-free).
  int Clamp(int64_t n) const {
    return static_cast<int>(n < min_nodes ? min_nodes : n > max_nodes ? max_nodes : n);
  }
};

// Boundaries are decided with one documented epsilon (docs/scale.md), so
// that a ratio of exactly 1 + tolerance, or a utilisation of exactly the
// threshold, is "not beyond" whatever the rounding of the division.
inline constexpr double kDecisionEpsilon = 1e-9;
inline bool Beyond(double value, double limit) { return value > limit + kDecisionEpsilon; }

// ceil(x) as a node count, computed in floating point and clamped to
// [0, 2^30] before the conversion: no input can wrap it. Inline: policies
// call it at every evaluation.
inline int64_t CeilCount(double x) {
  constexpr double kMax = 1 << 30;
  const double y = x - kDecisionEpsilon;
  if (!(y > 0)) return 0;  // NaN too
  if (!(y < kMax)) return static_cast<int64_t>(kMax);
  const auto whole = static_cast<int64_t>(y);  // y in (0, 2^30): truncation is floor
  return whole + (static_cast<double>(whole) < y ? 1 : 0);
}

enum class PolicyType { kThreshold, kTargetTracking, kStep, kRequestRate, kNone };

struct StepAdjustment {
  double lower = 0;       // metric - threshold, inclusive; -inf when unset
  double upper = 0;       // exclusive; +inf when unset
  double adjustment = 0;  // nodes, percent or an exact count
};

// Every policy's parameters; the type says which apply. Defaults are the
// systems' own (docs/scale.md).
struct PolicyConfig {
  PolicyType type = PolicyType::kNone;
  int period_s = 60;  // evaluation period (HPA: sync period 15 s; SkyServe 20 s)
  // threshold (AWS simple scaling): utilisation above `high` adds `step_out`
  // nodes, below `low` removes `step_in`; then `cooldown_s` before the next.
  double high = 0.85, low = 0.3;
  int step_out = 1, step_in = 1;
  int cooldown_s = 300;
  // When a scale-out's cooldown starts: when the launched nodes are ready
  // (AWS: the scaling activity completes), or at the decision (an option).
  enum class CooldownStart { kReady, kDecision } cooldown_start = CooldownStart::kReady;
  // target-tracking (HPA): desired = ceil(current x utilisation / target).
  double target = 0.7;
  double tolerance = 0.1;
  int scale_down_window_s = 300;
  int scale_up_window_s = 0;
  int up_pods = 4, up_percent = 100, up_period_s = 15;
  int down_percent = 100, down_period_s = 15;
  // min_nodes 0 under HPA needs the HPAScaleToZero feature gate: from zero,
  // the demand (an external metric) sets the count.
  bool scale_to_zero = false;
  // step (AWS step scaling): alarms at `high` (out) and `low` (in).
  enum class Adjust { kChangeInCapacity, kPercentChangeInCapacity, kExactCapacity } adjust = Adjust::kChangeInCapacity;
  std::vector<StepAdjustment> out_steps, in_steps;
  int min_adjustment_magnitude = 0;
  int warmup_s = 300;
  // request-rate (SkyServe): target requests/s per replica.
  double target_rps = 0;
  int upscale_delay_s = 300, downscale_delay_s = 1200;
  int qps_window_s = 60;  // requests/s averaged over this window (SkyServe's)
};

class Policy {
 public:
  virtual ~Policy() = default;
  // The new desired count, within o.min_nodes..o.max_nodes.
  virtual int Decide(const Observation& o) = 0;
};

std::unique_ptr<Policy> MakePolicy(const PolicyConfig& config);

// Utilisation of the ready nodes; a pool with no ready node and demand is
// taken as fully busy (1e9).
double Utilization(const Observation& o);

}  // namespace gpuscout
