// GS001 memory-does-not-fit
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckMemoryFit(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate) continue;
    const MemoryBreakdown& m = r.estimate->memory;
    if (!m.fits) {
      out.push_back({"GS001", "memory-does-not-fit", "error", r.plan->line,
                     Message("lint.gs001").With("model", r.estimate->workload.model.name)
                         .With("type", r.offer->instance_type).With("gpu", r.gpu->name).With("why", r.estimate->why_not),
                     Message("lint.gs001_fix")});
    }
  }
}

}  // namespace gpuscout
