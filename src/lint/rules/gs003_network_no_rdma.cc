// GS003 network-no-rdma
#include <fmt/format.h>

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
                 fmt::format("{}multi-node training over {} nodes without RDMA (EFA, eRDMA, InfiniBand): the gradient "
                             "all-reduce takes {:.0f}% of each step over TCP, {:.0f}% with RDMA",
                             contradicted ? fmt::format("the plan sets network.rdma: {} but {} has none "
                                                        "(data/network_facts.csv); ",
                                                        ctx.plan.rdma, r.offer->instance_type)
                                          : "",
                             TrainingNodes(ctx), 100 * tcp, 100 * efa),
                 "use an instance with EFA/eRDMA/InfiniBand and enable it (network.rdma), or train on one node"});
}

}  // namespace gpuscout
