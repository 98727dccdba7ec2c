// GS019 data-pipeline: the storage, not the GPUs, sets the pace.
#include <fmt/format.h>

#include "lint/rules/rules.h"

namespace gpuscout {

void CheckDataPipeline(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate || !r.estimate->throughput.input_bound) continue;
    const Workload& w = r.estimate->workload;
    out.push_back({"GS019", "data-pipeline", "warning", ctx.plan.workload_line,
                   fmt::format("{} GPUs on {} could take {:.2f} GB/s of input ({:g} KB per sample) but the {} delivers "
                               "{:g} GB/s: the GPUs wait on the input pipeline",
                               r.hardware ? r.hardware->total_gpus() : 1, r.offer->instance_type,
                               r.estimate->throughput.input_gbps_needed, w.sample_bytes / 1000, w.storage, w.storage_gbps),
                   "stage the data on local NVMe or a parallel file system, or pack samples (smaller, fewer files)"});
  }
}

}  // namespace gpuscout
