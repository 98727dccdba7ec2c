#include "workload/layout.h"

#include "base/strings.h"

namespace gpuscout {
namespace {

bool IsLlmInference(const Workload& w) { return w.task == Task::kInfer && w.model.kind == ModelKind::kLlm; }
bool IsFullTraining(const Workload& w) { return w.task == Task::kTrain || w.task == Task::kFinetune; }
bool IsLora(const Workload& w) { return w.task == Task::kLora || w.task == Task::kQlora; }

// Tensor-parallel degrees that divide a node: 1, 2, 4, 8 ...
std::vector<int> TensorDegrees(const Workload& base, int gpus_per_node, bool free) {
  if (!free) return {base.tensor_parallel};
  std::vector<int> out;
  for (int tp = 1; tp <= gpus_per_node; tp *= 2) {
    if (gpus_per_node % tp == 0) out.push_back(tp);
  }
  return out;
}

// ZeRO stage x recomputation, the plain layout first.
std::vector<Workload> Sharding(const Workload& base, LayoutFreedom free) {
  std::vector<int> stages = free.zero && IsFullTraining(base) ? std::vector<int>{0, 1, 2, 3}
                                                              : std::vector<int>{base.zero_stage};
  std::vector<Recompute> recomputes = {base.recompute};
  if (free.recompute && base.model.is_transformer()) {
    for (Recompute r : {Recompute::kNone, Recompute::kSelective, Recompute::kFull}) {
      if (r != base.recompute) recomputes.push_back(r);
    }
  }
  std::vector<Workload> out;
  for (int zero : stages) {
    for (Recompute r : recomputes) {
      Workload w = base;
      w.zero_stage = zero;
      w.recompute = r;
      out.push_back(std::move(w));
    }
  }
  return out;
}

}  // namespace

LayoutFreedom FreedomOf(const EstimateRequest& r) {
  return {.tensor_parallel = !r.tensor_parallel.has_value(),
          .zero = !r.zero.has_value() && r.fsdp.empty(),
          .recompute = r.recompute.empty()};
}

std::vector<std::vector<Workload>> LayoutTiers(const Workload& base, int gpus_per_node, LayoutFreedom free) {
  if (IsLlmInference(base)) {
    std::vector<Workload> tier;
    for (int tp : TensorDegrees(base, gpus_per_node, free.tensor_parallel)) {
      Workload w = base;
      w.tensor_parallel = tp;
      tier.push_back(std::move(w));
    }
    return {tier};
  }
  if (!IsFullTraining(base) && !IsLora(base)) return {{base}};
  std::vector<std::vector<Workload>> tiers = {Sharding(base, free)};
  if (!free.tensor_parallel || !base.model.is_transformer()) return tiers;
  std::vector<Workload> wide;
  for (int tp : TensorDegrees(base, gpus_per_node, true)) {
    if (tp == base.tensor_parallel) continue;
    for (Workload w : Sharding(base, free)) {
      w.tensor_parallel = tp;
      wide.push_back(std::move(w));
    }
  }
  if (!wide.empty()) tiers.push_back(std::move(wide));
  return tiers;
}

LayoutChoice LayoutOf(const Workload& w) { return {w.tensor_parallel, w.zero_stage, w.recompute}; }

void ApplyLayout(const LayoutChoice& l, Workload& w) {
  w.tensor_parallel = l.tensor_parallel;
  w.zero_stage = l.zero_stage;
  w.recompute = l.recompute;
}

Message LayoutText(const LayoutChoice& w) {
  std::vector<std::string> parts;
  if (w.tensor_parallel > 1) parts.push_back("TP " + std::to_string(w.tensor_parallel));
  if (w.zero_stage > 0) parts.push_back("ZeRO-" + std::to_string(w.zero_stage));
  if (w.recompute != Recompute::kNone) {
    return Message("layout.with_recompute").With("parts", Join(parts, ", "))
        .With("sep", parts.empty() ? "" : ", ")
        .With("recompute", Word(w.recompute == Recompute::kFull ? "mem.recompute_full" : "mem.recompute_selective"));
  }
  if (parts.empty()) return Message();
  return Verbatim(Join(parts, ", "));
}

const Workload* FastestThatFits(const std::vector<std::vector<Workload>>& tiers, int total_gpus,
                                const std::function<LayoutFit(const Workload&, size_t)>& estimate) {
  size_t index = 0;
  for (const auto& tier : tiers) {
    const Workload* best = nullptr;
    double best_rate = -1;
    for (const Workload& w : tier) {
      const size_t i = index++;
      if (total_gpus % w.tensor_parallel != 0) continue;
      const LayoutFit fit = estimate(w, i);
      if (fit.fits && (!best || fit.rate > best_rate * (1 + 1e-9))) {
        best = &w;
        best_rate = fit.rate;
      }
    }
    if (best) return best;
  }
  return nullptr;
}

Workload BestLayout(const Estimator& estimator, const Workload& base, const Hardware& hw, LayoutFreedom free) {
  const auto tiers = LayoutTiers(base, hw.gpus_per_node, free);
  const Workload* best = FastestThatFits(tiers, hw.total_gpus(), [&](const Workload& w, size_t) {
    MemoryBreakdown memory;
    Throughput time;
    estimator.Fast(w, hw, memory, time);
    return LayoutFit{memory.fits, time.known ? time.samples_per_s : 0};
  });
  return best ? *best : base;
}

}  // namespace gpuscout

namespace gpuscout {

Result<Estimate> EstimateBestLayout(const Estimator& estimator, const EstimateRequest& r) {
  GS_TRY(resolved, estimator.Resolve(r));
  const auto& [base, hw] = resolved;
  // `estimate` answers for the setup described: only the tensor-parallel
  // split of an LLM server (which --gpus alone leaves open) is chosen;
  // training keeps its ZeRO stage and recomputation, and why_not says what
  // would help.
  LayoutFreedom free = FreedomOf(r);
  free = {.tensor_parallel = free.tensor_parallel && IsLlmInference(base), .zero = false, .recompute = false};
  const Workload w = BestLayout(estimator, base, hw, free);
  Estimate e = estimator.Run(w, hw);
  const bool changed = w.tensor_parallel != base.tensor_parallel || w.zero_stage != base.zero_stage ||
                       w.recompute != base.recompute;
  if (changed) {
    e.assumptions.insert(e.assumptions.begin() + 1, Message("est.layout_chosen").With("layout", LayoutText(w)));
  }
  return e;
}

}  // namespace gpuscout
