// A load trace: requests per second (or utilisation) over time, from CSV
// (`timestamp` as ISO-8601 with an offset or epoch seconds, then `rps` or
// `utilization`). Bad rows fail with file, line, column and field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/env.h"
#include "base/error.h"

namespace gpuscout {

struct TracePoint {
  int64_t t = 0;          // seconds since the epoch, UTC
  int utc_offset_s = 0;   // the timestamp's own offset (0 for epoch seconds)
  double value = 0;       // requests/s, or utilisation 0..1
};

struct Trace {
  std::string file;
  bool utilization = false;  // values are utilisation, not requests/s
  std::vector<TracePoint> points;

  double Peak() const;
  double Median() const;
};

Result<Trace> ParseTrace(std::string_view csv, const std::string& file);

// FormatUtc (base/env.h) writes times back out as "2026-01-05T12:00:00Z".

// "2026-01-05T20:00:00+08:00", "2026-01-05 20:00:00Z", "1767614400".
// Timestamps run from the epoch to the end of year 9999.
inline constexpr int64_t kLatestTimestamp = 253402300799;
Result<TracePoint> ParseTimestamp(std::string_view text);

}  // namespace gpuscout
