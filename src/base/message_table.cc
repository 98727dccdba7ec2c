// The sentences of answers, in English and Chinese: fmt templates with named
// fields (base/message.h). Keys are "<domain>.<what>". A Chinese template
// must use the same fields as the English one (message_table_test).

#include "base/i18n.h"

namespace gpuscout {
namespace {

using E = MessageEntry;

constexpr MessageEntry kSentences[] = {
    // workload/memory.cc
    E{"mem.full_training",
      "{optimizer} training: {bytes} bytes/parameter (weights {w}, gradients {g}, optimizer {o}), ZeRO stage {zero} "
      "sharded over {shard} GPUs (Rajbhandari et al. 2020)",
      "{optimizer}训练：每个参数 {bytes} 字节（权重 {w}、梯度 {g}、优化器 {o}），ZeRO 阶段 {zero}，"
      "在 {shard} 块 GPU 上分片（Rajbhandari et al. 2020）"},
    E{"mem.deepspeed_zero12",
      "ZeRO-{zero} over {shard} GPUs as DeepSpeed's estimator budgets it: 16-bit weights and gradients whole, the fp32 "
      "gradient partition and Adam state sharded (4 + 16/N bytes/parameter): {state_gib:.1f} GiB per GPU, against "
      "{paper_gib:.1f} GiB in the ZeRO paper's model",
      "ZeRO-{zero}，在 {shard} 块 GPU 上分片，按 DeepSpeed 估算器的口径：16 位权重和梯度完整保留，fp32 梯度分区和 Adam 状态分片"
      "（每参数 4 + 16/N 字节）：每块 GPU {state_gib:.1f} GiB，ZeRO 论文的模型为 {paper_gib:.1f} GiB"},
    E{"mem.offload",
      "ZeRO-{zero} with the optimizer offloaded to the CPU (DeepSpeed ZeRO-Offload): the GPU keeps the 16-bit weights"
      "{sharded}, {gib:.1f} GiB; gradients stream to host RAM, where Adam steps",
      "ZeRO-{zero}，优化器卸载到 CPU（DeepSpeed ZeRO-Offload）：GPU 只保留 16 位权重{sharded}，"
      "{gib:.1f} GiB；梯度流向主机内存，Adam 在那里更新"},
    E{"mem.offload_sharded", " (its share of {shard} GPUs, plus the largest layer gathered)",
      "（{shard} 块 GPU 中它的一份，另加聚合中的最大一层）"},
    E{"mem.deepspeed_zero3",
      "ZeRO-3 over {shard} GPUs as DeepSpeed's estimator budgets it: 18/N bytes/parameter plus 4 bytes x the largest "
      "layer ({largest_m:.0f} M parameters, gathered): {state_gib:.1f} GiB per GPU, against {paper_gib:.1f} GiB in the "
      "ZeRO paper's model",
      "ZeRO-3，在 {shard} 块 GPU 上分片，按 DeepSpeed 估算器的口径：每参数 18/N 字节，另加最大一层（{largest_m:.0f} M 参数，"
      "聚合时）每参数 4 字节：每块 GPU {state_gib:.1f} GiB，ZeRO 论文的模型为 {paper_gib:.1f} GiB"},
    E{"mem.fsdp_full",
      "FSDP full shard over {shard} GPUs as PyTorch allocates it: fp32 parameters, gradients and Adam state sharded "
      "(16/N bytes/parameter) plus the gathered bf16 block and the prefetched next one: {state_gib:.1f} GiB per GPU, "
      "against {paper_gib:.1f} GiB in the ZeRO paper's model",
      "FSDP 完全分片，在 {shard} 块 GPU 上，按 PyTorch 的分配：fp32 参数、梯度和 Adam 状态分片（每参数 16/N 字节），另加聚合中的 "
      "bf16 层块和预取的下一块：每块 GPU {state_gib:.1f} GiB，ZeRO 论文的模型为 {paper_gib:.1f} GiB"},
    E{"mem.fsdp_grad_op",
      "FSDP shard-grad-op over {shard} GPUs as PyTorch allocates it: fp32 parameters, gradients and Adam state sharded "
      "(16/N bytes/parameter) plus the whole bf16 model kept between forward and backward: {state_gib:.1f} GiB per GPU, "
      "against {paper_gib:.1f} GiB in the ZeRO paper's model",
      "FSDP 梯度与优化器分片，在 {shard} 块 GPU 上，按 PyTorch 的分配：fp32 参数、梯度和 Adam 状态分片（每参数 16/N 字节），"
      "另加前向到反向之间保留的完整 bf16 模型：每块 GPU {state_gib:.1f} GiB，ZeRO 论文的模型为 {paper_gib:.1f} GiB"},
    E{"mem.adam_fp32", "fp32 Adam", "fp32 Adam "},
    E{"mem.adam_mixed", "mixed-precision Adam", "混合精度 Adam "},
    E{"mem.lora",
      "{method}: frozen base {base}; adapters of rank {rank} on q, k, v, o and the MLP = {trainable_m:.1f} M trainable "
      "parameters at 16 bytes each (weights 2, gradients 2, Adam 12){paged}",
      "{method}：冻结的基座模型{base}；秩为 {rank} 的适配器加在 q、k、v、o 和 MLP 上 = {trainable_m:.1f} M 个可训练参数，"
      "每个 16 字节（权重 2、梯度 2、Adam 12）{paged}"},
    E{"mem.paged_optimizer",
      "; QLoRA's paged AdamW keeps the Adam state ({gib:.1f} GiB) in unified memory that pages to host RAM when the "
      "GPU runs short, so it is counted against host RAM, not the GPU (Dettmers et al. 2023)",
      "；QLoRA 的分页 AdamW 把 Adam 状态（{gib:.1f} GiB）放在统一内存里，显存不足时换页到主机内存，因此计入主机内存而不计入显存"
      "（Dettmers et al. 2023）"},
    E{"mem.lora_base_nf4",
      "in NF4 with double quantisation, 0.516 bytes/parameter (Dettmers et al. 2023), embeddings in bf16",
      "为 NF4 双重量化，每个参数 0.516 字节（Dettmers et al. 2023），嵌入层为 bf16"},
    E{"mem.lora_base_16", "in {precision}, 2 bytes/parameter", "为 {precision}，每个参数 2 字节"},
    E{"mem.hpc_data", "HPC data {gb:g} GB over {gpus} GPU(s): {each_gb:.1f} GB each (--job-memory-gb)",
      "HPC 数据 {gb:g} GB 分到 {gpus} 块 GPU：每块 {each_gb:.1f} GB（--job-memory-gb）"},
    E{"mem.cnn_training",
      "CNN training: fp32 weights, gradients and SGD momentum, 12 bytes/parameter (AMP casts weights to fp16 on the fly)",
      "CNN 训练：fp32 权重、梯度和 SGD 动量，每个参数 12 字节（AMP 在计算时把权重转成 fp16）"},
    E{"mem.inference_weights", "inference weights in {precision}: {bytes} bytes/parameter{int4}",
      "推理权重为 {precision}：每个参数 {bytes} 字节{int4}"},
    E{"mem.int4_scales", " (group scales, a few percent more, not counted)", "（分组缩放系数多占百分之几，未计入）"},
    E{"mem.activations",
      "activations by Korthikanti et al. 2022 with {recompute} recomputation{tp}, {attention} attention, plus fp32 "
      "logits 4*s*b*V bytes; sequence length {seq}, micro-batch {micro}",
      "激活按 Korthikanti et al. 2022 计算，重计算：{recompute}{tp}，注意力：{attention}，另加 fp32 logits "
      "4*s*b*V 字节；序列长度 {seq}，微批次 {micro}"},
    E{"mem.recompute_full", "full", "全部"},
    E{"mem.recompute_selective", "selective", "选择性"},
    E{"mem.recompute_none", "no", "无"},
    E{"mem.sequence_parallel", ", tensor parallel {tp} with sequence parallelism", "，张量并行 {tp} 并启用序列并行"},
    E{"mem.flash", "FlashAttention (no s^2 scores stored)", "FlashAttention（不保存 s^2 注意力分数）"},
    E{"mem.eager", "eager (s^2 scores stored)", "普通实现（保存 s^2 注意力分数）"},
    E{"mem.cnn_activations",
      "CNN activations: {values_m:.1f} M stored values per sample (from the architecture, data/SOURCES.md), {bytes} "
      "bytes each, batch {batch}",
      "CNN 激活：每个样本保存 {values_m:.1f} M 个值（由网络结构算出，data/SOURCES.md），每个 {bytes} 字节，批次 {batch}"},
    E{"mem.activations_unknown", "activation size of {model} is not known: not counted", "{model} 的激活大小未知：未计入"},
    E{"mem.kv_cache", "KV cache {kib:.0f} KiB per token ({values} values per token{mla}) x {tokens} tokens x {sequences} sequences",
      "KV 缓存每个 token {kib:.0f} KiB（每个 token {values} 个值{mla}）x {tokens} 个 token x {sequences} 个序列"},
    E{"mem.mla", ", multi-head latent attention", "，多头潜在注意力（MLA）"},
    E{"mem.fits_vllm",
      "fits when the total is within --memory-utilization {utilization:.2f} of the GPU's memory, as {engine} allocates; "
      "the KV cache then holds {kv_tokens:.0f} tokens",
      "合计不超过显存的 --memory-utilization {utilization:.2f} 即可放下（与 {engine} 的分配方式相同）；此时 KV 缓存可容纳 "
      "{kv_tokens:.0f} 个 token"},
    E{"mem.fits_free",
      "{engine} gives the KV cache --memory-utilization {utilization:.2f} of the memory left after the weights and "
      "activations: {kv_tokens:.0f} tokens",
      "{engine} 把权重和激活之外剩余显存的 --memory-utilization {utilization:.2f} 分给 KV 缓存：{kv_tokens:.0f} 个 token"},
    E{"mem.fits_training",
      "fits when the total is within {share_pct:.0f}% of the GPU's memory; overhead = 0.5 GiB CUDA context + "
      "{fragmentation_pct:.0f}% allocator fragmentation",
      "合计不超过显存的 {share_pct:.0f}% 即可放下；额外开销 = 0.5 GiB CUDA 上下文 + {fragmentation_pct:.0f}% 分配器碎片"},

    // workload/throughput.cc
    E{"tput.input_ok",
      "input: {needed:.2f} GB/s needed ({samples:.0f} samples/s x {kb:.0f} KB) of the {storage} {gbps:g} GB/s: not the "
      "bottleneck",
      "输入：需要 {needed:.2f} GB/s（每秒 {samples:.0f} 个样本 x {kb:.0f} KB），{storage} 提供 {gbps:g} GB/s：不是瓶颈"},
    E{"tput.input_bound",
      "INPUT-BOUND: the GPUs could take {needed:.2f} GB/s ({kb:.0f} KB per sample) but the {storage} delivers {gbps:g} "
      "GB/s: {fed:.0f} samples/s instead of {unfed:.0f}",
      "受输入限制：GPU 能消化 {needed:.2f} GB/s（每个样本 {kb:.0f} KB），但 {storage} 只能提供 {gbps:g} GB/s：每秒 "
      "{fed:.0f} 个样本而不是 {unfed:.0f} 个"},
    E{"tput.render",
      "rendering time scaled by FP32 throughput: {s} s/frame on {ref} ({ref_tflops} TFLOPS) x {ref_tflops} / {tflops} = "
      "{per_frame:.2f} s/frame on {gpu}; renderers that use RT cores or are memory-bound scale differently",
      "渲染时间按 FP32 算力换算：{ref}（{ref_tflops} TFLOPS）上每帧 {s} 秒 x {ref_tflops} / {tflops} = {gpu} 上每帧 "
      "{per_frame:.2f} 秒；使用 RT 核心或受显存带宽限制的渲染器换算结果不同"},
    E{"tput.tensorrt",
      "{achieved:.1f} TFLOP/s achieved = {pct:.1f}% of {gpu} peak {peak:.0f} TFLOP/s: TensorRT's share for {class}, the "
      "geometric mean of NVIDIA's MLPerf Inference INT8 results (for BERT an effective rate: the engine skips padding)",
      "实际 {achieved:.1f} TFLOP/s = {gpu} 峰值 {peak:.0f} TFLOP/s 的 {pct:.1f}%：TensorRT 在 {class} 上的比例，取 NVIDIA "
      "MLPerf Inference INT8 结果的几何平均（BERT 为等效速率：引擎跳过填充）"},
    E{"tput.serving",
      "{engine} serving, efficiencies fitted to published maximum-load throughput: prefill at {prefill_pct:.0f}% of the "
      "tensor peak, decode reads at {bandwidth_pct:.0f}% of memory bandwidth and computes at {decode_pct:.0f}% of the "
      "peak, {layer_us:.0f} us per layer per decode step, {allreduce_us:.1f} us per tensor-parallel all-reduce over NVLink "
      "({pcie_us:.1f} us per ring step over PCIe)",
      "{engine} 推理服务，效率按公开的满载吞吐拟合：预填充达张量峰值的 {prefill_pct:.0f}%，解码按显存带宽的 "
      "{bandwidth_pct:.0f}% 读取、按峰值的 {decode_pct:.0f}% 计算，每个解码步骤每层固定 {layer_us:.0f} 微秒，每次张量并行 all-reduce 经 NVLink {allreduce_us:.1f} 微秒（经 PCIe "
      "每个环步骤 {pcie_us:.1f} 微秒）"},
    E{"tput.fp4",
      "FP4 matmuls reach {share_pct:.0f}% of the FP4 rate's share that FP8 reaches of its own (block scaling), fitted "
      "on TensorRT-LLM 1.0's B200 Llama-3.1-70B table",
      "FP4 矩阵乘法达到的 FP4 峰值占比为 FP8 占比的 {share_pct:.0f}%（分块缩放的开销），由 TensorRT-LLM 1.0 的 B200 "
      "Llama-3.1-70B 数据拟合"},
    E{"tput.continuous",
      "continuous batching: {replicas} replica(s), {batch:.1f} sequences in flight each; a prompt takes {prefill_ms:.1f} ms "
      "of a replica's time, a decode step {step_ms:.2f} ms ({bound}-bound)",
      "连续批处理：{replicas} 个副本，每个同时处理 {batch:.1f} 个序列；一个提示词占用副本 {prefill_ms:.1f} 毫秒，"
      "一步解码 {step_ms:.2f} 毫秒（受{bound}限制）"},
    E{"tput.at_rate",
      "at {rps:.3g} requests/s the replicas run at {load_pct:.0f}% of the {max_rps:.3g} requests/s they complete at most; "
      "a prompt waits as in an M/D/1 queue at that load",
      "每秒 {rps:.3g} 个请求时，副本负载为其最大完成能力（每秒 {max_rps:.3g} 个请求）的 {load_pct:.0f}%；提示词的排队按该负载下的 M/D/1 队列估算"},
    E{"tput.over_rate",
      "{rps:.3g} requests/s is more than the {max_rps:.3g} requests/s these replicas complete at most: the queue grows "
      "without bound",
      "每秒 {rps:.3g} 个请求超过这些副本最多能完成的每秒 {max_rps:.3g} 个：队列会无限增长"},
    E{"mem.chunked_prefill",
      "chunked prefill: {engine} takes in at most {tokens} prompt tokens per step (--max-num-batched-tokens), which bounds "
      "the prefill activations",
      "分块预填充：{engine} 每步最多接收 {tokens} 个提示词 token（--max-num-batched-tokens），预填充激活随之有上限"},
    E{"tput.decode",
      "decode is {bound}-bound: {gb:.2f} GB read per step at {share_pct:.0f}% of {bandwidth:.0f} GB/s vs {tflop:.2f} "
      "TFLOP per step; prefill of {prompt} tokens x {concurrency} takes {prefill_s:.3f} s",
      "解码受{bound}限制：每步读取 {gb:.2f} GB，按 {bandwidth:.0f} GB/s 的 {share_pct:.0f}% 计，对比每步 {tflop:.2f} "
      "TFLOP；{prompt} 个 token x {concurrency} 的预填充需要 {prefill_s:.3f} 秒"},
    E{"tput.memory", "memory", "显存带宽"},
    E{"tput.compute", "compute", "算力"},
    E{"tput.link_nvlink", "NVLink {gbps:.0f} GB/s per direction", "NVLink 单向 {gbps:.0f} GB/s"},
    E{"tput.link_pcie", "PCIe gen {gen} x16 {gbps:.1f} GB/s per direction", "PCIe {gen} 代 x16 单向 {gbps:.1f} GB/s"},
    E{"tput.link_network", "{net} between nodes, {gbits:.0f} Gbit/s at {efficiency_pct:.0f}% = {gbps:.1f} GB/s{assumed}",
      "节点间 {net}，{gbits:.0f} Gbit/s 按 {efficiency_pct:.0f}% 计 = {gbps:.1f} GB/s{assumed}"},
    E{"tput.tcp", "TCP over the VM network (no RDMA/SR-IOV)", "走虚拟机网络的 TCP（无 RDMA/SR-IOV）"},
    E{"tput.tcp_assumed", " (no --network given: TCP assumed)", "（未给出 --network：按 TCP 计）"},
    E{"tput.all_reduce", "ring all-reduce of {gb:.2f} GB of gradients per step over {link}{zero3}: {s:.3f} s, not overlapped",
      "每步对 {gb:.2f} GB 梯度做环形 all-reduce，经 {link}{zero3}：{s:.3f} 秒，不与计算重叠"},
    E{"tput.zero3_gather", ", x 1.5 for ZeRO-3's weight gathers (Rajbhandari et al. 2020)",
      "，ZeRO-3 需聚合权重，通信量 x 1.5（Rajbhandari et al. 2020）"},
    E{"tput.pipeline",
      "pipeline {pp} stages across nodes: each decode step hands {kb:.1f} kB of activations on over {link}, {ms:.3f} ms; "
      "a token passes every stage in turn",
      "跨节点流水线 {pp} 级：每个解码步经 {link} 传递 {kb:.1f} kB 激活，{ms:.3f} 毫秒；每个 token 依次经过各级"},
    E{"tput.tp_comm",
      "tensor parallel {tp}: {n} activation all-reduces of {mb:.1f} MB per micro-batch over {link}: {s:.3f} s, on the "
      "critical path (Megatron-LM)",
      "张量并行 {tp}：每个微批次 {n} 次激活 all-reduce，每次 {mb:.1f} MB，经 {link}：{s:.3f} 秒，位于关键路径（Megatron-LM）"},
    E{"tput.offload",
      "optimizer on the CPU (ZeRO-Offload): gradients down and weights up over PCIe at {pcie:.0f} GB/s, {transfer:.2f} s, "
      "and Adam in host RAM ({bytes:.0f} bytes/parameter at an assumed {gbps:.0f} GB/s per node), {adam:.2f} s per step",
      "优化器在 CPU 上（ZeRO-Offload）：梯度下行、权重上行经 PCIe，{pcie:.0f} GB/s，{transfer:.2f} 秒；Adam 在主机内存中"
      "（每参数 {bytes:.0f} 字节，假定每节点 {gbps:.0f} GB/s），每步 {adam:.2f} 秒"},
    E{"tput.training",
      "{gflop:.0f} GFLOP per sample ({rule}), micro-batch {micro} x {accumulation} accumulation steps x {dp} GPUs = "
      "global batch {global}",
      "每个样本 {gflop:.0f} GFLOP（{rule}），微批次 {micro} x {accumulation} 步梯度累积 x {dp} 块 GPU = 全局批次 {global}"},
    E{"tput.flops_lora", "4*N per token: frozen weights get no gradients", "每个 token 4*N：冻结的权重没有梯度"},
    E{"tput.flops_recompute", "8*N per token with full recomputation", "全部重计算时每个 token 8*N"},
    E{"tput.flops_cnn", "3 x the forward pass", "前向计算的 3 倍"},
    E{"tput.flops_train", "6*N per token plus attention", "每个 token 6*N 加注意力"},
    E{"tput.utilization",
      "{achieved:.1f} TFLOP/s achieved = {pct:.1f}% of {gpu} peak {peak:.0f} TFLOP/s{path} (class {class}, {stack} "
      "software stack, {basis}; {source})",
      "实际 {achieved:.1f} TFLOP/s = {gpu} 峰值 {peak:.0f} TFLOP/s{path} 的 {pct:.1f}%（类别 {class}，{stack} 软件栈，"
      "{basis}；{source}）"},
    E{"tput.cnn_roofs",
      "bound by {bound}: the step computes at {compute:.0f} TFLOP/s for {share:.0f}% of its time and moves memory at "
      "{gbps:.0f} GB/s ({memory:.0f} TFLOP/s-equivalent) for the rest",
      "瓶颈是{bound}：一步中 {share:.0f}% 的时间以 {compute:.0f} TFLOP/s 计算，其余时间以 {gbps:.0f} GB/s 读写显存"
      "（相当于 {memory:.0f} TFLOP/s）"},
    E{"tput.cnn_compute", "compute (the tensor peak)", "算力（张量峰值）"},
    E{"tput.cnn_power", "compute, held by the {w:.0f} W power limit", "算力，受 {w:.0f} W 功耗上限所限"},
    E{"tput.cnn_memory", "memory bandwidth", "显存带宽"},
    E{"tput.decode_bound",
      "INPUT-BOUND (CPU): {vcpus:.0f} vCPUs decode and augment about {rate:.0f} JPEG images/s each: {fed:.0f} images/s "
      "instead of the GPUs' {unfed:.0f}; the tuned stack (--stack tuned: DALI decodes on the GPU) or more vCPUs lift it",
      "受输入限制（CPU）：{vcpus:.0f} 个 vCPU 每个每秒解码和增强约 {rate:.0f} 张 JPEG：每秒 {fed:.0f} 张而不是 GPU 能处理的 "
      "{unfed:.0f} 张；换用 tuned 软件栈（--stack tuned：DALI 在 GPU 上解码）或更多 vCPU 可解除"},
    E{"tput.decode_fed",
      "input pipeline: {vcpus:.0f} vCPUs decode about {fed:.0f} JPEG images/s ({rate:.0f} each), more than the GPUs' "
      "{unfed:.0f}: not the bottleneck",
      "输入流水线：{vcpus:.0f} 个 vCPU 每秒解码约 {fed:.0f} 张 JPEG（每个 {rate:.0f} 张），多于 GPU 的 {unfed:.0f} 张：不是瓶颈"},
    E{"tput.decode_unknown",
      "input pipeline not checked: the vCPUs are unknown with --gpu (give --offer); stock data loading decodes about "
      "{rate:.0f} JPEG images/s per vCPU",
      "未检查输入流水线：只给 --gpu 时不知道 vCPU 数（请给 --offer）；stock 数据加载每个 vCPU 每秒解码约 {rate:.0f} 张 JPEG"},
    E{"tput.decode_gpu", "input pipeline: the tuned stack decodes JPEGs on the GPU (DALI): no CPU bound",
      "输入流水线：tuned 软件栈在 GPU 上解码 JPEG（DALI）：不受 CPU 限制"},
    E{"tput.calibration", "{generation} calibration{borrowed}", "按 {generation} 校准{borrowed}"},
    E{"tput.borrowed", ", borrowed: no measurements of this generation", "，借用：这一代没有实测数据"},
    E{"tput.no_rate", "no published {precision} rate for {gpu} in data/gpus.csv: time not estimated",
      "data/gpus.csv 中没有 {gpu} 公开的 {precision} 算力：不估算时间"},

    // workload/stream.cc
    E{"stream.sessions",
      "{sessions} session(s) of {width}x{height} at {fps:g} fps: {mbps:.1f} Mbit/s per stream ({basis}), {gbps:.2f} "
      "Gbit/s in all",
      "{sessions} 路 {width}x{height}、{fps:g} fps 的会话：每路 {mbps:.1f} Mbit/s（{basis}），合计 {gbps:.2f} Gbit/s"},
    E{"stream.bits_per_pixel", "0.1 bit per pixel", "每像素 0.1 bit"},
    E{"stream.no_nvenc_figure", "no NVENC figure for {gpu} in data/nvenc.csv: not sized",
      "data/nvenc.csv 中没有 {gpu} 的 NVENC 数据：不估算"},
    E{"stream.no_nvenc", "{gpu} has no NVENC video encoder (data/nvenc.csv): it cannot encode streams in hardware",
      "{gpu} 没有 NVENC 视频编码器（data/nvenc.csv）：无法用硬件编码视频流"},
    E{"stream.encoder",
      "encoder: {engines} NVENC engine(s) x {fps:g} 1080p frames/s (--encoder-fps) = {sessions:.2f} sessions; one frame "
      "takes {ms:.1f} ms to encode",
      "编码器：{engines} 个 NVENC 引擎 x 每秒 {fps:g} 帧 1080p（--encoder-fps）= {sessions:.2f} 路；编码一帧需要 {ms:.1f} 毫秒"},
    E{"stream.rendering", "rendering: {s:g} s/frame on {ref} scaled by FP32 throughput to {gpu}: {sessions:.2f} sessions",
      "渲染：{ref} 上每帧 {s:g} 秒，按 FP32 算力换算到 {gpu}：{sessions:.2f} 路"},
    E{"stream.memory", "memory: {gb:g} GB per session (--session-gb): {sessions:.2f} sessions",
      "显存：每路 {gb:g} GB（--session-gb）：{sessions:.2f} 路"},
    E{"stream.per_gpu", "{sessions} session(s) per GPU, limited by {limit}{gpus}",
      "每块 GPU {sessions} 路，受{limit}限制{gpus}"},
    E{"stream.gpus_needed", "; {gpus} GPU(s) for {sessions} sessions", "；{sessions} 路需要 {gpus} 块 GPU"},
    E{"stream.limit_encoder", "encoder", "编码器"},
    E{"stream.limit_rendering", "rendering", "渲染"},
    E{"stream.limit_memory", "memory", "显存"},

    // workload/hpc.cc
    E{"hpc.no_rate", "no {precision} rate or memory bandwidth for {gpu}: time not estimated",
      "{gpu} 没有 {precision} 算力或显存带宽数据：不估算时间"},
    E{"hpc.scaling",
      "HPC scaling: {hours:g} h on {ref_nodes} reference node(s) of {ref_tflops:g} {precision} TFLOPS and {ref_gbps:g} "
      "GB/s; a {gpus} x {gpu} node has {tflops:g} TFLOPS and {gbps:g} GB/s; with {compute_pct:.0f}% of the reference "
      "time compute-bound (--compute-share) and the rest memory-bound, per node the job takes {compute:.2f} x "
      "{ref_tflops:g}/{tflops:g} + {memory:.2f} x {ref_gbps:g}/{gbps:g} = {slowdown:.4f} of the reference time",
      "HPC 换算：参考配置为 {ref_nodes} 个节点、每节点 {ref_tflops:g} {precision} TFLOPS 和 {ref_gbps:g} GB/s，用时 "
      "{hours:g} 小时；{gpus} x {gpu} 的节点有 {tflops:g} TFLOPS 和 {gbps:g} GB/s；参考时间中 {compute_pct:.0f}% 受算力"
      "限制（--compute-share），其余受内存带宽限制，每个节点的用时为参考时间的 {compute:.2f} x {ref_tflops:g}/{tflops:g} "
      "+ {memory:.2f} x {ref_gbps:g}/{gbps:g} = {slowdown:.4f}"},
    E{"hpc.efficiency",
      "parallel efficiency {efficiency:.2f} per doubling of nodes (--scaling-efficiency): {ref_nodes} reference node(s) "
      "count as {ref_count:.1f}, {nodes} target node(s) as {count:.2f}; {hours:.1f} h",
      "节点数每翻一倍并行效率为 {efficiency:.2f}（--scaling-efficiency）：{ref_nodes} 个参考节点折合 {ref_count:.1f} 个，"
      "{nodes} 个目标节点折合 {count:.2f} 个；{hours:.1f} 小时"},
    E{"hpc.fp64_ratio",
      "{gpu} FP64 {tflops:.2f} TFLOPS = FP32 x {ratio} (compute capability {cc}, CUDA's FP64:FP32 throughput ratio; "
      "no datasheet figure)",
      "{gpu} FP64 {tflops:.2f} TFLOPS = FP32 x {ratio}（计算能力 {cc}，按 CUDA 的 FP64:FP32 吞吐比；无规格书数据）"},

    // workload/calibration.cc
    E{"fit.transformer_classes",
      "transformers: utilisation of the 16-bit tensor peak on Ampere, one GPU, before the sequence-length factor: {classes}",
      "Transformer：Ampere 单卡 16 位张量峰值的利用率（未乘序列长度系数）：{classes}"},
    E{"fit.transformer_factors",
      "transformers: generation x{volta:.2f} Volta, x{turing:.2f} Turing, x1 Ampere, x{hopper:.2f} Hopper; data parallel "
      "x{dp:.2f}; at sequence length s x s/(s+{s0:.0f})",
      "Transformer：代际系数 Volta x{volta:.2f}、Turing x{turing:.2f}、Ampere x1、Hopper x{hopper:.2f}；数据并行 x{dp:.2f}；"
      "序列长度为 s 时 x s/(s+{s0:.0f})"},
    E{"fit.roofline",
      "{family} step = compute time + memory time: compute at {u16:.0f}% of the 16-bit tensor peak ({u32:.0f}% of TF32/FP32) "
      "but at most {k16:.0f} GFLOP/s per watt of the board's power limit ({k32:.0f} in 32-bit); memory at {bytes:.1f} FLOP "
      "per byte at 1 TB/s, rising as bandwidth^{alpha:.2f}; data parallel x{dp:.2f}; inference x{infer:.2f}",
      "{family} 每步 = 计算时间 + 显存时间：计算达到 16 位张量峰值的 {u16:.0f}%（TF32/FP32 的 {u32:.0f}%），但每瓦功耗上限最多 "
      "{k16:.0f} GFLOP/s（32 位 {k32:.0f}）；显存带宽 1 TB/s 时每字节 {bytes:.1f} FLOP，随带宽的 {alpha:.2f} 次方增长；数据并行 x{dp:.2f}；推理 x{infer:.2f}"},

    // workload/estimate.cc
    E{"est.memory_each", " with {gib:.1f} GiB each", "，每块 {gib:.1f} GiB"},
    E{"est.job_on", "{task} on {nodes} x {gpus} GPU(s) {gpu}{each}", "{task}：{nodes} x {gpus} 块 {gpu}{each}"},
    E{"est.model_on", "{model} ({kind}), {params_b:.2f} B parameters{active}, on {nodes} x {gpus} GPU(s) {gpu}{each}",
      "{model}（{kind}），{params_b:.2f} B 参数{active}，运行在 {nodes} x {gpus} 块 {gpu} 上{each}"},
    E{"est.active", " ({active_b:.2f} B active per token)", "（每个 token 激活 {active_b:.2f} B）"},
    E{"est.why_not",
      "needs {total:.1f} GiB per GPU but {gpu} has {capacity:.1f} GiB ({usable:.1f} usable): {first} {first_gib:.1f} GiB "
      "and {second} {second_gib:.1f} GiB are the largest items; try a GPU with more memory{help}",
      "每块 GPU 需要 {total:.1f} GiB，但 {gpu} 只有 {capacity:.1f} GiB（可用 {usable:.1f}）：最大的两项是{first} "
      "{first_gib:.1f} GiB 和{second} {second_gib:.1f} GiB；可换显存更大的 GPU{help}"},
    E{"est.help_batch", ", or a smaller --micro-batch", "，或减小 --micro-batch"},
    E{"est.help_infer", ", a lower --precision (int8, int4), fewer --concurrency, or --tp over more GPUs",
      "，或降低 --precision（int8、int4）、减少 --concurrency、用 --tp 分到更多 GPU"},
    E{"est.help_lora", ", or --recompute full", "，或 --recompute full"},
    E{"est.help_lora_recomputed", "", "。"},
    E{"est.help_train_zero",
      ", shard with --zero 3 over more GPUs, --recompute full, --offload cpu (the optimizer in host RAM), or --task lora / qlora",
      "，或用 --zero 3 分片到更多 GPU、--recompute full、--offload cpu（优化器放在主机内存）、--task lora / qlora"},
    E{"est.help_train_zero_recomputed",
      ", shard with --zero 3 over more GPUs, --offload cpu (the optimizer in host RAM), or --task lora / qlora",
      "，或用 --zero 3 分片到更多 GPU、--offload cpu（优化器放在主机内存）、--task lora / qlora"},
    E{"est.help_train", ", --recompute full, or --task lora / qlora", "，或 --recompute full、--task lora / qlora"},
    E{"est.help_train_offload", ", --recompute full, --offload cpu (the optimizer in host RAM), or --task lora / qlora",
      "，或 --recompute full、--offload cpu（优化器放在主机内存）、--task lora / qlora"},
    E{"est.help_train_offload_recomputed", ", --offload cpu (the optimizer in host RAM), or --task lora / qlora",
      "，或 --offload cpu（优化器放在主机内存）、--task lora / qlora"},
    E{"est.help_train_recomputed", ", or --task lora / qlora", "，或 --task lora / qlora"},

    // cost/cost_model.cc and base/money.cc
    E{"cost.no_on_demand", "no on-demand price published", "没有公开的按量价格"},
    E{"cost.reservation_only", "not sold on demand in any region: reservations or capacity blocks only, at prices not in the data",
      "任何地域都不按量出售：只有预留或容量块，价格不在数据中"},
    E{"cost.no_spot", "no spot price published", "没有公开的竞价价格"},
    E{"cost.no_commitment_base", "no on-demand price to discount and no reserved price published",
      "没有可打折的按量价格，也没有公开的预留价格"},
    E{"cost.subscription_only", "sold by monthly or yearly subscription (包年包月), not by hourly commitment",
      "按包年包月出售，不按小时承诺出售"},
    E{"cost.no_monthly", "no monthly subscription price published", "没有公开的包月价格"},
    E{"cost.interruptions", "{per_day:.2f} interruptions/day", "每天中断 {per_day:.2f} 次"},
    E{"cost.interruptions_nodes", "{per_day:.2f} interruptions/day ({per_node:.3f} per node x {nodes:g} nodes)",
      "每天中断 {per_day:.2f} 次（每节点 {per_node:.3f} 次 x {nodes:g} 个节点）"},
    E{"cost.spot_checkpointed",
      "{rate} (MTBF {mtbf:.0f} h), checkpoint every {minutes:.1f} min, restart {restart:.0f} s: {wall:.1f} h of wall "
      "time for {work:.1f} h of work",
      "{rate}（平均无故障 {mtbf:.0f} 小时），每 {minutes:.1f} 分钟保存一次检查点，重启 {restart:.0f} 秒：{work:.1f} 小时的"
      "工作需要 {wall:.1f} 小时"},
    E{"cost.billing", "{vendor} bills a run in steps of {step:g} s, at least {min:g} s (spot restarts each start a new run)",
      "{vendor} 按 {step:g} 秒为单位计费，每次至少 {min:g} 秒（竞价实例每次重启都重新计费）"},
    E{"cost.billing_step", "{vendor} bills a run in steps of {step:g} s (spot restarts each start a new run)",
      "{vendor} 按 {step:g} 秒为单位计费（竞价实例每次重启都重新计费）"},
    E{"cost.billing_assumed", "{vendor}'s billing unit is not in the data: a run is billed by the whole hour (assumed)",
      "数据中没有 {vendor} 的计费单位：按整小时计费（假定）"},
    E{"cost.discount_list",
      "{vendor}: {pct:g}% negotiated discount off its list prices (on demand, reservations, savings plans, monthly), not off spot, storage or egress",
      "{vendor}：协议折扣 {pct:g}%，用于目录价（按量、预留、节省计划、包月），不用于竞价、存储和流量"},
    E{"cost.discount_option", "{vendor}: {pct:g}% negotiated discount off {option}", "{vendor}：{option} 协议折扣 {pct:g}%"},
    E{"cost.disk", "{vendor} {region}: {gb:g} GB of {product} per instance at {price:g} {cur} per GB-month, while the job runs",
      "{vendor} {region}：每个实例 {gb:g} GB {product}，每 GB 每月 {price:g} {cur}，按作业运行时长计"},
    E{"cost.disk_assumed",
      "{vendor} {region}: no published block storage price in the data; {gb:g} GB per instance at an assumed {price:g} {cur} per GB-month",
      "{vendor} {region}：数据中没有公布的云盘价格；每个实例 {gb:g} GB，假定每 GB 每月 {price:g} {cur}"},
    E{"cost.egress", "{vendor} {region}: {gb:g} GB a month to the internet in its {product} tiers cost {cost:.2f} {cur} a month",
      "{vendor} {region}：每月 {gb:g} GB 公网出流量按 {product} 阶梯计价，每月 {cost:.2f} {cur}"},
    E{"cost.egress_unknown", "{vendor} {region}: no published egress price in the data; its {gb:g} GB a month are not counted",
      "{vendor} {region}：数据中没有公布的出流量价格；每月 {gb:g} GB 未计入"},
    E{"cost.spot_spare",
      "priced with {spare} spare on spot beside the {serving:g} serving, so an interruption ({per_day:.2f} a day in all) "
      "hands over instead of dropping requests; the spare restarts in {restart:.0f} s; no checkpoints",
      "按竞价计价时另加 {spare} 台备用实例（服务实例 {serving:g} 台），中断（合计每天 {per_day:.2f} 次）时由备用实例接替，"
      "不丢请求；备用实例 {restart:.0f} 秒内重启；不保存检查点"},
    E{"cost.spot_rerun", "{rate} (MTBF {mtbf:.0f} h), no checkpoints: expected re-runs make {work:.1f} h of work take {wall:.1f} h",
      "{rate}（平均无故障 {mtbf:.0f} 小时），不保存检查点：算上预期的重跑，{work:.1f} 小时的工作需要 {wall:.1f} 小时"},
    E{"cost.vantage_reserved", "Vantage's reserved price (term unstated; its 37% median discount is a 1-year rate)",
      "Vantage 的预留价格（期限未说明；其 37% 的折扣中位数是 1 年期的折扣）"},
    E{"cost.assumed_discount", "{name}: assumed {pct:.0f}% off on demand (data/purchase_options.csv: no published price)",
      "{name}：假定比按量便宜 {pct:.0f}%（data/purchase_options.csv：没有公开价格）"},
    E{"cost.not_sold", "not sold by this vendor (data/purchase_options.csv)", "该厂商不出售（data/purchase_options.csv）"},
    E{"cost.sustained_use", "GCP sustained use discount: {pct:.1f}% off at {hours:.0f} h a month",
      "GCP 持续使用折扣：每月 {hours:.0f} 小时，便宜 {pct:.1f}%"},
    E{"cost.regions_title", "{vendor} {type} in {regions} regions", "{vendor} {type}，共 {regions} 个地域"},
    E{"cost.title_job", "{vendor} {type} in {region}{zone}: one job of {hours:g} h, billed in the vendor's unit, prices in {currency}",
      "{vendor} {type}（{region}{zone}）：一次 {hours:g} 小时的作业，按厂商的计费单位计，价格单位 {currency}"},
    E{"cost.title", "{vendor} {type} in {region}{zone}: {hours:g} h/month for {months:g} months = {total:g} h, prices in {currency}",
      "{vendor} {type}，{region}{zone}：每月 {hours:g} 小时，共 {months:g} 个月 = {total:g} 小时，价格单位 {currency}"},
    E{"cost.legend",
      "BREAK-EVEN: the usage per month above which the option costs less than on demand; a commitment is paid for its "
      "whole term (1 or 3 years), used or not.",
      "盈亏平衡：每月用量超过这个值时，该购买方式比按量便宜；承诺类购买按整个期限（1 年或 3 年）付费，用不用都要付。"},
    E{"cost.legend_assumed", "* a default discount (data/purchase_options.csv), not a published price.",
      "* 默认折扣（data/purchase_options.csv），不是公开价格。"},
    E{"cost.converted", "Converted at {rate}", "换算汇率：{rate}"},
    E{"money.rate", "1 USD = {rate:.4g} CNY ({basis})", "1 USD = {rate:.4g} CNY（{basis}）"},
    E{"money.rate_given", "--cny-per-usd", "--cny-per-usd"},
    E{"money.rate_default", "default; set --cny-per-usd", "默认值；可用 --cny-per-usd 设置"},

    // optimizer/recommend.cc
    E{"rec.stream_no_spot",
      "on demand: an interruption drops the sessions on the node (--spot allow prices spot with a spare node)",
      "按量计费：一次中断就会断开该节点上的会话（--spot allow 会按竞价计价并加一台备用节点）"},
    E{"rec.serving_no_spot",
      "serving on demand: an interruption drops the requests in flight (--spot allow prices spot with a spare replica)",
      "推理服务按量计费：一次中断会丢掉正在处理的请求（--spot allow 会按竞价计价并加一个备用副本）"},
    E{"rec.hours", "priced for {hours:g} hours of use (--hours)", "按使用 {hours:g} 小时计价（--hours）"},
    E{"rec.one_hour", "no dataset (--tokens, --samples) or --hours given: priced for 1 hour",
      "未给出数据量（--tokens、--samples）或 --hours：按 1 小时计价"},
    E{"rec.first_candidate", "estimate for the first candidate: {what}", "第一名方案的估算：{what}"},
    E{"rec.converted", "prices converted to {currency} at {rate}", "价格按 {rate} 换算为 {currency}"},
    E{"rec.commitments",
      "commitments (reserved, savings plans, monthly) are charged for their whole term and priced only where the vendor "
      "sells them; discounts without a published price are assumptions (data/purchase_options.csv)",
      "承诺类购买（预留、节省计划、包月）按整个期限收费，且只在厂商出售时计价；没有公开价格的折扣是假定值（data/purchase_options.csv）"},
    E{"rec.spot",
      "spot: interruptions at the default rate unless --interruptions-per-day: AWS Spot Instance Advisor puts GPU "
      "types in its top band, above 20% of nodes a month, open-ended, so 25% a month is taken inside it (an "
      "assumption; real rates can be higher); checkpoint interval by Daly; restart {restart:.0f} s, checkpoint "
      "{checkpoint:.0f} s; the notice before an interruption (AWS 2 min, GCP and Azure 30 s) is not used",
      "竞价：除非给出 --interruptions-per-day，中断率取默认值：AWS Spot Instance Advisor 把 GPU 实例归入最高档（每月超过 20% "
      "的节点，上不封顶），这里取档内的每月 25%（假设，实际可能更高）；检查点间隔按 Daly 公式；重启 {restart:.0f} 秒，"
      "保存检查点 {checkpoint:.0f} 秒；不利用中断前的通知（AWS 2 分钟，GCP 和 Azure 30 秒）"},
    E{"reject:filtered", "filtered", "被筛选掉"},
    E{"reject:suspect_spot", "suspect spot price", "可疑的竞价价格"},
    E{"reject:not_sold", "not sold by the vendor", "厂商不出售"},
    E{"reject:one_listing", "marketplace listing: one node only", "市场挂单：只能单节点"},
    E{"reject:sold_out", "sold out in its zone (the vendor's API at the last refresh)", "该可用区已售罄（上次刷新时厂商 API 的状态）"},
    E{"reject:too_few_gpus", "too few GPUs per node", "每节点 GPU 太少"},
    E{"reject:no_price", "no price", "无价格"},
    E{"reject:no_precision", "GPU lacks the precision", "GPU 不支持该精度"},
    E{"reject:host_too_small", "host RAM or vCPUs too small", "主机内存或 vCPU 不足"},
    E{"reject:no_fit", "does not fit memory", "显存放不下"},
    E{"reject:no_estimate", "no speed figure for the GPU", "无该 GPU 的速度数据"},
    E{"reject:misses_deadline", "misses the deadline", "赶不上截止时间"},
    E{"reject:misses_slo", "misses the latency SLO", "不满足延迟 SLO"},
    E{"reject:over_budget", "over budget", "超出预算"},

    // optimizer/alternatives.cc
    E{"alt.cpu_decode",
      "decode bound by {gbps:.1f} GB/s of host memory bandwidth over {gb:.1f} GB of weights; prefill at {gflops:.0f} GFLOP/s",
      "解码受主机内存带宽 {gbps:.1f} GB/s 限制，权重 {gb:.1f} GB；预填充按 {gflops:.0f} GFLOP/s 计"},
    E{"alt.no_cpu_render", "no figure for CPU rendering and software encoding speed against the reference GPU",
      "没有 CPU 渲染和软件编码相对参考 GPU 的速度数据"},
    E{"alt.cpu_hpc", "this machine as one node of {gflops:.0f} GFLOP/s and {gbps:.1f} GB/s: {hours:.0f} h for the job",
      "把本机当作一个 {gflops:.0f} GFLOP/s、{gbps:.1f} GB/s 的节点：作业需要 {hours:.0f} 小时"},
    E{"alt.cpu_sample", "{gflop:.1f} GFLOP per sample at {gflops:.0f} GFLOP/s", "每个样本 {gflop:.1f} GFLOP，按 {gflops:.0f} GFLOP/s 计"},
    E{"alt.cpu", "CPU: {gflops:.0f} GFLOP/s, {gbps:.1f} GB/s memory ({basis})", "CPU：{gflops:.0f} GFLOP/s，内存 {gbps:.1f} GB/s（{basis}）"},
    E{"alt.cpu_measured",
      "measured by the probe's kernels on this machine; the FLOP/s is a lower bound for libraries using AVX2/AVX-512",
      "由 probe 的测试程序在本机实测；对使用 AVX2/AVX-512 的库而言 FLOP/s 是下限"},
    E{"alt.cpu_given", "as given", "按给定值"},
    E{"alt.slice_encoder", "a slice's share of the video encoder is not published", "切片能分到多少视频编码器没有公开数据"},
    E{"alt.slice_hpc", "HPC jobs are not run on GPU slices here", "这里不在 GPU 切片上运行 HPC 作业"},
    E{"alt.no_slice", "no fractional-GPU offer in the catalog has the memory for this workload",
      "目录中没有显存足够这个工作负载的 GPU 切片报价"},
    E{"alt.slice",
      "a {share:g} slice gets that share of the GPU, less {loss_pct:.1f}% for time slicing (the seed article's 15-30% "
      "loss, an uncited claim)",
      "{share:g} 的切片得到 GPU 的相应份额，再扣除 {loss_pct:.1f}% 的分时损耗（源文章称损耗 15-30%，无出处）"},
    E{"alt.no_encoder_offer", "no GPU offer with a video encoder carries one session", "没有带视频编码器的 GPU 报价能承载一路会话"},
    E{"alt.stream_latency",
      "input to display: round trip {rtt:g} ms + rendering one frame {frame:.1f} ms + encoding {encode:.1f} ms + sending "
      "a frame ({mbps:.1f} Mbit/s over the client's {link:g} Mbit/s) {send:.1f} ms + decoding and showing one frame "
      "{frame:.1f} ms",
      "从输入到显示：往返 {rtt:g} 毫秒 + 渲染一帧 {frame:.1f} 毫秒 + 编码 {encode:.1f} 毫秒 + 发送一帧（{mbps:.1f} Mbit/s，"
      "客户端链路 {link:g} Mbit/s）{send:.1f} 毫秒 + 解码并显示一帧 {frame:.1f} 毫秒"},
    E{"alt.stream_instances", "{per_instance} session(s) per instance ({limit}-limited): {instances} instance(s) for {sessions} session(s)",
      "每个实例 {per_instance} 路（受{limit}限制）：{sessions} 路需要 {instances} 个实例"},
    E{"alt.stream_bandwidth", "the stream needs {mbps:.1f} Mbit/s; the client's link has {link:g} (--bandwidth-mbps)",
      "视频流需要 {mbps:.1f} Mbit/s；客户端链路只有 {link:g}（--bandwidth-mbps）"},
    E{"alt.no_frames", "for interactive graphics (--task render or stream): this workload sends no frames",
      "用于交互式图形（--task render 或 stream）：这个工作负载不发送画面"},
    E{"alt.no_graphics", "no graphics-capable GPU offer", "没有支持图形的 GPU 报价"},
    E{"alt.render_latency", "stream latency {ms:g} ms (the seed article's 40-60 ms, uncited) plus the round trip",
      "视频流延迟 {ms:g} 毫秒（源文章的 40-60 毫秒，无出处）加往返时间"},
    E{"alt.not_per_request", "for inference: this workload is not called per request", "用于推理：这个工作负载不是按请求调用的"},
    E{"alt.stream_is_rendering", "a rented GPU that streams its frames is remote-rendering", "租用 GPU 并推流画面就是远程渲染"},
    E{"alt.no_gpu_fits", "no GPU offer in the catalog fits this workload on one node", "目录中没有能在单节点放下这个工作负载的 GPU 报价"},
    E{"alt.api", "round trip {rtt:g} ms + {kb:g} KB over {mbps:g} Mbit/s ({ms:.1f} ms) + GPU time, hosted on the cheapest fitting offer",
      "往返 {rtt:g} 毫秒 + {kb:g} KB 经 {mbps:g} Mbit/s 传输（{ms:.1f} 毫秒）+ GPU 时间，部署在放得下的最便宜报价上"},
    E{"alt.rent", "the cheapest single-node offer the workload fits, on demand, used on this machine's behalf (latency without the network)",
      "放得下该工作负载的最便宜单节点按量报价，代替本机使用（延迟不含网络）"},
    E{"alt.job_hours", "the job takes {hours:.1f} h there", "作业在那里需要 {hours:.1f} 小时"},
    E{"alt.over_slo", "{ms:.0f} ms is over the {slo:.0f} ms latency objective", "{ms:.0f} 毫秒超过了 {slo:.0f} 毫秒的延迟目标"},
    E{"alt.cpu_far_slower", "{throughput:.3g} {unit}, more than {times:g} times slower than {other} ({other_throughput:.3g})",
      "{throughput:.3g} {unit}，比 {other}（{other_throughput:.3g}）慢 {times:g} 倍以上"},

    E{"alt.usage", "{hours:.0f} hours a month; round trip {rtt:g} ms, {kb:g} KB per call over {mbps:g} Mbit/s",
      "每月 {hours:.0f} 小时；往返 {rtt:g} 毫秒，每次调用 {kb:g} KB，经 {mbps:g} Mbit/s 传输"},

    // autoscale/fleet.cc
    E{"fleet.capacity", "{pool}: {rps:.2f} requests/s per node from `estimate` ({model} on {offer})",
      "{pool}：每个节点每秒 {rps:.2f} 个请求，来自 `estimate`（{model}，{offer}）"},
    E{"fleet.capacity_slo", "{pool}: {rps:.2f} requests/s per node from `estimate` ({model} on {offer}), the most its replicas carry with TTFT within {ttft_ms:g} ms and TPOT within {tpot_ms:g} ms (0: unbounded)",
      "{pool}：每个节点每秒 {rps:.2f} 个请求，来自 `estimate`（{model}，{offer}），即其副本在首 token 时间不超过 {ttft_ms:g} 毫秒、每 token 时间不超过 {tpot_ms:g} 毫秒（0 表示不限）时的最大承载"},
    E{"fleet.boot", "{pool}: boot_s {s} s from launch to ready (the default: a GPU VM's launch, driver and model load; measure yours)",
      "{pool}：boot_s 从启动到就绪 {s} 秒（默认值：GPU 虚拟机启动、加载驱动和模型；请实测）"},
    E{"fleet.spot", "{pool}: spot interruptions at 20% a month per node (AWS Spot Instance Advisor's top band) unless interruptions_per_day is given",
      "{pool}：除非给出 interruptions_per_day，竞价中断按每节点每月 20% 计（AWS Spot Instance Advisor 的最高档）"},

    // cli/cmd_estimate.cc
    E{"est.minutes", "{n:.1f} min", "{n:.1f} 分钟"},
    E{"est.hours", "{n:.1f} h", "{n:.1f} 小时"},
    E{"est.days", "{n:.1f} days", "{n:.1f} 天"},
    E{"est.heading", "{what} on {nodes} x {gpus} {gpu}", "{what}，{nodes} x {gpus} 块 {gpu}"},
    E{"est.because", ": {why}", "：{why}"},
    E{"est.stream_speed", "{per_gpu} session(s) per GPU ({limit}-limited); {gpus} GPU(s) for {sessions} session(s); {mbps:.1f} Mbit/s per stream",
      "每块 GPU {per_gpu} 路（受{limit}限制）；{sessions} 路需要 {gpus} 块 GPU；每路 {mbps:.1f} Mbit/s"},
    E{"est.stream_not_carried", "NOT CARRIED: {gpu} cannot carry one session", "承载不了：{gpu} 连一路会话都承载不了"},
    E{"est.stream_unknown", "UNKNOWN: no NVENC figure for {gpu}", "未知：没有 {gpu} 的 NVENC 数据"},
    E{"est.hpc_speed", "{time} for the job", "作业需要 {time}"},
    E{"est.serving_speed",
      "{tokens:.0f} output tokens/s, {requests:.3g} requests/s on {engine} ({replicas} replica(s), {batch:.1f} sequences "
      "each); time to first token {ttft_ms:.0f} ms, {tpot_ms:.1f} ms per output token, {request:.2f} s per request of "
      "{prompt} + {output} tokens{over}",
      "每秒输出 {tokens:.0f} 个 token、{requests:.3g} 个请求（{engine}，{replicas} 个副本，每个 {batch:.1f} 个序列）；"
      "首 token 时间 {ttft_ms:.0f} 毫秒，每个输出 token {tpot_ms:.1f} 毫秒，{prompt} + {output} 个 token 的请求 {request:.2f} 秒{over}"},
    E{"est.over_rate", "; OVERLOADED: these replicas complete at most {max_rps:.3g} requests/s",
      "；过载：这些副本每秒最多完成 {max_rps:.3g} 个请求"},
    E{"est.llm_speed",
      "{tokens:.0f} output tokens/s; {step_ms:.1f} ms per decode step; {prefill:.3f} s prefill; {request:.2f} s per "
      "request of {prompt} + {output} tokens",
      "每秒输出 {tokens:.0f} 个 token；每个解码步 {step_ms:.1f} 毫秒；预填充 {prefill:.3f} 秒；{prompt} + {output} 个 token "
      "的请求每个 {request:.2f} 秒"},
    E{"est.speed", "{samples:.1f} samples/s{tokens}; {step:.3f} s per step{dataset}",
      "每秒 {samples:.1f} 个样本{tokens}；每步 {step:.3f} 秒{dataset}"},
    E{"est.tokens", ", {n:.0f} tokens/s", "，每秒 {n:.0f} 个 token"},
    E{"est.dataset", "; {time} for the dataset", "；整个数据集需要 {time}"},

    // cli/cmd_scale.cc
    E{"scale.span", "{start} to {end} ({days:.1f} days, {points} points from {file}), tick {tick} s",
      "{start} 至 {end}（{days:.1f} 天，{points} 个数据点，来自 {file}），步长 {tick} 秒"},
    E{"scale.costs",
      "autoscaled: {cost:.2f} {cur} ({per_million:.3f} {cur} per million requests served); static fleet for the peak: "
      "{static:.2f} {cur} ({pct:+.0f}%)",
      "自动伸缩：{cost:.2f} {cur}（每服务一百万个请求 {per_million:.3f} {cur}）；按峰值配置的固定集群：{static:.2f} {cur}"
      "（{pct:+.0f}%）"},
    E{"scale.slo", "SLO: at most {slo} of the time short of capacity in each pool: {verdict}",
      "SLO：每个资源池容量不足的时间不超过 {slo}：{verdict}"},
    E{"scale.met", "met", "达到"},
    E{"scale.missed", "MISSED", "未达到"},
    E{"scale.timeline", "timeline: {rows} rows in {file}", "时间线：{rows} 行，写入 {file}"},
    E{"scale.legend",
      "SHORT: share of time demand exceeded ready capacity; UNSERVED: requests beyond capacity and the queue bound "
      "(queue_s); STATIC: nodes for the peak, always on.",
      "SHORT：需求超过就绪容量的时间占比；UNSERVED：超出容量和排队上限（queue_s）的请求；STATIC：按峰值配置、一直开机的节点。"},
    E{"tune.tried", "{pool}: {tried} settings tried, {met} within the SLO ({slo} of the time short)",
      "{pool}：尝试了 {tried} 组设置，{met} 组满足 SLO（容量不足时间不超过 {slo}）"},
    E{"tune.as_written", "as written: {cost:.2f} {cur}, {short} short", "原设置：{cost:.2f} {cur}，容量不足 {short}"},
    E{"tune.none", "no setting meets the SLO: raise max_nodes, shorten boot_s, or loosen --slo",
      "没有满足 SLO 的设置：提高 max_nodes、缩短 boot_s 或放宽 --slo"},
    E{"tune.best", "best: {cost:.2f} {cur} ({pct:+.1f}%), {short} short, peak {peak} nodes",
      "最佳：{cost:.2f} {cur}（{pct:+.1f}%），容量不足 {short}，峰值 {peak} 个节点"},
    E{"tune.no_change", "no change", "无需改动"},

    // cli/cmd_vendors.cc
    E{"vendors.offers", "{vendor}: {offers} offers in {regions} regions{zones}; GPUs: {gpus}",
      "{vendor}：{offers} 个报价，{regions} 个地域{zones}；GPU：{gpus}"},
    E{"vendors.zones", " ({n} zones)", "（{n} 个可用区）"},
    E{"vendors.purchase", "spot on {spot} of {priced} priced offers{discount}; reserved prices on {reserved}, monthly on {monthly}{largest}",
      "{priced} 个有价格的报价中 {spot} 个有竞价{discount}；{reserved} 个有预留价格，{monthly} 个有包月价格{largest}"},
    E{"vendors.discount", " (median discount {pct:.0f}%)", "（折扣中位数 {pct:.0f}%）"},
    E{"vendors.largest", "; largest node {type} with {count:g} x {gpu} ({gib:.0f} GiB of GPU memory)",
      "；最大的节点是 {type}，{count:g} x {gpu}（显存共 {gib:.0f} GiB）"},
    E{"vendors.rdma", "{tech} on {n} instance type(s){max} ({types})", "{n} 种实例有 {tech}{max}（{types}）"},
    E{"vendors.up_to", ", up to {gbps:g} Gbit/s", "，最高 {gbps:g} Gbit/s"},
    E{"vendors.no_rdma", "no RDMA on {n} instance type(s)", "{n} 种实例没有 RDMA"},
    E{"vendors.rdma_unknown", "not known for {n} instance type(s)", "{n} 种实例情况不明"},
    E{"vendors.between_nodes", "between nodes: {parts}", "节点间网络：{parts}"},
    E{"vendors.legend",
      "Prices per GPU-hour in {cur} (offers with at least one whole GPU and an on-demand price) at {rate}.\nRDMA per "
      "instance family from data/network_facts.csv (sources in data/SOURCES.md); stock and capacity are not published, "
      "so nothing is said of them.",
      "每卡时价格单位为 {cur}（只算至少有一整块 GPU 且有按量价格的报价），汇率 {rate}。\n各实例系列的 RDMA 情况来自 "
      "data/network_facts.csv（出处见 data/SOURCES.md）；库存和容量没有公开，因此不作说明。"},

    // lint/rules/gs0*.cc: findings and fixes
    E{"lint.gs001", "{model} on {type} ({gpu}): {why}", "{model} 在 {type}（{gpu}）上：{why}"},
    E{"lint.gs001_fix", "{items}", "{items}"},
    E{"lint.or", "{a} or {b}", "{a}或{b}"},
    E{"lint.comma", "{a}, {b}", "{a}、{b}"},
    E{"lint.fix_host", "the GPUs hold it: pick an instance type with the same {gpu} and more host RAM and vCPUs (gpuscout offers --gpu {gpu} lists them)",
      "GPU 装得下：换同样是 {gpu}、主机内存和 vCPU 更多的实例类型（gpuscout offers --gpu {gpu} 可以列出）"},
    E{"lint.fix_gpu", "pick a GPU with more memory (gpuscout recommend finds one)", "换显存更大的 GPU（gpuscout recommend 可以找到）"},
    E{"lint.fix_zero", "shard the optimizer, gradients and weights (workload.zero: 3)", "把优化器状态、梯度和权重分片（workload.zero: 3）"},
    E{"lint.fix_recompute", "recompute activations (workload.recompute: full)", "重计算激活值（workload.recompute: full）"},
    E{"lint.fix_lora", "fine-tune with LoRA/QLoRA (workload.task: lora or qlora)", "改用 LoRA/QLoRA 微调（workload.task: lora 或 qlora）"},
    E{"lint.fix_precision", "quantise the weights (workload.precision: int8 or int4)", "量化权重（workload.precision: int8 或 int4）"},
    E{"lint.fix_tp", "split the model over more GPUs (workload.tp)", "把模型切分到更多 GPU 上（workload.tp）"},
    E{"lint.fix_concurrency", "serve fewer sequences at once (workload.concurrency)", "减少同时服务的序列数（workload.concurrency）"},
    E{"lint.gs002",
      "{model} on {gpu} fits with {pct:.1f}% headroom ({used:.1f} of {room:.1f} GiB{serving}): a longer sequence, a "
      "bigger batch or a framework upgrade will run out of memory",
      "{model} 在 {gpu} 上放得下，但只剩 {pct:.1f}% 余量（{used:.1f} / {room:.1f} GiB{serving}）：序列更长、批次更大或升级框架"
      "都会显存不足"},
    E{"lint.gs002_serving", " the server may fill", "（推理服务可用的部分）"},
    E{"lint.gs002_fix", "keep at least 10% free: a larger GPU, or shard/recompute", "至少留 10% 空闲：换更大的 GPU，或分片/重计算"},
    E{"lint.gs003",
      "{contradicted}multi-node training over {nodes} nodes without RDMA (EFA, eRDMA, InfiniBand): the gradient all-reduce "
      "takes {tcp:.0f}% of each step over TCP, {rdma:.0f}% with RDMA",
      "{contradicted}{nodes} 个节点的多机训练没有 RDMA（EFA、eRDMA、InfiniBand）：梯度 all-reduce 走 TCP 时占每步时间的 "
      "{tcp:.0f}%，用 RDMA 时占 {rdma:.0f}%"},
    E{"lint.gs003_contradicted", "the plan sets network.rdma: {rdma} but {type} has none (data/network_facts.csv); ",
      "计划设置了 network.rdma: {rdma}，但 {type} 没有 RDMA（data/network_facts.csv）；"},
    E{"lint.gs003_fix", "use an instance with EFA/eRDMA/InfiniBand and enable it (network.rdma), or train on one node",
      "换带 EFA/eRDMA/InfiniBand 的实例并启用（network.rdma），或在单节点上训练"},
    E{"lint.gs004",
      "multi-node training with SR-IOV (ENA/enhanced networking) off: the seed article reports about 40% lower multi-GPU "
      "efficiency without SR-IOV or RDMA (a claim of the article, not a measurement cited here)",
      "多机训练关闭了 SR-IOV（ENA/增强网络）：源文章称没有 SR-IOV 或 RDMA 时多卡效率约低 40%（文章的说法，不是这里引用的实测）"},
    E{"lint.gs004_fix", "enable enhanced networking (SR-IOV) on the instances", "在实例上启用增强网络（SR-IOV）"},
    E{"lint.gs005",
      "the training nodes are spread over {zones} zones: placement groups and RDMA do not span zones, so every all-reduce "
      "crosses the zones' network",
      "训练节点分布在 {zones} 个可用区：置放群组和 RDMA 不能跨可用区，每次 all-reduce 都要走可用区之间的网络"},
    E{"lint.gs005_fix", "put all nodes of a job in one zone, in a placement group", "把一个作业的所有节点放在同一可用区的置放群组里"},
    E{"lint.gs006",
      "NVIDIA driver {driver} is older than CUDA {cuda} requires ({min} or later, NVIDIA's release-note table): CUDA "
      "programs fail with 'driver version is insufficient'",
      "NVIDIA 驱动 {driver} 比 CUDA {cuda} 要求的旧（需要 {min} 或更新，见 NVIDIA 发布说明中的表）：CUDA 程序会报 "
      "'driver version is insufficient'"},
    E{"lint.gs006_fix", "install driver {min} or later, or use a CUDA release this driver supports",
      "安装 {min} 或更新的驱动，或使用这个驱动支持的 CUDA 版本"},
    E{"lint.gs007", "CUDA {cuda} builds for compute capability {lo:.1f} to {hi:.1f}; {gpu} on {type} is {cc:.1f}",
      "CUDA {cuda} 支持计算能力 {lo:.1f} 到 {hi:.1f}；{type} 上的 {gpu} 是 {cc:.1f}"},
    E{"lint.gs007_fix_old", "use CUDA 12.9 or older for this GPU, or a newer GPU", "这块 GPU 请用 CUDA 12.9 或更旧的版本，或换更新的 GPU"},
    E{"lint.gs007_fix_new", "use a newer CUDA release that knows this GPU", "使用支持这块 GPU 的更新 CUDA 版本"},
    E{"lint.gs021", "{type}: {why}", "{type}：{why}"},
    E{"lint.gs022",
      "serving {rps:g} requests/s on {replicas} spot {type} replica(s) of {per_replica:.2f} requests/s each: every replica "
      "is needed, so one interruption leaves {left:.2f} requests/s until a replacement boots",
      "在 {replicas} 个竞价 {type} 副本上承载每秒 {rps:g} 个请求，每个副本每秒 {per_replica:.2f} 个：每个副本都不可缺，"
      "一次回收就只剩每秒 {left:.2f} 个，直到替补启动"},
    E{"lint.gs023",
      "{option} for {hours:g} hours a month costs {total:.0f} {cur}, {factor:.1f}x the same hours on demand ({od:.0f} {cur}); "
      "it breaks even above {break_even:.0f} hours a month",
      "每月只用 {hours:g} 小时却选了 {option}：{total:.0f} {cur}，是同样时长按需价格（{od:.0f} {cur}）的 {factor:.1f} 倍；"
      "每月超过 {break_even:.0f} 小时才划算"},
    E{"lint.gs023_fix", "rent on demand (or spot) for this few hours, or commit only when the machine runs most of the month",
      "这么少的时长请按需（或竞价）租用；机器大部分时间都在运行时再考虑承诺购买"},
    E{"lint.gs022_fix", "run {count} replicas (one spare), or keep one replica on demand",
      "运行 {count} 个副本（留一个备用），或保留一个按需副本"},
    E{"lint.gs021_fix", "set workload.precision to one this GPU computes in (fp16 everywhere), or choose a newer GPU",
      "把 workload.precision 改成这块 GPU 支持的精度（fp16 处处可用），或换更新的 GPU"},
    E{"lint.gs008_13",
      "CUDA {cuda} on {os} 7: CUDA 13 does not support CentOS 7 (PyTorch maintainers, PT-114287), and the CUDA install "
      "guide dropped RHEL/CentOS 7 after 12.4",
      "{os} 7 上的 CUDA {cuda}：CUDA 13 不支持 CentOS 7（PyTorch 维护者，PT-114287），CUDA 安装指南在 12.4 之后去掉了 RHEL/CentOS 7"},
    E{"lint.gs008_13_fix", "move to a supported OS (RHEL/Rocky 8+, Ubuntu 22.04+), or stay on CUDA 12.4",
      "换到受支持的操作系统（RHEL/Rocky 8+、Ubuntu 22.04+），或继续用 CUDA 12.4"},
    E{"lint.gs008_126", "CUDA {cuda} on {os} 7: the CUDA {cuda} Linux install guide has no RHEL/CentOS 7 section (12.4's still has one)",
      "{os} 7 上的 CUDA {cuda}：CUDA {cuda} 的 Linux 安装指南没有 RHEL/CentOS 7 一节（12.4 的还有）"},
    E{"lint.gs008_126_fix", "stay on CUDA 12.4 on this OS, or move to a supported OS", "在这个系统上继续用 CUDA 12.4，或换到受支持的操作系统"},
    E{"lint.gs008_125",
      "CUDA 12.5 on {os} 7: whether 12.5 still supports it is not established by the data (12.4's guide covers RHEL 7, "
      "12.6's does not; 12.5's was not read)",
      "{os} 7 上的 CUDA 12.5：数据无法确定 12.5 是否还支持（12.4 的指南包括 RHEL 7，12.6 的不包括；没有读过 12.5 的）"},
    E{"lint.gs008_125_fix", "check NVIDIA's 12.5 install guide", "查看 NVIDIA 的 12.5 安装指南"},
    E{"lint.gs009", "CUDA {cuda} {why} (release notes via Spack's CUDA package), and the host compiler is GCC {gcc}{assumed}: nvcc refuses to compile",
      "CUDA {cuda} {why}（发布说明，经 Spack 的 CUDA 包），而主机编译器是 GCC {gcc}{assumed}：nvcc 会拒绝编译"},
    E{"lint.gs009_min", "needs host GCC {gcc:g} or later", "需要 GCC {gcc:g} 或更新的主机编译器"},
    E{"lint.gs009_below", "needs host GCC below {gcc:g}", "需要低于 GCC {gcc:g} 的主机编译器"},
    E{"lint.gs009_assumed", " (assumed: CentOS 7's system GCC 4.8.5 is an uncited fact, not in the data; state compiler.gcc)",
      "（假定值：CentOS 7 自带 GCC 4.8.5 是没有出处的说法，不在数据中；请写明 compiler.gcc）"},
    E{"lint.gs009_fix", "install a supported GCC (devtoolset/gcc-toolset on RHEL) or pick a CUDA release that supports yours",
      "安装受支持的 GCC（RHEL 上用 devtoolset/gcc-toolset），或选择支持现有编译器的 CUDA 版本"},
    E{"lint.gs010",
      "a {hours:.0f} h job on spot without checkpoints: at {per_day:.4f} interruptions/day each one restarts it, expected "
      "{bare_h:.1f} h and {bare_cost:.2f} {cur} instead of {ckpt_h:.1f} h and {ckpt_cost:.2f} {cur} with checkpoints every "
      "{minutes:.0f} min",
      "{hours:.0f} 小时的作业用竞价实例且不保存检查点：每天中断 {per_day:.4f} 次，每次都要从头开始，预计 {bare_h:.1f} 小时、"
      "{bare_cost:.2f} {cur}，而每 {minutes:.0f} 分钟保存检查点只需 {ckpt_h:.1f} 小时、{ckpt_cost:.2f} {cur}"},
    E{"lint.gs010_fix", "checkpoint to durable storage (checkpointing.interval_minutes), or buy on demand",
      "把检查点保存到持久存储（checkpointing.interval_minutes），或改用按量"},
    E{"lint.gs011",
      "{hours:g} h/month for {months:g} months on demand costs {od:.0f} {cur}; {option} costs {total:.0f} {cur} ({pct:.0f}% "
      "less{assumed}), cheaper above {break_even:.0f} h/month",
      "按量每月 {hours:g} 小时、共 {months:g} 个月需要 {od:.0f} {cur}；{option} 需要 {total:.0f} {cur}（便宜 {pct:.0f}%{assumed}），"
      "每月超过 {break_even:.0f} 小时就更划算"},
    E{"lint.gs011_assumed", ", at an assumed discount", "，按假定折扣"},
    E{"lint.gs011_fix", "buy {option} (gpuscout cost --vendor {vendor} --instance {type} shows every option)",
      "购买 {option}（gpuscout cost --vendor {vendor} --instance {type} 列出所有购买方式）"},
    E{"lint.gs012", "{type} costs {price:.4f} {cur}/h in {region} but {cheapest:.4f} {cur}/h in {cheapest_region}: {pct:.0f}% more",
      "{type} 在 {region} 每小时 {price:.4f} {cur}，在 {cheapest_region} 每小时 {cheapest:.4f} {cur}：贵 {pct:.0f}%"},
    E{"lint.gs012_fix", "run in {region} if data residency and latency allow", "如果数据驻留和延迟允许，改在 {region} 运行"},
    E{"lint.gs013", "{vendor} {type} has {why}: {option} {how}", "{vendor} {type}：{why}；{option}{how}"},
    E{"lint.gs013_not_sold", "is not how it is sold", "不是它的售卖方式"},
    E{"lint.gs013_reserved_only", "may be reservation-only (capacity blocks)", "可能只能预约购买（容量块）"},
    E{"lint.gs013_fix", "pick a purchase option with a price (gpuscout cost lists them), or another instance",
      "选择有价格的购买方式（gpuscout cost 会列出），或换一种实例"},
    E{"lint.gs014",
      "training a {params_b:.1f} B-parameter model on {gpu} ({type}, an inference-class GPU) costs {mine:.2f} {cur} per "
      "PFLOP-hour of 16-bit peak; {vendor} {best_type} ({best_gpu}) costs {best:.2f} {cur}",
      "在 {gpu}（{type}，推理级 GPU）上训练 {params_b:.1f} B 参数的模型，按 16 位峰值每 PFLOP 小时花费 {mine:.2f} {cur}；"
      "{vendor} {best_type}（{best_gpu}）只需 {best:.2f} {cur}"},
    E{"lint.gs014_fix", "train on a training GPU; keep {gpu} for serving", "用训练级 GPU 训练；{gpu} 留给推理服务"},
    E{"lint.gs015",
      "rendering on {gpu} ({arch}): a compute GPU without display outputs or RT cores, as the seed article warns for "
      "A100/H100 (data/gpus.csv marks it not graphics-capable)",
      "在 {gpu}（{arch}）上渲染：这是没有显示输出和 RT 核心的计算卡，源文章对 A100/H100 也有同样的提醒（data/gpus.csv "
      "标记它不支持图形）"},
    E{"lint.gs015_fix", "render on an RTX/L-series GPU (L4, L40S, RTX A6000, RTX 6000 Ada, A10)",
      "用 RTX/L 系列 GPU 渲染（L4、L40S、RTX A6000、RTX 6000 Ada、A10）"},
    E{"lint.gs016",
      "at most {nodes} nodes x {rps:g} requests/s = {capacity:g} requests/s, but the trace peaks at {peak:g} requests/s: "
      "{pct:.0f}% of the peak is dropped or queued",
      "最多 {nodes} 个节点 x 每秒 {rps:g} 个请求 = 每秒 {capacity:g} 个请求，但负载峰值为每秒 {peak:g} 个请求：峰值的 "
      "{pct:.0f}% 会被丢弃或排队"},
    E{"lint.gs016_fix", "raise fleet.max_nodes to at least {nodes:.0f}", "把 fleet.max_nodes 提高到至少 {nodes:.0f}"},
    E{"lint.gs017",
      "the trace's {spikes} spikes (load above 1.5x its median) last a median of {median:.0f} s, shorter than the "
      "{cooldown:.0f} s cooldown: after one scale-out the fleet cannot react again before the spike is over",
      "负载中的 {spikes} 次尖峰（超过中位数 1.5 倍）持续时间的中位数为 {median:.0f} 秒，短于 {cooldown:.0f} 秒的冷却时间："
      "扩容一次后，尖峰结束前集群无法再次响应"},
    E{"lint.gs017_fix", "shorten fleet.cooldown_s below {median:.0f} s, or scale by a larger step",
      "把 fleet.cooldown_s 缩短到 {median:.0f} 秒以下，或加大每次扩容的步长"},
    E{"lint.gs018",
      "the load peaks between {from:02d}:00 and {to:02d}:00 on {days} of {of} days, and the fleet has no schedule: it "
      "scales out only after the peak has begun (plus boot time)",
      "{of} 天中有 {days} 天的负载高峰在 {from:02d}:00 到 {to:02d}:00 之间，而集群没有定时策略：高峰开始后才扩容（还要加上启动时间）"},
    E{"lint.gs018_fix",
      "add a scheduled scale-out before {at:02d}:00 (fleet.schedule, cron in the trace's time zone) - the seed's "
      "'pre-scale every day at 20:00'",
      "在 {at:02d}:00 之前加一个定时扩容（fleet.schedule，cron 按负载数据的时区）——即源文章的“每天 20:00 提前扩容”"},
    E{"lint.gs019",
      "{gpus} GPUs on {type} could take {needed:.2f} GB/s of input ({kb:g} KB per sample) but the {storage} delivers "
      "{gbps:g} GB/s: the GPUs wait on the input pipeline",
      "{type} 上的 {gpus} 块 GPU 能消化 {needed:.2f} GB/s 的输入（每个样本 {kb:g} KB），但 {storage} 只能提供 {gbps:g} "
      "GB/s：GPU 在等输入管道"},
    E{"lint.gs019_decode",
      "{gpus} GPUs on {type} train faster than its {vcpus} vCPUs decode JPEGs (about {fed:.0f} images/s on a stock "
      "PyTorch DataLoader): the GPUs wait on the input pipeline",
      "{type} 上的 {gpus} 块 GPU 训练得比它的 {vcpus} 个 vCPU 解码 JPEG 更快（标准 PyTorch DataLoader 约 {fed:.0f} 张/秒）："
      "GPU 在等输入管道"},
    E{"lint.gs019_decode_fix",
      "decode on the GPUs (NVIDIA DALI: --stack tuned), pre-decode or shrink the images, or pick an offer with more vCPUs per GPU",
      "在 GPU 上解码（NVIDIA DALI：--stack tuned），预先解码或缩小图片，或选每块 GPU 配更多 vCPU 的实例"},
    E{"lint.gs019_fix", "stage the data on local NVMe or a parallel file system, or pack samples (smaller, fewer files)",
      "把数据预先放到本地 NVMe 或并行文件系统，或把样本打包（更小、更少的文件）"},
    E{"lint.gs020",
      "replayed on its trace (gpuscout scale simulate), the fleet is short of capacity {short_pct:.2f}% of the time "
      "({minutes:.0f} minutes) against an SLO of {slo_pct:.2f}%, and {unserved_pct:.2f}% of requests go unserved; peak "
      "{peak} nodes",
      "按负载数据回放（gpuscout scale simulate），集群有 {short_pct:.2f}% 的时间（{minutes:.0f} 分钟）容量不足，SLO 为 "
      "{slo_pct:.2f}%，{unserved_pct:.2f}% 的请求没有得到服务；峰值 {peak} 个节点"},
    E{"lint.gs020_fix",
      "run `gpuscout scale tune` on the fleet for the cheapest setting within the SLO (often a larger min_nodes, a lower "
      "threshold, a shorter cooldown or boot time, or a schedule before the peak)",
      "对集群运行 `gpuscout scale tune`，找满足 SLO 的最便宜设置（常见的是更大的 min_nodes、更低的阈值、更短的冷却或启动时间，"
      "或在高峰前定时扩容）"},
    E{"lint.uncited", " [rests on an uncited claim]", "［依据的是没有出处的说法］"},
    E{"lint.fix", "fix", "修复"},
    E{"lint.summary", "{findings} finding(s), {errors} error(s) in {plan}", "{plan}：{findings} 个问题，其中 {errors} 个错误"},

    // probe/probe.cc: findings, the summary and the promise checks
    E{"probe.memory_bandwidth",
      "{address} {gpu}: device-to-device copy reached {gbps:.0f} GB/s (read + write), {pct:.0f}% of the {spec:.0f} GB/s spec",
      "{address} {gpu}：显存内拷贝达到 {gbps:.0f} GB/s（读 + 写），是规格 {spec:.0f} GB/s 的 {pct:.0f}%"},
    E{"probe.memory_bandwidth_fix",
      "check for other work on the GPU, ECC or clock limits (nvidia-smi -q -d CLOCK,PERFORMANCE), or ask the vendor",
      "检查 GPU 上是否有其他任务、ECC 或频率限制（nvidia-smi -q -d CLOCK,PERFORMANCE），或询问厂商"},
    E{"probe.pcie_gen", "{address}: PCIe link at gen {gen} while the link supports gen {max}{when}",
      "{address}：PCIe 链路运行在 {gen} 代，而链路支持 {max} 代{when}"},
    E{"probe.under_load", " (read under load)", "（负载下读取）"},
    E{"probe.at_idle", " (read at idle, when links slow down to save power)", "（空闲时读取，此时链路会降速省电）"},
    E{"probe.pcie_gen_fix",
      "a link trained below its maximum under load means a riser, slot or BIOS setting is limiting it: ask the vendor",
      "负载下链路低于最高速率，说明转接卡、插槽或 BIOS 设置在限制它：请询问厂商"},
    E{"probe.pcie_width", "{address}: PCIe link x{width} while the link supports x{max}",
      "{address}：PCIe 链路为 x{width}，而链路支持 x{max}"},
    E{"probe.pcie_width_fix", "a narrower link than the slot allows cuts host-device bandwidth: ask the vendor",
      "链路比插槽允许的窄，会降低主机与 GPU 之间的带宽：请询问厂商"},
    E{"probe.pcie_bandwidth", "{address}: host-to-device copy reached {gbps:.1f} GB/s, {pct:.0f}% of the link's {link:.1f} GB/s",
      "{address}：主机到 GPU 的拷贝达到 {gbps:.1f} GB/s，是链路 {link:.1f} GB/s 的 {pct:.0f}%"},
    E{"probe.pcie_bandwidth_fix", "check the link state (nvidia-smi -q -d PCIE) and the NUMA node the process ran on",
      "检查链路状态（nvidia-smi -q -d PCIE）和进程所在的 NUMA 节点"},
    E{"probe.copy_wrong", "{address}: a device-to-device copy did not land intact", "{address}：显存内拷贝的数据不完整"},
    E{"probe.copy_wrong_fix", "the GPU or its memory is faulty: do not use this machine", "GPU 或显存有故障：不要使用这台机器"},
    E{"probe.uncited", "{what} [rests on an uncited claim]", "{what}［依据的是没有出处的说法］"},
    E{"not loaded: no GPU on the PCI bus", "not loaded: no GPU on the PCI bus", "未加载：PCI 总线上没有 GPU"},
    E{"probe.no_gpu_explained",
      "No GPU is on this machine's PCI bus. A cloud VM sees only the devices its hypervisor passes through to it; a CPU "
      "instance type runs on hosts with no GPU to pass through, so a GPU cannot be added to it later, whatever driver you "
      "install. Move to a GPU instance type (`gpuscout offers --gpu T4` lists them), or look at `gpuscout alternatives` "
      "for what vGPU, remote rendering or a remote GPU API would give this workload.",
      "这台机器的 PCI 总线上没有 GPU。云虚拟机只能看到虚拟化层直通给它的设备；CPU 实例类型运行在没有 GPU 可直通的宿主机上，"
      "所以之后无论装什么驱动都加不了 GPU。请换成 GPU 实例类型（`gpuscout offers --gpu T4` 可列出），或用 "
      "`gpuscout alternatives` 看看 vGPU、远程渲染或远程 GPU API 对这个工作负载的效果。"},
    E{"probe.no_gpu", "no GPU on the PCI bus", "PCI 总线上没有 GPU"},
    E{"probe.see_summary", "see the summary", "见总结"},
    E{"probe.no_driver_explained",
      "An NVIDIA GPU is on the PCI bus but no NVIDIA driver is loaded: install the driver (and check the GPU is not bound "
      "to vfio-pci).",
      "PCI 总线上有 NVIDIA GPU，但没有加载 NVIDIA 驱动：请安装驱动（并确认 GPU 没有绑定到 vfio-pci）。"},
    E{"probe.no_driver", "NVIDIA GPU on the PCI bus without the NVIDIA driver", "PCI 总线上有 NVIDIA GPU，但没有 NVIDIA 驱动"},
    E{"probe.no_driver_fix", "install the NVIDIA driver for this GPU (see the compatibility data for the version)",
      "为这块 GPU 安装 NVIDIA 驱动（版本见兼容性数据）"},
    E{"probe.cuda_broken", "GPU present, but CUDA does not work: {error}", "有 GPU，但 CUDA 不能工作：{error}"},
    E{"probe.cuda_fix", "install or repair the NVIDIA driver; make sure no CUDA stub library is on LD_LIBRARY_PATH",
      "安装或修复 NVIDIA 驱动；确认 LD_LIBRARY_PATH 上没有 CUDA 桩库"},
    E{"probe.working", "{gpus} GPU(s) working with driver {driver} (CUDA {cuda}).",
      "{gpus} 块 GPU 工作正常，驱动 {driver}（CUDA {cuda}）。"},
    E{"probe.offer_unknown_fix", "check --vendor and --instance", "检查 --vendor 和 --instance"},
    E{"probe.shortfall", "{vendor} {type}: {what} promised {promised}, measured {measured}",
      "{vendor} {type}：{what} 承诺 {promised}，实测 {measured}"},
    E{"probe.shortfall_fix", "raise it with the vendor before committing", "签约前向厂商提出"},
    E{"probe.check_gpu_count", "GPU count", "GPU 数量"},
    E{"probe.check_gpu_model", "GPU model", "GPU 型号"},
    E{"probe.check_gpu_memory", "GPU memory per GPU (GiB)", "每块 GPU 的显存（GiB）"},
    E{"probe.note_gpu_memory", "drivers report a few percent under the marketed size", "驱动报告的容量比标称值少几个百分点"},
    E{"probe.check_vcpus", "vCPUs", "vCPU 数"},
    E{"probe.check_host_memory", "host memory (GiB)", "主机内存（GiB）"},
    E{"probe.note_host_memory", "the kernel reports a few percent under the instance's memory", "内核报告的内存比实例规格少几个百分点"},
    E{"probe.check_bandwidth", "GPU memory bandwidth (GB/s, {address})", "显存带宽（GB/s，{address}）"},
    E{"probe.note_bandwidth", "under {pct:.0f}% of the spec; copies count bytes read plus written",
      "低于规格的 {pct:.0f}%；拷贝按读加写的字节计"},
    E{"probe.check_pcie", "PCIe link ({address})", "PCIe 链路（{address}）"},
    E{"probe.note_pcie", "a link trained below its maximum", "链路低于最高速率"},

    // cli/cmd_probe.cc
    E{"probe.cpu", "{model}, {logical} logical / {cores} cores", "{model}，{logical} 个逻辑核 / {cores} 个物理核"},
    E{"probe.os", "{os}, kernel {kernel}", "{os}，内核 {kernel}"},
    E{"probe.gpu_memory", "memory {gib:.1f} GiB{cc}, {pcie}", "显存 {gib:.1f} GiB{cc}，{pcie}"},
    E{"probe.gpu_cc", ", compute capability {cc:.1f}", "，计算能力 {cc:.1f}"},
    E{"probe.gpu_line", "PCIe gen {gen} x{width} (max gen {max_gen} x{max_width}){load}, NVLink {active}/{links} active",
      "PCIe {gen} 代 x{width}（最高 {max_gen} 代 x{max_width}）{load}，NVLink {active}/{links} 条在用"},
    E{"probe.gpu_under_load", " under load", "（负载下）"},
    E{"probe.gpu_d2d", "device-to-device {gbps:.0f} GB/s (read+write){spec}", "显存内拷贝 {gbps:.0f} GB/s（读+写）{spec}"},
    E{"probe.gpu_spec", " = {pct:.0f}% of spec {spec:.0f}", " = 规格 {spec:.0f} 的 {pct:.0f}%"},
    E{"probe.gpu_h2d", "host-to-device {h2d:.1f} GB/s, device-to-host {d2h:.1f} GB/s{link}",
      "主机到 GPU {h2d:.1f} GB/s，GPU 到主机 {d2h:.1f} GB/s{link}"},
    E{"probe.gpu_link", " (link {gbps:.1f} GB/s)", "（链路 {gbps:.1f} GB/s）"},
    E{"probe.gpu_no_bandwidth", "bandwidth not measured: {error}", "未测带宽：{error}"},
    E{"probe.host", "copy {copy:.1f} GB/s, triad {triad:.1f} GB/s ({threads} threads, {mib} MiB arrays, best of {repeats}); memcpy on 1 thread {memcpy:.1f} GB/s",
      "copy {copy:.1f} GB/s，triad {triad:.1f} GB/s（{threads} 个线程，{mib} MiB 数组，{repeats} 次取最好）；单线程 memcpy {memcpy:.1f} GB/s"},
    E{"probe.net", "{target}: RTT median {median:.1f} us, p99 {p99:.1f} us ({pings} pings of {bytes} B); throughput {gbps:.2f} Gbit/s",
      "{target}：RTT 中位数 {median:.1f} 微秒，p99 {p99:.1f} 微秒（{pings} 次 {bytes} 字节的 ping）；吞吐 {gbps:.2f} Gbit/s"},
    E{"probe.compat_runs", "CUDA toolkits this driver runs: {range}", "这个驱动能运行的 CUDA 工具包：{range}"},
    E{"probe.compat_targets", "CUDA toolkits that build for this GPU: {range}", "能为这块 GPU 编译的 CUDA 工具包：{range}"},
    E{"probe.compat_usable", "usable together: {list}", "两者都满足的：{list}"},
    E{"probe.driver", "{version}; CUDA: {cuda}", "{version}；CUDA：{cuda}"},

    // codec: relaxations, the alternatives' recommendation, money; cli/cmd_gpus.cc
    E{"rec.setup_one_node", "1 node x {gpus:g} GPUs{layout}", "1 个节点 x {gpus:g} 块 GPU{layout}"},
    E{"rec.setup_nodes", "{nodes} nodes x {gpus:g} GPUs{layout}", "{nodes} 个节点 x {gpus:g} 块 GPU{layout}"},
    E{"rec.setup_layout", ", {layout}", "，{layout}"},
    E{"rec.verdict",
      "Rent {nodes} x {vendor} {type} ({gpus:g} x {gpu}{each}{layout}) {purchase} in {region}: {cost} for {hours:.1f} h{also}",
      "租用 {nodes} 台 {vendor} {type}（{gpus:g} 块 {gpu}{each}{layout}），{purchase}，地域 {region}：{cost}，{hours:.1f} 小时{also}"},
    E{"rec.verdict_serving",
      "Rent {nodes} x {vendor} {type} ({gpus:g} x {gpu}{each}{layout}) {purchase} in {region}: {replicas} replica(s), "
      "{hour} per hour, {month} per month, {million} per million output tokens; TTFT {ttft_ms:.0f} ms, TPOT {tpot_ms:.1f} ms",
      "租用 {nodes} 台 {vendor} {type}（{gpus:g} 块 {gpu}{each}{layout}），{purchase}，地域 {region}：{replicas} 个副本，"
      "每小时 {hour}，每月 {month}，每百万输出 token {million}；首 token {ttft_ms:.0f} 毫秒，每 token {tpot_ms:.1f} 毫秒"},
    E{"rec.verdict_each", " each", "/台"},
    E{"rec.verdict_on_demand", "; the best on demand costs {cost}, {pct:.0f}% more", "；按量计费最便宜的是 {cost}，贵 {pct:.0f}%"},
    E{"money.amount", "{v:.2f} {cur}", "{v:.2f} {cur}"},
    E{"relax.deadline_saves", "a {hours:.1f} h deadline saves {pct:.0f}% ({cost} instead of {instead})",
      "截止时间放宽到 {hours:.1f} 小时可省 {pct:.0f}%（{cost}，而非 {instead}）"},
    E{"relax.deadline_allows", "a {hours:.1f} h deadline allows {vendor} {type} for {cost}",
      "截止时间放宽到 {hours:.1f} 小时可选 {vendor} {type}，{cost}"},
    E{"relax.budget", "a budget of {budget} allows {vendor} {type} {purchase} ({hours:.1f} h)",
      "预算提高到 {budget} 可选 {vendor} {type} {purchase}（{hours:.1f} 小时）"},
    E{"relax.ttft", "no replica reaches the time to first token asked: the fastest rejected gives {ms:.0f} ms even at a trickle of requests; raise --ttft-ms, shorten the prompt, or allow --tp over more GPUs",
      "没有副本能达到要求的首 token 时间：被拒绝的最快副本即使在极低请求率下也要 {ms:.0f} 毫秒；请放宽 --ttft-ms、缩短提示词，或允许更大的 --tp"},
    E{"relax.tpot", "no replica reaches the time per output token asked: the fastest rejected gives {ms:.1f} ms even at a trickle of requests; raise --tpot-ms, use a lower --precision, or a GPU with more memory bandwidth",
      "没有副本能达到要求的每输出 token 时间：被拒绝的最快副本即使在极低请求率下也要 {ms:.1f} 毫秒；请放宽 --tpot-ms、降低 --precision，或选显存带宽更高的 GPU"},
    E{"rec.slo_miss",
      "why others miss the latency SLO: a replica's latency rises with its load, and some cannot meet the bounds at any "
      "load (or only at a share too small to count); the cheapest of those, {vendor} {type} ({gpu}), gives TTFT "
      "{ttft_ms:.0f} ms and TPOT {tpot_ms:.1f} ms even at a trickle of requests",
      "其他报价为何不满足延迟 SLO：副本延迟随负载上升，有些在任何负载下都达不到上限（或只能承担极小的份额）；其中最便宜的 "
      "{vendor} {type}（{gpu}）即使请求极少，首 token 也要 {ttft_ms:.0f} 毫秒、每 token {tpot_ms:.1f} 毫秒"},
    E{"rec.serving_hint",
      "each offer holds one server at --concurrency; to size replicas for a request rate within latency bounds, give "
      "--rps (with --ttft-ms, --tpot-ms), or --task serve",
      "每个报价按 --concurrency 放一个服务；要按请求率和延迟上限配置副本，请给出 --rps（以及 --ttft-ms、--tpot-ms），或用 --task serve"},
    E{"rec.serving_rate", "sized to serve {rps:g} requests/s of {prompt} prompt + {output} output tokens on {engine}: per offer, the replicas that carry the rate within the latency bounds (--ttft-ms, --tpot-ms), each at most what keeps it within them; cost per million output tokens = hourly price / output tokens per hour",
      "按 {engine} 上每秒 {rps:g} 个请求（提示词 {prompt} + 输出 {output} 个 token）配置：对每个报价，求在延迟上限（--ttft-ms、--tpot-ms）内承载该请求率所需的副本数，每个副本只承担不超出上限的负载；每百万输出 token 成本 = 每小时价格 / 每小时输出 token 数"},
    E{"relax.nodes", "nothing fits on {nodes} node(s): try --max-nodes {max:g}, --zero 3, or --task lora/qlora",
      "{nodes} 个节点内放不下：试试 --max-nodes {max:g}、--zero 3 或 --task lora/qlora"},
    E{"altrec.none", "no option meets the constraints", "没有满足约束的方案"},
    E{"altrec.cheapest", "cheapest: {name} ({throughput:.1f} {unit}, {ms:.0f} ms, {monthly:.0f} {cur} a month){fastest}",
      "最便宜：{name}（{throughput:.1f} {unit}，{ms:.0f} ms，每月 {monthly:.0f} {cur}）{fastest}"},
    E{"altrec.cheapest_within_slo",
      "cheapest within the latency objective: {name} ({throughput:.1f} {unit}, {ms:.0f} ms, {monthly:.0f} {cur} a month){fastest}",
      "满足延迟目标的方案中最便宜：{name}（{throughput:.1f} {unit}，{ms:.0f} ms，每月 {monthly:.0f} {cur}）{fastest}"},
    E{"altrec.fastest", "; fastest: {name} ({throughput:.1f} {unit}, {monthly:.0f} {cur} a month)",
      "；最快：{name}（{throughput:.1f} {unit}，每月 {monthly:.0f} {cur}）"},
    // catalog/suspect.cc
    E{"catalog.suspect_spot_above",
      "spot_above: the spot price is above on demand; recommend does not price such a row on spot",
      "spot_above：竞价价格高于按需价格；recommend 不按竞价为这类行计价"},
    E{"catalog.suspect_spot_copied",
      "spot_copied: every row of this source file gives a spot price equal to on demand, so it is not a spot price; "
      "recommend does not price such a row on spot",
      "spot_copied：该来源文件每一行的竞价价格都等于按需价格，因此并非竞价价格；recommend 不按竞价为这类行计价"},
    E{"catalog.suspect_marketplace",
      "marketplace: a host's listing on a marketplace (Vast.ai), not the vendor's own capacity: price and "
      "availability are the host's, and can change or vanish",
      "marketplace：市场上由主机方挂出的报价（Vast.ai），而非厂商自有容量：价格与可用性由主机方决定，随时可能变化或下架"},
    E{"catalog.suspect_reservation_only",
      "reservation_only: no on-demand or monthly price in any region; sold as reservations or capacity blocks, never "
      "priced or ranked on demand",
      "reservation_only：所有地域都没有按需或包月价格；只以预留或容量块出售，不会按需计价或排名"},
    E{"catalog.suspect_row", "{source}: {what}", "{source}：{what}"},
    E{"rec.marketplace",
      "{rows}: marketplace listings (Vast.ai hosts), not the vendor's own capacity: the host sets price and "
      "availability, and the listing can vanish",
      "{rows}：市场挂单（Vast.ai 主机方），而非厂商自有容量：价格与可用性由主机方决定，挂单可能消失"},
    // workload/host_memory.cc
    E{"host.fits",
      "host RAM: {need:.1f} GiB per node (the weights once, {weights:.1f} GiB, as the checkpoint loads, and "
      "{per_gpu:.0f} GiB for each of {gpus} GPU processes{offload}) of the offer's {have:.0f} GiB",
      "主机内存：每节点需 {need:.1f} GiB（加载检查点时权重一份 {weights:.1f} GiB，另每个 GPU 进程 {per_gpu:.0f} GiB，共 {gpus} 个{offload}），"
      "该报价有 {have:.0f} GiB"},
    E{"host.offload", ", and {gib:.1f} GiB for the offloaded optimizer (DeepSpeed: 16 bytes/parameter per node x 1.5)",
      "，另卸载的优化器 {gib:.1f} GiB（DeepSpeed：每节点每参数 16 字节 x 1.5）"},
    E{"host.too_small",
      "host RAM too small: {need:.1f} GiB per node needed (the weights once, {weights:.1f} GiB, as the checkpoint "
      "loads, and {per_gpu:.0f} GiB for each of {gpus} GPU processes{offload}), the offer has {have:.0f} GiB",
      "主机内存不足：每节点需 {need:.1f} GiB（加载检查点时权重一份 {weights:.1f} GiB，另每个 GPU 进程 {per_gpu:.0f} GiB，"
      "共 {gpus} 个{offload}），该报价只有 {have:.0f} GiB"},
    E{"host.too_few_vcpus", "too few vCPUs: {vcpus:.0f} for {gpus} GPU processes (one each at least)",
      "vCPU 太少：{vcpus:.0f} 个，却有 {gpus} 个 GPU 进程（每个至少一个）"},
    E{"gpus.none_missing", "Every GPU that an offer names has memory, bandwidth, FP32 and 16-bit figures.",
      "报价中出现的每种 GPU 都有显存、带宽、FP32 和 16 位算力数据。"},
    E{"gpus.legend", "Tensor rates are dense TFLOPS/TOPS; '-' = not in any source read. Sources: data/SOURCES.md.",
      "张量算力为稠密值（TFLOPS/TOPS）；'-' 表示来源中无此数据。来源见 data/SOURCES.md。"},

    // catalog/catalog.cc, cli/cmd_catalog.cc
    E{"catalog.embedded", "embedded snapshot", "内置快照"},
    E{"price.age", "{vendor} prices as of {date}, {days} days old ({source})",
      "{vendor} 价格截至 {date}，已有 {days} 天（{source}）"},
    E{"price.age_unknown", "{vendor} prices of no recorded date ({source})", "{vendor} 价格日期未记录（{source}）"},
    E{"price.stale",
      "warning: prices older than {max} days (--max-price-age) or of no recorded date: {vendors}; "
      "`gpuscout catalog refresh` fetches current prices (aws, azure, vast), `catalog import` brings in a sheet",
      "警告：价格超过 {max} 天（--max-price-age）或日期未记录：{vendors}；"
      "`gpuscout catalog refresh` 可获取当前价格（aws、azure、vast），`catalog import` 可导入价格表"},
    E{"catalog.folder", "folder {dir}", "文件夹 {dir}"},
    E{"catalog.validated", "{file}: {rows} rows, {offers} GPU offers, {errors} {noun}",
      "{file}：{rows} 行，{offers} 个 GPU 报价，{errors} {noun}"},
    E{"catalog.error_one", "error", "个错误"},
    E{"catalog.error_many", "errors", "个错误"},
    E{"history.series",
      "{region} {purchase}: {points} points since {since}; min {min}, median {median}, max {max} {cur}; change {change} ({pct})",
      "{region} {purchase}：自 {since} 起 {points} 个点；最低 {min}，中位 {median}，最高 {max} {cur}；变化 {change}（{pct}）"},
    E{"history.db_url", "expected postgresql://USER@HOST:PORT/DB, a team server's store (your own history is {path})",
      "应为 postgresql://USER@HOST:PORT/DB，即团队服务器的数据库（你自己的价格历史在 {path}）"},
    E{"history.none", "no price history for {vendor} {type} (see gpuscout offers --vendor {vendor})",
      "{vendor} {type} 没有价格历史（参见 gpuscout offers --vendor {vendor}）"},
    E{"refresh.stored",
      "{vendor}: {offers} offers stored from {prices} prices ({requests} requests, {size}) -> {file}",
      "{vendor}：由 {prices} 个价格写入 {offers} 个报价（{requests} 次请求，{size}）-> {file}"},
    E{"refresh.checked",
      "{vendor}: {offers} offers checked from {prices} prices ({requests} requests, {size}); dry run, {file} unchanged",
      "{vendor}：已检查由 {prices} 个价格得到的 {offers} 个报价（{requests} 次请求，{size}）；试运行，{file} 未改动"},
    E{"refresh.skipped", "{vendor}: skipped, none of the regions asked for is one of its regions",
      "{vendor}：已跳过，所列地域都不属于它"},
    E{"refresh.note.history", "the price history was not updated: {error}", "价格历史未更新：{error}"},
    E{"refresh.note.aws_bands",
      "interruption bands from the Spot Instance Advisor for {banded} of {prices} prices (they set the spot interruption "
      "rate of cost and recommend)",
      "{prices} 个价格中有 {banded} 个取自 Spot Instance Advisor 的中断率区间（cost 和 recommend 用它作竞价中断率）"},
    E{"refresh.note.aws_no_spot",
      "spot prices stay the catalog's: AWS publishes them only through the signed EC2 API (DescribeSpotPriceHistory); "
      "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to fetch them",
      "竞价价格保持目录中的值：AWS 只通过签名的 EC2 API（DescribeSpotPriceHistory）公布；设置 AWS_ACCESS_KEY_ID 和 "
      "AWS_SECRET_ACCESS_KEY 即可获取"},
    E{"refresh.note.aws_spot",
      "spot prices per zone from the EC2 API (DescribeSpotPriceHistory), signed with the environment's AWS credentials: "
      "{zones} zone prices",
      "各可用区的竞价价格来自 EC2 API（DescribeSpotPriceHistory），用环境中的 AWS 凭证签名：{zones} 个可用区价格"},
    E{"refresh.note.oci", "a price per GPU-hour times the shape's GPU count, the same in every region; preemptible at half",
      "每 GPU 小时价格乘以机型的 GPU 数，各地域相同；可抢占实例半价"},
    E{"refresh.note.runpod", "a price per GPU-hour, times the type's GPU count; secure and community cloud apart",
      "每 GPU 小时价格乘以机型的 GPU 数；安全云与社区云分开"},
    E{"refresh.note.vast", "marketplace prices move by the minute: each is the median of the offers listed at the fetch",
      "市场价格每分钟都在变：每个价格是获取时所列报价的中位数"},
    E{"refresh.note.unmapped_families",
      "GPU families data/vendor_families.csv does not map, left out rather than guessed: {types}",
      "data/vendor_families.csv 没有对应 GPU 的实例族，不猜测，略去：{types}"},
    E{"refresh.note.tencent",
      "per zone, in CNY: pay-as-you-go and spot per hour, subscription per month; sold-out types kept with their status",
      "按可用区，人民币：按量计费和竞价按小时，包年包月按月；售罄的机型保留并标明状态"},
    E{"refresh.note.unknown_models", "GPU models not in data/gpus.csv, left out: {types}",
      "data/gpus.csv 中没有的 GPU 型号，略去：{types}"},
    E{"refresh.note.spot_range", "spot, lowest-highest of the last 30 days (CNY/hour): {ranges}",
      "竞价价格，最近 30 天的最低-最高值（人民币/小时）：{ranges}"},
    E{"refresh.note.alibaba",
      "per zone, in CNY: pay-as-you-go per hour, subscription per month, the latest spot price; sold-out types kept with "
      "their status",
      "按可用区，人民币：按量计费按小时，包年包月按月，最新竞价价格；售罄的机型保留并标明状态"},
    E{"refresh.note.gcp_unpriced", "no core, RAM or GPU SKU for (kept from the snapshot): {items}",
      "以下没有 CPU 核、内存或 GPU 的 SKU（保留快照中的价格）：{items}"},
    E{"refresh.note.gcp",
      "VM price = vCPUs x the family's core rate + GiB x its RAM rate + GPUs x the GPU's rate, per region",
      "虚拟机价格 = vCPU 数 x 该系列每核价格 + 内存 GiB x 每 GiB 价格 + GPU 数 x GPU 价格，按地域"},
    E{"refresh.note.lambda", "one price per type for every region; regions without capacity now are marked sold out",
      "每个机型一个价格，适用于所有地域；目前没有容量的地域标为售罄"},
    E{"refresh.needs_key", "{vendor}: skipped, its API needs a key (set {vars}, or name it with --vendor)",
      "{vendor}：已跳过，其 API 需要密钥（设置 {vars}，或用 --vendor 指定）"},
    E{"refresh.failed", "{vendor}: not refreshed, its prices are unchanged: {error}",
      "{vendor}：未刷新，价格保持不变：{error}"},
    E{"refresh.unknown",
      "priced but of hardware the catalog does not know (left out until their specs are known): {types}",
      "有价格但目录不知其硬件（在规格已知前不予推荐）：{types}"},
    E{"refresh.spot_kept", "{offers} offers keep the catalog's spot price (the API gives none)",
      "{offers} 个报价沿用目录中的竞价价格（该 API 不提供）"},
    E{"catalog.imported",
      "imported {file} -> {target}: {rows} rows, {offers} GPU offers (they replace the snapshot's offers with the same "
      "vendor, instance type, region and zone)",
      "已导入 {file} -> {target}：{rows} 行，{offers} 个 GPU 报价（替换快照中厂商、实例规格、地域和可用区相同的报价）"},
    E{"catalog.info", "catalog: {origins}\n{offers} offers, {gpus} GPUs;{vendors}\nuser catalog folder: {folder}",
      "目录：{origins}\n{offers} 个报价，{gpus} 种 GPU；{vendors}\n用户目录文件夹：{folder}"},
    E{"catalog.legend",
      "skipped = CPU-only rows, non-GPU accelerators (TPU, Inferentia, FPGA...), and rows that could not be joined. "
      "Provenance and caveats: data/SOURCES.md.",
      "跳过 = 只有 CPU 的行、非 GPU 加速器（TPU、Inferentia、FPGA……）以及无法关联的行。来源与注意事项：data/SOURCES.md。"},

    // workload/layout.cc
    E{"text.verbatim", "{text}", "{text}"},
    E{"rec.layout",
      "the first candidate's layout: {layout}, the fastest that fits on it; each candidate has its own (--tp, --pp, "
      "--zero or --fsdp, --recompute, --offload fix them)",
      "第一名方案的布局：{layout}，是它放得下的布局中最快的；每个方案各有布局（--tp、--pp、--zero 或 --fsdp、--recompute、--offload 可固定）"},
    E{"layout.with_recompute", "{parts}{sep}recompute {recompute}", "{parts}{sep}重计算：{recompute}"},
    E{"est.layout_chosen",
      "layout chosen by the search: {layout}, the fastest that fits (--tp, --pp fix it)",
      "布局由搜索选定：{layout}，是放得下的布局中最快的（--tp、--pp 可固定它）"},
};

}  // namespace

std::span<const MessageEntry> SentenceTable() { return kSentences; }

}  // namespace gpuscout
