// GS003 network-no-rdma, GS004 network-no-sriov, GS005 network-zones:
// multi-node training and the network between its nodes.
#include <fmt/format.h>

#include <set>

#include "lint/rules/rules.h"

namespace gpuscout {
namespace {

// Nodes of a training job across the plan's offers.
int TrainingNodes(const LintContext& ctx) {
  if (!ctx.plan.workload || ctx.offers.empty() || !ctx.offers.front().workload) return 0;
  if (!IsTraining(ctx.offers.front().workload->task)) return 0;
  int nodes = 0;
  for (const auto& r : ctx.offers) nodes += r.plan->count;
  return nodes;
}

// The all-reduce share of step time with a given transport between nodes.
double CommShare(const LintContext& ctx, const ResolvedOffer& r, Network net) {
  Hardware hw = *r.hardware;
  hw.network = net;
  MemoryBreakdown m;
  Throughput t;
  ctx.estimator.Fast(*r.workload, hw, m, t);
  return t.step_s > 0 ? t.comm_s / t.step_s : 0;
}

}  // namespace

void CheckNetworkRdma(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2) return;
  const auto& r = ctx.offers.front();
  const bool rdma = (!ctx.plan.rdma.empty() && ctx.plan.rdma != "none") || !r.offer->rdma.empty();
  if (rdma || !r.workload || !r.hardware) return;
  const double tcp = CommShare(ctx, r, Network::kTcp);
  const double efa = CommShare(ctx, r, Network::kEfa);
  out.push_back({"GS003", "network-no-rdma", "error", ctx.plan.network_line ? ctx.plan.network_line : r.plan->line,
                 fmt::format("multi-node training over {} nodes without RDMA (EFA, eRDMA, InfiniBand): the gradient "
                             "all-reduce takes {:.0f}% of each step over TCP, {:.0f}% with RDMA",
                             TrainingNodes(ctx), 100 * tcp, 100 * efa),
                 "use an instance with EFA/eRDMA/InfiniBand and enable it (network.rdma), or train on one node"});
}

void CheckNetworkSriov(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (TrainingNodes(ctx) < 2 || !ctx.plan.sriov || *ctx.plan.sriov) return;
  out.push_back({"GS004", "network-no-sriov", "warning", ctx.plan.network_line,
                 "multi-node training with SR-IOV (ENA/enhanced networking) off: the seed article reports about 40% "
                 "lower multi-GPU efficiency without SR-IOV or RDMA (a claim of the article, not a measurement cited here)",
                 "enable enhanced networking (SR-IOV) on the instances", true});
}

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
