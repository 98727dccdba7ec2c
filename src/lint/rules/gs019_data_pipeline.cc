// GS019 data-pipeline: the input pipeline, not the GPUs, sets the pace: the
// storage's bandwidth, or (a stock CNN run) the host's vCPUs decoding JPEGs.
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckDataPipeline(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate || !r.estimate->throughput.input_bound) continue;
    const Workload& w = r.estimate->workload;
    const Throughput& t = r.estimate->throughput;
    if (t.decode_bound) {
      out.push_back({"GS019", "data-pipeline", "warning", ctx.plan.workload_line,
                     Message("lint.gs019_decode").With("gpus", r.hardware ? r.hardware->total_gpus() : 1)
                         .With("type", r.offer->instance_type).With("vcpus", r.offer->vcpus.value_or(0))
                         .With("fed", t.decode_images_per_s),
                     Message("lint.gs019_decode_fix")});
      continue;
    }
    out.push_back({"GS019", "data-pipeline", "warning", ctx.plan.workload_line,
                   Message("lint.gs019").With("gpus", r.hardware ? r.hardware->total_gpus() : 1)
                       .With("type", r.offer->instance_type).With("needed", r.estimate->throughput.input_gbps_needed)
                       .With("kb", w.sample_bytes / 1000).With("storage", w.storage).With("gbps", w.storage_gbps),
                   Message("lint.gs019_fix")});
  }
}

}  // namespace gpuscout
