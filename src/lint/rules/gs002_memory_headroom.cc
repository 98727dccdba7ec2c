// GS002 memory-headroom
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/rules.h"
#include "workload/memory.h"

namespace gpuscout {

void CheckMemoryHeadroom(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate) continue;
    const MemoryBreakdown& m = r.estimate->memory;
    // --concurrency max fills the engine's KV pool by design: its headroom is
    // the share the engine leaves, and the batch adapts to what fits.
    if (r.estimate->workload.task == Task::kInfer && r.estimate->workload.concurrency == 0) continue;
    // Inference servers fill only their share (vLLM's gpu_memory_utilization).
    const bool serving = r.estimate->workload.task == Task::kInfer;
    const double room = serving ? m.usable : m.capacity;
    if (m.fits && m.total > 0.9 * room) {
      out.push_back({"GS002", "memory-headroom", "warning", r.plan->line,
                     Message("lint.gs002").With("model", r.estimate->workload.model.name).With("gpu", r.gpu->name)
                         .With("pct", 100 * (1 - m.total / room)).With("used", m.total / kGiB).With("room", room / kGiB)
                         .With("serving", serving ? Message("lint.gs002_serving") : Message()),
                     Message("lint.gs002_fix")});
    }
  }
}

}  // namespace gpuscout
