// GS015 fit-render-gpu
#include <fmt/format.h>

#include "base/strings.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckFitRenderGpu(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.workload || r.workload->task != Task::kRender) continue;
    const std::string arch = r.gpu->architecture;
    const bool compute_die = arch.find("GA100") != std::string::npos || arch.find("GH100") != std::string::npos ||
                             StartsWith(arch, "Volta") || StartsWith(arch, "CDNA");
    if (!compute_die) continue;
    out.push_back({"GS015", "fit-render-gpu", "warning", r.plan->line,
                   fmt::format("rendering on {} ({}): a compute GPU without display outputs or RT cores, as the seed "
                               "article warns for A100/H100 (the spec data here has no RT-core column)",
                               r.gpu->name, arch),
                   "render on an RTX/L-series GPU (L4, L40S, RTX A6000, RTX 6000 Ada, A10)", true});
  }
}

}  // namespace gpuscout
