// TCP round-trip latency and throughput to an echo server, and the echo
// server itself (`probe --serve-echo PORT`), so two machines can measure
// each other.
#pragma once

#include <atomic>
#include <functional>
#include <iosfwd>
#include <string>

#include "base/error.h"

namespace gpuscout::probe {

struct NetResult {
  std::string target;  // host:port
  int pings = 0;
  int message_bytes = 0;
  double rtt_median_us = 0;
  double rtt_p99_us = 0;
  double rtt_min_us = 0;
  size_t stream_bytes = 0;
  double throughput_gbps = 0;  // decimal Gbit/s, bytes sent and echoed back
};

struct NetOptions {
  int pings = 2000;
  int warmup = 200;
  int message_bytes = 64;
  size_t stream_bytes = 64ull << 20;
};

// "host:port" -> result. Fails with ExitCode::kEnvironment when it cannot connect.
Result<NetResult> MeasureTcp(const std::string& target, const NetOptions& options);

// Serves TCP echo on bind:port until `stop` becomes true or `seconds` pass (0:
// forever). Each connection is served on its own thread. Fails with
// ExitCode::kEnvironment when the port cannot be bound (taken).
Result<void> ServeEcho(const std::string& bind, int port, double seconds,
                       const std::atomic<bool>& stop, const std::function<void(int)>& on_ready);

}  // namespace gpuscout::probe
