#include "probe/cpu_flops.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace gpuscout::probe {
namespace {

// 16 independent accumulators x 8 lanes: enough work in flight for the
// compiler's vector units; 2 FLOPs (multiply + add) per lane per step.
constexpr int kLanes = 128;

double Kernel(long steps, float seed) {
  alignas(64) float acc[kLanes];
  alignas(64) float mul[kLanes];
  for (int i = 0; i < kLanes; ++i) {
    acc[i] = seed + static_cast<float>(i) * 1e-3f;
    mul[i] = 0.999999f - static_cast<float>(i) * 1e-9f;
  }
  for (long s = 0; s < steps; ++s) {
    for (int i = 0; i < kLanes; ++i) acc[i] = acc[i] * mul[i] + 1e-7f;
  }
  float sum = 0;
  for (float a : acc) sum += a;
  return static_cast<double>(sum);
}

}  // namespace

CpuFlops MeasureCpuFlops(double seconds) {
  CpuFlops r;
  r.threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  // Calibrate the step count on one thread, then run all threads together.
  long steps = 1 << 14;
  using Clock = std::chrono::steady_clock;
  double one = 0;
  while (true) {
    const auto t0 = Clock::now();
    volatile double sink = Kernel(steps, 1.0f);
    (void)sink;
    one = std::chrono::duration<double>(Clock::now() - t0).count();
    if (one > seconds / 4 || steps > (1L << 30)) break;
    steps *= 2;
  }
  std::vector<std::thread> pool;
  std::atomic<double> total{0};
  const auto t0 = Clock::now();
  for (int t = 0; t < r.threads; ++t) {
    pool.emplace_back([&, t] {
      const double v = Kernel(steps, static_cast<float>(t));
      double cur = total.load();
      while (!total.compare_exchange_weak(cur, cur + v)) {
      }
    });
  }
  for (auto& th : pool) th.join();
  const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  volatile double keep = total.load();
  (void)keep;
  r.gflops = 2.0 * kLanes * static_cast<double>(steps) * r.threads / wall / 1e9;
  return r;
}

}  // namespace gpuscout::probe
