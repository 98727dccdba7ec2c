// Helpers the rules share.
#include "lint/rules/helpers.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "cost/cost_model.h"

namespace gpuscout {


// from network.cc

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

// from compat.cc


// The row for "12.4" (or "12.4.1"); the N.x row when the minor is not listed.
const CudaRelease* Release(const LintContext& ctx, const std::string& cuda) {
  const auto parts = Split(cuda, '.');
  const std::string minor = parts.size() >= 2 ? parts[0] + "." + parts[1] : cuda;
  for (const auto& r : ctx.compat) {
    if (!r.family && r.version == minor) return &r;
  }
  for (const auto& r : ctx.compat) {
    if (r.family && r.version == parts[0] + ".x") return &r;
  }
  return nullptr;
}


GccBounds Gcc(const std::string& cuda) {
  const double v = ParseDouble(Split(cuda, '.')[0]).value_or(0) * 100 +
                   (Split(cuda, '.').size() > 1 ? ParseDouble(Split(cuda, '.')[1]).value_or(0) : 0);
  GccBounds b{v < 1104 ? 5.0 : 6.0, std::nullopt};
  if (v < 1101) b.below = 10;
  else if (v >= 1104 && v <= 1105) b.below = 11.2;
  else if (v >= 1106 && v <= 1108) b.below = 12;
  else if (v >= 1200 && v <= 1203) b.below = 13;
  else if (v >= 1204 && v <= 1208) b.below = 14;
  else if (v >= 1209 && v < 1300) b.below = 15;
  else if (v >= 1300) b.below = 16;
  return b;
}

double GccNumber(const std::string& gcc) {
  const auto parts = Split(gcc, '.');
  return ParseDouble(parts[0]).value_or(0) + (parts.size() > 1 ? ParseDouble(parts[1]).value_or(0) / 10 : 0);
}

bool IsEl7(const Plan& p) {
  const bool el = p.os_distribution == "centos" || p.os_distribution == "rhel" || p.os_distribution == "redhat";
  return el && (p.os_version == "7" || StartsWith(p.os_version, "7."));
}

// from cost.cc

std::optional<Purchase> PurchaseOf(const ResolvedOffer& r) { return ParsePurchase(r.plan->purchase); }


// from fit.cc

// Inference-class GPUs: low-power PCIe cards sold for inference (T4, L4,
// A10/A10G, P4), as their vendor positions them.
bool InferenceClass(const GpuSpec& g) {
  for (const char* n : {"T4", "L4", "A10", "A10G", "P4"}) {
    if (g.name == n) return true;
  }
  return false;
}

// Price per useful PFLOP-hour: the offer's hourly price over its GPUs'
// 16-bit tensor peak (the same utilisation class on both sides).
std::optional<double> PricePerPflopHour(const Offer& o, const GpuSpec& g) {
  if (!o.price_hour || !g.fp16_tflops || o.gpu_count <= 0) return std::nullopt;
  return *o.price_hour / (o.gpu_count * *g.fp16_tflops / 1000);
}

// from scaling.cc

bool HaveTrace(const LintContext& ctx) { return ctx.plan.fleet && ctx.trace && !ctx.trace->utilization; }

}  // namespace gpuscout
