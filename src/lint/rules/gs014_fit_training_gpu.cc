// GS014 fit-training-gpu
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

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
                   Message("lint.gs014").With("params_b", r.workload->model.params / 1e9).With("gpu", r.gpu->name)
                       .With("type", r.offer->instance_type).With("mine", *mine).With("vendor", best->vendor)
                       .With("best_type", best->instance_type).With("cur", CurrencyCode(r.offer->currency)).With("best_gpu", best->gpu).With("best", best_price),
                   Message("lint.gs014_fix").With("gpu", r.gpu->name)});
  }
}

}  // namespace gpuscout
