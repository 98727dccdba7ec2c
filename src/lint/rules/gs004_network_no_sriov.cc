// GS004 network-no-sriov
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckNetworkSriov(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2 || !ctx.plan.sriov || *ctx.plan.sriov) return;
  out.push_back({"GS004", "network-no-sriov", "warning", ctx.plan.network_line, Message("lint.gs004"),
                 Message("lint.gs004_fix"), true});
}

}  // namespace gpuscout
