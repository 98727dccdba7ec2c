// GS008 compat-os
#include <fmt/format.h>

#include "base/strings.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCompatOs(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!IsEl7(ctx.plan) || ctx.plan.cuda.empty()) return;
  const int major = static_cast<int>(ParseDouble(Split(ctx.plan.cuda, '.')[0]).value_or(0));
  const double minor = Split(ctx.plan.cuda, '.').size() > 1 ? ParseDouble(Split(ctx.plan.cuda, '.')[1]).value_or(0) : 0;
  if (major >= 13) {
    out.push_back({"GS008", "compat-os", "error", ctx.plan.os_line,
                   "CUDA " + ctx.plan.cuda + " on " + ctx.plan.os_distribution + " 7: CUDA 13 does not support CentOS 7 "
                   "(PyTorch maintainers, PT-114287), and the CUDA install guide dropped RHEL/CentOS 7 after 12.4",
                   "move to a supported OS (RHEL/Rocky 8+, Ubuntu 22.04+), or stay on CUDA 12.4"});
  } else if (major == 12 && minor >= 6) {
    out.push_back({"GS008", "compat-os", "warning", ctx.plan.os_line,
                   "CUDA " + ctx.plan.cuda + " on " + ctx.plan.os_distribution + " 7: the CUDA " + ctx.plan.cuda +
                       " Linux install guide has no RHEL/CentOS 7 section (12.4's still has one)",
                   "stay on CUDA 12.4 on this OS, or move to a supported OS"});
  } else if (major == 12 && minor == 5) {
    out.push_back({"GS008", "compat-os", "info", ctx.plan.os_line,
                   "CUDA 12.5 on " + ctx.plan.os_distribution + " 7: whether 12.5 still supports it is not established "
                   "by the data (12.4's guide covers RHEL 7, 12.6's does not; 12.5's was not read)",
                   "check NVIDIA's 12.5 install guide"});
  }
}

}  // namespace gpuscout
