// GS017 scale-cooldown
#include <fmt/format.h>

#include <algorithm>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

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
                 Message("lint.gs017").With("spikes", spikes.size()).With("median", median)
                     .With("cooldown", *ctx.plan.fleet->cooldown_s),
                 Message("lint.gs017_fix").With("median", median)});
}

}  // namespace gpuscout
