#include "autoscale/tune.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace gpuscout {
namespace {

// From one below to three above the pool's own; never 0 under HPA unless
// the fleet enables scale-to-zero (Kubernetes' HPAScaleToZero gate).
std::vector<int> MinNodes(const SimPool& p) {
  const bool hpa_floor = p.policy.type == PolicyType::kTargetTracking && !p.policy.scale_to_zero;
  std::vector<int> out;
  for (int m = std::max(hpa_floor ? 1 : 0, p.min_nodes - 1); m <= std::min(p.max_nodes, p.min_nodes + 3); ++m) out.push_back(m);
  return out;
}

// A parameter's grid with the user's own value in it, so that every subset
// of parameters can stay as written.
template <typename T>
std::vector<T> With(std::vector<T> grid, T own) {
  if (std::find(grid.begin(), grid.end(), own) == grid.end()) grid.push_back(own);
  return grid;
}

void Describe(const SimPool& from, const SimPool& to, std::vector<std::string>& out) {
  auto diff = [&](const char* name, double a, double b) {
    if (a != b) out.push_back(fmt::format("{} {:g} -> {:g}", name, a, b));
  };
  diff("min_nodes", from.min_nodes, to.min_nodes);
  const PolicyConfig &a = from.policy, &b = to.policy;
  diff("policy.high", a.high, b.high);
  diff("policy.low", a.low, b.low);
  diff("policy.step_out", a.step_out, b.step_out);
  diff("policy.cooldown_s", a.cooldown_s, b.cooldown_s);
  diff("policy.target", a.target, b.target);
  diff("policy.scale_down_window_s", a.scale_down_window_s, b.scale_down_window_s);
  diff("policy.warmup_s", a.warmup_s, b.warmup_s);
  diff("policy.target_rps", a.target_rps, b.target_rps);
  diff("policy.upscale_delay_s", a.upscale_delay_s, b.upscale_delay_s);
  diff("policy.downscale_delay_s", a.downscale_delay_s, b.downscale_delay_s);
}

std::vector<double> Shares(double capacity) {
  std::vector<double> out;
  for (double share : {0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) out.push_back(capacity * share);
  return out;
}

}  // namespace

namespace {

void AddThreshold(SimPool p, const PolicyConfig& c, std::vector<SimPool>& out) {
  for (double high : With({0.6, 0.7, 0.75, 0.8, 0.85, 0.9}, c.high)) {
    for (double low : With({0.2, 0.3, 0.4, 0.5}, c.low)) {
      if (low >= high) continue;
      for (int cooldown : With({60, 120, 300, 600}, c.cooldown_s)) {
        for (int step : With({1, 2}, c.step_out)) {
          p.policy.high = high;
          p.policy.low = low;
          p.policy.cooldown_s = cooldown;
          p.policy.step_out = step;
          out.push_back(p);
        }
      }
    }
  }
}

void AddTargetTracking(SimPool p, const PolicyConfig& c, std::vector<SimPool>& out) {
  for (double target : With({0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}, c.target)) {
    for (int window : With({0, 60, 120, 300, 600}, c.scale_down_window_s)) {
      p.policy.target = target;
      p.policy.scale_down_window_s = window;
      out.push_back(p);
    }
  }
}

void AddStep(SimPool p, const PolicyConfig& c, std::vector<SimPool>& out) {
  for (double high : With({0.6, 0.7, 0.8, 0.9}, c.high)) {
    for (double low : With({0.2, 0.3, 0.4, 0.5}, c.low)) {
      if (low >= high) continue;
      for (int warmup : With({60, 120, 300}, c.warmup_s)) {
        p.policy.high = high;
        p.policy.low = low;
        p.policy.warmup_s = warmup;
        out.push_back(p);
      }
    }
  }
}

void AddRequestRate(SimPool p, const PolicyConfig& c, std::vector<SimPool>& out) {
  for (double rps : With(Shares(p.capacity_rps), c.target_rps)) {
    for (int up : With({0, 60, 120, 300}, c.upscale_delay_s)) {
      for (int down : With({300, 600, 1200}, c.downscale_delay_s)) {
        p.policy.target_rps = rps;
        p.policy.upscale_delay_s = up;
        p.policy.downscale_delay_s = down;
        out.push_back(p);
      }
    }
  }
}

}  // namespace

std::vector<SimPool> TuneCandidates(const SimPool& pool) {
  std::vector<SimPool> out{pool};
  for (int m : MinNodes(pool)) {
    SimPool p = pool;
    p.min_nodes = m;
    switch (pool.policy.type) {
      case PolicyType::kThreshold: AddThreshold(p, pool.policy, out); break;
      case PolicyType::kTargetTracking: AddTargetTracking(p, pool.policy, out); break;
      case PolicyType::kStep: AddStep(p, pool.policy, out); break;
      case PolicyType::kRequestRate: AddRequestRate(p, pool.policy, out); break;
      case PolicyType::kNone: out.push_back(p); break;
    }
  }
  return out;
}

namespace {

// Simulates `n` fleets (fleet(j) builds the j-th) on `threads` threads;
// progress(done) from the calling thread.
Result<std::vector<SimResult>> SimulateAll(const Trace& trace, size_t n, const std::function<std::vector<SimPool>(size_t)>& fleet,
                                           const SimOptions& opt, int threads, const std::function<void(size_t)>& progress) {
  std::vector<std::optional<Result<SimResult>>> out(n);
  std::atomic<size_t> next{0}, done{0};
  auto work = [&] {
    for (size_t j; (j = next.fetch_add(1)) < n;) {
      out[j] = Simulate(trace, fleet(j), opt);
      done.fetch_add(1);
    }
  };
  std::vector<std::thread> workers;
  for (int i = 1; i < std::max(1, threads); ++i) workers.emplace_back(work);
  std::thread main_work(work);
  while (done.load() < n) {
    if (progress) progress(done.load());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  main_work.join();
  for (auto& t : workers) t.join();
  std::vector<SimResult> results;
  results.reserve(n);
  for (auto& r : out) {
    if (!*r) return tl::unexpected(r->error());
    results.push_back(std::move(**r));
  }
  return results;
}

// The candidate for pool i within the SLO whose fleet costs least; among
// equal costs, the one with the pool less short. Counts those within the SLO.
std::optional<size_t> Cheapest(const std::vector<SimResult>& runs, size_t i, double slo, size_t& met) {
  std::optional<size_t> best;
  met = 0;
  for (size_t j = 0; j < runs.size(); ++j) {
    const PoolResult& r = runs[j].pools[i];
    if (r.UnderprovisionedShare() > slo + 1e-12) continue;
    ++met;
    const SimResult* b = best ? &runs[*best] : nullptr;
    if (!b || runs[j].total_cost < b->total_cost - 1e-9 ||
        (std::abs(runs[j].total_cost - b->total_cost) <= 1e-9 && r.underprovisioned_s < b->pools[i].underprovisioned_s)) {
      best = j;
    }
  }
  return best;
}

}  // namespace

Result<std::vector<TuneResult>> Tune(const Trace& trace, const std::vector<SimPool>& pools, const SimOptions& options,
                                     int threads, const std::function<void(size_t, size_t)>& progress) {
  SimOptions opt = options;
  opt.timeline = false;
  std::vector<std::vector<SimPool>> candidates;
  size_t total = 1;
  for (const auto& p : pools) total += candidates.emplace_back(TuneCandidates(p)).size();
  GS_TRY(as_written, Simulate(trace, pools, opt));
  std::vector<TuneResult> out(pools.size());
  std::vector<SimPool> fleet = pools;  // the tuned pools so far, the rest as written
  size_t done = 1;
  for (size_t i = 0; i < pools.size(); ++i) {
    // Pool i's every setting, simulated with the whole fleet: the same
    // clock, seeds and demand as `scale simulate` gives the tuned fleet.
    auto build = [&](size_t j) {
      std::vector<SimPool> f = fleet;
      f[i] = candidates[i][j];
      return f;
    };
    auto report = [&](size_t n) {
      if (progress) progress(done + n, total);
    };
    GS_TRY(runs, SimulateAll(trace, candidates[i].size(), build, opt, threads, report));
    done += runs.size();
    TuneResult& t = out[i];
    t.pool = pools[i].name;
    t.tried = runs.size();
    t.original = as_written.pools[i];
    const auto best = Cheapest(runs, i, opt.slo_underprovisioned, t.met);
    if (!best) continue;
    t.found = true;
    fleet[i] = candidates[i][*best];
    t.best = fleet[i];
    Describe(pools[i], t.best, t.changes);
  }
  // The tuned fleet as `scale simulate` would report it.
  GS_TRY(tuned, Simulate(trace, fleet, opt));
  for (size_t i = 0; i < pools.size(); ++i) {
    if (out[i].found) out[i].result = tuned.pools[i];
  }
  if (progress) progress(total, total);
  return out;
}

}  // namespace gpuscout
