// GS001 memory-does-not-fit, GS002 memory-headroom: the workload against the
// chosen GPU's memory (the seed's A100 40 GB where 80 GB was needed).
#include <fmt/format.h>

#include "lint/rules/rules.h"
#include "workload/memory.h"

namespace gpuscout {

void CheckMemoryFit(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate) continue;
    const MemoryBreakdown& m = r.estimate->memory;
    if (!m.fits) {
      out.push_back({"GS001", "memory-does-not-fit", "error", r.plan->line,
                     fmt::format("{} on {} ({}): {}", r.estimate->workload.model.name, r.offer->instance_type,
                                 r.gpu->name, r.estimate->why_not),
                     "pick a GPU with more memory (gpuscout recommend finds one), shard (workload.zero: 3), "
                     "recompute activations, or fine-tune with LoRA/QLoRA"});
    }
  }
}

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
