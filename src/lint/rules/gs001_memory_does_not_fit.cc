// GS001 memory-does-not-fit
#include <fmt/format.h>

#include "lint/rules/rules.h"

namespace gpuscout {

void CheckMemoryFit(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate) continue;
    const MemoryBreakdown& m = r.estimate->memory;
    if (!m.fits) {
      out.push_back({"GS001", "memory-does-not-fit", "error", r.plan->line,
                     fmt::format("{} on {} ({}): {}", r.estimate->workload.model.name, r.offer->instance_type,
                                 r.gpu->name, r.estimate->why_not),
                     "pick a GPU with more memory (gpuscout recommend finds one), shard (workload.zero: 3), "
                     "recompute activations, or fine-tune with LoRA/QLoRA"});
    }
  }
}

}  // namespace gpuscout
