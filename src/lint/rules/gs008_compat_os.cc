// GS008 compat-os
#include <fmt/format.h>

#include "base/message.h"
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
                   Message("lint.gs008_13").With("cuda", ctx.plan.cuda).With("os", ctx.plan.os_distribution),
                   Message("lint.gs008_13_fix")});
  } else if (major == 12 && minor >= 6) {
    out.push_back({"GS008", "compat-os", "warning", ctx.plan.os_line,
                   Message("lint.gs008_126").With("cuda", ctx.plan.cuda).With("os", ctx.plan.os_distribution),
                   Message("lint.gs008_126_fix")});
  } else if (major == 12 && minor == 5) {
    out.push_back({"GS008", "compat-os", "info", ctx.plan.os_line,
                   Message("lint.gs008_125").With("os", ctx.plan.os_distribution), Message("lint.gs008_125_fix")});
  }
}

}  // namespace gpuscout
