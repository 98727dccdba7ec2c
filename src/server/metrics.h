// Prometheus text metrics: requests and errors by route and status, and a
// latency histogram per route.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace gpuscout {

class Metrics {
 public:
  void Observe(const std::string& route, int status, double seconds);
  std::string Text() const;

  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};

 private:
  struct Route {
    std::map<int, long> by_status;
    std::array<long, kBuckets.size()> buckets{};
    long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Route> routes_;
};

}  // namespace gpuscout
