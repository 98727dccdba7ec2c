#include "autoscale/tune.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace gpuscout {
namespace {

std::vector<int> MinNodes(const SimPool& p) {
  std::vector<int> out;
  for (int m = std::max(0, p.min_nodes - 1); m <= std::min(p.max_nodes, p.min_nodes + 3); ++m) out.push_back(m);
  return out;
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

}  // namespace

std::vector<SimPool> TuneCandidates(const SimPool& pool) {
  std::vector<SimPool> out{pool};
  const PolicyConfig& c = pool.policy;
  for (int m : MinNodes(pool)) {
    SimPool p = pool;
    p.min_nodes = m;
    switch (c.type) {
      case PolicyType::kThreshold:
        for (double high : {0.6, 0.7, 0.75, 0.8, 0.85, 0.9}) {
          for (double low : {0.2, 0.3, 0.4, 0.5}) {
            if (low >= high) continue;
            for (int cooldown : {60, 120, 300, 600}) {
              for (int step : {1, 2}) {
                p.policy.high = high;
                p.policy.low = low;
                p.policy.cooldown_s = cooldown;
                p.policy.step_out = step;
                out.push_back(p);
              }
            }
          }
        }
        break;
      case PolicyType::kTargetTracking:
        for (double target : {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}) {
          for (int window : {0, 60, 120, 300, 600}) {
            p.policy.target = target;
            p.policy.scale_down_window_s = window;
            out.push_back(p);
          }
        }
        break;
      case PolicyType::kStep:
        for (double high : {0.6, 0.7, 0.8, 0.9}) {
          for (double low : {0.2, 0.3, 0.4, 0.5}) {
            if (low >= high) continue;
            for (int warmup : {60, 120, 300}) {
              p.policy.high = high;
              p.policy.low = low;
              p.policy.warmup_s = warmup;
              out.push_back(p);
            }
          }
        }
        break;
      case PolicyType::kRequestRate:
        for (double share : {0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
          for (int up : {0, 60, 120, 300}) {
            for (int down : {300, 600, 1200}) {
              p.policy.target_rps = pool.capacity_rps * share;
              p.policy.upscale_delay_s = up;
              p.policy.downscale_delay_s = down;
              out.push_back(p);
            }
          }
        }
        break;
      case PolicyType::kNone:
        out.push_back(p);
        break;
    }
  }
  return out;
}

Result<std::vector<TuneResult>> Tune(const Trace& trace, const std::vector<SimPool>& pools, const SimOptions& options,
                                     int threads, const std::function<void(size_t, size_t)>& progress) {
  struct Job {
    size_t pool;
    SimPool config;
    std::optional<PoolResult> result;
    std::optional<Error> error;
  };
  std::vector<Job> jobs;
  for (size_t i = 0; i < pools.size(); ++i) {
    for (auto& c : TuneCandidates(pools[i])) jobs.push_back({i, std::move(c), std::nullopt, std::nullopt});
  }
  SimOptions opt = options;
  opt.timeline = false;
  if (opt.tick_s <= 0) {
    // One tick for every candidate, so that all are compared alike.
    opt.tick_s = 60;
    for (const auto& p : pools) {
      if (p.policy.type != PolicyType::kNone) opt.tick_s = std::min(opt.tick_s, p.policy.period_s);
    }
  }
  std::atomic<size_t> next{0}, done{0};
  auto work = [&] {
    for (size_t j; (j = next.fetch_add(1)) < jobs.size();) {
      auto r = Simulate(trace, {jobs[j].config}, opt);
      if (r) jobs[j].result = r->pools.front();
      else jobs[j].error = r.error();
      done.fetch_add(1);
    }
  };
  std::vector<std::thread> pool_threads;
  for (int i = 1; i < std::max(1, threads); ++i) pool_threads.emplace_back(work);
  std::thread main_work(work);
  while (done.load() < jobs.size()) {
    if (progress) progress(done.load(), jobs.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  main_work.join();
  for (auto& t : pool_threads) t.join();
  if (progress) progress(jobs.size(), jobs.size());

  std::vector<TuneResult> out(pools.size());
  for (size_t i = 0; i < pools.size(); ++i) out[i].pool = pools[i].name;
  for (size_t j = 0; j < jobs.size(); ++j) {
    const Job& job = jobs[j];
    if (job.error) return tl::unexpected(*job.error);
    TuneResult& t = out[job.pool];
    const PoolResult& r = *job.result;
    if (t.tried == 0) t.original = r;  // the first candidate is the pool as written
    ++t.tried;
    if (r.UnderprovisionedShare() > opt.slo_underprovisioned + 1e-12) continue;
    ++t.met;
    // Cheapest; among equal costs, the fewer under-provisioned seconds.
    if (!t.found || r.cost < t.result.cost - 1e-9 ||
        (std::abs(r.cost - t.result.cost) <= 1e-9 && r.underprovisioned_s < t.result.underprovisioned_s)) {
      t.found = true;
      t.best = job.config;
      t.result = r;
    }
  }
  for (size_t i = 0; i < pools.size(); ++i) {
    if (out[i].found) Describe(pools[i], out[i].best, out[i].changes);
  }
  return out;
}

}  // namespace gpuscout
