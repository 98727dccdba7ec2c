#include "server/metrics.h"

#include <fmt/format.h>

namespace gpuscout {

void Metrics::Observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  Route& r = routes_[route];
  ++r.by_status[status];
  ++r.count;
  r.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++r.buckets[i];
  }
}

std::string Metrics::Text() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP gpuscout_http_requests_total HTTP requests by route and status.\n"
         "# TYPE gpuscout_http_requests_total counter\n";
  for (const auto& [route, r] : routes_) {
    for (const auto& [status, n] : r.by_status) {
      out += fmt::format("gpuscout_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", route, status, n);
    }
  }
  out += "# HELP gpuscout_http_errors_total HTTP responses with status 400 or above, by route.\n"
         "# TYPE gpuscout_http_errors_total counter\n";
  for (const auto& [route, r] : routes_) {
    long errors = 0;
    for (const auto& [status, n] : r.by_status) errors += status >= 400 ? n : 0;
    out += fmt::format("gpuscout_http_errors_total{{route=\"{}\"}} {}\n", route, errors);
  }
  out += "# HELP gpuscout_http_request_duration_seconds Time to answer, by route.\n"
         "# TYPE gpuscout_http_request_duration_seconds histogram\n";
  for (const auto& [route, r] : routes_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("gpuscout_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route, kBuckets[i], r.buckets[i]);
    }
    out += fmt::format("gpuscout_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, r.count);
    out += fmt::format("gpuscout_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, r.sum);
    out += fmt::format("gpuscout_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, r.count);
  }
  return out;
}

}  // namespace gpuscout
