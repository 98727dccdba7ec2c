// GS007 compat-cuda-cc
#include <fmt/format.h>

#include "base/message.h"
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
                     Message("lint.gs007", "data/cuda_compat.csv").With("cuda", ctx.plan.cuda).With("lo", r->cc_min)
                         .With("hi", r->cc_max).With("gpu", o.gpu->name).With("type", o.offer->instance_type).With("cc", cc),
                     Message(cc < r->cc_min ? "lint.gs007_fix_old" : "lint.gs007_fix_new")});
    }
  }
}

}  // namespace gpuscout
