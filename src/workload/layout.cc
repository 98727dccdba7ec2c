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

// ZeRO stages a layout may take: all four when free (1-3 with an offloaded
// optimizer), else the one given.
std::vector<int> Stages(const Workload& base, LayoutFreedom free) {
  if (!free.zero || !IsFullTraining(base)) return {base.zero_stage};
  if (base.offload) return {1, 2, 3};
  return {0, 1, 2, 3};
}

// ZeRO stage x recomputation, the plain layout first.
std::vector<Workload> Sharding(const Workload& base, LayoutFreedom free, const std::vector<int>& stages) {
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

// Tensor parallel within the node, with ZeRO 0 or 1 (Megatron's distributed
// optimizer) when the stage is free: the combinations Megatron-DeepSpeed runs.
void AddTensorParallel(const Workload& base, int gpus_per_node, LayoutFreedom free, std::vector<Workload>& tier) {
  if (!free.tensor_parallel || !base.model.is_transformer()) return;
  std::vector<int> stages = Stages(base, free);
  if (free.zero && IsFullTraining(base)) stages = base.offload ? std::vector<int>{1} : std::vector<int>{0, 1};
  for (int tp : TensorDegrees(base, gpus_per_node, true)) {
    if (tp == base.tensor_parallel) continue;
    for (Workload w : Sharding(base, free, stages)) {
      w.tensor_parallel = tp;
      tier.push_back(std::move(w));
    }
  }
}

// LLM inference: tensor parallel within a node, replicas for the rest; then,
// on several nodes when a node cannot hold one replica, one replica in
// pipeline stages, one per node.
std::vector<std::vector<Workload>> ServingTiers(const Workload& base, int gpus_per_node, int nodes, LayoutFreedom free) {
  std::vector<std::vector<Workload>> tiers;
  std::vector<int> stages = {base.pipeline_parallel};
  if (free.pipeline && nodes > 1) stages = {1, nodes};
  for (int pp : stages) {
    std::vector<Workload> tier;
    for (int tp : TensorDegrees(base, gpus_per_node, free.tensor_parallel)) {
      if (tp > gpus_per_node && nodes > 1) continue;  // a fixed --tp stays within a node
      Workload w = base;
      w.tensor_parallel = tp;
      w.pipeline_parallel = pp;
      tier.push_back(std::move(w));
    }
    tiers.push_back(std::move(tier));
  }
  return tiers;
}

}  // namespace

LayoutFreedom FreedomOf(const EstimateRequest& r) {
  return {.tensor_parallel = !r.tensor_parallel.has_value(),
          .zero = !r.zero.has_value() && r.fsdp.empty(),
          .recompute = r.recompute.empty(),
          .offload = r.offload.empty() && r.fsdp.empty() && r.zero.value_or(1) > 0,
          .pipeline = !r.pipeline_parallel.has_value()};
}

std::vector<std::vector<Workload>> LayoutTiers(const Workload& base, int gpus_per_node, int nodes, LayoutFreedom free) {
  if (IsLlmInference(base)) return ServingTiers(base, gpus_per_node, nodes, free);
  if (!IsFullTraining(base) && !IsLora(base)) return {{base}};
  std::vector<std::vector<Workload>> tiers = {Sharding(base, free, Stages(base, free))};
  if (IsLora(base)) {
    // LoRA's data parallelism moves only the adapters' gradients, so tensor
    // parallelism's activation traffic cannot pay for itself: it comes
    // second, for a model that does not fit a GPU otherwise.
    std::vector<Workload> wide;
    AddTensorParallel(base, gpus_per_node, free, wide);
    if (!wide.empty()) tiers.push_back(std::move(wide));
    return tiers;
  }
  AddTensorParallel(base, gpus_per_node, free, tiers[0]);
  if (!free.offload || base.offload || !IsFullTraining(base)) return tiers;
  Workload offloaded = base;
  offloaded.offload = true;
  const std::vector<int> stages = free.zero ? std::vector<int>{2, 3} : std::vector<int>{base.zero_stage};
  tiers.push_back(Sharding(offloaded, free, stages));
  return tiers;
}

Message LayoutText(const LayoutChoice& w) {
  std::vector<std::string> parts;
  if (w.tensor_parallel > 1) parts.push_back("TP " + std::to_string(w.tensor_parallel));
  if (w.pipeline_parallel > 1) parts.push_back("PP " + std::to_string(w.pipeline_parallel));
  if (w.zero_stage > 0) parts.push_back("ZeRO-" + std::to_string(w.zero_stage) + (w.offload ? " + CPU offload" : ""));
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
      if (total_gpus % (w.tensor_parallel * w.pipeline_parallel) != 0) continue;
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
  const auto tiers = LayoutTiers(base, hw.gpus_per_node, hw.nodes, free);
  const Workload* best = FastestThatFits(tiers, hw.total_gpus(), [&](const Workload& w, size_t) {
    MemoryBreakdown memory;
    Throughput time;
    estimator.Fast(w, hw, memory, time);
    // Serving at a rate: every stable layout serves the rate; the one that
    // could serve the most wins.
    return LayoutFit{memory.fits, !time.known ? 0 : time.serving ? time.max_requests_per_s : time.samples_per_s};
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
  free = {.tensor_parallel = free.tensor_parallel && IsLlmInference(base), .zero = false, .recompute = false,
          .offload = false, .pipeline = free.pipeline && IsLlmInference(base)};
  const Workload w = BestLayout(estimator, base, hw, free);
  Estimate e = estimator.Run(w, hw);
  const bool changed = w.tensor_parallel != base.tensor_parallel || w.zero_stage != base.zero_stage ||
                       w.recompute != base.recompute || w.pipeline_parallel != base.pipeline_parallel;
  if (changed) {
    e.assumptions.insert(e.assumptions.begin() + 1, Message("est.layout_chosen").With("layout", LayoutText(w)));
  }
  return e;
}

}  // namespace gpuscout
