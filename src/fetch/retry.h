// When to try an HTTP request again and how long to wait first: exponential
// backoff with full jitter (each wait uniform in [0, min(cap, base x 2^n)]),
// or the server's Retry-After when it gives one, within a total allowance.
#pragma once

#include <optional>
#include <string_view>

namespace gpuscout {

struct RetryPolicy {
  int attempts = 5;               // in all, the first included
  double base_delay_s = 0.5;
  double max_delay_s = 30;
  double request_timeout_s = 60;  // one request, connection to last byte
  double total_timeout_s = 600;   // every attempt and wait together
};

// Whether an answer is worth another try: 429, 5xx, or no answer at all
// (status 0: the connection failed or timed out).
bool Retryable(long status);

// Retry-After as delay-seconds (RFC 9110 10.2.3); nullopt for an HTTP date
// or anything unreadable, which falls back to the backoff.
std::optional<double> RetryAfterSeconds(std::string_view value);

// The wait before attempt `attempt` (1 = the first retry), `uniform` in [0, 1).
double BackoffSeconds(const RetryPolicy& p, int attempt, double uniform);

}  // namespace gpuscout
