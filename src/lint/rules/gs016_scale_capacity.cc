// GS016 scale-capacity
#include <fmt/format.h>

#include <cmath>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

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

}  // namespace gpuscout
