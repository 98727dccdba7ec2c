// GS006 compat-driver
#include <fmt/format.h>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {


void CheckCompatDriver(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (ctx.plan.driver.empty() || ctx.plan.cuda.empty()) return;
  const CudaRelease* r = Release(ctx, ctx.plan.cuda);
  if (!r) return;
  if (CompareVersions(ctx.plan.driver, r->min_driver) < 0) {
    out.push_back({"GS006", "compat-driver", "error", ctx.plan.driver_line,
                   fmt::format("NVIDIA driver {} is older than CUDA {} requires ({} or later, NVIDIA's release-note "
                               "table): CUDA programs fail with 'driver version is insufficient'",
                               ctx.plan.driver, ctx.plan.cuda, r->min_driver),
                   fmt::format("install driver {} or later, or use a CUDA release this driver supports", r->min_driver)});
  }
}

}  // namespace gpuscout
