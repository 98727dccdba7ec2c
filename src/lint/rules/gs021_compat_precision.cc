// GS021 compat-precision: the plan computes in a precision the GPU has no
// rate for (bf16 before Ampere, fp8 before Ada and Hopper, fp4 before
// Blackwell). The workload is not estimated on that offer.
#include "base/message.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCompatPrecision(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& o : ctx.offers) {
    if (o.unsupported_precision.empty()) continue;
    out.push_back({"GS021", "compat-precision", "error", ctx.plan.workload_line,
                   Message("lint.gs021", "data/gpus.csv").With("type", o.offer->instance_type)
                       .With("why", Verbatim(o.unsupported_precision)),
                   Message("lint.gs021_fix")});
  }
}

}  // namespace gpuscout
