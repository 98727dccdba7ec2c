#include "fetch/retry.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gpuscout {

bool Retryable(long status) { return status == 0 || status == 429 || (status >= 500 && status <= 599); }

std::optional<double> RetryAfterSeconds(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  long seconds = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || seconds < 0) return std::nullopt;
  return static_cast<double>(seconds);
}

double BackoffSeconds(const RetryPolicy& p, int attempt, double uniform) {
  const double ceiling = std::min(p.max_delay_s, p.base_delay_s * std::pow(2.0, std::max(0, attempt - 1)));
  return std::clamp(uniform, 0.0, 1.0) * ceiling;
}

}  // namespace gpuscout
