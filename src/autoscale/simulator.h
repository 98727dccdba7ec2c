// Replays a load trace against a fleet: each pool's nodes boot, serve, get
// interrupted (spot) and are scaled by the pool's policy and schedule; the
// simulator counts capacity against demand, unserved requests, node-hours
// and cost, and prices a static fleet sized for the peak for comparison.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "autoscale/policy.h"
#include "autoscale/schedule.h"
#include "autoscale/trace.h"
#include "base/budget.h"

namespace gpuscout {

struct SpotFallback {
  int base_ondemand = 0;  // on-demand replicas always kept (SkyServe base_ondemand_fallback_replicas)
  bool dynamic = false;   // on-demand replicas stand in for spot replicas that are not ready
};

struct SimPool {
  std::string name;
  double capacity_rps = 0;  // one node
  int min_nodes = 0, max_nodes = 1;
  int boot_s = 300;           // launch to ready
  double share = 1;           // of the trace's demand
  const Trace* trace = nullptr;  // its own trace; null: the fleet's
  bool spot = false;
  double price_hour = 0;           // the pool's purchase option, output currency
  double ondemand_price_hour = 0;  // fallback replicas (spot pools)
  double interruptions_per_node_hour = 0;  // spot
  std::optional<SpotFallback> fallback;
  PolicyConfig policy;
  Schedule schedule;
  double queue_s = 0;  // how long a request may wait; 0: excess demand is not served
};

// The most policy ticks one simulation may take: a year at a 4-second tick
// (refused beyond it, exit 2 / HTTP 400), so the work and the memory of a
// run are bounded by its input, whatever the trace spans.
inline constexpr int64_t kMaxSimTicks = 8'000'000;

struct SimOptions {
  int tick_s = 0;        // the timeline's sampling step; 0: the smallest policy period, at most 60 s
                         // (policies keep their own period_s)
  uint64_t seed = 1;     // spot interruptions
  bool timeline = false;
  double slo_underprovisioned = 0.001;  // share of time a pool may be short of capacity
  int64_t max_ticks = kMaxSimTicks;
  int64_t max_timeline_rows = kMaxSimTicks;  // ticks x pools kept when `timeline`
  Budget budget;                             // wall-clock allowance (the server's)
};

struct TimelineRow {
  int64_t t;
  int pool;
  double demand_rps;
  double capacity_rps;
  int ready;
  int booting;
  int desired;
};

struct PoolResult {
  std::string name;
  double node_hours = 0;
  double spot_node_hours = 0;
  double ondemand_node_hours = 0;
  double cost = 0;
  double requests = 0;
  double unserved = 0;           // not served within the queue bound
  double underprovisioned_s = 0; // demand above ready capacity
  double seconds = 0;
  int peak_nodes = 0;
  int scale_outs = 0, scale_ins = 0;
  int interruptions = 0;
  double peak_rps = 0;
  // The same pool as a static fleet of enough nodes for the peak.
  int static_nodes = 0;
  double static_cost = 0;
  double static_unserved = 0;
  double static_underprovisioned_s = 0;
  double UnderprovisionedShare() const { return seconds > 0 ? underprovisioned_s / seconds : 0; }
};

struct SimResult {
  std::vector<PoolResult> pools;
  std::vector<TimelineRow> timeline;
  int64_t start = 0, end = 0;
  int tick_s = 0;
  double total_cost = 0, static_cost = 0;
  double requests = 0, unserved = 0;
  bool slo_met = true;  // every pool within the SLO
  double CostPerMillion() const { return requests > unserved ? total_cost / ((requests - unserved) / 1e6) : 0; }
};

// Errors (exit 2) for an empty trace or a pool that cannot run.
Result<SimResult> Simulate(const Trace& trace, const std::vector<SimPool>& pools, const SimOptions& options);

}  // namespace gpuscout
