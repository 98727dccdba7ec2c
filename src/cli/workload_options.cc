#include "cli/workload_options.h"

namespace gpuscout::cli {

void AddWorkloadOptions(CLI::App& app, EstimateRequest& r) {
  app.add_option("--task", r.task, "train, finetune, lora, qlora, infer, cnn-train, cnn-infer, render, hpc, stream")
      ->capture_default_str();
  app.add_option("--model", r.model, "A preset (Llama-2-7B, Qwen2.5-7B, BERT-Large, ResNet-50 ...; see data/models.csv)");
  app.add_option("--params", r.params_b, "Explicit model: parameters, billions");
  app.add_option("--active-params", r.active_params_b, "Explicit MoE model: active parameters per token, billions");
  app.add_option("--layers", r.layers, "Explicit model: layers");
  app.add_option("--hidden", r.hidden, "Explicit model: hidden size");
  app.add_option("--heads", r.heads, "Explicit model: attention heads");
  app.add_option("--kv-heads", r.kv_heads, "Explicit model: key/value heads (default: --heads)");
  app.add_option("--vocab", r.vocab, "Explicit model: vocabulary size");
  app.add_option("--network", r.network, "Between nodes: efa, infiniband, erdma, roce or tcp (default: the offer's, else tcp)");
  app.add_option("--network-gbps", r.network_gbps, "Per-node network bandwidth, Gbit/s");
  app.add_option("--precision", r.precision, "fp32, bf16, fp16, fp8 (training); fp16, bf16, fp8, int8, int4 (inference)");
  app.add_option("--zero", r.zero, "ZeRO stage 0-3");
  app.add_option("--fsdp", r.fsdp, "full, grad-op, hybrid or none (FSDP; maps onto ZeRO stages)");
  app.add_option("--recompute", r.recompute, "none, selective or full activation recomputation");
  app.add_option("--attention", r.attention, "flash or eager (default: flash for LLMs, eager otherwise)");
  app.add_option("--tp", r.tensor_parallel, "Tensor-parallel degree");
  app.add_option("--seq-len", r.seq_len, "Sequence length (training)");
  app.add_option("--micro-batch", r.micro_batch, "Samples per GPU per step");
  app.add_option("--global-batch", r.global_batch, "Samples per optimizer step (gradient accumulation)");
  app.add_option("--lora-rank", r.lora_rank, "LoRA rank (default 16)");
  app.add_option("--tokens", r.tokens, "Dataset size in tokens");
  app.add_option("--samples", r.samples, "Dataset size in samples");
  app.add_option("--epochs", r.epochs, "Epochs (default 1)");
  app.add_option("--prompt-tokens", r.prompt_tokens, "Inference: prompt length (default 512)");
  app.add_option("--output-tokens", r.output_tokens, "Inference: tokens generated (default 256)");
  app.add_option("--concurrency", r.concurrency, "Inference: sequences decoded together (default 1)");
  app.add_option("--memory-utilization", r.memory_utilization, "Inference: share of GPU memory to fill (vLLM's default 0.9)");
  app.add_option("--frames", r.frames, "Rendering: frames");
  app.add_option("--seconds-per-frame", r.seconds_per_frame, "Rendering: seconds per frame on --reference-gpu");
  app.add_option("--reference-gpu", r.reference_gpu,
                 "Rendering: the GPU --seconds-per-frame was measured on (default T4); HPC: the reference GPU");
  app.add_option("--reference-hours", r.reference_hours, "HPC: the job's hours on the reference hardware");
  app.add_option("--reference-nodes", r.reference_nodes, "HPC: reference nodes (default 1)");
  app.add_option("--reference-gpus-per-node", r.reference_gpus_per_node, "HPC: GPUs per reference node (default 1)");
  app.add_option("--reference-node-tflops", r.reference_node_tflops, "HPC: a CPU reference node's TFLOPS at the job's precision");
  app.add_option("--reference-node-gbps", r.reference_node_gbps, "HPC: a CPU reference node's memory bandwidth, GB/s");
  app.add_option("--compute-share", r.compute_share, "HPC: share of the reference time that is compute-bound (default 0.5)");
  app.add_option("--scaling-efficiency", r.scaling_efficiency, "HPC: parallel efficiency per doubling of nodes (default 0.9)");
  app.add_option("--job-memory-gb", r.job_memory_gb, "HPC: the job's data in GPU memory, all GPUs together, GB");
  app.add_option("--resolution", r.resolution, "Streaming: WIDTHxHEIGHT (default 1920x1080)");
  app.add_option("--fps", r.fps, "Streaming: frames per second (default 60)");
  app.add_option("--sessions", r.sessions, "Streaming: concurrent sessions (default 1)");
  app.add_option("--encoder-fps", r.encoder_fps, "Streaming: 1080p frames/s one NVENC engine encodes (default 480)");
  app.add_option("--bitrate-mbps", r.bitrate_mbps, "Streaming: Mbit/s per stream (default 0.1 bit per pixel)");
  app.add_option("--session-gb", r.session_gb, "Streaming: GPU memory per session, GB");
  app.add_option("--sample-kb", r.sample_kb, "Input pipeline: KB read per sample");
  app.add_option("--storage", r.storage, "Input pipeline: nvme (3.5 GB/s) or lustre (200 GB/s, the seed's FSx figure)");
  app.add_option("--storage-gbps", r.storage_gbps, "Input pipeline: the store's bandwidth to the job, GB/s");
}

}  // namespace gpuscout::cli
