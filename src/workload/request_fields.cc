#include "workload/request_fields.h"

#include <fmt/format.h>

#include <cmath>

namespace gpuscout {
namespace {

using R = EstimateRequest;
using T = FieldType;

// clang-format off
const RequestField kFields[] = {
  // The job.
  {"task", T::kText, "", 0, 0, "infer", "train, finetune, lora, qlora, infer, serve (an LLM at --rps), cnn-train, cnn-infer, render, hpc, stream", &R::task},
  {"model", T::kText, "", 0, 0, "", "A preset (Llama-2-7B, Qwen2.5-7B, BERT-Large, ResNet-50 ...; see data/models.csv)", &R::model},
  {"params", T::kNumber, "billion parameters", 1e-6, 1e5, "", "Explicit model: parameters, billions", &R::params_b,
   FieldScope::kWorkload, "params_b"},
  {"active_params", T::kNumber, "billion parameters", 1e-6, 1e5, "params", "Explicit MoE model: active parameters per token, billions", &R::active_params_b,
   FieldScope::kWorkload, "active_params_b"},
  {"layers", T::kInteger, "", 1, 10000, "", "Explicit model: layers", &R::layers},
  {"hidden", T::kInteger, "", 1, 1 << 20, "", "Explicit model: hidden size", &R::hidden},
  {"heads", T::kInteger, "", 1, 1 << 16, "", "Explicit model: attention heads", &R::heads},
  {"kv_heads", T::kInteger, "", 1, 1 << 16, "heads", "Explicit model: key/value heads", &R::kv_heads},
  {"vocab", T::kInteger, "", 1, 1 << 24, "", "Explicit model: vocabulary size", &R::vocab},
  // Hardware a request names itself.
  {"gpu", T::kText, "", 0, 0, "", "GPU (A100-80GB, H100, T4 ...)", &R::gpu, FieldScope::kHardware},
  {"offer", T::kText, "", 0, 0, "", "VENDOR:INSTANCE from the catalog: its GPU, count and memory", &R::offer, FieldScope::kHardware},
  {"gpus", T::kInteger, "", 1, 1 << 20, "1", "GPUs per node", &R::gpus, FieldScope::kHardware},
  {"nodes", T::kInteger, "", 1, 1 << 16, "1", "Nodes", &R::nodes, FieldScope::kHardware},
  {"network", T::kText, "", 0, 0, "", "Between nodes: efa, infiniband, erdma, roce or tcp (default: the offer's, else tcp)", &R::network},
  {"network_gbps", T::kNumber, "Gbit/s", 0.1, 1e5, "", "Per-node network bandwidth, Gbit/s", &R::network_gbps},
  // Precision and parallelism.
  {"precision", T::kText, "", 0, 0, "", "fp32, bf16, fp16, fp8 (training); fp16, bf16, fp8, int8, int4 (inference); default bf16 for LLM training, fp16 otherwise, fp64 for HPC", &R::precision},
  {"zero", T::kInteger, "", 0, 3, "0", "ZeRO stage 0-3", &R::zero},
  {"fsdp", T::kText, "", 0, 0, "", "full, grad-op, hybrid or none (FSDP; maps onto ZeRO stages; default none: --zero decides)", &R::fsdp},
  {"offload", T::kText, "", 0, 0, "", "cpu or none: the optimizer state and its step in host RAM (DeepSpeed ZeRO-Offload, with zero 1-3; default none)", &R::offload},
  {"recompute", T::kText, "", 0, 0, "", "none, selective or full activation recomputation (default none; full for qlora)", &R::recompute},
  {"stack", T::kText, "", 0, 0, "stock", "Training software: stock (framework defaults, CPU data loading) or tuned (vendor containers, GPU decoding)", &R::stack},
  {"attention", T::kText, "", 0, 0, "", "flash or eager (default: flash for LLMs, eager otherwise)", &R::attention},
  {"tp", T::kInteger, "", 1, 1024, "1", "Tensor-parallel degree", &R::tensor_parallel},
  {"pp", T::kInteger, "", 1, 1024, "1", "Pipeline-parallel stages, across nodes (LLM inference)", &R::pipeline_parallel},
  // Shapes and the dataset.
  {"seq_len", T::kInteger, "tokens", 1, 1 << 24, "", "Sequence length (training; default 2048 for LLMs, 512 for encoders, the model's context for the rest, never above it)", &R::seq_len},
  {"micro_batch", T::kInteger, "samples", 1, 1 << 20, "", "Samples per GPU per step (default 1 for LLMs, 32 for encoders, 64 for the rest)", &R::micro_batch},
  {"global_batch", T::kInteger, "samples", 1, 1 << 26, "", "Samples per optimizer step (gradient accumulation; default: micro-batch x data-parallel GPUs, no accumulation)", &R::global_batch},
  {"lora_rank", T::kInteger, "", 1, 65536, "16", "LoRA rank", &R::lora_rank},
  {"tokens", T::kNumber, "tokens", 1, 1e16, "", "Dataset size in tokens (training time needs tokens or samples)", &R::tokens},
  {"samples", T::kNumber, "samples", 1, 1e15, "", "Dataset size in samples (training time needs tokens or samples)", &R::samples},
  {"epochs", T::kNumber, "", 1e-3, 1e6, "1", "Epochs", &R::epochs},
  // Inference.
  {"prompt_tokens", T::kInteger, "tokens", 1, 1 << 24, "512", "Inference: prompt length", &R::prompt_tokens},
  {"output_tokens", T::kInteger, "tokens", 1, 1 << 24, "256", "Inference: tokens generated", &R::output_tokens},
  {"concurrency", T::kInteger, "sequences", 0, 1 << 20, "1", "Inference: sequences decoded together; max (or 0): as many as the KV cache holds, up to the engine's batch limit", &R::concurrency,
   FieldScope::kWorkload, "", "max"},
  {"memory_utilization", T::kNumber, "share", 0.05, 1.0, "", "Inference: share of GPU memory to fill (default the engine's: vLLM 0.9)", &R::memory_utilization},
  {"engine", T::kText, "", 0, 0, "", "Inference: vllm (LLM default), sglang, tensorrt-llm, pytorch (static batches; default for the rest) or tensorrt", &R::engine},
  {"rps", T::kNumber, "requests/s", 1e-6, 1e7, "", "LLM serving: requests per second arriving (Poisson): latency and batch at that load", &R::rps},
  {"max_num_batched_tokens", T::kInteger, "tokens", 16, 1 << 24, "", "LLM serving: tokens one step takes in, the prefill chunk (default the engine's)", &R::max_batched_tokens},
  // Rendering.
  {"frames", T::kNumber, "frames", 1, 1e9, "", "Rendering: frames", &R::frames},
  {"seconds_per_frame", T::kNumber, "s", 1e-6, 1e7, "", "Rendering: seconds per frame on reference_gpu", &R::seconds_per_frame},
  {"reference_gpu", T::kText, "", 0, 0, "", "Rendering: the GPU seconds_per_frame was measured on (default T4); HPC: the reference GPU", &R::reference_gpu},
  // HPC.
  {"reference_hours", T::kNumber, "h", 1e-6, 1e7, "", "HPC: the job's hours on the reference hardware", &R::reference_hours},
  {"reference_nodes", T::kInteger, "", 1, 1 << 20, "1", "HPC: reference nodes", &R::reference_nodes},
  {"reference_gpus_per_node", T::kInteger, "", 1, 64, "1", "HPC: GPUs per reference node", &R::reference_gpus_per_node},
  {"reference_node_tflops", T::kNumber, "TFLOPS", 1e-6, 1e6, "", "HPC: a CPU reference node's TFLOPS at the job's precision", &R::reference_node_tflops},
  {"reference_node_gbps", T::kNumber, "GB/s", 1e-3, 1e7, "", "HPC: a CPU reference node's memory bandwidth, GB/s", &R::reference_node_gbps},
  {"compute_share", T::kNumber, "share", 0, 1, "0.5", "HPC: share of the reference time that is compute-bound", &R::compute_share},
  {"scaling_efficiency", T::kNumber, "share", 0.05, 1, "0.9", "HPC: parallel efficiency per doubling of nodes", &R::scaling_efficiency},
  {"job_memory_gb", T::kNumber, "GB", 0, 1e9, "0", "HPC: the job's data in GPU memory, all GPUs together, GB", &R::job_memory_gb},
  // Streaming.
  {"resolution", T::kText, "", 0, 0, "1920x1080", "Streaming: WIDTHxHEIGHT", &R::resolution},
  {"fps", T::kNumber, "frames/s", 1, 1000, "60", "Streaming: frames per second", &R::fps},
  {"sessions", T::kInteger, "", 1, 1 << 20, "1", "Streaming: concurrent sessions", &R::sessions},
  {"encoder_fps", T::kNumber, "frames/s", 1, 1e5, "480", "Streaming: 1080p frames/s one NVENC engine encodes", &R::encoder_fps},
  {"bitrate_mbps", T::kNumber, "Mbit/s", 0.01, 1e5, "", "Streaming: Mbit/s per stream (default 0.1 bit per pixel)", &R::bitrate_mbps},
  {"session_gb", T::kNumber, "GB", 0.001, 1e4, "", "Streaming: GPU memory per session, GB", &R::session_gb},
  // The input pipeline.
  {"sample_kb", T::kNumber, "KB", 1e-3, 1e9, "", "Input pipeline: KB read per sample", &R::sample_kb},
  {"storage", T::kText, "", 0, 0, "", "Input pipeline: nvme (3.5 GB/s) or lustre (200 GB/s, the seed's FSx figure)", &R::storage},
  {"storage_gbps", T::kNumber, "GB/s", 1e-4, 1e6, "", "Input pipeline: the store's bandwidth to the job, GB/s", &R::storage_gbps},
};
// clang-format on

}  // namespace

std::span<const RequestField> RequestFields() { return kFields; }

const RequestField* FindRequestField(std::string_view name) {
  for (const auto& f : kFields) {
    if (f.name == name || (!f.alias.empty() && f.alias == name)) return &f;
  }
  return nullptr;
}

std::optional<std::string> CheckValue(const RequestField& field, double value) {
  if (field.type == FieldType::kText) return std::nullopt;
  if (!(value >= field.lo && value <= field.hi)) {
    return fmt::format("{} is out of range: expected {} to {}", value, field.lo, field.hi);
  }
  if (field.type == FieldType::kInteger && value != std::trunc(value)) {
    return fmt::format("{} is not a whole number", value);
  }
  return std::nullopt;
}

Result<void> CheckRequestRanges(const EstimateRequest& r) {
  for (const auto& f : kFields) {
    std::optional<double> value;
    if (auto* i = std::get_if<std::optional<int> EstimateRequest::*>(&f.member)) {
      if (r.**i) value = *(r.**i);
    } else if (auto* d = std::get_if<std::optional<double> EstimateRequest::*>(&f.member)) {
      value = r.**d;
    }
    if (!value) continue;
    if (auto why = CheckValue(f, *value)) return tl::unexpected(OptionError(std::string(f.name), *why));
  }
  return {};
}

std::string OptionName(std::string_view field) {
  std::string out = "--";
  for (char c : field) out += c == '_' ? '-' : c;
  return out;
}

}  // namespace gpuscout
