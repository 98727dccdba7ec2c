// GS005 network-zones
#include <fmt/format.h>

#include <set>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckNetworkZones(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2) return;
  std::set<std::string> zones(ctx.plan.zones.begin(), ctx.plan.zones.end());
  if (zones.size() < 2) return;
  out.push_back({"GS005", "network-zones", "warning", ctx.plan.network_line,
                 Message("lint.gs005").With("zones", zones.size()), Message("lint.gs005_fix")});
}

}  // namespace gpuscout
