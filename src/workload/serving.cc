#include "workload/serving.h"

#include <algorithm>
#include <cmath>

namespace gpuscout {
namespace {

// The share of a MoE model's weights `batch` tokens touch: each token reads
// the active share, chosen afresh, so the untouched share shrinks
// geometrically. 1 for a dense model.
double WeightsTouched(double active_share, double batch) {
  if (active_share >= 1) return 1;
  return 1 - std::pow(1 - active_share, std::max(1.0, batch));
}

// A prompt's activations all-reduced twice per layer by the tp group, all
// stages in turn: the ring's bytes over the node's GPU link.
double PromptAllReduce(const ReplicaShape& s) {
  if (s.tp <= 1) return 0;
  return s.allreduces * 2.0 * (s.tp - 1) / s.tp * s.prompt_tokens * s.allreduce_bytes / s.link;
}

// One prompt alone: its FLOPs over the replica's stages in turn (each stage
// a tp group), or one read of the weights, whichever is longer.
double PromptSeconds(const ReplicaShape& s, const ServingEfficiency& e) {
  const double compute = s.prefill_flops / (s.tp * MatmulFlops(s, e, e.prefill)) + PromptAllReduce(s);
  const double read = s.pp * s.weight_bytes / (s.bandwidth * e.bandwidth);
  return std::max(compute, read);
}

// The replica's time per prompt when prompts overlap: its FLOPs over every
// GPU, and its activations all-reduced twice per layer by a tensor-parallel
// group.
double PrefillSeconds(const ReplicaShape& s, const ServingEfficiency& e) {
  return s.prefill_flops / (s.gpus() * MatmulFlops(s, e, e.prefill)) + PromptAllReduce(s) / s.pp;
}

}  // namespace

double MatmulFlops(const ReplicaShape& s, const ServingEfficiency& e, double share) {
  return s.peak_flops * share * (s.fp4 ? e.fp4 : 1.0);
}

double DecodeStep(const ReplicaShape& s, const ServingEfficiency& e, double batch, bool* memory_bound) {
  // The matmuls read the weights once for the whole batch, or compute one
  // token per sequence, whichever takes longer; attention then reads every
  // sequence's KV cache. They are separate kernels, so their times add.
  const double weights = s.pp * s.weight_bytes * WeightsTouched(s.active_share, batch) / (s.bandwidth * e.bandwidth);
  const double matmuls = batch * s.decode_flops / (s.gpus() * MatmulFlops(s, e, e.decode));
  const double attention = s.kv_bytes_per_token * s.context * batch / (s.bandwidth * e.bandwidth);
  if (memory_bound) *memory_bound = weights + attention >= matmuls;
  double comm = 0;
  if (s.tp > 1) {
    const double ring = 2.0 * (s.tp - 1) / s.tp;
    const double fixed = s.link_is_pcie ? 2.0 * (s.tp - 1) * e.pcie_step_s : e.allreduce_s;
    comm = s.allreduces * (fixed + ring * batch / s.pp * s.allreduce_bytes / s.link);
  }
  const double hops = s.pp > 1 ? (s.pp - 1) * batch / s.pp * s.hop_bytes / s.hop_link : 0;
  return std::max(weights, matmuls) + attention + comm + hops + s.layers * e.layer_s;
}


ServingPoint AtConcurrency(const ReplicaShape& s, const ServingEfficiency& e, double batch) {
  ServingPoint p;
  p.batch = std::max(1.0, batch);
  p.step_s = DecodeStep(s, e, p.batch, &p.memory_bound);
  p.prefill_s = PrefillSeconds(s, e);
  p.prompt_s = PromptSeconds(s, e);
  p.requests_per_s = 1 / (p.prefill_s + s.output_tokens * p.step_s / p.batch);
  p.tokens_per_s = p.requests_per_s * s.output_tokens;
  p.tpot_s = p.step_s / (1 - p.requests_per_s * p.prefill_s);
  p.ttft_s = p.step_s / 2 + p.prompt_s;
  p.e2e_s = p.ttft_s + (s.output_tokens - 1) * p.tpot_s;
  p.load = 1;
  return p;
}

ServingPoint AtRate(const ReplicaShape& s, const ServingEfficiency& e, double rate, double max_batch) {
  const ServingPoint full = AtConcurrency(s, e, max_batch);
  ServingPoint p = full;
  p.load = rate / full.requests_per_s;
  p.stable = p.load < 1;
  if (!p.stable) return p;
  // Sequences decoding = rate x time decoding (Little); a step is stretched
  // by the share of time prompts take. Iterate from an empty batch: the
  // sequence rises to the least fixed point.
  const double prompt_share = rate * p.prefill_s;
  double batch = 0;
  for (int i = 0; i < 200; ++i) {
    const double next = rate * s.output_tokens * DecodeStep(s, e, std::max(1.0, batch)) / (1 - prompt_share);
    const bool settled = std::abs(next - batch) <= 1e-6 * std::max(1.0, next);
    batch = next;
    if (settled) break;
  }
  p.batch = std::min(std::max(batch, 1e-9), max_batch);
  p.step_s = DecodeStep(s, e, std::max(1.0, p.batch), &p.memory_bound);
  p.tpot_s = p.step_s / (1 - prompt_share);
  p.requests_per_s = rate;
  p.tokens_per_s = rate * s.output_tokens;
  const double wait = p.load / (2 * (1 - p.load)) * p.prompt_s;
  p.ttft_s = p.step_s / 2 + p.prompt_s + wait;
  p.e2e_s = p.ttft_s + (s.output_tokens - 1) * p.tpot_s;
  return p;
}

ReplicaCapacity CapacityWithin(const ReplicaShape& s, const ServingEfficiency& e, double max_batch, const LatencySlo& slo) {
  ReplicaCapacity c;
  const double most = AtConcurrency(s, e, max_batch).requests_per_s;
  c.trickle = AtRate(s, e, most * 1e-6, max_batch);
  if (!slo.Met(c.trickle)) return c;
  double lo = most * 1e-6, hi = most;  // lo meets the SLO; hi, the replica's limit, never does
  for (int i = 0; i < 40 && hi - lo > 1e-4 * lo; ++i) {
    const double mid = (lo + hi) / 2;
    (slo.Met(AtRate(s, e, mid, max_batch)) ? lo : hi) = mid;
  }
  c.rps = lo;
  return c;
}

int ReplicasFor(double rps, double per_replica) {
  if (per_replica <= 0) return 0;
  const double n = std::ceil(rps / per_replica - 1e-9);
  return n > 1e6 ? 0 : static_cast<int>(std::max(1.0, n));
}

}  // namespace gpuscout
