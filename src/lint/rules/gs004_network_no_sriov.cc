// GS004 network-no-sriov
#include <fmt/format.h>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckNetworkSriov(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2 || !ctx.plan.sriov || *ctx.plan.sriov) return;
  out.push_back({"GS004", "network-no-sriov", "warning", ctx.plan.network_line,
                 "multi-node training with SR-IOV (ENA/enhanced networking) off: the seed article reports about 40% "
                 "lower multi-GPU efficiency without SR-IOV or RDMA (a claim of the article, not a measurement cited here)",
                 "enable enhanced networking (SR-IOV) on the instances", true});
}

}  // namespace gpuscout
