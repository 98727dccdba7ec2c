// GS002 memory-headroom
#include <fmt/format.h>

#include "lint/rules/rules.h"
#include "workload/memory.h"

namespace gpuscout {

void CheckMemoryHeadroom(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate) continue;
    const MemoryBreakdown& m = r.estimate->memory;
    // Inference servers fill only their share (vLLM's gpu_memory_utilization).
    const bool serving = r.estimate->workload.task == Task::kInfer;
    const double room = serving ? m.usable : m.capacity;
    if (m.fits && m.total > 0.9 * room) {
      out.push_back({"GS002", "memory-headroom", "warning", r.plan->line,
                     fmt::format("{} on {} fits with {:.1f}% headroom ({:.1f} of {:.1f} GiB{}): a longer sequence, a "
                                 "bigger batch or a framework upgrade will run out of memory",
                                 r.estimate->workload.model.name, r.gpu->name, 100 * (1 - m.total / room),
                                 m.total / kGiB, room / kGiB, serving ? " the server may fill" : ""),
                     "keep at least 10% free: a larger GPU, or shard/recompute"});
    }
  }
}

}  // namespace gpuscout
