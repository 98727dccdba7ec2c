// GS007 compat-cuda-cc
#include <fmt/format.h>

#include "base/strings.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {


void CheckCompatCudaCc(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (ctx.plan.cuda.empty()) return;
  const CudaRelease* r = Release(ctx, ctx.plan.cuda);
  if (!r) return;
  for (const auto& o : ctx.offers) {
    if (!o.gpu || o.gpu->compute_capability.empty()) continue;
    const double cc = ParseDouble(o.gpu->compute_capability).value_or(0);
    if (cc < r->cc_min - 1e-9 || cc > r->cc_max + 1e-9) {
      out.push_back({"GS007", "compat-cuda-cc", "error", ctx.plan.cuda_line,
                     fmt::format("CUDA {} builds for compute capability {:.1f} to {:.1f}; {} on {} is {:.1f}",
                                 ctx.plan.cuda, r->cc_min, r->cc_max, o.gpu->name, o.offer->instance_type, cc),
                     cc < r->cc_min ? "use CUDA 12.9 or older for this GPU, or a newer GPU"
                                    : "use a newer CUDA release that knows this GPU"});
    }
  }
}

}  // namespace gpuscout
