// GS016 scale-capacity
#include <fmt/format.h>

#include <cmath>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckScaleCapacity(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!HaveTrace(ctx) || !ctx.plan.fleet->max_nodes || !ctx.plan.fleet->capacity_rps) return;
  const double capacity = *ctx.plan.fleet->max_nodes * *ctx.plan.fleet->capacity_rps;
  const double peak = ctx.trace->Peak();
  if (capacity >= peak) return;
  out.push_back({"GS016", "scale-capacity", "error", ctx.plan.fleet->line,
                 Message("lint.gs016").With("nodes", *ctx.plan.fleet->max_nodes).With("rps", *ctx.plan.fleet->capacity_rps)
                     .With("capacity", capacity).With("peak", peak).With("pct", 100 * (1 - capacity / peak)),
                 Message("lint.gs016_fix").With("nodes", std::ceil(peak / *ctx.plan.fleet->capacity_rps))});
}

}  // namespace gpuscout
