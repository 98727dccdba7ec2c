#include "autoscale/synthetic.h"

#include <cmath>
#include <random>

namespace gpuscout {

std::optional<Trace> ExampleTrace(const std::string& name, uint64_t seed, int days) {
  if (name != "diurnal" && name != "spiky" && name != "weekly") return std::nullopt;
  if (days <= 0) days = name == "weekly" ? 14 : 7;
  constexpr int kOffset = 8 * 3600;               // +08:00
  constexpr int64_t kStart = 1767542400;  // 2026-01-05T00:00:00+08:00 (a Monday) = 2026-01-04T16:00:00Z
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 0.05);
  std::exponential_distribution<double> gap(3.0 / 1440);  // spiky: three bursts a day
  std::uniform_real_distribution<double> uniform(0, 1);
  Trace t;
  t.file = "example:" + name;
  const int minutes = days * 1440;
  t.points.reserve(static_cast<size_t>(minutes));
  double next_burst = name == "spiky" ? gap(rng) : 1e18;
  int burst_left = 0;
  double burst = 1;
  for (int m = 0; m < minutes; ++m) {
    const double hour = (m % 1440) / 60.0;
    // Lowest at 08:00, highest at 20:00 local time.
    double rps = 60 + 240 * (0.5 - 0.5 * std::cos(2 * M_PI * (hour - 8) / 24));
    if (name == "weekly" && (m / 1440) % 7 >= 5) rps *= 0.4;
    if (name == "spiky") {
      rps *= 0.6;
      if (burst_left == 0 && m >= next_burst) {
        burst_left = 5 + static_cast<int>(uniform(rng) * 15);
        burst = 2 + 2 * uniform(rng);
        next_burst = m + gap(rng);
      }
      if (burst_left > 0) {
        rps *= burst;
        --burst_left;
      }
    }
    rps *= std::max(0.0, 1 + noise(rng));
    t.points.push_back({kStart + int64_t{60} * m, kOffset, std::round(rps * 10) / 10});
  }
  return t;
}

}  // namespace gpuscout
