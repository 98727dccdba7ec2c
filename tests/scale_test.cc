// The autoscaling policies on small hand-computed scenarios, the schedule
// across a daylight-saving change, spot fallback, and the simulator's
// accounting.
#include <gtest/gtest.h>

#include <date/tz.h>

#include "autoscale/fleet.h"
#include "autoscale/policy.h"
#include "autoscale/schedule.h"
#include "autoscale/simulator.h"
#include "autoscale/synthetic.h"
#include "autoscale/tune.h"
#include "cost/spot.h"
#include "sim_pool.h"
#include "source_files.h"

namespace gpuscout {
namespace {

Observation Obs(int64_t t, double rps, int ready, int booting, int desired, double cap = 10) {
  Observation o;
  o.t = t;
  o.rps = rps;
  o.ready = ready;
  o.booting = booting;
  o.desired = desired;
  o.capacity_rps = cap;
  o.min_nodes = 1;
  o.max_nodes = 1000;
  return o;
}

PolicyConfig Hpa(double target = 0.5) {
  PolicyConfig c;
  c.type = PolicyType::kTargetTracking;
  c.period_s = 15;
  c.target = target;
  return c;
}

// A trace of (minute, rps) steps, one point a minute from t0 = 0.
Trace Steps(std::initializer_list<std::pair<int, double>> steps, int minutes) {
  Trace t;
  t.file = "test";
  auto it = steps.begin();
  double v = it->second;
  for (int m = 0; m < minutes; ++m) {
    for (auto s = steps.begin(); s != steps.end(); ++s) {
      if (s->first == m) v = s->second;
    }
    t.points.push_back({int64_t{60} * m, 0, v});
  }
  return t;
}

TEST(Hpa, ToleranceEdge) {
  // 10 ready pods of 10 rps at target 0.5: 50 rps is on target.
  auto p = MakePolicy(Hpa());
  EXPECT_EQ(p->Decide(Obs(0, 54.5, 10, 0, 10)), 10);   // ratio 1.09: within 0.1
  p = MakePolicy(Hpa());
  EXPECT_EQ(p->Decide(Obs(0, 55.5, 10, 0, 10)), 12);   // ratio 1.11: ceil(11.1)
  PolicyConfig no_window = Hpa();
  no_window.scale_down_window_s = 0;
  p = MakePolicy(no_window);
  EXPECT_EQ(p->Decide(Obs(0, 45.5, 10, 0, 10)), 10);   // 0.91: within
  p = MakePolicy(no_window);
  EXPECT_EQ(p->Decide(Obs(0, 44.5, 10, 0, 10)), 9);    // 0.89: ceil(8.9)
}

TEST(Hpa, NotReadyPodsCountAsIdleOnScaleUp) {
  auto p = MakePolicy(Hpa());
  // 4 ready at 80 rps (ratio 2.0); 4 booting count as 0: 2.0 x 4/8 = 1.0 -> no change.
  EXPECT_EQ(p->Decide(Obs(0, 40, 4, 4, 8)), 8);
  p = MakePolicy(Hpa());
  // 4 ready at 75% (ratio 1.5), 2 booting: 1.5 x 4/6 = 1.0 -> no change either.
  EXPECT_EQ(p->Decide(Obs(0, 30, 4, 2, 6)), 6);
  p = MakePolicy(Hpa());
  // Without the booting pods the same load would add: ceil(1.5 x 4) = 6 > 4.
  EXPECT_EQ(p->Decide(Obs(0, 30, 4, 0, 4)), 6);
  p = MakePolicy(Hpa());
  // 4 ready at 400% (ratio 8), 4 booting: 8 x 4/8 = 4 -> ceil(4 x 8) = 32, cut by the
  // rate limit to max(8 + 4, 8 x 2) = 16.
  EXPECT_EQ(p->Decide(Obs(0, 160, 4, 4, 8)), 16);
}

TEST(Hpa, StabilisationWindowHoldsScaleDownFor300s) {
  auto p = MakePolicy(Hpa());
  // High until t = 0, then low; sync every 15 s.
  int desired = 10;
  desired = p->Decide(Obs(-15, 50, 10, 0, desired));
  EXPECT_EQ(desired, 10);
  int64_t dropped_at = -1;
  for (int64_t t = 0; t <= 600; t += 15) {
    const int next = p->Decide(Obs(t, 10, desired, 0, desired));  // wants 2
    if (next < desired && dropped_at < 0) dropped_at = t;
    desired = next;
  }
  // The recommendation at -15 (10 pods) leaves the window once t - 300 >= -15: at t = 285.
  EXPECT_EQ(dropped_at, 285);
  EXPECT_EQ(desired, 2);
}

TEST(Hpa, RateLimitsUpByMaxOfFourPodsAndDouble) {
  auto p = MakePolicy(Hpa());
  int desired = 2;
  std::vector<int> seen;
  for (int64_t t = 0; t < 60; t += 15) {
    desired = p->Decide(Obs(t, 1e6, desired, 0, desired));  // every pod ready, huge demand
    seen.push_back(desired);
  }
  EXPECT_EQ(seen, (std::vector<int>{6, 12, 24, 48}));
  // With a 60 s period the limit counts from the start of the period.
  PolicyConfig slow = Hpa();
  slow.up_period_s = 60;
  p = MakePolicy(slow);
  desired = 2;
  seen.clear();
  for (int64_t t = 0; t < 90; t += 15) {
    desired = p->Decide(Obs(t, 1e6, desired, 0, desired));
    seen.push_back(desired);
  }
  EXPECT_EQ(seen, (std::vector<int>{6, 6, 6, 6, 12, 12}));
}

TEST(Threshold, CooldownSpacesScalingActivities) {
  PolicyConfig c;
  c.type = PolicyType::kThreshold;
  c.high = 0.85;
  c.cooldown_s = 300;
  auto p = MakePolicy(c);
  std::vector<int64_t> events;
  int desired = 2;
  for (int64_t t = 0; t <= 900; t += 60) {
    const int next = p->Decide(Obs(t, 1e6, desired, 0, desired));
    if (next != desired) events.push_back(t);
    desired = next;
  }
  EXPECT_EQ(events, (std::vector<int64_t>{0, 300, 600, 900}));
  EXPECT_EQ(desired, 6);
  // At max nothing happens, and no cooldown starts.
  p = MakePolicy(c);
  Observation o = Obs(0, 1e6, 5, 0, 5);
  o.max_nodes = 5;
  EXPECT_EQ(p->Decide(o), 5);
  o.t = 60;
  o.max_nodes = 10;
  EXPECT_EQ(p->Decide(o), 6);  // not held by a cooldown from t = 0
}

TEST(Step, BoundsAdjustmentsAndWarmup) {
  PolicyConfig c;
  c.type = PolicyType::kStep;
  c.high = 0.7;
  c.low = 0.3;
  c.out_steps = {{0, 0.1, 1}, {0.1, 0.2, 2}, {0.2, 1e9, 4}};
  c.in_steps = {{-1e9, 0, -1}};
  auto p = MakePolicy(c);
  EXPECT_EQ(p->Decide(Obs(0, 75, 10, 0, 10)), 11);   // 0.75 - 0.7 = 0.05: [0, 0.1)
  EXPECT_EQ(p->Decide(Obs(0, 80, 10, 0, 10)), 12);   // 0.10: lower bound inclusive -> [0.1, 0.2)
  EXPECT_EQ(p->Decide(Obs(0, 95, 10, 0, 10)), 14);   // 0.25
  EXPECT_EQ(p->Decide(Obs(0, 70, 10, 0, 10)), 10);   // at the threshold: no alarm
  EXPECT_EQ(p->Decide(Obs(0, 20, 10, 0, 10)), 9);    // below 0.3: -1
  // Warm-up: 2 nodes still warming; a +4 step adds only 2 more; scale-in waits.
  Observation w = Obs(0, 95, 10, 2, 12);
  w.warming = 2;
  EXPECT_EQ(p->Decide(w), 14);
  w.rps = 10;
  EXPECT_EQ(p->Decide(w), 12);
  // PercentChangeInCapacity: 25% of 10 = 2.5 -> 2 (toward zero); 5% of 10 = 0.5 -> 1.
  c.adjust = PolicyConfig::Adjust::kPercentChangeInCapacity;
  c.out_steps = {{0, 0.2, 5}, {0.2, 1e9, 25}};
  p = MakePolicy(c);
  EXPECT_EQ(p->Decide(Obs(0, 75, 10, 0, 10)), 11);
  EXPECT_EQ(p->Decide(Obs(0, 95, 10, 0, 10)), 12);
  c.adjust = PolicyConfig::Adjust::kExactCapacity;
  c.out_steps = {{0, 1e9, 20}};
  p = MakePolicy(c);
  EXPECT_EQ(p->Decide(Obs(0, 95, 10, 0, 10)), 20);
}

TEST(RequestRate, UpscaleAndDownscaleDelays) {
  PolicyConfig c;
  c.type = PolicyType::kRequestRate;
  c.period_s = 20;
  c.target_rps = 10;
  c.upscale_delay_s = 60;     // 3 decisions
  c.downscale_delay_s = 120;  // 6 decisions
  auto p = MakePolicy(c);
  int desired = 2;
  std::vector<int> seen;
  for (int64_t t = 0; t < 80; t += 20) {
    desired = p->Decide(Obs(t, 45, desired, 0, desired));  // wants 5
    seen.push_back(desired);
  }
  EXPECT_EQ(seen, (std::vector<int>{2, 2, 5, 5}));
  seen.clear();
  for (int64_t t = 80; t < 220; t += 20) {
    desired = p->Decide(Obs(t, 5, desired, 0, desired));  // wants 1
    seen.push_back(desired);
  }
  EXPECT_EQ(seen, (std::vector<int>{5, 5, 5, 5, 5, 1, 1}));
}

using testing::Pool;

TEST(Simulator, BootDelayLeavesTheFleetShortUntilReady) {
  // 1 node of 10 rps; demand jumps to 15 at minute 10; threshold adds one node
  // at once, ready 300 s later: 5 minutes short, 5 rps x 300 s unserved.
  SimPool p = Pool(10, 1, 5, 300);
  p.policy.type = PolicyType::kThreshold;
  p.policy.high = 0.85;
  p.policy.low = 0.1;
  p.policy.cooldown_s = 600;
  Trace t = Steps({{0, 5}, {10, 15}}, 30);
  auto r = Simulate(t, {p}, SimOptions{});
  ASSERT_TRUE(r.has_value()) << r.error().Format();
  const PoolResult& pr = r->pools[0];
  EXPECT_DOUBLE_EQ(pr.underprovisioned_s, 300);
  EXPECT_DOUBLE_EQ(pr.unserved, 5.0 * 300);
  EXPECT_DOUBLE_EQ(pr.requests, 5.0 * 600 + 15.0 * 1200);
  // Node-hours: 1 node for 30 min + 1 more from minute 10 (booting is billed): 0.5 + 1/3 h.
  EXPECT_NEAR(pr.node_hours, 0.5 + 20.0 / 60, 1e-9);
  EXPECT_NEAR(pr.cost, pr.node_hours * 1, 1e-9);
  EXPECT_EQ(pr.scale_outs, 1);
  // The static fleet: ceil(15 / 10) = 2 nodes for 30 minutes.
  EXPECT_EQ(pr.static_nodes, 2);
  EXPECT_NEAR(pr.static_cost, 1.0, 1e-9);
  // With a queue of 600 s the excess waits instead: nothing unserved.
  p.queue_s = 600;
  r = Simulate(t, {p}, SimOptions{});
  EXPECT_DOUBLE_EQ(r->pools[0].unserved, 0);
  EXPECT_DOUBLE_EQ(r->pools[0].underprovisioned_s, 300);
}

TEST(Schedule, CronInANonUtcZoneAcrossDaylightSaving) {
  // New York pre-scales 20:00-23:00 local. DST starts 2026-03-08: 20:00 EST is
  // 01:00Z next day; 20:00 EDT is 00:00Z next day.
  Schedule s;
  s.zone = *FindTimeZone("America/New_York");
  ScheduleEntry e;
  e.start = *ParseCron("0 20 * * *");
  e.end = *ParseCron("0 23 * * *");
  e.min_nodes = 6;
  s.entries.push_back(e);
  const int64_t t0 = 1772928000;  // 2026-03-08T00:00:00Z
  ScheduleTimeline tl(s, t0, t0 + 2 * 86400);
  std::vector<std::pair<int64_t, int>> got;
  for (const auto& c : tl.floors()) got.emplace_back(c.t, c.floor);
  const std::vector<std::pair<int64_t, int>> want = {
      {t0 + 3600, 6},                  // 2026-03-07 20:00 EST = 2026-03-08T01:00Z
      {t0 + 4 * 3600, 0},              // 23:00 EST = 04:00Z
      {t0 + 86400, 6},                 // 2026-03-08 20:00 EDT = 2026-03-09T00:00Z: an hour earlier in UTC
      {t0 + 86400 + 3 * 3600, 0},      // 23:00 EDT = 03:00Z
      {t0 + 2 * 86400, 6},             // 2026-03-09 20:00 EDT
      {t0 + 2 * 86400 + 3 * 3600, 0}};
  EXPECT_EQ(got, want);
}

TEST(Schedule, OverlappingWindowsTakeTheMaximumAndActionsPersist) {
  Schedule s;  // UTC
  ScheduleEntry a, b, act;
  a.start = *ParseCron("0 8 * * *");
  a.end = *ParseCron("0 12 * * *");
  a.min_nodes = 4;
  b.start = *ParseCron("0 10 * * *");
  b.end = *ParseCron("0 14 * * *");
  b.min_nodes = 6;
  act.cron = *ParseCron("0 16 * * *");
  act.min_nodes = 3;
  s.entries = {a, b, act};
  const int64_t day = 1767225600;  // 2026-01-01T00:00Z
  ScheduleTimeline tl(s, day, day + 86400 - 1);
  EXPECT_EQ(tl.FloorAt(day + 7 * 3600), 3);    // the 16:00 action of the day before still holds
  EXPECT_EQ(tl.FloorAt(day + 9 * 3600), 4);    // window a
  EXPECT_EQ(tl.FloorAt(day + 11 * 3600), 6);   // a and b: the larger
  EXPECT_EQ(tl.FloorAt(day + 13 * 3600), 6);   // b alone
  EXPECT_EQ(tl.FloorAt(day + 15 * 3600), 3);   // the action's minimum
  EXPECT_EQ(tl.FloorAt(day + 17 * 3600), 3);
}

TEST(Simulator, ScheduleCombinesWithAPolicyTheLargerWins) {
  // Demand needs 2 nodes all day; a window from minute 10 to 20 keeps 5.
  SimPool p = Pool(10, 1, 10, 0);
  p.policy = Hpa(0.9);
  p.policy.scale_down_window_s = 0;
  ScheduleEntry e;
  e.start = *ParseCron("10 0 * * *");
  e.end = *ParseCron("20 0 * * *");
  e.min_nodes = 5;
  p.schedule.entries.push_back(e);
  Trace t = Steps({{0, 15}}, 30);
  t.points[0].t = 0;  // 1970-01-01T00:00Z: minute 10 is 00:10
  SimOptions o;
  o.timeline = true;
  auto r = Simulate(t, {p}, o);
  ASSERT_TRUE(r.has_value());
  for (const auto& row : r->timeline) {
    SCOPED_TRACE(row.t);
    if (row.t >= 600 && row.t < 1200) {
      EXPECT_EQ(row.desired, 5);
    }
    if (row.t >= 1200 + 15) {
      EXPECT_EQ(row.desired, 2);  // HPA alone: 15 rps on 10-rps nodes at target 0.9
    }
  }
}

TEST(Simulator, SpotFallbackCoversSpotReplicasNotReady) {
  // 3 replicas wanted; 1 on demand always; spot replicas boot 300 s; dynamic
  // fallback launches on-demand ones for the spot replicas not yet ready.
  SimPool p = Pool(10, 3, 3, 300);
  p.spot = true;
  p.price_hour = 0.3;
  p.ondemand_price_hour = 1;
  p.fallback = SpotFallback{1, true};
  p.interruptions_per_node_hour = 0;
  Trace t = Steps({{0, 10}}, 20);
  // Nothing runs at minute 0; a window from 00:01 asks for 3, so all of them boot.
  p.min_nodes = 0;
  ScheduleEntry e;
  e.start = *ParseCron("1 0 * * *");
  e.end = *ParseCron("0 1 * * *");
  e.min_nodes = 3;
  p.schedule.entries.push_back(e);
  t.points[0].t = 0;
  SimOptions o;
  o.timeline = true;
  o.tick_s = 60;
  auto r = Simulate(t, {p}, o);
  ASSERT_TRUE(r.has_value()) << r.error().Format();
  // Minute 1: 2 spot booting, 1 + 2 on demand booting; minute 6: all ready, the 2
  // fallback on-demand replicas go. On-demand node-hours: 1 x 19 min + 2 x 5 min.
  EXPECT_NEAR(r->pools[0].ondemand_node_hours, (19.0 + 10.0) / 60, 1e-9);
  EXPECT_NEAR(r->pools[0].spot_node_hours, 2 * 19.0 / 60, 1e-9);
  EXPECT_NEAR(r->pools[0].cost, (19.0 + 10.0) / 60 * 1 + 2 * 19.0 / 60 * 0.3, 1e-9);
}

TEST(Simulator, SpotInterruptionsAreSeededAndReplaced) {
  SimPool p = Pool(10, 4, 4, 120);
  p.spot = true;
  p.price_hour = 0.3;
  p.interruptions_per_node_hour = 0.5;  // many, to see them
  Trace t = Steps({{0, 30}}, 24 * 60);
  SimOptions o;
  o.seed = 7;
  auto a = Simulate(t, {p}, o);
  auto b = Simulate(t, {p}, o);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->pools[0].interruptions, b->pools[0].interruptions);  // seeded
  // 4 nodes x 24 h x 0.5 = 48 expected; Poisson spread.
  EXPECT_GT(a->pools[0].interruptions, 25);
  EXPECT_LT(a->pools[0].interruptions, 75);
  // Each costs 120 s of a node; 3 nodes still carry 30 rps, so only two at once
  // (rare at this rate) leave requests unserved.
  EXPECT_LT(a->pools[0].unserved, 0.001 * a->pools[0].requests);
  EXPECT_GT(a->pools[0].node_hours, 4 * 24 * 0.95);
}

TEST(Simulator, ExampleTracesAreSeeded) {
  auto a = ExampleTrace("diurnal", 42), b = ExampleTrace("diurnal", 42), c = ExampleTrace("diurnal", 43);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->points.size(), 7u * 1440);
  EXPECT_EQ(a->points[100].value, b->points[100].value);
  EXPECT_NE(a->points[100].value, c->points[100].value);
  // Peak near 20:00 +08:00 (12:00Z), trough near 08:00.
  EXPECT_GT(a->points[20 * 60].value, 3 * a->points[8 * 60].value);
  EXPECT_FALSE(ExampleTrace("hourly").has_value());
}

FleetContext Ctx() {
  FleetContext c;
  c.catalog = &testing::RealCatalog();
  c.estimator = &testing::RealEstimator();
  return c;
}

TEST(Fleet, BadFilesNameLineAndKey) {
  struct Case {
    const char* yaml;
    int line;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {"pools:\n  - name: a\n    capasity_rps: 4\n", 3, "pools[].capasity_rps", "did you mean capacity_rps"},
      {"pools:\n  - offer: {vendor: aws, instance: g9.huge}\n    capacity_rps: 4\n    max_nodes: 2\n", 2, "pools[].offer", "no offer g9.huge"},
      {"price: 1\ncapacity_rps: 4\nmin_nodes: 5\nmax_nodes: 2\n", 3, "min_nodes", "above max_nodes"},
      {"price: 1\ncapacity_rps: 4\nmax_nodes: 2\nschedule:\n  - {cron: \"0 25 * * *\", min_nodes: 1}\n", 5, "schedule[].cron", "hour"},
      {"price: 1\ncapacity_rps: 4\nmax_nodes: 2\ntimezone: Mars/Olympus\n", 4, "timezone", "Mars/Olympus"},
      {"price: 1\ncapacity_rps: 4\nmax_nodes: 2\npolicy: {type: target-traking}\n", 4, "policy.type", "did you mean target-tracking"},
      {"price: 1\ncapacity_rps: 4\nmax_nodes: 2\npolicy: {type: request-rate}\n", 4, "policy.target_rps", "missing"},
      {"price: 1\ncapacity_rps: 4\n", 1, "max_nodes", "missing"},
      {"pools: [\n", 2, "", "not valid YAML"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.yaml);
    auto f = ParseFleet(c.yaml, "fleet.yaml", Ctx());
    ASSERT_FALSE(f.has_value());
    EXPECT_EQ(f.error().code, ExitCode::kBadInput);
    EXPECT_EQ(f.error().file, "fleet.yaml");
    EXPECT_EQ(f.error().line, c.line);
    EXPECT_EQ(f.error().field, c.field);
    EXPECT_NE(f.error().message.find(c.message), std::string::npos) << f.error().message;
  }
}

TEST(Fleet, LintsFleetBlockIsAValidOnePoolFleet) {
  // The keys `lint` reads (max_nodes, capacity_rps, cooldown_s, schedule, trace).
  auto f = ParseFleet("max_nodes: 8\ncapacity_rps: 40\ncooldown_s: 300\nschedule: [{cron: \"0 19 * * *\", min_nodes: 6}]\n"
                      "trace: load.csv\nprice: 0.5\n",
                      "dir/fleet.yaml", Ctx());
  ASSERT_TRUE(f.has_value()) << f.error().Format();
  ASSERT_EQ(f->pools.size(), 1u);
  EXPECT_EQ(f->pools[0].policy.type, PolicyType::kThreshold);
  EXPECT_EQ(f->pools[0].policy.cooldown_s, 300);
  EXPECT_EQ(f->trace_path, "dir/load.csv");
  EXPECT_EQ(f->pools[0].schedule.entries.size(), 1u);
}

TEST(Fleet, OfferPricesAndModelCapacity) {
  FleetContext ctx;  // prices pinned below: the fixed catalog
  ctx.catalog = &testing::FixtureCatalog();
  ctx.estimator = &testing::FixtureEstimator();
  auto f = ParseFleet(
      "pools:\n"
      "  - name: llm\n"
      "    offer: {vendor: aws, instance: g6e.xlarge, region: us-east-1}\n"
      "    model: {model: Llama-3.1-8B, concurrency: 8}\n"
      "    max_nodes: 4\n"
      "  - name: spot\n"
      "    offer: {vendor: aws, instance: g4dn.xlarge, region: us-east-1}\n"
      "    purchase: spot\n"
      "    capacity_rps: 40\n"
      "    max_nodes: 4\n"
      "    fallback: {base_ondemand: 1, dynamic: true}\n",
      "f.yaml", ctx);
  ASSERT_TRUE(f.has_value()) << f.error().Format();
  EXPECT_GT(f->pools[0].capacity_rps, 0);
  EXPECT_NEAR(f->pools[0].price_hour, 1.861, 1e-3);  // g6e.xlarge us-east-1 on demand
  EXPECT_TRUE(f->pools[1].spot);
  EXPECT_NEAR(f->pools[1].price_hour, 0.2132, 1e-9);  // g4dn.xlarge spot: the cheaper zone (use1-az2)
  EXPECT_NEAR(f->pools[1].ondemand_price_hour, 0.526, 1e-9);
  // The cost model's default, so that scale and recommend price spot alike:
  // 20% of nodes interrupted in a month, -ln(0.8) / 30 a day.
  EXPECT_NEAR(f->pools[1].interruptions_per_node_hour, DefaultInterruptionsPerDay("aws") / 24, 1e-15);
  EXPECT_NEAR(f->pools[1].interruptions_per_node_hour * 24, -std::log(0.75) / 30, 1e-12);
}

// An LLM pool with latency bounds carries what its replicas serve within
// them: less than their most, more with looser bounds, and an error naming
// the bound when no load meets it.
TEST(Fleet, ModelCapacityWithinLatencyBounds) {
  FleetContext ctx;
  ctx.catalog = &testing::FixtureCatalog();
  ctx.estimator = &testing::FixtureEstimator();
  auto pool = [&](const char* slo) {
    return ParseFleet(std::string("pools:\n"
                                  "  - name: llm\n"
                                  "    offer: {vendor: aws, instance: g6e.xlarge, region: us-east-1}\n"
                                  "    model: {model: Llama-3.1-8B, prompt_tokens: 1000, output_tokens: 300}\n") +
                          slo + "    max_nodes: 4\n",
                      "f.yaml", ctx);
  };
  auto most = pool("");
  auto tight = pool("    slo: {ttft_ms: 500, tpot_ms: 40}\n");
  auto loose = pool("    slo: {ttft_ms: 2000, tpot_ms: 80}\n");
  ASSERT_TRUE(most && tight && loose) << (tight ? loose.error().Format() : tight.error().Format());
  EXPECT_GT(tight->pools[0].capacity_rps, 0);
  EXPECT_LT(tight->pools[0].capacity_rps, loose->pools[0].capacity_rps);
  auto never = pool("    slo: {tpot_ms: 2}\n");
  ASSERT_FALSE(never);
  EXPECT_NE(never.error().Format().find("no load meets it on g6e.xlarge"), std::string::npos) << never.error().Format();
  auto typo = pool("    slo: {tpot: 20}\n");
  ASSERT_FALSE(typo);
}

TEST(Tune, FindsACheaperSettingThatMeetsTheSlo) {
  auto trace = ExampleTrace("diurnal", 42);
  SimPool p = Pool(40, 2, 12, 300);
  p.price_hour = 0.526;
  p.policy.type = PolicyType::kThreshold;
  p.policy.high = 0.85;
  p.policy.low = 0.4;
  SimOptions o;
  o.slo_underprovisioned = 0.001;
  auto r = Tune(*trace, {p}, o, 2, nullptr);
  ASSERT_TRUE(r.has_value());
  const TuneResult& t = r->front();
  EXPECT_EQ(t.tried, TuneCandidates(p).size());
  ASSERT_TRUE(t.found);
  EXPECT_LE(t.result.UnderprovisionedShare(), 0.001);
  // Brute force: no candidate within the SLO is cheaper.
  for (const auto& c : TuneCandidates(p)) {
    auto s = Simulate(*trace, {c}, SimOptions{});
    ASSERT_TRUE(s.has_value());
    if (s->pools[0].UnderprovisionedShare() <= 0.001) {
      EXPECT_GE(s->pools[0].cost, t.result.cost - 1e-9);
    }
  }
}

}  // namespace
}  // namespace gpuscout
