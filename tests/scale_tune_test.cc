// `scale tune` (issue 18): the user's own values in every grid, HPA never
// proposed at min_nodes 0 without scale-to-zero, the fleet tuned together
// (tune's figures are what `scale simulate` gives the tuned fleet), every
// policy key echoed, and the tuned fleet written back as a file that reads.
#include <gtest/gtest.h>

#include <algorithm>

#include "autoscale/fleet.h"
#include "autoscale/synthetic.h"
#include "autoscale/tune.h"
#include "codec/fleet_yaml.h"
#include "codec/scale_json.h"

namespace gpuscout {
namespace {

FleetContext PriceOnly() { return FleetContext{}; }

// The first six hours of an example trace (the tests search hundreds of
// settings, under the sanitizers too).
std::optional<Trace> Hours6(const std::string& example, uint64_t seed) {
  auto t = ExampleTrace(example, seed);
  t->points.resize(std::min<size_t>(t->points.size(), 360));
  return t;
}

Fleet Parse(const std::string& yaml) {
  auto f = ParseFleet(yaml, "fleet.yaml", PriceOnly());
  EXPECT_TRUE(f.has_value()) << (f ? "" : f.error().Format());
  return f ? std::move(*f) : Fleet{};
}

TEST(TuneGrid, TheUsersOwnValuesAreInEveryGrid) {
  // 0.72 and a 90 s window are in no built-in grid: changing only the window
  // (target as written) must still be a candidate.
  Fleet f = Parse("price: 1\ncapacity_rps: 10\nmin_nodes: 2\nmax_nodes: 8\n"
                  "policy: {type: target-tracking, target: 0.72, scale_down_window_s: 90}\n");
  const auto c = TuneCandidates(f.pools[0]);
  auto has = [&](double target, int window, int min_nodes) {
    return std::any_of(c.begin(), c.end(), [&](const SimPool& p) {
      return p.policy.target == target && p.policy.scale_down_window_s == window && p.min_nodes == min_nodes;
    });
  };
  EXPECT_TRUE(has(0.72, 0, 2));
  EXPECT_TRUE(has(0.8, 90, 2));
  EXPECT_TRUE(has(0.72, 90, 3));
  // So the best is never worse than as written, whatever the trace.
  auto trace = Hours6("spiky", 3);
  SimOptions o;
  auto r = Tune(*trace, f.pools, o, 2, nullptr);
  ASSERT_TRUE(r.has_value());
  if (r->front().original.UnderprovisionedShare() <= o.slo_underprovisioned) {
    ASSERT_TRUE(r->front().found);
    EXPECT_LE(r->front().result.cost, r->front().original.cost + 1e-9);
  }
}

TEST(TuneGrid, HpaIsNeverProposedAtZeroWithoutScaleToZero) {
  Fleet f = Parse("price: 1\ncapacity_rps: 10\nmin_nodes: 1\nmax_nodes: 8\npolicy: {type: target-tracking}\n");
  for (const auto& p : TuneCandidates(f.pools[0])) EXPECT_GE(p.min_nodes, 1);
  Fleet z = Parse("price: 1\ncapacity_rps: 10\nmin_nodes: 1\nmax_nodes: 8\npolicy: {type: target-tracking, scale_to_zero: true}\n");
  const auto c = TuneCandidates(z.pools[0]);
  EXPECT_TRUE(std::any_of(c.begin(), c.end(), [](const SimPool& p) { return p.min_nodes == 0; }));
  // The fleet file: 0 under HPA without the gate is refused; no min_nodes is HPA's 1.
  auto bad = ParseFleet("price: 1\ncapacity_rps: 10\nmin_nodes: 0\nmax_nodes: 8\npolicy: {type: target-tracking}\n", "f.yaml", PriceOnly());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "min_nodes");
  EXPECT_EQ(bad.error().line, 3);
  EXPECT_NE(bad.error().message.find("scale_to_zero"), std::string::npos) << bad.error().message;
  EXPECT_EQ(Parse("price: 1\ncapacity_rps: 10\nmax_nodes: 8\npolicy: {type: target-tracking}\n").pools[0].min_nodes, 1);
}

TEST(TuneGrid, AScaleToZeroPoolComesBackWhenDemandReturns) {
  Fleet f = Parse("price: 1\ncapacity_rps: 10\nmin_nodes: 0\nmax_nodes: 8\nboot_s: 60\n"
                  "policy: {type: target-tracking, scale_to_zero: true, scale_down_window_s: 0}\n");
  Trace t;
  t.file = "t";
  for (int64_t m = 0; m < 30; ++m) t.points.push_back({m * 60, 0, m >= 5 && m < 10 ? 0.0 : 30.0});
  SimOptions o;
  o.timeline = true;
  auto r = Simulate(t, f.pools, o);
  ASSERT_TRUE(r.has_value());
  int at_zero = 0, after = 0;
  for (const auto& row : r->timeline) {
    if (row.t >= 300 && row.t < 600 && row.desired == 0) ++at_zero;
    if (row.t >= 1200) after = row.ready;
  }
  EXPECT_GT(at_zero, 0);   // it did reach zero
  // and came back: ceil(30 / (10 x 0.7)) = 5 asked, 4 allowed from 0 (max(4
  // pods, 100%) per 15 s), and at 4 the ratio 30 / 28 is within the tolerance.
  EXPECT_EQ(after, 4);
}

TEST(TuneFleet, PoolsAreTunedTogetherAsSimulateReportsThem) {
  // Two spot pools sharing the trace: each pool's interruptions follow its
  // place in the fleet, so a pool tuned alone would report other figures.
  Fleet f = Parse(
      "pools:\n"
      "  - {name: a, price: 1, capacity_rps: 20, min_nodes: 1, max_nodes: 10, share: 0.5, purchase: spot,\n"
      "     interruptions_per_day: 6, policy: {type: threshold, high: 0.8, low: 0.3}}\n"
      "  - {name: b, price: 2, capacity_rps: 30, min_nodes: 2, max_nodes: 10, share: 0.5, purchase: spot,\n"
      "     interruptions_per_day: 6, policy: {type: request-rate, target_rps: 25}}\n");
  ASSERT_EQ(f.pools.size(), 2u);
  auto trace = Hours6("diurnal", 5);
  SimOptions o;
  o.slo_underprovisioned = 0.01;
  auto r = Tune(*trace, f.pools, o, 2, nullptr);
  ASSERT_TRUE(r.has_value());
  std::vector<SimPool> tuned = f.pools;
  for (size_t i = 0; i < tuned.size(); ++i) {
    if ((*r)[i].found) tuned[i] = (*r)[i].best;
  }
  auto s = Simulate(*trace, tuned, o);
  ASSERT_TRUE(s.has_value());
  for (size_t i = 0; i < tuned.size(); ++i) {
    ASSERT_TRUE((*r)[i].found);
    EXPECT_EQ((*r)[i].result.interruptions, s->pools[i].interruptions);
    EXPECT_DOUBLE_EQ((*r)[i].result.cost, s->pools[i].cost);
  }
  // No setting of pool b within the SLO makes the fleet cheaper (brute force).
  for (const auto& c : TuneCandidates(f.pools[1])) {
    std::vector<SimPool> fleet = tuned;
    fleet[1] = c;
    auto x = Simulate(*trace, fleet, o);
    ASSERT_TRUE(x.has_value());
    if (x->pools[1].UnderprovisionedShare() <= o.slo_underprovisioned) {
      EXPECT_GE(x->total_cost, s->total_cost - 1e-9);
    }
  }
}

TEST(TuneFleet, EveryPolicyKeyIsEchoedAndTheWrittenFleetReadsBack) {
  const std::string yaml =
      "trace: load.csv\n"
      "pools:\n"
      "  - name: s\n    price: 1\n    capacity_rps: 10\n    max_nodes: 6\n    cooldown_s: 120\n"
      "  - name: st\n    price: 1\n    capacity_rps: 10\n    max_nodes: 6\n"
      "    policy: {type: step, adjustment_type: PercentChangeInCapacity, out_steps: [{lower: 0, adjustment: 50}],\n"
      "             in_steps: [{upper: 0, adjustment: -25}], min_adjustment_magnitude: 2}\n";
  Fleet f = Parse(yaml);
  const nlohmann::json step = PolicyToJson(f.pools[1].policy);
  for (const char* k : {"type", "period_s", "high", "low", "warmup_s", "adjustment_type", "min_adjustment_magnitude", "out_steps", "in_steps"}) {
    EXPECT_TRUE(step.contains(k)) << k;
  }
  EXPECT_FALSE(step["in_steps"][0].contains("lower"));  // -infinity: left out, as in the file
  PolicyConfig target_tracking;
  target_tracking.type = PolicyType::kTargetTracking;
  const nlohmann::json hpa = PolicyToJson(target_tracking);
  for (const char* k : {"up_pods", "up_percent", "up_period_s", "down_percent", "down_period_s", "scale_up_window_s", "scale_to_zero"}) {
    EXPECT_TRUE(hpa.contains(k)) << k;
  }
  auto trace = Hours6("spiky", 9);
  auto r = Tune(*trace, f.pools, SimOptions{}, 2, nullptr);
  ASSERT_TRUE(r.has_value());
  auto written = TunedFleetYaml(yaml, *r, "/data/fleets", "/data/fleets");
  ASSERT_TRUE(written.has_value());
  EXPECT_NE(written->find("trace: load.csv"), std::string::npos) << *written;  // same folder: kept as written
  Fleet back = Parse(*written);
  ASSERT_EQ(back.pools.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    if (!(*r)[i].found) continue;
    EXPECT_EQ(PolicyToJson(back.pools[i].policy), PolicyToJson((*r)[i].best.policy)) << i;
    EXPECT_EQ(back.pools[i].min_nodes, (*r)[i].best.min_nodes);
  }
  auto moved = TunedFleetYaml(yaml, *r, "/data/fleets", "/tmp");
  ASSERT_TRUE(moved.has_value());
  EXPECT_NE(moved->find("trace: /data/fleets/load.csv"), std::string::npos) << *moved;
}

}  // namespace
}  // namespace gpuscout
