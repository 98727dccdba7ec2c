#include "workload/memory.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace gpuscout {
namespace {

// CUDA context plus cuBLAS/cuDNN workspaces: 0.3-0.5 GB (issue #3; the PyTorch
// CUDA context alone is several hundred MB), taken at the top of that range.
constexpr double kContextBytes = 0.5 * kGiB;
// PyTorch's caching allocator keeps freed blocks: 5% of what the job allocates.
constexpr double kFragmentation = 0.05;
// Headroom below capacity for `fits`: 5% (lint warns under 10%).
constexpr double kTrainHeadroom = 0.05;
// QLoRA's NF4 with double quantisation: 4 bits + 0.127 bits of constants per
// parameter = 0.516 bytes (Dettmers et al. 2023, section 3).
constexpr double kNf4BytesPerParam = 0.516;

// Korthikanti et al. 2022, "Reducing Activation Recomputation in Large
// Transformer Models", section 4: per layer, 16-bit activations,
//   no parallelism:                    s*b*h*(34 + 5*a*s/h)
//   tensor + sequence parallel (t):    s*b*h*(34 + 5*a*s/h)/t
//   selective recomputation:           s*b*h*34/t   (the attention s^2 term is recomputed)
//   full recomputation:                2*s*b*h      (only each layer's input is kept)
// FlashAttention never materialises the s^2 scores, so it drops the 5*a*s/h term.
double ActivationsPerLayer(const ModelSpec& m, const Workload& w, int tp) {
  const double s = w.seq_len, b = w.micro_batch, h = m.hidden, a = m.heads;
  const double t = std::max(1, tp);
  switch (w.recompute) {
    case Recompute::kFull: return 2 * s * b * h;
    case Recompute::kSelective: return s * b * h * 34 / t;
    case Recompute::kNone: break;
  }
  const double scores = w.attention == Attention::kEager ? 5 * a * s / h : 0;
  return s * b * h * (34 + scores) / t;
}

}  // namespace

double LoraParams(const ModelSpec& m, int rank) {
  if (m.layers <= 0 || m.hidden <= 0) return 0;
  const double h = m.hidden;
  const double kv = static_cast<double>(m.kv_heads) * m.head_dim();
  const double f = m.ffn_size();
  const double q = m.q_dim();
  double per_layer = (h + q) + (h + kv) + (h + kv) + (q + h);  // q, k, v, o
  per_layer += m.kind == ModelKind::kLlm ? 3 * (h + f) : 2 * (h + f);
  return rank * per_layer * m.layers;
}

namespace {

// The largest single module's parameters, as DeepSpeed's estimator counts
// them (one module, not recursive): the embedding or one MLP projection.
double LargestLayerParams(const ModelSpec& m) {
  return std::max(m.embedding_params(), static_cast<double>(m.hidden) * m.ffn_size());
}

// Sharded mixed-precision training as the frameworks allocate it, per GPU
// (N = the GPUs sharing the state, tp = tensor-parallel degree):
// - DeepSpeed ZeRO-1/2, estimate_zero2_model_states_mem_needs: 4 psi + 16
//   psi / N: the 16-bit weights and gradients whole, fp32 gradient
//   partition and Adam state sharded;
// - DeepSpeed ZeRO-3, estimate_zero3_model_states_mem_needs: 18 psi / N
//   plus 4 bytes x the largest layer (gathered);
// - PyTorch FSDP with fp32 sharded parameters and a bf16 compute copy:
//   16 psi / N (fp32 parameters, gradients, Adam), plus the gathered bf16
//   unit and its prefetched successor (FULL_SHARD) or the whole bf16 model
//   (SHARD_GRAD_OP).
// Returns false when the layout is not sharded (ZeRO-0: the paper's 16 psi).
bool FrameworkState(const Workload& w, double psi, int tp, int n, MemoryBreakdown& r) {
  if (w.zero_stage == 0 || w.precision == Precision::kFp32) return false;
  const double unit = w.model.layers > 0 ? psi / w.model.layers : psi;
  if (w.fsdp) {
    r.weights = 4 * psi / tp / n + (w.zero_stage >= 3 ? 2 * 2 * unit / tp : 2 * psi / tp);
    r.gradients = 4 * psi / tp / n;
    r.optimizer = 8 * psi / tp / n;
    return true;
  }
  if (w.zero_stage >= 3) {
    r.weights = 2 * psi / tp / n + 4 * LargestLayerParams(w.model) / tp;
    r.gradients = 4 * psi / tp / n;
  } else {
    r.weights = 2 * psi / tp;
    r.gradients = 2 * psi / tp + 4 * psi / tp / n;
  }
  r.optimizer = 12 * psi / tp / n;
  return true;
}

// DeepSpeed's optimizer offload (the same estimators with cpu_offload): the
// GPU keeps the 16-bit weights whole (ZeRO-1/2: 2 psi) or its share plus
// the largest layer gathered (ZeRO-3: 2 psi / N + 4 x largest layer);
// gradients stream to host RAM as they are made and the fp32 state lives
// there (host_memory.h counts it).
void OffloadedState(const Workload& w, double psi, int tp, int n, MemoryBreakdown& r, std::vector<Message>* notes) {
  const double wb = w.precision == Precision::kFp32 ? 4 : 2;
  r.weights = w.zero_stage >= 3 ? wb * psi / tp / n + 4 * LargestLayerParams(w.model) / tp : wb * psi / tp;
  r.gradients = 0;
  r.optimizer = 0;
  if (notes) {
    notes->push_back(Message("mem.offload", "DeepSpeed estimate_zero2/3_model_states_mem_needs(cpu_offload=True)")
                         .With("zero", w.zero_stage).With("gib", r.weights / kGiB)
                         .With("sharded", w.zero_stage >= 3 ? Message("mem.offload_sharded").With("shard", n) : Message()));
  }
}

// ZeRO (Rajbhandari et al. 2020, section 3): mixed-precision Adam keeps 2
// bytes of fp16/bf16 weights, 2 of gradients and 12 of optimizer state (fp32
// master weights, momentum, variance) per parameter: 16 in all. Stage 1
// shards the optimizer state over the N data-parallel GPUs, stage 2 the
// gradients too, stage 3 the weights too. Sharded stages follow the
// framework's own accounting (FrameworkState), which budgets more.
void FullTrainingState(const Workload& w, const Hardware& hw, MemoryBreakdown& r, std::vector<Message>* notes) {
  const double psi = w.model.params;
  const int tp = std::max(1, w.tensor_parallel);
  const bool fp32 = w.precision == Precision::kFp32;
  const double wb = fp32 ? 4 : 2, gb = fp32 ? 4 : 2, ob = fp32 ? 8 : 12;
  const int dp = std::max(1, hw.total_gpus() / tp);
  const int shard = w.zero_within_node ? std::max(1, hw.gpus_per_node / tp) : dp;
  if (w.offload) return OffloadedState(w, psi, tp, shard, r, notes);
  if (FrameworkState(w, psi, tp, shard, r)) {
    if (notes) {
      const char* key = w.fsdp ? (w.zero_stage >= 3 ? "mem.fsdp_full" : "mem.fsdp_grad_op")
                               : (w.zero_stage >= 3 ? "mem.deepspeed_zero3" : "mem.deepspeed_zero12");
      notes->push_back(Message(key, w.fsdp ? "PyTorch FSDP" : "DeepSpeed estimate_zero2/3_model_states_mem_needs")
                           .With("zero", w.zero_stage).With("shard", shard)
                           .With("state_gib", (r.weights + r.gradients + r.optimizer) / (1024.0 * 1024 * 1024))
                           .With("paper_gib", (2 * psi / (w.zero_stage >= 3 ? shard : 1) + 2 * psi / (w.zero_stage >= 2 ? shard : 1) +
                                               12 * psi / shard) / tp / (1024.0 * 1024 * 1024))
                           .With("largest_m", LargestLayerParams(w.model) / 1e6));
    }
    return;
  }
  r.weights = wb * psi / tp / (w.zero_stage >= 3 ? shard : 1);
  r.gradients = gb * psi / tp / (w.zero_stage >= 2 ? shard : 1);
  r.optimizer = ob * psi / tp / (w.zero_stage >= 1 ? shard : 1);
  if (notes) {
    notes->push_back(Message("mem.full_training", "Rajbhandari et al. 2020")
                         .With("optimizer", Word(fp32 ? "mem.adam_fp32" : "mem.adam_mixed"))
                         .With("bytes", wb + gb + ob).With("w", wb).With("g", gb).With("o", ob)
                         .With("zero", w.zero_stage).With("shard", shard));
  }
}

void LoraState(const Workload& w, MemoryBreakdown& r, std::vector<Message>* notes) {
  const ModelSpec& m = w.model;
  const int tp = std::max(1, w.tensor_parallel);
  r.lora_params = LoraParams(m, w.lora_rank);
  const double embeddings = (m.kind == ModelKind::kLlm ? 2 : 1) * m.embedding_params();
  // NF4 for the linear layers; embeddings (and an untied output layer) stay
  // in bf16, as in the QLoRA reference code.
  const double frozen = w.task == Task::kQlora ? kNf4BytesPerParam * (m.params - embeddings) + 2 * embeddings : 2 * m.params;
  r.weights = frozen / tp + 2 * r.lora_params;
  r.gradients = 2 * r.lora_params;
  // QLoRA's paged optimizer: its state lives in unified memory and pages to
  // the host under pressure (workload/host_memory.cc counts it there).
  const bool paged = w.task == Task::kQlora;
  r.optimizer = paged ? 0 : 12 * r.lora_params;
  if (notes) {
    notes->push_back(Message("mem.lora")
                         .With("method", w.task == Task::kQlora ? "QLoRA" : "LoRA")
                         .With("base", w.task == Task::kQlora ? Message("mem.lora_base_nf4")
                                                            : Message("mem.lora_base_16").With("precision", PrecisionName(w.precision == Precision::kFp16 ? Precision::kFp16 : Precision::kBf16)))
                         .With("rank", w.lora_rank).With("trainable_m", r.lora_params / 1e6)
                         .With("paged", paged ? Message("mem.paged_optimizer").With("gib", 12 * r.lora_params / kGiB) : Message()));
  }
}

// Weights, gradients and optimizer state, by task.
void ModelState(const Workload& w, const Hardware& hw, MemoryBreakdown& r, std::vector<Message>* notes) {
  const double psi = w.model.params;
  if (w.task == Task::kHpc) {
    // The job's data, spread evenly over every GPU.
    r.weights = w.hpc.memory_gb * 1e9 / std::max(1, hw.total_gpus());
    if (notes && w.hpc.memory_gb > 0) {
      notes->push_back(Message("mem.hpc_data").With("gb", w.hpc.memory_gb).With("gpus", hw.total_gpus())
                           .With("each_gb", r.weights / 1e9));
    }
  } else if (w.task == Task::kTrain || w.task == Task::kFinetune) {
    FullTrainingState(w, hw, r, notes);
  } else if (w.task == Task::kLora || w.task == Task::kQlora) {
    LoraState(w, r, notes);
  } else if (w.task == Task::kCnnTrain) {
    r.weights = r.gradients = r.optimizer = 4 * psi;
    if (notes) {
      notes->push_back(Message("mem.cnn_training"));
    }
  } else if (w.task == Task::kInfer || w.task == Task::kCnnInfer) {
    r.weights = BytesPer(w.precision) * psi / std::max(1, w.tensor_parallel) / std::max(1, w.pipeline_parallel);
    if (notes) {
      notes->push_back(Message("mem.inference_weights").With("precision", PrecisionName(w.precision))
                           .With("bytes", BytesPer(w.precision))
                           .With("int4", w.precision == Precision::kInt4 ? Message("mem.int4_scales") : Message()));
    }
  }
}

void TransformerTrainingActivations(const Workload& w, MemoryBreakdown& r, std::vector<Message>* notes) {
  const ModelSpec& m = w.model;
  const int tp = std::max(1, w.tensor_parallel);
  const double act_bytes = w.precision == Precision::kFp32 ? 4 : 2;
  r.activations = m.layers * ActivationsPerLayer(m, w, tp) * act_bytes / 2;
  if (w.recompute == Recompute::kFull) {
    // The layer being recomputed holds its full activations for a moment.
    Workload one = w;
    one.recompute = Recompute::kNone;
    r.activations += ActivationsPerLayer(m, one, tp) * act_bytes / 2;
  }
  // Output logits in fp32 for the loss: 4*s*b*V bytes.
  if (m.vocab > 0) r.activations += 4.0 * w.seq_len * w.micro_batch * m.vocab / tp;
  if (notes) {
    const char* recompute = w.recompute == Recompute::kFull        ? "mem.recompute_full"
                            : w.recompute == Recompute::kSelective ? "mem.recompute_selective"
                                                                   : "mem.recompute_none";
    notes->push_back(Message("mem.activations", "Korthikanti et al. 2022")
                         .With("recompute", Word(recompute))
                         .With("tp", tp > 1 ? Message("mem.sequence_parallel").With("tp", tp) : Message())
                         .With("attention", Word(w.attention == Attention::kFlash ? "mem.flash" : "mem.eager"))
                         .With("seq", w.seq_len).With("micro", w.micro_batch));
  }
}

void CnnActivations(const Workload& w, MemoryBreakdown& r, std::vector<Message>* notes) {
  const ModelSpec& m = w.model;
  const double act_bytes = w.precision == Precision::kFp32 ? 4 : 2;
  if (m.act_elems_per_sample) {
    const double per_sample = *m.act_elems_per_sample * act_bytes;
    r.activations = w.task == Task::kCnnTrain ? per_sample * w.micro_batch
                                              // Inference keeps about two layers' outputs alive.
                                              : 2 * per_sample / std::max(1, m.layers) * w.micro_batch;
    if (notes) {
      notes->push_back(Message("mem.cnn_activations", "data/SOURCES.md").With("values_m", *m.act_elems_per_sample / 1e6)
                           .With("bytes", act_bytes).With("batch", w.micro_batch));
    }
  } else if (m.is_transformer()) {
    Workload vit = w;
    vit.seq_len = m.max_context;
    vit.attention = Attention::kEager;
    r.activations = m.layers * ActivationsPerLayer(m, vit, std::max(1, w.tensor_parallel)) * act_bytes / 2;
    if (w.task == Task::kCnnInfer) r.activations *= 2.0 / std::max(1, m.layers);
  } else if (notes) {
    notes->push_back(Message("mem.activations_unknown").With("model", m.name));
  }
}

// KV cache: 2 * layers * kv_heads * head_dim * bytes per token (K and V), in
// fp16 whatever the weights' precision (fp8 with fp8 and fp4). Prefill
// working set: hidden states and the MLP's intermediate for the prompt
// tokens in flight (one chunk of the engine's max_num_batched_tokens under
// chunked prefill, else every prompt of the batch), plus fp32 logits for
// each sequence.
void InferenceCache(const Workload& w, int batch, MemoryBreakdown& r, std::vector<Message>* notes) {
  const ModelSpec& m = w.model;
  const int tp = std::max(1, w.tensor_parallel);
  const double kv_bytes = w.precision == Precision::kFp8 || w.precision == Precision::kFp4 ? 1 : 2;
  r.kv_bytes_per_token = m.kv_values_per_token() * kv_bytes / tp / std::max(1, w.pipeline_parallel);  // a stage caches its layers
  r.batch = batch;
  const double tokens = static_cast<double>(w.prompt_tokens + w.output_tokens) * batch;
  r.kv_cache = r.kv_bytes_per_token * tokens;
  double inflight = static_cast<double>(w.prompt_tokens) * std::max(1, batch);
  if (w.limits.max_batched_tokens > 0) inflight = std::min(inflight, static_cast<double>(w.limits.max_batched_tokens));
  r.activations = inflight * (4.0 * m.hidden + 2 * m.ffn_size()) * 2 / tp + 4.0 * m.vocab * std::max(1, batch);
  if (notes) {
    notes->push_back(Message("mem.kv_cache").With("kib", r.kv_bytes_per_token / 1024)
                         .With("values", m.kv_values_per_token())
                         .With("mla", m.family == "deepseek" ? Message("mem.mla") : Message())
                         .With("tokens", w.prompt_tokens + w.output_tokens).With("sequences", batch));
    if (w.limits.max_batched_tokens > 0) {
      notes->push_back(Message("mem.chunked_prefill").With("tokens", w.limits.max_batched_tokens)
                           .With("engine", EngineName(w.engine)));
    }
  }
}

// An engine with continuous batching allocates the weights exactly and the
// KV cache in pages: fragmentation applies to the activations alone.
bool Paged(const Workload& w) { return w.task == Task::kInfer && w.limits.continuous; }

// What an inference engine holds before any KV cache: context, weights and
// prefill activations, with their fragmentation.
double FixedBytes(const Workload& w, const MemoryBreakdown& r) {
  const double job = r.weights + r.activations;
  return kContextBytes + (Paged(w) ? job + kFragmentation * r.activations : (1 + kFragmentation) * job);
}

// The most an inference engine fills: its share of all memory (vLLM,
// SGLang), or everything fixed plus its share of what is left (TensorRT-LLM).
double InferenceBudget(const Workload& w, const MemoryBreakdown& r) {
  if (w.limits.share_of_free) {
    const double fixed = FixedBytes(w, r);
    return fixed + w.memory_utilization * std::max(0.0, r.capacity - fixed);
  }
  return w.memory_utilization * r.capacity;
}

// --concurrency max: the sequences of prompt + output tokens the KV cache
// holds once the weights and a prefill chunk are in, up to the engine's
// batch limit. 0 when not one fits. `state` holds the model state.
int MaxBatch(const Workload& w, const MemoryBreakdown& state) {
  MemoryBreakdown m = state;
  InferenceCache(w, 1, m, nullptr);
  const double per_sequence =
      (Paged(w) ? 1 : 1 + kFragmentation) * m.kv_bytes_per_token * (w.prompt_tokens + w.output_tokens);
  const double spare = InferenceBudget(w, m) - FixedBytes(w, m) - per_sequence;
  if (spare < 0 || per_sequence <= 0) return 0;
  double batch = 1 + std::floor(spare / per_sequence);
  if (w.limits.max_batch > 0) batch = std::min(batch, static_cast<double>(w.limits.max_batch));
  batch = std::min(batch, 1e7);
  // The activations grow with the batch (logits; unchunked prompts): step
  // down until everything fits.
  for (int i = 0; i < 40 && batch > 0; ++i) {
    InferenceCache(w, static_cast<int>(batch), m, nullptr);
    const double excess = FixedBytes(w, m) + per_sequence * batch - InferenceBudget(w, m);
    if (excess <= 0) break;
    batch -= std::max(1.0, std::ceil(excess / per_sequence));
  }
  return static_cast<int>(std::max(0.0, batch));
}

// Overhead, the usable share of the GPU, and whether it fits.
void Settle(const Workload& w, MemoryBreakdown& r, std::vector<Message>* notes) {
  const double job = r.weights + r.gradients + r.optimizer + r.activations + r.kv_cache;
  r.overhead = kContextBytes + kFragmentation * (Paged(w) ? r.activations : job);
  r.total = job + r.overhead;
  if (w.task == Task::kInfer) {
    r.usable = InferenceBudget(w, r);
    const double spare = r.usable - (r.total - r.kv_cache);
    r.kv_token_capacity = r.kv_bytes_per_token > 0 ? std::max(0.0, spare) / r.kv_bytes_per_token : 0;
    if (notes) {
      notes->push_back(Message(w.limits.share_of_free ? "mem.fits_free" : "mem.fits_vllm")
                           .With("utilization", w.memory_utilization).With("kv_tokens", r.kv_token_capacity)
                           .With("engine", EngineName(w.engine)));
    }
  } else {
    r.usable = (1 - kTrainHeadroom) * r.capacity;
    if (notes) {
      notes->push_back(Message("mem.fits_training").With("share_pct", (1 - kTrainHeadroom) * 100)
                           .With("fragmentation_pct", kFragmentation * 100));
    }
  }
  r.fits = r.total <= r.usable && (w.task != Task::kInfer || !w.model.is_transformer() || w.concurrency > 0 || r.batch > 0);
}

}  // namespace

MemoryBreakdown EstimateMemory(const Workload& w, const Hardware& hw, std::vector<Message>* notes) {
  MemoryBreakdown r;
  r.capacity = (hw.memory_gib > 0 ? hw.memory_gib : hw.gpu->UsableMemoryGib().value_or(0)) * kGiB;
  ModelState(w, hw, r, notes);
  if (IsTraining(w.task) && w.model.is_transformer()) {
    TransformerTrainingActivations(w, r, notes);
  } else if (w.task == Task::kCnnTrain || w.task == Task::kCnnInfer) {
    CnnActivations(w, r, notes);
  } else if (w.task == Task::kInfer && w.model.is_transformer()) {
    InferenceCache(w, w.concurrency > 0 ? w.concurrency : MaxBatch(w, r), r, notes);
  }
  Settle(w, r, notes);
  return r;
}

}  // namespace gpuscout
