// GS014 fit-training-gpu, GS015 fit-render-gpu: the GPU's class against the job.
#include <fmt/format.h>

#include "base/strings.h"
#include "lint/rules/rules.h"
#include "workload/calibration.h"

namespace gpuscout {
namespace {

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

}  // namespace

void CheckFitTrainingGpu(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.workload || !IsTraining(r.workload->task) || r.workload->task == Task::kCnnTrain) continue;
    if (r.workload->model.params < 1e9 || !InferenceClass(*r.gpu)) continue;
    auto mine = PricePerPflopHour(*r.offer, *r.gpu);
    if (!mine) continue;
    const Offer* best = nullptr;
    double best_price = 0;
    for (const auto& o : ctx.catalog.offers()) {
      const GpuSpec* g = ctx.catalog.gpus().Find(o.gpu);
      if (!g || o.vendor != r.offer->vendor || o.currency != r.offer->currency) continue;
      if (g->family != "A100" && g->family != "H100" && g->family != "H200") continue;
      auto p = PricePerPflopHour(o, *g);
      if (p && (!best || *p < best_price)) {
        best = &o;
        best_price = *p;
      }
    }
    if (!best || best_price >= *mine) continue;
    out.push_back({"GS014", "fit-training-gpu", "warning", r.plan->line,
                   fmt::format("training a {:.1f} B-parameter model on {} ({}, an inference-class GPU) costs {:.2f} per "
                               "PFLOP-hour of 16-bit peak; {} {} ({}) costs {:.2f}",
                               r.workload->model.params / 1e9, r.gpu->name, r.offer->instance_type, *mine,
                               best->vendor, best->instance_type, best->gpu, best_price),
                   "train on a training GPU; keep " + r.gpu->name + " for serving"});
  }
}

void CheckFitRenderGpu(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.workload || r.workload->task != Task::kRender) continue;
    const std::string arch = r.gpu->architecture;
    const bool compute_die = arch.find("GA100") != std::string::npos || arch.find("GH100") != std::string::npos ||
                             StartsWith(arch, "Volta") || StartsWith(arch, "CDNA");
    if (!compute_die) continue;
    out.push_back({"GS015", "fit-render-gpu", "warning", r.plan->line,
                   fmt::format("rendering on {} ({}): a compute GPU without display outputs or RT cores, as the seed "
                               "article warns for A100/H100 (the spec data here has no RT-core column)",
                               r.gpu->name, arch),
                   "render on an RTX/L-series GPU (L4, L40S, RTX A6000, RTX 6000 Ada, A10)", true});
  }
}

}  // namespace gpuscout
