// GS015 fit-render-gpu
#include <fmt/format.h>

#include "base/strings.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckFitRenderGpu(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.workload || r.workload->task != Task::kRender) continue;
    if (r.gpu->graphics) continue;
    out.push_back({"GS015", "fit-render-gpu", "warning", r.plan->line,
                   fmt::format("rendering on {} ({}): a compute GPU without display outputs or RT cores, as the seed "
                               "article warns for A100/H100 (data/gpus.csv marks it not graphics-capable)",
                               r.gpu->name, r.gpu->architecture),
                   "render on an RTX/L-series GPU (L4, L40S, RTX A6000, RTX 6000 Ada, A10)", true});
  }
}

}  // namespace gpuscout
