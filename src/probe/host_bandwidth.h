// Host memory bandwidth, STREAM-style: copy (c = a) and triad (a = b + s*c)
// over arrays at least four times the last-level cache, on every core; and a
// single-thread memcpy, the figure `mbw` reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace gpuscout::probe {

struct HostBandwidthOptions {
  uint64_t last_level_cache_bytes = 0;
  size_t min_array_bytes = 64ull << 20;  // per array, whatever the cache
  int threads = 0;                       // 0: every logical CPU
  int repeats = 10;
  std::function<void(double)> progress;
};

struct HostBandwidth {
  size_t array_bytes = 0;  // per array
  int threads = 0;
  int repeats = 0;
  // STREAM's convention: copy moves 2 words per element (read a, write c),
  // triad 3 (read b and c, write a); the best of the repeats, decimal GB/s.
  double copy_gbps = 0;
  double triad_gbps = 0;
  // One thread, memcpy of one array into another, bytes copied per second
  // (what `mbw` reports); the best of the repeats, as copy and triad.
  double memcpy_1thread_gbps = 0;
};

HostBandwidth MeasureHostBandwidth(const HostBandwidthOptions& options);

}  // namespace gpuscout::probe
