// The parallel layout of a workload on its GPUs (tensor parallel, ZeRO
// stage, activation recomputation), the layouts a practitioner would try,
// and the best of them on some hardware: the fastest that fits.
#pragma once

#include <functional>
#include <vector>

#include "base/message.h"
#include "workload/estimate.h"
#include "workload/workload.h"

namespace gpuscout {

// Which dimensions the search may choose; a dimension the user gave
// (--tp, --zero or --fsdp, --recompute) stays as given.
struct LayoutFreedom {
  bool tensor_parallel = true;
  bool zero = true;
  bool recompute = true;
  bool offload = true;   // the optimizer on the CPU (ZeRO-Offload), when nothing fits without
  bool pipeline = true;  // LLM inference: pipeline stages across nodes, when a node is too small
};

LayoutFreedom FreedomOf(const EstimateRequest& r);

// The layouts to try for `base` on nodes of `gpus_per_node` GPUs, in tiers:
// the search takes the fastest that fits in the first tier with one that
// fits. LLM inference: tensor parallel 1, 2, 4, 8 within a node (replicas
// for the rest); then, on several nodes, one replica in pipeline stages of
// one node each. Full training: ZeRO 0-3 x recomputation none, selective,
// full, and tensor parallel 2, 4, 8 with ZeRO 0-1 (the time model charges
// its activation all-reduces); then, when none of those fits, the optimizer
// offloaded to the CPU with ZeRO-2 or 3 (slower: a PCIe round trip and Adam
// on the host each step). LoRA/QLoRA: recomputation; tensor parallel only
// when nothing fits without it (only the adapters' gradients cross GPUs, so
// tensor parallelism cannot be faster).
// Other tasks: `base` alone. `base` is always the first layout of tier 0.
std::vector<std::vector<Workload>> LayoutTiers(const Workload& base, int gpus_per_node, int nodes, LayoutFreedom free);


// The layout in words: "TP 8", "ZeRO-3, recompute full"; empty for the
// plain layout (TP 1, ZeRO 0, no recomputation).
Message LayoutText(const LayoutChoice& l);
inline Message LayoutText(const Workload& w) { return LayoutText(LayoutOf(w)); }

// Whether a layout fits and its speed (samples/s; 0 when not estimated).
struct LayoutFit {
  bool fits = false;
  double rate = 0;
};

// The fastest layout that fits, from the first tier with one that fits
// (ties go to the earlier, simpler layout); nullptr when none fits.
// `estimate(w, i)` judges layout `w`, the i-th of all tiers counted in order.
const Workload* FastestThatFits(const std::vector<std::vector<Workload>>& tiers, int total_gpus,
                                const std::function<LayoutFit(const Workload&, size_t)>& estimate);

// The fastest layout of `base` that fits on `hw` (the first tier with one
// that fits), or `base` itself when none does.
Workload BestLayout(const Estimator& estimator, const Workload& base, const Hardware& hw, LayoutFreedom free);

// `estimate`: the request resolved and estimated; for LLM inference without
// --tp, the tensor-parallel split chosen by BestLayout (an assumption says
// so). Training layouts stay as described: recommend searches them.
Result<Estimate> EstimateBestLayout(const Estimator& estimator, const EstimateRequest& r);

}  // namespace gpuscout
