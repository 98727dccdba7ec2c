// GS015 fit-render-gpu
#include <fmt/format.h>

#include "base/message.h"
#include "base/strings.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckFitRenderGpu(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.workload || r.workload->task != Task::kRender) continue;
    if (r.gpu->graphics) continue;
    out.push_back({"GS015", "fit-render-gpu", "warning", r.plan->line,
                   Message("lint.gs015", "data/gpus.csv").With("gpu", r.gpu->name).With("arch", r.gpu->architecture),
                   Message("lint.gs015_fix"), true});
  }
}

}  // namespace gpuscout
