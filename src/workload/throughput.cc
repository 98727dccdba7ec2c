#include "workload/throughput.h"

#include "facts/facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/strings.h"
#include "workload/flops.h"

namespace gpuscout {
namespace {

// The GPU-to-GPU fabric's total (both directions) from the spec table.
std::optional<double> NvlinkGBps(const GpuSpec& gpu) { return gpu.gpu_link_gbps; }

// Usable bandwidth of one PCIe direction, 128b/130b coding from gen 3.
double PcieGBps(int gen) {
  const double gt[] = {2.5, 5, 8, 16, 32, 64};
  const int g = std::clamp(gen, 1, 6);
  return gt[g - 1] * (g <= 2 ? 0.8 : 128.0 / 130.0) * 16 / 8;
}

// Default per-node bandwidth, Gbit/s, and the share of it an all-reduce gets.
// RDMA transports keep ~90% of line rate; TCP through the VM's network stack
// without SR-IOV/RDMA is taken at 60%: the seed article's "40% lower
// multi-GPU efficiency" without SR-IOV/RDMA (a claim of the article, not a
// measurement cited here).
struct Transport {
  double default_gbps;
  double efficiency;
};
Transport TransportOf(Network n) {
  switch (n) {
    case Network::kEfa: return {400, EmbeddedFacts().rdma_efficiency};         // p4d/p4de: 4 x 100 Gbit/s EFA
    case Network::kInfiniBand: return {400, EmbeddedFacts().rdma_efficiency};  // one 400 Gbit/s NDR port per node
    case Network::kErdma: return {200, EmbeddedFacts().rdma_efficiency};
    case Network::kRoce: return {400, EmbeddedFacts().rdma_efficiency};
    case Network::kTcp:
    case Network::kNone: break;
  }
  return {100, EmbeddedFacts().tcp_efficiency};
}

}  // namespace

namespace {

// Slows a throughput down to `fed` samples/s; returns the factor.
double Throttle(Throughput& t, double fed) {
  const double scale = fed / t.samples_per_s;
  t.input_bound = true;
  t.samples_per_s = fed;
  t.tokens_per_s *= scale;
  t.step_s /= scale;
  if (t.total_hours) *t.total_hours /= scale;
  return scale;
}

// Caps a throughput at what the storage can feed: samples/s x bytes per
// sample against the store's bandwidth.
void ApplyInputPipeline(const Workload& w, Throughput& t, std::vector<Message>* notes) {
  if (w.sample_bytes <= 0 || w.storage_gbps <= 0 || t.samples_per_s <= 0) return;
  t.input_gbps_needed = t.samples_per_s * w.sample_bytes / 1e9;
  const double fed = w.storage_gbps * 1e9 / w.sample_bytes;
  if (fed >= t.samples_per_s) {
    if (notes) {
      notes->push_back(Message("tput.input_ok").With("needed", t.input_gbps_needed).With("samples", t.samples_per_s)
                           .With("kb", w.sample_bytes / 1000).With("storage", w.storage).With("gbps", w.storage_gbps));
    }
    return;
  }
  const double scale = Throttle(t, fed);
  if (notes) {
    notes->push_back(Message("tput.input_bound").With("needed", t.input_gbps_needed).With("kb", w.sample_bytes / 1000)
                         .With("storage", w.storage).With("gbps", w.storage_gbps).With("fed", fed)
                         .With("unfed", fed / scale));
  }
}

// A stock CNN run decodes and augments its JPEGs on the host's vCPUs (a
// PyTorch DataLoader); the tuned stack decodes on the GPU (DALI).
void ApplyDecodeBound(const Workload& w, const Hardware& hw, Throughput& t, std::vector<Message>* notes) {
  if (!IsBandwidthBound(ClassOf(w)) || t.samples_per_s <= 0) return;
  const double per_vcpu = EmbeddedFacts().jpeg_images_per_vcpu;
  if (w.stack == Stack::kTuned || hw.vcpus <= 0 || per_vcpu <= 0) {
    if (notes) {
      notes->push_back(Message(w.stack == Stack::kTuned ? "tput.decode_gpu" : "tput.decode_unknown", "data/facts.csv")
                           .With("rate", per_vcpu));
    }
    return;
  }
  const double fed = hw.vcpus * std::max(1, hw.nodes) * per_vcpu;
  const double unfed = t.samples_per_s;
  const bool bound = fed < unfed;
  t.decode_images_per_s = fed;
  if (bound) {
    Throttle(t, fed);
    t.decode_bound = true;
  }
  if (notes) {
    notes->push_back(Message(bound ? "tput.decode_bound" : "tput.decode_fed", "data/facts.csv")
                         .With("vcpus", hw.vcpus * std::max(1, hw.nodes)).With("rate", per_vcpu).With("fed", fed)
                         .With("unfed", unfed));
  }
}

}  // namespace

Throughput EstimateThroughput(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                              const StackFit& fit, const EngineFit& engine, std::vector<Message>* notes) {
  Throughput t = EstimateCompute(w, hw, mem, fit, engine, notes);
  ApplyDecodeBound(w, hw, t, notes);
  ApplyInputPipeline(w, t, notes);
  return t;
}

namespace {

// Rendering: the reference time scaled by FP32 throughput.
Throughput RenderThroughput(const Workload& w, const Hardware& hw, std::vector<Message>* notes) {
  Throughput t;
  const GpuSpec& gpu = *hw.gpu;
  const GpuSpec& ref = *w.reference_gpu;
  if (!ref.fp32_tflops || !gpu.fp32_tflops || w.seconds_per_frame <= 0) return t;
  const double per_frame = w.seconds_per_frame * *ref.fp32_tflops / *gpu.fp32_tflops;
  t.known = true;
  t.samples_per_s = std::max(1, hw.total_gpus()) / per_frame;
  t.step_s = per_frame;
  if (w.frames > 0) t.total_hours = w.frames / t.samples_per_s / 3600;
  if (notes) {
    notes->push_back(Message("tput.render").With("s", w.seconds_per_frame).With("ref", ref.name)
                         .With("ref_tflops", *ref.fp32_tflops).With("tflops", *gpu.fp32_tflops)
                         .With("per_frame", per_frame).With("gpu", gpu.name));
  }
  return t;
}

double SlowestLink(const Hardware& hw, Throughput& t, bool describe);

// Pipeline stages on different nodes hand each token's activations (16-bit,
// hidden wide, one per sequence) to the next stage over the network. Seconds
// per decode step.
double PipelineHops(const Workload& w, const Hardware& hw, std::vector<Message>* notes) {
  const int pp = std::max(1, w.pipeline_parallel);
  if (pp == 1) return 0;
  Throughput link;
  const double gbytes = SlowestLink(hw, link, notes != nullptr);
  const double bytes = 2.0 * w.model.hidden * w.concurrency;
  const double s = (pp - 1) * bytes / (gbytes * 1e9);
  if (notes) {
    notes->push_back(Message("tput.pipeline").With("pp", pp).With("kb", bytes / 1e3).With("link", link.link).With("ms", s * 1e3));
  }
  return s;
}

// LLM serving: prefill compute-bound over the prompt; each decode step reads
// the weights and the KV cache so far (bytes over bandwidth) or computes 2*N
// FLOPs per sequence, whichever takes longer: the roofline. With pipeline
// stages across nodes, a token passes every stage in turn (each reads its
// share of the weights) and crosses the network between them; the stages
// work on different sequences at once, so the compute is shared.
void LlmServing(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem, double achieved, int n, Throughput& t,
                std::vector<Message>* notes) {
  const GpuSpec& gpu = *hw.gpu;
  const int tp = std::max(1, w.tensor_parallel);
  const int pp = std::max(1, w.pipeline_parallel);
  const double prompt_flops = TransformerForwardFlopsPerToken(w.model, w.prompt_tokens) * w.prompt_tokens * w.concurrency;
  t.prefill_s = prompt_flops / (achieved * tp);
  const double bw = gpu.memory_bandwidth_gbps.value_or(0) * 1e9 * EmbeddedFacts().decode_bandwidth_share;
  const double context = w.prompt_tokens + w.output_tokens / 2.0;
  const double bytes = mem.weights + mem.kv_bytes_per_token * context * w.concurrency;
  const double t_mem = bw > 0 ? pp * bytes / bw : 0;
  const double t_compute = 2 * w.model.active_params * w.concurrency / (achieved * tp * pp);
  t.step_s = std::max(t_mem, t_compute) + PipelineHops(w, hw, notes);
  t.request_s = t.prefill_s + w.output_tokens * t.step_s;
  const double replicas = static_cast<double>(n) / (tp * pp);
  // A static batch: prompts first, then every output token, then the next batch.
  t.tokens_per_s = replicas * w.concurrency * w.output_tokens / t.request_s;
  t.samples_per_s = replicas * w.concurrency / t.request_s;
  if (notes) {
    notes->push_back(Message("tput.decode", "data/facts.csv")
                         .With("bound", Word(t_mem >= t_compute ? "tput.memory" : "tput.compute"))
                         .With("gb", bytes / 1e9).With("share_pct", EmbeddedFacts().decode_bandwidth_share * 100)
                         .With("bandwidth", gpu.memory_bandwidth_gbps.value_or(0))
                         .With("tflop", 2 * w.model.active_params * w.concurrency / 1e12)
                         .With("prompt", w.prompt_tokens).With("concurrency", w.concurrency)
                         .With("prefill_s", t.prefill_s));
  }
}

// The link between the GPUs of one node, one direction: NVLink (or
// Infinity Fabric) when the spec has a GPU-to-GPU fabric that joins them
// all (a two-GPU bridge joins only pairs), else PCIe.
double IntraNodeLink(const Hardware& hw, Message* what) {
  const GpuSpec& gpu = *hw.gpu;
  if (auto nv = NvlinkGBps(gpu); nv && (!gpu.gpu_link_gpus || hw.gpus_per_node <= *gpu.gpu_link_gpus)) {
    if (what) *what = Message("tput.link_nvlink").With("gbps", *nv / 2);
    return *nv / 2;
  }
  const double pcie = PcieGBps(gpu.pcie_gen.value_or(3));
  if (what) *what = Message("tput.link_pcie").With("gen", gpu.pcie_gen.value_or(3)).With("gbps", pcie);
  return pcie;
}

// The slowest link a gradient all-reduce crosses: NVLink or PCIe within a
// node, the network between nodes. Sets t.link_gbytes_per_s, and t.link
// when `describe` (the search's fast path leaves it empty).
double SlowestLink(const Hardware& hw, Throughput& t, bool describe) {
  double link = 0;
  if (hw.gpus_per_node > 1 || hw.nodes == 1) link = IntraNodeLink(hw, describe ? &t.link : nullptr);
  if (hw.nodes > 1) {
    const Network net = hw.network == Network::kNone ? Network::kTcp : hw.network;
    const Transport tr = TransportOf(net);
    const double gbps = hw.network_gbps > 0 ? hw.network_gbps : tr.default_gbps;
    const double inter = gbps / 8 * tr.efficiency;
    if (link == 0 || inter < link) {
      link = inter;
      if (describe) t.link = Message("tput.link_network", "data/facts.csv")
                   .With("net", net == Network::kTcp ? Message("tput.tcp") : Verbatim(std::string(NetworkName(net))))
                   .With("gbits", gbps).With("efficiency_pct", tr.efficiency * 100).With("gbps", inter)
                   .With("assumed", hw.network == Network::kNone ? Message("tput.tcp_assumed") : Message());
    }
  }
  t.link_gbytes_per_s = link;
  return link;
}

// Data parallel: gradients all-reduced once per optimizer step by a ring,
// 2(N-1)/N x gradient bytes over the slowest link, not overlapped with
// compute (an upper bound on step time). ZeRO-3 and FSDP full shard also
// gather the weights for the forward and backward passes: 1.5 times the
// traffic (Rajbhandari et al. 2020, section 7.2.2).
void GradientAllReduce(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem, int dp, Throughput& t,
                       std::vector<Message>* notes) {
  const double trainable = (w.task == Task::kLora || w.task == Task::kQlora) ? mem.lora_params : w.model.params;
  const double grad_bytes = trainable * (w.precision == Precision::kFp32 || w.task == Task::kCnnTrain ? 4 : 2) /
                            std::max(1, w.tensor_parallel);
  const double link = SlowestLink(hw, t, notes != nullptr);
  const double factor = w.zero_stage >= 3 ? 1.5 : 1.0;
  t.comm_s = factor * 2.0 * (dp - 1) / dp * grad_bytes / (link * 1e9);
  if (notes) {
    notes->push_back(Message("tput.all_reduce").With("gb", grad_bytes / 1e9).With("link", t.link).With("s", t.comm_s)
                         .With("zero3", factor > 1 ? Message("tput.zero3_gather") : Message()));
  }
}

// Megatron tensor parallelism: each transformer layer all-reduces its
// activations (micro-batch x sequence x hidden, 16-bit) twice in the
// forward pass and twice in the backward, twice more when it is recomputed
// (Shoeybi et al. 2019, figure 4; Korthikanti et al. 2022, section 4), on
// the critical path, over the node's GPU link. Seconds per micro-batch.
double TensorParallelComm(const Workload& w, const Hardware& hw, std::vector<Message>* notes) {
  const int tp = std::max(1, w.tensor_parallel);
  if (tp == 1 || !w.model.is_transformer() || w.seq_len <= 0) return 0;
  Message what;
  const double link = IntraNodeLink(hw, &what);
  const double bytes = static_cast<double>(w.micro_batch) * w.seq_len * w.model.hidden * 2;
  const int per_layer = w.recompute == Recompute::kFull ? 6 : 4;
  const double s = w.model.layers * per_layer * 2.0 * (tp - 1) / tp * bytes / (link * 1e9);
  if (notes) {
    notes->push_back(Message("tput.tp_comm").With("tp", tp).With("n", w.model.layers * per_layer)
                         .With("mb", bytes / 1e6).With("link", what).With("s", s));
  }
  return s;
}

// ZeRO-Offload (Ren et al. 2021): each GPU sends its gradient partition to
// host RAM and takes its updated 16-bit weights back over PCIe (4 bytes x
// parameters / GPUs), and the node's CPUs run Adam over their share,
// reading and writing cpu_adam_bytes_per_param at cpu_optimizer_gbps.
// Not overlapped. Seconds per optimizer step.
double OffloadStep(const Workload& w, const Hardware& hw, std::vector<Message>* notes) {
  if (!w.offload) return 0;
  const Facts& f = EmbeddedFacts();
  const double psi = w.model.params;
  const double pcie = PcieGBps(hw.gpu->pcie_gen.value_or(3));
  const double transfer = 4 * psi / std::max(1, hw.total_gpus()) / (pcie * 1e9);
  const double adam = f.cpu_adam_bytes_per_param * psi / std::max(1, hw.nodes) / (f.cpu_optimizer_gbps * 1e9);
  if (notes) {
    notes->push_back(Message("tput.offload", "data/facts.csv").With("transfer", transfer).With("pcie", pcie)
                         .With("adam", adam).With("gbps", f.cpu_optimizer_gbps).With("bytes", f.cpu_adam_bytes_per_param));
  }
  return transfer + adam;
}

void Training(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem, double micro_s, int n, Throughput& t,
              std::vector<Message>* notes) {
  const int dp = std::max(1, n / std::max(1, w.tensor_parallel));
  const int global = w.global_batch > 0 ? w.global_batch : w.micro_batch * dp;
  const double accumulation = std::max(1.0, static_cast<double>(global) / (w.micro_batch * dp));
  if (dp > 1) GradientAllReduce(w, hw, mem, dp, t, notes);
  t.comm_s += accumulation * TensorParallelComm(w, hw, notes);
  t.step_s = accumulation * micro_s + t.comm_s + OffloadStep(w, hw, notes);
  t.samples_per_s = global / t.step_s;
  if (w.model.is_transformer() && w.seq_len > 0 && w.task != Task::kCnnTrain) t.tokens_per_s = t.samples_per_s * w.seq_len;
  double samples = 0;
  if (w.tokens > 0 && w.seq_len > 0) samples = w.tokens / w.seq_len * w.epochs;
  if (w.samples > 0) samples = w.samples * w.epochs;
  if (samples > 0) t.total_hours = samples / t.samples_per_s / 3600;
  if (notes) {
    const char* rule = w.task == Task::kLora || w.task == Task::kQlora ? "tput.flops_lora"
                       : w.recompute == Recompute::kFull               ? "tput.flops_recompute"
                       : w.task == Task::kCnnTrain                     ? "tput.flops_cnn"
                                                                       : "tput.flops_train";
    notes->push_back(Message("tput.training").With("gflop", FlopsPerSample(w) / 1e9).With("rule", Word(rule))
                         .With("micro", w.micro_batch).With("accumulation", accumulation).With("dp", dp)
                         .With("global", global));
  }
}

// Continuous batching: the replica's figures, then its operating point at
// the arrival rate or the concurrency.
void ContinuousServing(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem, const ServingEfficiency& e,
                       Throughput& t, std::vector<Message>* notes) {
  const ReplicaShape s = ServingShapeOf(w, hw, mem);
  if (s.peak_flops <= 0 || s.bandwidth <= 0) return;
  t.known = t.serving = true;
  t.peak_tflops = s.peak_flops / 1e12;
  t.utilization = e.prefill;
  t.replicas = std::max(1, hw.total_gpus() / s.gpus());
  const double max_batch = std::max(1, mem.batch);
  const ServingPoint p = w.rps > 0 ? AtRate(s, e, w.rps / t.replicas, max_batch) : AtConcurrency(s, e, max_batch);
  // At a rate, the load is the rate over the most a replica completes.
  t.max_requests_per_s = t.replicas * (w.rps > 0 ? w.rps / t.replicas / p.load : p.requests_per_s);
  t.samples_per_s = t.replicas * p.requests_per_s;
  t.tokens_per_s = t.replicas * p.tokens_per_s;
  t.step_s = p.tpot_s;
  t.tpot_s = p.tpot_s;
  t.ttft_s = t.prefill_s = p.ttft_s;
  t.request_s = p.e2e_s;
  t.batch = p.batch;
  t.load = p.load;
  t.stable = p.stable;
  if (!notes) return;
  notes->push_back(Message("tput.serving", "data/serving_published.csv").With("engine", EngineName(w.engine))
                       .With("prefill_pct", e.prefill * 100).With("bandwidth_pct", e.bandwidth * 100)
                       .With("decode_pct", e.decode * 100).With("allreduce_us", e.allreduce_s * 1e6)
                       .With("pcie_us", e.pcie_step_s * 1e6).With("layer_us", e.layer_s * 1e6));
  if (s.fp4) notes->push_back(Message("tput.fp4", "data/serving_published.csv").With("share_pct", e.fp4 * 100));
  notes->push_back(Message("tput.continuous").With("replicas", t.replicas).With("batch", p.batch)
                       .With("prefill_ms", p.prefill_s * 1e3).With("step_ms", p.step_s * 1e3)
                       .With("bound", Word(p.memory_bound ? "tput.memory" : "tput.compute")));
  if (w.rps > 0) {
    notes->push_back(Message(p.stable ? "tput.at_rate" : "tput.over_rate").With("rps", w.rps)
                         .With("max_rps", t.max_requests_per_s).With("load_pct", p.load * 100));
  }
}

Message GenerationBasis(Generation gen, bool borrowed) {
  return Message("tput.calibration").With("generation", GenerationName(gen))
      .With("borrowed", borrowed ? Message("tput.borrowed") : Message());
}

// Which resource binds a step, and the roofs behind it.
Message RooflineBasis(const GpuSpec& gpu, const RooflineRate& r) {
  const char* bound = r.bound == RooflineBound::kMemory  ? "tput.cnn_memory"
                      : r.bound == RooflineBound::kPower ? "tput.cnn_power"
                                                    : "tput.cnn_compute";
  return Message("tput.cnn_roofs").With("bound", Message(bound).With("w", gpu.tdp_w.value_or(0)))
      .With("compute", r.compute_flops / 1e12).With("share", 100 * r.compute_share)
      .With("memory", r.memory_flops / 1e12).With("gbps", gpu.memory_bandwidth_gbps.value_or(0));
}

Message UtilizationNote(const GpuSpec& gpu, PeakPath path, double peak, double achieved, double utilization,
                        WorkClass cls, const Message& basis, const StackFit& fit) {
  return Message("tput.utilization", fit.source).With("source", fit.source).With("stack", StackName(fit.stack))
      .With("achieved", achieved / 1e12).With("pct", 100 * utilization).With("gpu", gpu.name).With("peak", peak)
      .With("path", path == PeakPath::kTf32 ? " TF32" : path == PeakPath::kFp32 ? " FP32" : "")
      .With("class", ClassName(cls)).With("basis", basis);
}

}  // namespace

bool IsContinuousServing(const Workload& w) {
  return w.task == Task::kInfer && w.model.kind == ModelKind::kLlm && w.limits.continuous;
}

ReplicaShape ServingShapeOf(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem) {
  const GpuSpec& gpu = *hw.gpu;
  const ModelSpec& m = w.model;
  ReplicaShape s;
  s.tp = std::max(1, w.tensor_parallel);
  s.pp = std::max(1, w.pipeline_parallel);
  // int4 is weight-only (AWQ, GPTQ): the matmuls run in 16-bit.
  const Precision compute = w.precision == Precision::kInt4 ? Precision::kFp16 : w.precision;
  s.peak_flops = PeakTflops(gpu, compute, PeakPath::kTensor16).value_or(0) * 1e12;
  s.fp4 = compute == Precision::kFp4 && gpu.generation == "blackwell";
  s.bandwidth = gpu.memory_bandwidth_gbps.value_or(0) * 1e9;
  s.weight_bytes = mem.weights;
  s.active_share = m.params > 0 ? std::min(1.0, m.active_params / m.params) : 1;
  s.kv_bytes_per_token = mem.kv_bytes_per_token;
  const double prompt = w.prompt_tokens;
  const double logits = 2.0 * m.vocab * m.hidden;
  // Causal attention: a prompt token attends to half the prompt on average.
  s.prefill_flops = prompt * TransformerForwardFlopsPerToken(m, prompt / 2) + logits;
  s.context = prompt + w.output_tokens / 2.0;
  s.decode_flops = TransformerForwardFlopsPerToken(m, 0) + logits;
  s.allreduce_bytes = 2.0 * m.hidden;
  s.allreduces = 2 * m.layers;
  s.layers = m.layers;
  s.link = IntraNodeLink(hw, nullptr) * 1e9;
  s.link_is_pcie = !gpu.gpu_link_gbps || (gpu.gpu_link_gpus && hw.gpus_per_node > *gpu.gpu_link_gpus);
  if (s.pp > 1) {
    Throughput link;
    s.hop_link = SlowestLink(hw, link, false) * 1e9;
    s.hop_bytes = 2.0 * m.hidden;
  }
  s.prompt_tokens = std::max(1, w.prompt_tokens);
  s.output_tokens = std::max(1, w.output_tokens);
  return s;
}

Throughput EstimateCompute(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                           const StackFit& fit, const EngineFit& engine, std::vector<Message>* notes) {
  if (w.task == Task::kRender) return RenderThroughput(w, hw, notes);
  Throughput t;
  if (IsContinuousServing(w)) {
    ContinuousServing(w, hw, mem, engine.serving, t, notes);
    return t;
  }
  const GpuSpec& gpu = *hw.gpu;
  const int n = std::max(1, hw.total_gpus());
  const PeakPath path = PathOf(w, gpu);
  const auto peak = PeakTflops(gpu, w.precision, path);
  if (!peak) {
    if (notes) {
      notes->push_back(Message("tput.no_rate", "data/gpus.csv").With("precision", PrecisionName(w.precision))
                           .With("gpu", gpu.name));
    }
    return t;
  }
  t.known = true;
  t.peak_tflops = *peak;
  bool borrowed = false;
  const Generation gen = GenerationOf(gpu, &borrowed);
  const WorkClass cls = ClassOf(w);
  const int seq = w.task == Task::kInfer ? w.prompt_tokens : w.seq_len;
  // FLOP/s per GPU: TensorRT's MLPerf-fitted share, or the utilisation model.
  const RooflineModel* roofline = engine.tensorrt <= 0 ? fit.RooflineFor(cls) : nullptr;
  const RooflineRate rate = roofline ? roofline->Rate(cls, gpu, path, *peak, n) : RooflineRate{};
  const double achieved = engine.tensorrt > 0 ? engine.tensorrt * *peak * 1e12
                          : roofline         ? rate.achieved_flops
                                             : fit.transformers.AchievedFlops(cls, gpu, path, *peak, seq, n);
  t.utilization = achieved / (*peak * 1e12);
  if (notes && engine.tensorrt > 0) {
    notes->push_back(Message("tput.tensorrt", "data/mlperf_inference.csv").With("achieved", achieved / 1e12)
                         .With("pct", 100 * t.utilization).With("gpu", gpu.name).With("peak", *peak)
                         .With("class", ClassName(cls)));
  } else if (notes) {
    notes->push_back(UtilizationNote(gpu, path, *peak, achieved, t.utilization, cls,
                                     roofline ? RooflineBasis(gpu, rate) : GenerationBasis(gen, borrowed), fit));
  }
  if (w.task == Task::kInfer && w.model.kind == ModelKind::kLlm) {
    Workload batch = w;  // --concurrency max: the batch the memory holds
    if (batch.concurrency == 0) batch.concurrency = std::max(1, mem.batch);
    LlmServing(batch, hw, mem, achieved, n, t, notes);
    return t;
  }
  const double per_sample = FlopsPerSample(w) / std::max(1, w.tensor_parallel);
  const double micro_s = per_sample * w.micro_batch / achieved;
  if (IsTraining(w.task)) {
    Training(w, hw, mem, micro_s, n, t, notes);
    return t;
  }
  t.step_s = micro_s;
  t.samples_per_s = n * w.micro_batch / micro_s;
  if (w.model.is_transformer() && w.seq_len > 0) t.tokens_per_s = t.samples_per_s * w.seq_len;
  if (w.samples > 0) t.total_hours = w.samples / t.samples_per_s / 3600;
  return t;
}

}  // namespace gpuscout
