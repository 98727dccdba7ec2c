// GS020 scale-slo: the plan's fleet replayed on its trace by the `scale`
// simulator misses the SLO (time short of capacity above the fleet's slo,
// 0.1% by default).
#include <fmt/format.h>

#include "base/message.h"
#include "autoscale/simulator.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckScaleSlo(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!ctx.fleet || !ctx.trace || ctx.trace->points.size() < 2) return;
  SimOptions o;
  o.slo_underprovisioned = ctx.fleet->slo_underprovisioned.value_or(0.001);
  o.tick_s = ctx.fleet->tick_s.value_or(0);
  o.seed = ctx.fleet->seed.value_or(42);
  auto r = Simulate(*ctx.trace, ctx.fleet->pools, o);
  if (!r || r->slo_met) return;
  const PoolResult& p = r->pools.front();
  out.push_back({"GS020", "scale-slo", "warning", ctx.plan.fleet->line,
                 Message("lint.gs020").With("short_pct", 100 * p.UnderprovisionedShare())
                     .With("minutes", p.underprovisioned_s / 60).With("slo_pct", 100 * o.slo_underprovisioned)
                     .With("unserved_pct", p.requests > 0 ? 100 * p.unserved / p.requests : 0.0)
                     .With("peak", p.peak_nodes),
                 Message("lint.gs020_fix")});
}

}  // namespace gpuscout
