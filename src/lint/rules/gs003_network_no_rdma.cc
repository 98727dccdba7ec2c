// GS003 network-no-rdma
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckNetworkRdma(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2) return;
  const auto& r = ctx.offers.front();
  const bool offer_rdma = !r.offer->rdma.empty() && r.offer->rdma != "none";
  const bool claimed = !ctx.plan.rdma.empty() && ctx.plan.rdma != "none";
  // The plan enables RDMA on an instance type whose vendor documents none.
  const bool contradicted = claimed && r.offer->rdma == "none";
  const bool rdma = contradicted ? false : ctx.plan.rdma.empty() ? offer_rdma : claimed;
  if (rdma || !r.workload || !r.hardware) return;
  const double tcp = CommShare(ctx, r, Network::kTcp);
  const double efa = CommShare(ctx, r, Network::kEfa);
  out.push_back({"GS003", "network-no-rdma", "error", ctx.plan.network_line ? ctx.plan.network_line : r.plan->line,
                 Message("lint.gs003")
                     .With("contradicted", contradicted ? Message("lint.gs003_contradicted", "data/network_facts.csv")
                                                              .With("rdma", ctx.plan.rdma).With("type", r.offer->instance_type)
                                                        : Message())
                     .With("nodes", TrainingNodes(ctx)).With("tcp", 100 * tcp).With("rdma", 100 * efa),
                 Message("lint.gs003_fix")});
}

}  // namespace gpuscout
