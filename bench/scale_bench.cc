// The autoscaling simulator on a one-year trace at one-minute resolution
// (525,600 points), one pool (target under 50 ms in-process, issue #5), for
// each policy; and reading that trace from CSV.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "autoscale/simulator.h"
#include "autoscale/synthetic.h"

namespace gpuscout {
namespace {

const Trace& Year() {
  static const Trace t = *ExampleTrace("diurnal", 42, 365);
  return t;
}

SimPool Pool(PolicyType type) {
  SimPool p;
  p.name = "t4";
  p.capacity_rps = 40;
  p.min_nodes = 2;
  p.max_nodes = 12;
  p.boot_s = 300;
  p.price_hour = 0.526;
  p.policy.type = type;
  switch (type) {
    case PolicyType::kTargetTracking: p.policy.period_s = 15; break;
    case PolicyType::kRequestRate:
      p.policy.period_s = 20;
      p.policy.target_rps = 30;
      break;
    case PolicyType::kStep:
      p.policy.high = 0.8;
      p.policy.low = 0.3;
      p.policy.out_steps = {{0, 0.1, 1}, {0.1, 1e9, 2}};
      p.policy.in_steps = {{-1e9, 0, -1}};
      break;
    default: break;
  }
  return p;
}

void BM_SimulateYear(benchmark::State& state) {
  const auto type = static_cast<PolicyType>(state.range(0));
  const std::vector<SimPool> pools{Pool(type)};
  for (auto _ : state) {
    auto r = Simulate(Year(), pools, SimOptions{});
    benchmark::DoNotOptimize(r->total_cost);
  }
  state.counters["points"] = static_cast<double>(Year().points.size());
}
BENCHMARK(BM_SimulateYear)
    ->Arg(static_cast<int>(PolicyType::kThreshold))
    ->Arg(static_cast<int>(PolicyType::kTargetTracking))
    ->Arg(static_cast<int>(PolicyType::kStep))
    ->Arg(static_cast<int>(PolicyType::kRequestRate))
    ->ArgNames({"policy"})
    ->Unit(benchmark::kMillisecond);

void BM_ParseYearCsv(benchmark::State& state) {
  std::string csv = "timestamp,rps\n";
  for (const auto& p : Year().points) csv += fmt::format("{},{:g}\n", p.t, p.value);
  for (auto _ : state) {
    auto t = ParseTrace(csv, "year.csv");
    benchmark::DoNotOptimize(t->points.size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(csv.size()));
}
BENCHMARK(BM_ParseYearCsv)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gpuscout

BENCHMARK_MAIN();
