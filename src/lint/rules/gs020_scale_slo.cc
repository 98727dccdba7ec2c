// GS020 scale-slo: the plan's fleet replayed on its trace by the `scale`
// simulator misses the SLO (time short of capacity above the fleet's slo,
// 0.1% by default).
#include <fmt/format.h>

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
                 fmt::format("replayed on its trace (gpuscout scale simulate), the fleet is short of capacity {:.2f}% of the "
                             "time ({:.0f} minutes) against an SLO of {:.2f}%, and {:.2f}% of requests go unserved; "
                             "peak {} nodes",
                             100 * p.UnderprovisionedShare(), p.underprovisioned_s / 60, 100 * o.slo_underprovisioned,
                             p.requests > 0 ? 100 * p.unserved / p.requests : 0.0, p.peak_nodes),
                 "run `gpuscout scale tune` on the fleet for the cheapest setting within the SLO (often a larger "
                 "min_nodes, a lower threshold, a shorter cooldown or boot time, or a schedule before the peak)"});
}

}  // namespace gpuscout
