// GS005 network-zones
#include <fmt/format.h>

#include <set>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckNetworkZones(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2) return;
  std::set<std::string> zones(ctx.plan.zones.begin(), ctx.plan.zones.end());
  if (zones.size() < 2) return;
  out.push_back({"GS005", "network-zones", "warning", ctx.plan.network_line,
                 fmt::format("the training nodes are spread over {} zones: placement groups and RDMA do not span "
                             "zones, so every all-reduce crosses the zones' network",
                             zones.size()),
                 "put all nodes of a job in one zone, in a placement group"});
}

}  // namespace gpuscout
