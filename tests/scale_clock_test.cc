// The simulator's clock and the policies' boundary rules (issue 18): each
// defect's minimal case, its timeline asserted step by step, and the
// property that a trace point repeating the current demand changes nothing.
#include <gtest/gtest.h>

#include <random>

#include "autoscale/policy.h"
#include "autoscale/simulator.h"
#include "sim_pool.h"

namespace gpuscout {
namespace {

// A trace from (second, rps) points; the last point lasts as long as the
// interval before it.
Trace At(std::initializer_list<std::pair<int64_t, double>> points) {
  Trace t;
  t.file = "test";
  for (const auto& [s, v] : points) t.points.push_back({s, 0, v});
  return t;
}

using testing::Pool;

SimResult Simulated(const Trace& t, const SimPool& p, int tick_s = 60) {
  SimOptions o;
  o.tick_s = tick_s;
  o.timeline = true;
  auto r = Simulate(t, {p}, o);
  EXPECT_TRUE(r.has_value()) << r.error().Format();
  return r ? *r : SimResult{};
}

// The timeline as (t, ready, booting, desired) rows.
struct Row {
  int64_t t;
  int ready, booting, desired;
  bool operator==(const Row&) const = default;
};
std::vector<Row> Rows(const SimResult& r) {
  std::vector<Row> out;
  for (const auto& x : r.timeline) out.push_back({x.t, x.ready, x.booting, x.desired});
  return out;
}
void PrintTo(const Row& r, std::ostream* os) { *os << "{" << r.t << ", " << r.ready << ", " << r.booting << ", " << r.desired << "}"; }

SimPool Threshold(SimPool p) {
  p.policy.type = PolicyType::kThreshold;
  p.policy.high = 0.85;
  p.policy.low = 0.1;
  p.policy.cooldown_s = 300;
  return p;
}

// 1. A node launched at 00:01:00 with a 30 s boot serves from 00:01:30.
TEST(SimulatorClock, BootCompletionIsAnEventAtItsExactTime) {
  SimPool p = Threshold(Pool(120, 1, 4, 30));  // 100 rps is 83% (below 85%), 125 is 104%
  const SimResult r = Simulated(At({{0, 100}, {60, 125}, {120, 125}}), p);
  EXPECT_EQ(Rows(r), (std::vector<Row>{{0, 1, 0, 1}, {60, 1, 1, 2}, {90, 2, 0, 2}, {120, 2, 0, 2}}));
  // Short of capacity only while the node boots: 30 s, 5 rps x 30 s unserved.
  EXPECT_DOUBLE_EQ(r.pools[0].underprovisioned_s, 30);
  EXPECT_DOUBLE_EQ(r.pools[0].unserved, 5.0 * 30);
}

// 2. Demand changes at 00:00:37; the 60 s policy grid from the trace start
// evaluates at 00:01:00, not at 00:01:37, and a boot completion adds no
// spurious step.
TEST(SimulatorClock, PolicyPeriodsStayOnAGridFromTheTraceStart) {
  SimPool p = Threshold(Pool(120, 1, 4, 30));
  const SimResult r = Simulated(At({{0, 50}, {37, 125}, {180, 125}, {240, 125}}), p);
  EXPECT_EQ(Rows(r), (std::vector<Row>{{0, 1, 0, 1}, {37, 1, 0, 1}, {60, 1, 1, 2}, {90, 2, 0, 2},
                                       {120, 2, 0, 2}, {180, 2, 0, 2}, {240, 2, 0, 2}}));
  EXPECT_DOUBLE_EQ(r.pools[0].underprovisioned_s, 90 - 37);
}

// 3. HPA's scale-up limit counts from the replicas at the period's start,
// scale-downs within the period included: 29 scaled to 7, demand back
// while that scale-down is within the up period, the limit is 2 x 29 = 58.
TEST(SimulatorClock, HpaScaleUpLimitCountsScaleDownsInThePeriod) {
  PolicyConfig c;
  c.type = PolicyType::kTargetTracking;
  c.target = 0.5;
  c.scale_down_window_s = 0;
  c.up_period_s = 60;
  auto hpa = MakePolicy(c);
  Observation o;
  o.capacity_rps = 10;
  o.min_nodes = 1;
  o.max_nodes = 1000;
  o.t = 0;
  o.rps = 35;  // 29 ready at 35 rps: ceil(29 x 35/145) = 7
  o.ready = o.desired = 29;
  ASSERT_EQ(hpa->Decide(o), 7);
  o.t = 15;
  o.rps = 10000;  // demand back: the recommendation is far above 58
  o.ready = o.desired = 7;
  EXPECT_EQ(hpa->Decide(o), 58);  // not 14 (twice 7)
  // Once the scale-down is older than the up period, the base is the count then.
  o.t = 75;
  o.ready = o.desired = 58;
  EXPECT_EQ(hpa->Decide(o), 116);
  // The default 15 s period doubles at every sync (an event exactly a period
  // old is outside it: the controller counts events strictly after now - period).
  c.up_period_s = 15;
  hpa = MakePolicy(c);
  int desired = 1;
  std::vector<int> seen;
  for (int64_t t = 0; t < 60; t += 15) {
    o.t = t;
    o.ready = o.desired = desired;
    seen.push_back(desired = hpa->Decide(o));
  }
  EXPECT_EQ(seen, (std::vector<int>{5, 10, 20, 40}));  // the HPA documentation's 1 -> 5 -> 10 -> 20 -> 40
}

// 3 in the simulator: 29 nodes scaled to 7 at 00:02:00, demand back at
// 00:02:15 within a 60 s up period: 58 (twice the 29 at the period's start),
// not 14; a minute after the scale-down the base is 58 and the limit 116.
TEST(SimulatorClock, HpaRateLimitInTheTimeline) {
  SimPool p = Pool(10, 1, 1000, 0);
  p.policy.type = PolicyType::kTargetTracking;
  p.policy.period_s = 15;
  p.policy.target = 0.5;
  p.policy.scale_down_window_s = 0;
  p.policy.up_period_s = 60;
  const SimResult r = Simulated(At({{0, 145}, {120, 35}, {135, 10000}, {195, 10000}}), p, 15);
  auto desired_at = [&](int64_t t) {
    for (const auto& x : r.timeline) {
      if (x.t == t) return x.desired;
    }
    return -1;
  };
  EXPECT_EQ(desired_at(0), 29);  // 15 warm nodes at 145 rps, target 0.5: ceil(15 x 1.93) = 29
  EXPECT_EQ(desired_at(105), 29);
  EXPECT_EQ(desired_at(120), 7);
  EXPECT_EQ(desired_at(135), 58);
  EXPECT_EQ(desired_at(150), 58);
  EXPECT_EQ(desired_at(195), 116);
}

// 5 in the simulator: 4 x 40 rps at target 0.75 under a steady 132 rps (a
// ratio of exactly 1.1) stays at 4 at every evaluation.
TEST(SimulatorClock, ExactToleranceBoundaryHoldsInTheTimeline) {
  SimPool p = Pool(40, 1, 100, 60);
  p.policy.type = PolicyType::kTargetTracking;
  p.policy.period_s = 15;
  p.policy.target = 0.75;
  const SimResult r = Simulated(At({{0, 132}, {600, 132}}), p, 15);
  ASSERT_GT(r.timeline.size(), 40u);
  for (const auto& x : r.timeline) EXPECT_EQ(x.desired, 4) << x.t;
}

// 4. Demand of 2^31 x the target never wraps a count.
TEST(SimulatorClock, HugeDemandClampsToMaxNodesInsteadOfWrapping) {
  const double huge = 2147483648.0;
  for (PolicyType type : {PolicyType::kRequestRate, PolicyType::kTargetTracking, PolicyType::kThreshold, PolicyType::kStep}) {
    SimPool p = Pool(1, 1, 50, 0);  // 0.5 rps at first: 50% busy, no scaling
    p.policy.type = type;
    p.policy.target_rps = 1;
    p.policy.upscale_delay_s = 0;
    p.policy.period_s = 60;
    p.policy.adjust = PolicyConfig::Adjust::kPercentChangeInCapacity;
    p.policy.out_steps = {{0, 1e300, 1e12}};
    p.policy.up_pods = 100000;
    p.policy.up_percent = 100000;
    p.policy.step_out = 10000;
    p.policy.qps_window_s = 0;
    const SimResult r = Simulated(At({{0, 0.5}, {60, huge}, {180, huge}}), p);
    EXPECT_EQ(r.timeline.back().desired, 50) << static_cast<int>(type);
  }
  // The observation alone: a utilisation ratio of 2^31 under HPA.
  PolicyConfig c;
  c.type = PolicyType::kTargetTracking;
  c.up_pods = 100000;
  c.up_percent = 100000;
  auto hpa = MakePolicy(c);
  Observation o;
  o.capacity_rps = 1;
  o.ready = o.desired = 4;
  o.rps = huge * 4 * 0.7;
  o.min_nodes = 1;
  o.max_nodes = 100000;
  EXPECT_EQ(hpa->Decide(o), 100000);
}

// 5. A ratio of exactly 1 + tolerance is within the tolerance.
TEST(SimulatorClock, ExactToleranceBoundaryIsWithin) {
  PolicyConfig c;
  c.type = PolicyType::kTargetTracking;
  c.target = 0.75;
  auto hpa = MakePolicy(c);
  Observation o;
  o.capacity_rps = 40;
  o.ready = o.desired = 4;
  o.rps = 132;  // 132 / (4 x 40 x 0.75) = 1.1 exactly; 132/120 rounds to 1.1000000000000001
  o.min_nodes = 1;
  o.max_nodes = 100;
  EXPECT_EQ(hpa->Decide(o), 4);
  o.t = 15;
  o.rps = 132.01;
  EXPECT_EQ(hpa->Decide(o), 5);
  // The threshold policy: utilisation exactly at `high` is not above it.
  PolicyConfig th;
  th.type = PolicyType::kThreshold;
  th.high = 0.7;
  auto threshold = MakePolicy(th);
  o.capacity_rps = 12;
  o.ready = o.desired = 2;
  o.rps = 16.8;  // 70% of 24; 16.8 / 24 = 0.7000000000000001 in floating point
  EXPECT_EQ(threshold->Decide(o), 2);
}

// 6. AWS starts a simple-scaling cooldown when the launched nodes are in
// service: a 600 s boot and a 300 s cooldown hold the next scale-out until
// 900 s after the first; `cooldown_start: decision` keeps the old rule.
TEST(SimulatorClock, ThresholdCooldownStartsWhenTheLaunchCompletes) {
  SimPool p = Threshold(Pool(10, 1, 10, 600));
  const Trace t = At({{0, 5}, {60, 100}, {1800, 100}});
  auto first_launches = [](const SimResult& r) {
    std::vector<int64_t> out;
    int last = 1;
    for (const auto& x : r.timeline) {
      if (x.desired > last) out.push_back(x.t);
      last = x.desired;
    }
    return out;
  };
  EXPECT_EQ(first_launches(Simulated(t, p)), (std::vector<int64_t>{60, 960, 1860, 2760}));
  p.policy.cooldown_start = PolicyConfig::CooldownStart::kDecision;
  EXPECT_EQ(first_launches(Simulated(t, p)), (std::vector<int64_t>{60, 360, 660, 960, 1260, 1560, 1860, 2160, 2460}));
}

// 7. SkyServe's request rate is the last 60 s window's mean: a step from 0
// to 100 rps at 00:01:00 reads 100/3 rps at the decision 20 s later.
TEST(SimulatorClock, RequestRateIsTheMeanOfItsWindow) {
  SimPool p = Pool(10, 1, 20, 0);
  p.policy.type = PolicyType::kRequestRate;
  p.policy.period_s = 20;
  p.policy.target_rps = 10;
  p.policy.upscale_delay_s = 0;
  p.policy.downscale_delay_s = 0;
  const SimResult r = Simulated(At({{0, 0}, {60, 100}, {240, 100}}), p, 20);
  std::vector<int> desired;
  for (const auto& x : r.timeline) {
    if (x.t >= 60 && x.t <= 120) desired.push_back(x.desired);
  }
  // 60 s: the window holds no request yet (1 node, the minimum); 80 s:
  // 2000 requests / 60 s = 33.3 rps, 4 nodes; 100 s: 66.7, 7; 120 s: 100, 10.
  EXPECT_EQ(desired, (std::vector<int>{1, 4, 7, 10}));
  // qps_window_s 0: the instantaneous rate, 10 nodes at once.
  p.policy.qps_window_s = 0;
  const SimResult now = Simulated(At({{0, 0}, {60, 100}, {240, 100}}), p, 20);
  EXPECT_EQ(now.timeline[3].desired, 10);
  EXPECT_EQ(now.timeline[3].t, 60);
}

// A random pool under one of the four policies (spot with interruptions in
// half of them) on a random trace.
SimPool RandomPool(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> pick(0, 3), boot(0, 400), nodes(1, 6);
  SimPool p = Pool(10, nodes(rng), 12, boot(rng));
  const PolicyType types[] = {PolicyType::kThreshold, PolicyType::kTargetTracking, PolicyType::kStep, PolicyType::kRequestRate};
  p.policy.type = types[pick(rng)];
  p.policy.period_s = std::array<int, 4>{60, 15, 60, 20}[static_cast<size_t>(pick(rng))];
  p.policy.out_steps = {{0, 0.3, 1}, {0.3, 1e300, 3}};
  p.policy.in_steps = {{-1e300, 0, -1}};
  p.policy.target_rps = 8;
  p.policy.upscale_delay_s = 60;
  p.policy.downscale_delay_s = 120;
  p.policy.scale_down_window_s = 60;
  p.queue_s = pick(rng) * 20;
  if (pick(rng) < 2) {
    p.spot = true;
    p.interruptions_per_node_hour = 0.5;
    p.fallback = SpotFallback{1, pick(rng) < 2};
  }
  return p;
}

Trace RandomTrace(std::mt19937_64& rng) {
  std::uniform_int_distribution<int64_t> gap(1, 200);
  std::uniform_real_distribution<double> rps(0, 120);
  Trace t;
  t.file = "random";
  int64_t s = 0;
  for (int i = 0; i < 60; ++i, s += gap(rng)) t.points.push_back({s, 0, rps(rng)});
  return t;
}

// The same trace with a point repeating the current demand after each point.
Trace WithRepeats(const Trace& t, std::mt19937_64& rng) {
  Trace out;
  out.file = t.file;
  for (size_t i = 0; i < t.points.size(); ++i) {
    out.points.push_back(t.points[i]);
    // Not in the last interval, whose length sets the trace's end.
    if (i + 2 < t.points.size() && t.points[i + 1].t - t.points[i].t > 1) {
      std::uniform_int_distribution<int64_t> at(t.points[i].t + 1, t.points[i + 1].t - 1);
      out.points.push_back({at(rng), 0, t.points[i].value});
    }
  }
  return out;
}

TEST(SimulatorClock, RepeatedTracePointsChangeNothing) {
  std::mt19937_64 rng(18);
  for (int c = 0; c < 300; ++c) {
    const Trace t = RandomTrace(rng);
    const Trace& sparse = t;
    const Trace dense = WithRepeats(t, rng);
    const SimPool p = RandomPool(rng);
    SimOptions o;
    o.seed = static_cast<uint64_t>(c);
    auto a = Simulate(sparse, {p}, o);
    auto b = Simulate(dense, {p}, o);
    ASSERT_TRUE(a && b);
    const PoolResult &x = a->pools[0], &y = b->pools[0];
    SCOPED_TRACE(::testing::Message() << "case " << c << " policy " << static_cast<int>(p.policy.type));
    EXPECT_EQ(x.scale_outs, y.scale_outs);
    EXPECT_EQ(x.scale_ins, y.scale_ins);
    EXPECT_EQ(x.peak_nodes, y.peak_nodes);
    EXPECT_EQ(x.interruptions, y.interruptions);
    EXPECT_NEAR(x.node_hours, y.node_hours, 1e-9);
    EXPECT_NEAR(x.underprovisioned_s, y.underprovisioned_s, 1e-6);
    EXPECT_NEAR(x.unserved, y.unserved, 1e-6 * (1 + x.unserved));
    EXPECT_NEAR(x.requests, y.requests, 1e-6 * x.requests);
  }
}

}  // namespace
}  // namespace gpuscout
