// GS018 scale-no-schedule
#include <fmt/format.h>

#include <map>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckScaleSchedule(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!HaveTrace(ctx) || ctx.plan.fleet->has_schedule) return;
  // Each day's busiest hour (in the trace's own offset), by the hour's mean
  // load, so that a short spike does not count as the day's peak.
  std::map<std::pair<int64_t, int>, std::pair<double, int>> hourly;  // (day, hour) -> (sum, samples)
  for (const auto& x : ctx.trace->points) {
    const int64_t local = x.t + x.utc_offset_s;
    const int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    auto& h = hourly[{day, static_cast<int>((local - day * 86400) / 3600)}];
    h.first += x.value;
    ++h.second;
  }
  std::map<int64_t, std::pair<double, int>> daily;  // day -> (mean, hour)
  for (const auto& [key, h] : hourly) {
    const double mean = h.first / h.second;
    auto& d = daily[key.first];
    if (mean > d.first) d = {mean, key.second};
  }
  if (daily.size() < 2) return;
  int hours[24] = {};
  for (const auto& [day, d] : daily) ++hours[d.second];
  // The busiest two-hour window of daily peaks.
  int best = 0, at = 0;
  for (int h = 0; h < 24; ++h) {
    const int n = hours[h] + hours[(h + 1) % 24];
    if (n > best || (n == best && hours[h] > hours[at])) {
      best = n;
      at = h;
    }
  }
  if (best < 0.7 * static_cast<double>(daily.size())) return;
  out.push_back({"GS018", "scale-no-schedule", "warning", ctx.plan.fleet->line,
                 Message("lint.gs018").With("from", at).With("to", (at + 2) % 24).With("days", best)
                     .With("of", daily.size()),
                 Message("lint.gs018_fix").With("at", at)});
}

}  // namespace gpuscout
