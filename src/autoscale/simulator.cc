#include "autoscale/simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "autoscale/sliding_queue.h"

namespace gpuscout {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

using TimeQueue = SlidingQueue<int64_t>;

// Nodes of one purchase option: booting ones by ready time (launch order is
// ready order: one boot time per pool), and a count of ready ones.
struct Group {
  TimeQueue booting;
  int ready = 0;
  int size() const { return ready + static_cast<int>(booting.size()); }
  void Boot(int64_t t) {
    while (!booting.empty() && booting.front() <= t) {
      booting.pop_front();
      ++ready;
    }
  }
  // `launches` (step scaling's warm-up; null otherwise) gets each launch.
  void Resize(int target, int64_t t, int boot_s, TimeQueue* launches) {
    if (size() != target) ResizeSlow(target, t, boot_s, launches);
  }
  __attribute__((noinline)) void ResizeSlow(int target, int64_t t, int boot_s, TimeQueue* launches) {
    while (size() < target) {
      if (boot_s > 0) booting.push_back(t + boot_s);
      else ++ready;  // no boot time: serving at once
      if (launches) launches->push_back(t);
    }
    while (size() > target) {
      if (!booting.empty()) booting.pop_back();  // the newest, still booting, goes first
      else --ready;
    }
  }
};

// Demand of one pool as a step function of time.
struct Demand {
  const TracePoint* p = nullptr;  // the trace's points
  size_t last = 0;                // index of the last point
  double scale = 1;               // requests/s per trace unit
  size_t at = 0;                  // the point holding at the last At(t)
  // Request-rate pools: the integral of the trace from its first point to
  // each point, and a cursor for the window's start.
  std::vector<double> cum;
  size_t back = 0;

  void Use(const Trace& trace) {
    p = trace.points.data();
    last = trace.points.size() - 1;
  }
  double At(int64_t t) {
    while (at < last && p[at + 1].t <= t) ++at;
    return p[at].value * scale;
  }
  // The next change after the last At(t).
  int64_t NextChange() const { return at < last ? p[at + 1].t : kNever; }
  void PrepareWindow() {
    cum.assign(last + 1, 0);
    for (size_t i = 1; i <= last; ++i) cum[i] = cum[i - 1] + p[i - 1].value * static_cast<double>(p[i].t - p[i - 1].t);
  }
  // The integral up to x with cursor c (x not decreasing between calls);
  // before the first point the first value is taken to have held.
  double Integral(int64_t x, size_t& c) const {
    while (c < last && p[c + 1].t <= x) ++c;
    return cum[c] + p[c].value * static_cast<double>(x - p[c].t);
  }
  // Mean requests/s over (t - window, t] after At(t): requests counted over
  // the window and divided by it, as SkyServe's autoscaler does.
  double MeanOver(int64_t t, int window) {
    if (window <= 0) return At(t);
    size_t now = at;
    const double requests = Integral(t, now) - Integral(t - window, back);
    return requests / window * scale;
  }
};

struct PoolState {
  const SimPool* pool = nullptr;
  std::unique_ptr<Policy> policy;
  ScheduleTimeline schedule;
  Demand demand;
  Group spot, ondemand;
  TimeQueue launches;  // step scaling: launch times still within the warm-up
  int desired = 0;
  int64_t next_eval = kNever;  // the policy's next evaluation, on its grid from the trace start
  double backlog = 0;
  std::mt19937_64 rng;
  bool interruptible = false;  // spot, with interruptions
  bool scheduled = false;      // has a schedule
  bool step = false;           // step scaling (launches tracked for the warm-up)
  int64_t next_interrupt = kNever;
  int interrupt_n = -1;  // nodes when next_interrupt was drawn
  int64_t spot_node_s = 0, ondemand_node_s = 0;
  PoolResult result;

  int ready() const { return spot.ready + ondemand.ready; }
  int booting() const { return static_cast<int>(spot.booting.size() + ondemand.booting.size()); }
  int nodes() const { return spot.size() + ondemand.size(); }
};

int64_t End(const Trace& t) {
  const auto& p = t.points;
  return p.back().t + (p[p.size() - 1].t - p[p.size() - 2].t);  // the last point lasts one interval
}

TimeQueue* Launches(PoolState& s) { return s.step ? &s.launches : nullptr; }

// Spot pools: the spot target, then on-demand (base and dynamic fallback).
__attribute__((noinline)) void ReconcileSpot(PoolState& s, int64_t t) {
  const SimPool& p = *s.pool;
  int spot_target = s.desired;
  int od_target = 0;
  if (p.fallback) {
    spot_target = std::max(0, s.desired - p.fallback->base_ondemand);
    od_target = s.desired - spot_target;
  }
  s.spot.Resize(spot_target, t, p.boot_s, Launches(s));
  // Dynamic fallback: an on-demand replica for each spot replica not ready.
  if (p.fallback && p.fallback->dynamic) od_target += std::max(0, spot_target - s.spot.ready);
  s.ondemand.Resize(od_target, t, p.boot_s, Launches(s));
}

// Launches or releases nodes to the desired count.
void Reconcile(PoolState& s, int64_t t) {
  const SimPool& p = *s.pool;
  if (!p.spot) {
    s.ondemand.Resize(s.desired, t, p.boot_s, Launches(s));
    return;
  }
  ReconcileSpot(s, t);
}

// The next interruption among the pool's spot nodes, drawn from `from`
// (interruptions are memoryless: redrawn whenever the count changes).
void DrawInterrupt(PoolState& s, int64_t from) {
  const int n = s.spot.size();
  s.interrupt_n = n;
  if (n == 0) {
    s.next_interrupt = kNever;
    return;
  }
  std::exponential_distribution<double> exp(s.pool->interruptions_per_node_hour / 3600.0 * n);
  s.next_interrupt = from + std::max<int64_t>(1, static_cast<int64_t>(std::ceil(exp(s.rng))));
}

// Interruptions due at t (each one an event of the clock).
void Interrupt(PoolState& s, int64_t t) {
  if (s.interrupt_n != s.spot.size()) DrawInterrupt(s, t);
  while (s.next_interrupt <= t && s.spot.size() > 0) {
    std::uniform_int_distribution<int> pick(0, s.spot.size() - 1);
    if (pick(s.rng) < s.spot.ready) {
      --s.spot.ready;
    } else {
      s.spot.booting.erase(static_cast<size_t>(pick(s.rng)) % s.spot.booting.size());
    }
    ++s.result.interruptions;
    DrawInterrupt(s, s.next_interrupt);
  }
}

tl::unexpected<Error> TimelineTooLong(int64_t rows, int64_t ticks, size_t pools, const SimOptions& options) {
  return tl::unexpected(OptionError("timeline", fmt::format("{} rows ({} steps x {} pools), more than the {} allowed; use a "
                                                              "longer tick or a shorter trace",
                                                              rows, ticks, pools, options.max_timeline_rows)));
}

// Refuses a run whose ticks, policy evaluations or timeline rows exceed the
// options' bounds, before anything is allocated for it (a timeline's rows
// at events between ticks are counted as they come).
Result<void> CheckBounds(const SimResult& out, const std::vector<SimPool>& pools, const SimOptions& options) {
  const int64_t span = out.end - out.start;
  const int64_t ticks = span / out.tick_s + 1;
  if (ticks > options.max_ticks) {
    return tl::unexpected(OptionError("tick", fmt::format("the trace spans {:.1f} days: {} ticks of {} s, more than the {} a "
                                                            "simulation may take; use a longer tick or a shorter trace",
                                                            static_cast<double>(span) / 86400.0, ticks, out.tick_s,
                                                            options.max_ticks)));
  }
  for (const auto& p : pools) {
    if (p.policy.type == PolicyType::kNone || span / p.policy.period_s + 1 <= options.max_ticks) continue;
    return Fail(ExitCode::kBadInput, fmt::format("pool {}: policy.period_s {} over {:.1f} days is more than the {} "
                                                 "evaluations a simulation may take",
                                                 p.name, p.policy.period_s, static_cast<double>(span) / 86400.0,
                                                 options.max_ticks));
  }
  const int64_t rows = ticks * static_cast<int64_t>(pools.size());
  if (options.timeline && rows > options.max_timeline_rows) return TimelineTooLong(rows, ticks, pools.size(), options);
  return {};
}

// The pool's state at the start: the fleet is running, with the larger of
// min, the schedule and (under a policy) enough ready nodes for the first demand.
Result<void> StartPool(PoolState& s, const SimPool& p, const Trace& trace, const SimResult& out, uint64_t seed) {
  if (p.capacity_rps <= 0) return Fail(ExitCode::kBadInput, "pool " + p.name + ": capacity_rps must be above 0");
  const Trace& tr = p.trace ? *p.trace : trace;
  if (tr.points.empty()) return Fail(ExitCode::kBadInput, "pool " + p.name + ": its trace is empty");
  s.pool = &p;
  s.policy = MakePolicy(p.policy);
  s.schedule = ScheduleTimeline(p.schedule, out.start, out.end);
  s.demand.Use(tr);
  s.demand.scale = (tr.utilization ? p.max_nodes * p.capacity_rps : 1) * p.share;
  s.rng.seed(seed);
  s.result.name = p.name;
  int start_nodes = std::max(p.min_nodes, s.schedule.FloorAt(out.start));
  if (p.policy.type != PolicyType::kNone) {
    start_nodes = static_cast<int>(std::max<int64_t>(start_nodes, std::min<int64_t>(p.max_nodes, CeilCount(s.demand.At(out.start) / p.capacity_rps))));
  }
  s.desired = std::clamp(start_nodes, p.min_nodes, p.max_nodes);
  if (p.policy.type != PolicyType::kNone) s.next_eval = out.start;
  s.interruptible = p.spot && p.interruptions_per_node_hour > 0;
  s.scheduled = !p.schedule.empty();
  s.step = p.policy.type == PolicyType::kStep;
  if (p.policy.type == PolicyType::kRequestRate) s.demand.PrepareWindow();
  if (p.spot && !p.fallback) {
    s.spot.ready = s.desired;
  } else if (p.spot) {
    s.spot.ready = std::max(0, s.desired - p.fallback->base_ondemand);
    s.ondemand.ready = s.desired - s.spot.ready;
  } else {
    s.ondemand.ready = s.desired;
  }
  return {};
}

// The next instant anything changes, after every pool was scaled at t:
// the timeline's tick, a demand step, a boot completion, a spot
// interruption, a schedule change or a policy evaluation (each policy on
// its own grid from the trace start). Nothing else moves the clock, so
// every event is exact and the grids do not drift.
int64_t NextInstant(std::vector<PoolState>& states, int64_t t, int64_t next_tick, int64_t end) {
  int64_t next = std::min(next_tick, end);
  for (auto& s : states) {
    next = std::min(next, std::min(s.demand.NextChange(), s.next_eval));
    if (s.interruptible) next = std::min(next, s.next_interrupt);
    if (s.scheduled) next = std::min(next, s.schedule.NextChange());
    if (!s.spot.booting.empty()) next = std::min(next, s.spot.booting.front());
    if (!s.ondemand.booting.empty()) next = std::min(next, s.ondemand.booting.front());
  }
  return std::max(next, t + 1);
}

// The policy's evaluation at t, on its grid.
void Evaluate(PoolState& s, int64_t t, double rps, int floor) {
  const SimPool& p = *s.pool;
  Observation o;
  o.t = t;
  o.rps = p.policy.type == PolicyType::kRequestRate ? s.demand.MeanOver(t, p.policy.qps_window_s) : rps;
  o.ready = s.ready();
  o.booting = s.booting();
  o.desired = s.desired;
  o.capacity_rps = p.capacity_rps;
  o.warming = static_cast<int>(s.launches.size());
  o.min_nodes = std::min(floor, p.max_nodes);
  o.max_nodes = p.max_nodes;
  o.boot_s = p.boot_s;
  s.desired = s.policy->Decide(o);
  s.next_eval += p.policy.period_s;
}

// Boots, interruptions, the schedule and (on its grid) the policy; then the
// nodes are launched or released to match.
void ScalePool(PoolState& s, int64_t prev, int64_t t, double rps) {
  const SimPool& p = *s.pool;
  s.spot.Boot(t);
  s.ondemand.Boot(t);
  if (s.interruptible) Interrupt(s, t);
  while (!s.launches.empty() && s.launches.front() <= t - p.policy.warmup_s) s.launches.pop_front();
  int floor = p.min_nodes;
  const int before = s.desired;
  if (s.scheduled) {
    floor = std::max(floor, s.schedule.FloorAt(t));
    if (auto d = s.schedule.DesiredIn(prev, t)) s.desired = *d;
  }
  s.desired = std::clamp(s.desired, std::min(floor, p.max_nodes), p.max_nodes);
  if (t >= s.next_eval) Evaluate(s, t, rps, floor);
  if (s.desired > before) ++s.result.scale_outs;
  if (s.desired < before) ++s.result.scale_ins;
  Reconcile(s, t);
  if (s.interruptible && s.interrupt_n != s.spot.size()) DrawInterrupt(s, t);
}

// What serving depends on: demand, ready capacity and the nodes billed.
// Steps that leave all of it unchanged are served as one span: serving is
// linear in time within a span, so this is exact and saves the work.
struct Serving {
  int64_t from = 0;
  double rps = -1;
  int ready = 0, spot = 0, ondemand = 0;
  bool Same(double r, const PoolState& s) const {
    return r == rps && s.ready() == ready && s.spot.size() == spot && s.ondemand.size() == ondemand;
  }
};

// Serving a span: demand against ready capacity, with a bounded queue.
void Serve(PoolState& s, const Serving& v, int64_t until) {
  const SimPool& p = *s.pool;
  PoolResult& r = s.result;
  const int64_t step = until - v.from;
  const double dt = static_cast<double>(step);
  const double capacity = v.ready * p.capacity_rps;
  r.requests += v.rps * dt;
  r.seconds += dt;
  r.peak_rps = std::max(r.peak_rps, v.rps);
  if (v.rps > capacity * (1 + 1e-12)) {
    r.underprovisioned_s += dt;
    s.backlog += (v.rps - capacity) * dt;
    const double bound = capacity * p.queue_s;
    if (s.backlog > bound) {
      r.unserved += s.backlog - bound;
      s.backlog = bound;
    }
  } else {
    s.backlog = std::max(0.0, s.backlog - (capacity - v.rps) * dt);
  }
  s.spot_node_s += v.spot * step;
  s.ondemand_node_s += v.ondemand * step;
  r.peak_nodes = std::max(r.peak_nodes, v.spot + v.ondemand);
}

// Starts a new span at t when what serving depends on changed.
void Account(PoolState& s, Serving& v, double rps, int64_t t) {
  if (v.Same(rps, s)) return;
  if (v.rps >= 0) Serve(s, v, t);
  v = {t, rps, s.ready(), s.spot.size(), s.ondemand.size()};
}

// Node-hours, costs, the static comparison and the SLO, per pool and in all.
void Summarise(std::vector<PoolState>& states, const SimOptions& options, SimResult& out) {
  out.slo_met = true;
  for (auto& s : states) {
    PoolResult& r = s.result;
    const SimPool& p = *s.pool;
    r.spot_node_hours = static_cast<double>(s.spot_node_s) / 3600;
    r.ondemand_node_hours = static_cast<double>(s.ondemand_node_s) / 3600;
    r.node_hours = r.spot_node_hours + r.ondemand_node_hours;
    r.cost = p.spot ? r.spot_node_hours * p.price_hour + r.ondemand_node_hours * p.ondemand_price_hour
                    : r.ondemand_node_hours * p.price_hour;
    r.static_nodes = static_cast<int>(std::max<int64_t>(p.min_nodes, CeilCount(r.peak_rps / p.capacity_rps)));
    r.static_cost = r.static_nodes * r.seconds / 3600 * p.price_hour;
    out.total_cost += r.cost;
    out.static_cost += r.static_cost;
    out.requests += r.requests;
    out.unserved += r.unserved;
    if (r.UnderprovisionedShare() > options.slo_underprovisioned + 1e-12) out.slo_met = false;
    out.pools.push_back(std::move(r));
  }
}

int TickOf(const std::vector<SimPool>& pools, const SimOptions& options) {
  if (options.tick_s > 0) return options.tick_s;
  int tick = 60;
  for (const auto& p : pools) {
    if (p.policy.type != PolicyType::kNone) tick = std::min(tick, p.policy.period_s);
  }
  return tick;
}

}  // namespace

Result<SimResult> Simulate(const Trace& trace, const std::vector<SimPool>& pools, const SimOptions& options) {
  if (trace.points.size() < 2) return Fail(ExitCode::kBadInput, "the trace needs at least two points");
  if (pools.empty()) return Fail(ExitCode::kBadInput, "the fleet has no pool");
  SimResult out;
  out.start = trace.points.front().t;
  out.end = End(trace);
  out.tick_s = TickOf(pools, options);
  GS_CHECK(CheckBounds(out, pools, options));
  std::vector<PoolState> states(pools.size());
  for (size_t i = 0; i < pools.size(); ++i) {
    GS_CHECK(StartPool(states[i], pools[i], trace, out, options.seed + i * 0x9e3779b97f4a7c15ULL));
  }
  int64_t prev = out.start - 1;
  uint64_t steps = 0;
  const size_t n = states.size();
  std::vector<Serving> serving(n);
  int64_t next_tick = out.start;
  for (int64_t t = out.start; t < out.end;) {
    if ((++steps & 1023) == 0 && options.budget.Spent()) return tl::unexpected(options.budget.Exceeded("the simulation"));
    for (size_t i = 0; i < n; ++i) {
      PoolState& s = states[i];
      const double rps = s.demand.At(t);
      ScalePool(s, prev, t, rps);
      Account(s, serving[i], rps, t);
      if (options.timeline) {
        out.timeline.push_back({t, static_cast<int>(i), rps, s.ready() * s.pool->capacity_rps, s.ready(), s.booting(), s.desired});
      }
    }
    if (options.timeline && static_cast<int64_t>(out.timeline.size()) > options.max_timeline_rows) {
      return TimelineTooLong(static_cast<int64_t>(out.timeline.size()), static_cast<int64_t>(steps), states.size(), options);
    }
    while (next_tick <= t) next_tick += out.tick_s;
    prev = t;
    t = NextInstant(states, t, next_tick, out.end);
  }
  for (size_t i = 0; i < n; ++i) {
    if (serving[i].rps >= 0) Serve(states[i], serving[i], out.end);
  }
  Summarise(states, options, out);
  return out;
}

}  // namespace gpuscout
