// GS006 compat-driver
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {


void CheckCompatDriver(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (ctx.plan.driver.empty() || ctx.plan.cuda.empty()) return;
  const CudaRelease* r = Release(ctx, ctx.plan.cuda);
  if (!r) return;
  if (CompareVersions(ctx.plan.driver, r->min_driver) < 0) {
    out.push_back({"GS006", "compat-driver", "error", ctx.plan.driver_line,
                   Message("lint.gs006", "data/cuda_compat.csv").With("driver", ctx.plan.driver).With("cuda", ctx.plan.cuda)
                       .With("min", r->min_driver),
                   Message("lint.gs006_fix").With("min", r->min_driver)});
  }
}

}  // namespace gpuscout
