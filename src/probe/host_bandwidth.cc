#include "probe/host_bandwidth.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace gpuscout::probe {
namespace {

using Clock = std::chrono::steady_clock;

// Runs body(begin, end) on `threads` threads over [0, n), each on its own slice.
template <typename Body>
double TimedParallel(int threads, size_t n, Body body) {
  std::vector<std::thread> pool;
  const auto start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    const size_t b = n * static_cast<size_t>(t) / static_cast<size_t>(threads);
    const size_t e = n * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
    pool.emplace_back([=] { body(b, e); });
  }
  for (auto& th : pool) th.join();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

HostBandwidth MeasureHostBandwidth(const HostBandwidthOptions& o) {
  HostBandwidth r;
  r.threads = o.threads > 0 ? o.threads
                            : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  r.repeats = std::max(1, o.repeats);
  r.array_bytes = std::max<size_t>(o.min_array_bytes, 4 * o.last_level_cache_bytes);
  const size_t n = r.array_bytes / sizeof(double);
  // Allocated without initialising, then touched by the threads that use them
  // (first touch places pages near those threads on NUMA machines).
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
  TimedParallel(r.threads, n, [&](size_t s, size_t e) {
    for (size_t i = s; i < e; ++i) {
      a[i] = 1.0;
      b[i] = 2.0;
      c[i] = 0.5 + static_cast<double>(i % 7);
    }
  });
  const double words = static_cast<double>(n) * sizeof(double);
  double best_copy = 1e300, best_triad = 1e300;
  const int steps = 3 * r.repeats;
  int done = 0;
  for (int k = 0; k < r.repeats; ++k) {
    best_copy = std::min(best_copy, TimedParallel(r.threads, n, [&](size_t s, size_t e) {
                           for (size_t i = s; i < e; ++i) c[i] = a[i];
                         }));
    if (o.progress) o.progress(static_cast<double>(++done) / steps);
    const double scalar = 3.0;
    best_triad = std::min(best_triad, TimedParallel(r.threads, n, [&](size_t s, size_t e) {
                            for (size_t i = s; i < e; ++i) a[i] = b[i] + scalar * c[i];
                          }));
    if (o.progress) o.progress(static_cast<double>(++done) / steps);
  }
  r.copy_gbps = 2 * words / best_copy / 1e9;
  r.triad_gbps = 3 * words / best_triad / 1e9;

  // The best of the repeats, as STREAM and the copy and triad above report:
  // a noisy neighbour on a shared host only ever slows a repeat down.
  double best = 1e300;
  std::memcpy(b.get(), a.get(), r.array_bytes);  // warm-up
  for (int k = 0; k < r.repeats; ++k) {
    const auto start = Clock::now();
    std::memcpy(b.get(), a.get(), r.array_bytes);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    if (o.progress) o.progress(static_cast<double>(++done) / steps);
  }
  r.memcpy_1thread_gbps = words / best / 1e9;
  // Keep the results observable so the loops are not optimised away.
  volatile double sink = a[n / 2] + b[n / 3] + c[n / 5];
  (void)sink;
  return r;
}

}  // namespace gpuscout::probe
