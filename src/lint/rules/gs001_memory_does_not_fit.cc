// GS001 memory-does-not-fit
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/rules.h"

namespace gpuscout {
namespace {

// What would make the plan fit, leaving out what it already does and what
// does not apply to its task (no ZeRO or LoRA for a service).
std::vector<Message> FixItems(const Workload& w) {
  std::vector<Message> items = {Message("lint.fix_gpu")};
  if (w.task == Task::kInfer) {
    if (w.precision != Precision::kInt4) items.emplace_back("lint.fix_precision");
    items.emplace_back("lint.fix_tp");
    if (w.concurrency != 1) items.emplace_back("lint.fix_concurrency");
    return items;
  }
  if (!IsTraining(w.task)) return items;
  const bool adapters = w.task == Task::kLora || w.task == Task::kQlora;
  if (!adapters && w.zero_stage < 3) items.emplace_back("lint.fix_zero");
  if (w.recompute != Recompute::kFull) items.emplace_back("lint.fix_recompute");
  if (!adapters && w.model.kind == ModelKind::kLlm) items.emplace_back("lint.fix_lora");
  return items;
}

// "a, b or c", each item in the output's language.
Message JoinOr(const std::vector<Message>& items) {
  if (items.size() == 1) return items.front();
  Message tail = Message("lint.or").With("a", items[items.size() - 2]).With("b", items.back());
  for (size_t i = items.size() - 2; i-- > 0;) tail = Message("lint.comma").With("a", items[i]).With("b", tail);
  return tail;
}

}  // namespace

void CheckMemoryFit(const LintContext& ctx, std::vector<LintFinding>& out) {
  for (const auto& r : ctx.offers) {
    if (!r.estimate) continue;
    const MemoryBreakdown& m = r.estimate->memory;
    if (!m.fits) {
      out.push_back({"GS001", "memory-does-not-fit", "error", r.plan->line,
                     Message("lint.gs001").With("model", r.estimate->workload.model.name)
                         .With("type", r.offer->instance_type).With("gpu", r.gpu->name).With("why", r.estimate->why_not),
                     r.estimate->host_short
                         ? Message("lint.fix_host").With("gpu", r.gpu->name)
                         : Message("lint.gs001_fix").With("items", JoinOr(FixItems(r.estimate->workload)))});
    }
  }
}

}  // namespace gpuscout
