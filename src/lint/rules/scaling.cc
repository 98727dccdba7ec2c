// GS016 scale-capacity, GS017 scale-cooldown, GS018 scale-no-schedule: the
// fleet's autoscaling limits against its load trace.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "lint/rules/rules.h"

namespace gpuscout {
namespace {

bool HaveTrace(const LintContext& ctx) { return ctx.plan.fleet && ctx.trace && !ctx.trace->utilization; }

}  // namespace

void CheckScaleCapacity(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!HaveTrace(ctx) || !ctx.plan.fleet->max_nodes || !ctx.plan.fleet->capacity_rps) return;
  const double capacity = *ctx.plan.fleet->max_nodes * *ctx.plan.fleet->capacity_rps;
  const double peak = ctx.trace->Peak();
  if (capacity >= peak) return;
  out.push_back({"GS016", "scale-capacity", "error", ctx.plan.fleet->line,
                 fmt::format("at most {} nodes x {:g} requests/s = {:g} requests/s, but the trace peaks at {:g} "
                             "requests/s: {:.0f}% of the peak is dropped or queued",
                             *ctx.plan.fleet->max_nodes, *ctx.plan.fleet->capacity_rps, capacity, peak,
                             100 * (1 - capacity / peak)),
                 fmt::format("raise fleet.max_nodes to at least {:.0f}", std::ceil(peak / *ctx.plan.fleet->capacity_rps))});
}

void CheckScaleCooldown(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!HaveTrace(ctx) || !ctx.plan.fleet->cooldown_s) return;
  // A spike: a run of samples above 1.5x the median load. Its length runs from
  // its first sample to the first sample after it.
  const auto& p = ctx.trace->points;
  const double threshold = 1.5 * ctx.trace->Median();
  std::vector<double> spikes;
  for (size_t i = 0; i < p.size();) {
    if (p[i].value <= threshold) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < p.size() && p[j].value > threshold) ++j;
    const int64_t end = j < p.size() ? p[j].t : p.back().t;
    spikes.push_back(static_cast<double>(end - p[i].t));
    i = j;
  }
  if (spikes.empty()) return;
  std::sort(spikes.begin(), spikes.end());
  const double median = spikes[spikes.size() / 2];
  if (*ctx.plan.fleet->cooldown_s <= median) return;
  out.push_back({"GS017", "scale-cooldown", "warning", ctx.plan.fleet->line,
                 fmt::format("the trace's {} spikes (load above 1.5x its median) last a median of {:.0f} s, shorter than "
                             "the {:.0f} s cooldown: after one scale-out the fleet cannot react again before the spike is over",
                             spikes.size(), median, *ctx.plan.fleet->cooldown_s),
                 fmt::format("shorten fleet.cooldown_s below {:.0f} s, or scale by a larger step", median)});
}

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
                 fmt::format("the load peaks between {:02d}:00 and {:02d}:00 on {} of {} days, and the fleet has no "
                             "schedule: it scales out only after the peak has begun (plus boot time)",
                             at, (at + 2) % 24, best, daily.size()),
                 fmt::format("add a scheduled scale-out before {:02d}:00 (fleet.schedule, cron in the trace's time zone) - "
                             "the seed's 'pre-scale every day at 20:00'",
                             at)});
}

}  // namespace gpuscout
