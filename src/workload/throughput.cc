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

// Caps a throughput at what the storage can feed: samples/s x bytes per
// sample against the store's bandwidth.
void ApplyInputPipeline(const Workload& w, Throughput& t, std::vector<std::string>* notes) {
  if (w.sample_bytes <= 0 || w.storage_gbps <= 0 || t.samples_per_s <= 0) return;
  t.input_gbps_needed = t.samples_per_s * w.sample_bytes / 1e9;
  const double fed = w.storage_gbps * 1e9 / w.sample_bytes;
  if (fed >= t.samples_per_s) {
    if (notes) {
      notes->push_back(fmt::format("input: {:.2f} GB/s needed ({:.0f} samples/s x {:.0f} KB) of the {} {:g} GB/s: not the bottleneck",
                                   t.input_gbps_needed, t.samples_per_s, w.sample_bytes / 1000, w.storage, w.storage_gbps));
    }
    return;
  }
  const double scale = fed / t.samples_per_s;
  t.input_bound = true;
  t.samples_per_s = fed;
  t.tokens_per_s *= scale;
  t.step_s /= scale;
  if (t.total_hours) *t.total_hours /= scale;
  if (notes) {
    notes->push_back(fmt::format("INPUT-BOUND: the GPUs could take {:.2f} GB/s ({:.0f} KB per sample) but the {} delivers "
                                 "{:g} GB/s: {:.0f} samples/s instead of {:.0f}",
                                 t.input_gbps_needed, w.sample_bytes / 1000, w.storage, w.storage_gbps, fed, fed / scale));
  }
}

}  // namespace

Throughput EstimateThroughput(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                              const UtilizationModel& model, std::vector<std::string>* notes) {
  Throughput t = EstimateCompute(w, hw, mem, model, notes);
  ApplyInputPipeline(w, t, notes);
  return t;
}

namespace {

// Rendering: the reference time scaled by FP32 throughput.
Throughput RenderThroughput(const Workload& w, const Hardware& hw, std::vector<std::string>* notes) {
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
    notes->push_back(fmt::format(
        "rendering time scaled by FP32 throughput: {} s/frame on {} ({} TFLOPS) x {} / {} = {:.2f} "
        "s/frame on {}; renderers that use RT cores or are memory-bound scale differently",
        w.seconds_per_frame, ref.name, *ref.fp32_tflops, *ref.fp32_tflops, *gpu.fp32_tflops, per_frame, gpu.name));
  }
  return t;
}

// LLM serving: prefill compute-bound over the prompt; each decode step reads
// the weights and the KV cache so far (bytes over bandwidth) or computes 2*N
// FLOPs per sequence, whichever takes longer: the roofline.
void LlmServing(const Workload& w, const GpuSpec& gpu, const MemoryBreakdown& mem, double achieved, int n, Throughput& t,
                std::vector<std::string>* notes) {
  const int tp = std::max(1, w.tensor_parallel);
  const double prompt_flops = TransformerForwardFlopsPerToken(w.model, w.prompt_tokens) * w.prompt_tokens * w.concurrency;
  t.prefill_s = prompt_flops / (achieved * tp);
  const double bw = gpu.memory_bandwidth_gbps.value_or(0) * 1e9 * EmbeddedFacts().decode_bandwidth_share;
  const double context = w.prompt_tokens + w.output_tokens / 2.0;
  const double bytes = mem.weights + mem.kv_bytes_per_token * context * w.concurrency;
  const double t_mem = bw > 0 ? bytes / bw : 0;
  const double t_compute = 2 * w.model.active_params * w.concurrency / (achieved * tp);
  t.step_s = std::max(t_mem, t_compute);
  t.request_s = t.prefill_s + w.output_tokens * t.step_s;
  const double replicas = static_cast<double>(n) / tp;
  t.tokens_per_s = replicas * w.concurrency / t.step_s;
  t.samples_per_s = replicas * w.concurrency / t.request_s;
  if (notes) {
    notes->push_back(fmt::format(
        "decode is {}-bound: {:.2f} GB read per step at {:.0f}% of {:.0f} GB/s vs {:.2f} TFLOP per "
        "step; prefill of {} tokens x {} takes {:.3f} s",
        t_mem >= t_compute ? "memory" : "compute", bytes / 1e9, EmbeddedFacts().decode_bandwidth_share * 100,
        gpu.memory_bandwidth_gbps.value_or(0), 2 * w.model.active_params * w.concurrency / 1e12, w.prompt_tokens,
        w.concurrency, t.prefill_s));
  }
}

// The slowest link a gradient all-reduce crosses: NVLink or PCIe within a
// node, the network between nodes. Sets t.link and t.link_gbytes_per_s.
double SlowestLink(const Hardware& hw, Throughput& t) {
  const GpuSpec& gpu = *hw.gpu;
  double link = 0;
  if (hw.gpus_per_node > 1 || hw.nodes == 1) {
    if (auto nv = NvlinkGBps(gpu)) {
      link = *nv / 2;  // one direction
      t.link = fmt::format("NVLink {:.0f} GB/s per direction", link);
    } else {
      link = PcieGBps(gpu.pcie_gen.value_or(3));
      t.link = fmt::format("PCIe gen {} x16 {:.1f} GB/s per direction", gpu.pcie_gen.value_or(3), link);
    }
  }
  if (hw.nodes > 1) {
    const Network net = hw.network == Network::kNone ? Network::kTcp : hw.network;
    const Transport tr = TransportOf(net);
    const double gbps = hw.network_gbps > 0 ? hw.network_gbps : tr.default_gbps;
    const double inter = gbps / 8 * tr.efficiency;
    if (link == 0 || inter < link) {
      link = inter;
      t.link = fmt::format("{} between nodes, {:.0f} Gbit/s at {:.0f}% = {:.1f} GB/s{}",
                           net == Network::kTcp ? "TCP over the VM network (no RDMA/SR-IOV)" : std::string(NetworkName(net)),
                           gbps, tr.efficiency * 100, inter,
                           hw.network == Network::kNone ? " (no --network given: TCP assumed)" : "");
    }
  }
  t.link_gbytes_per_s = link;
  return link;
}

// Data parallel: gradients all-reduced once per optimizer step by a ring,
// 2(N-1)/N x gradient bytes over the slowest link, not overlapped with
// compute (an upper bound on step time).
void GradientAllReduce(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem, int dp, Throughput& t,
                       std::vector<std::string>* notes) {
  const double trainable = (w.task == Task::kLora || w.task == Task::kQlora) ? mem.lora_params : w.model.params;
  const double grad_bytes = trainable * (w.precision == Precision::kFp32 || w.task == Task::kCnnTrain ? 4 : 2) /
                            std::max(1, w.tensor_parallel);
  const double link = SlowestLink(hw, t);
  t.comm_s = 2.0 * (dp - 1) / dp * grad_bytes / (link * 1e9);
  if (notes) {
    notes->push_back(fmt::format("ring all-reduce of {:.2f} GB of gradients per step over {}: {:.3f} s, not overlapped",
                                 grad_bytes / 1e9, t.link, t.comm_s));
  }
}

void Training(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem, double micro_s, int n, Throughput& t,
              std::vector<std::string>* notes) {
  const int dp = std::max(1, n / std::max(1, w.tensor_parallel));
  const int global = w.global_batch > 0 ? w.global_batch : w.micro_batch * dp;
  const double accumulation = std::max(1.0, static_cast<double>(global) / (w.micro_batch * dp));
  if (dp > 1) GradientAllReduce(w, hw, mem, dp, t, notes);
  t.step_s = accumulation * micro_s + t.comm_s;
  t.samples_per_s = global / t.step_s;
  if (w.model.is_transformer() && w.seq_len > 0 && w.task != Task::kCnnTrain) t.tokens_per_s = t.samples_per_s * w.seq_len;
  double samples = 0;
  if (w.tokens > 0 && w.seq_len > 0) samples = w.tokens / w.seq_len * w.epochs;
  if (w.samples > 0) samples = w.samples * w.epochs;
  if (samples > 0) t.total_hours = samples / t.samples_per_s / 3600;
  if (notes) {
    notes->push_back(fmt::format(
        "{:.0f} GFLOP per sample ({}), micro-batch {} x {} accumulation steps x {} GPUs = global batch {}",
        FlopsPerSample(w) / 1e9,
        w.task == Task::kLora || w.task == Task::kQlora ? "4*N per token: frozen weights get no gradients"
        : w.recompute == Recompute::kFull               ? "8*N per token with full recomputation"
        : w.task == Task::kCnnTrain                     ? "3 x the forward pass"
                                                        : "6*N per token plus attention",
        w.micro_batch, accumulation, dp, global));
  }
}

std::string UtilizationNote(const GpuSpec& gpu, PeakPath path, double peak, double achieved, double utilization,
                            WorkClass cls, Generation gen, bool borrowed) {
  return fmt::format(
      "{:.1f} TFLOP/s achieved = {:.1f}% of {} peak {:.0f} TFLOP/s{} (class {}, {}; data/benchmarks-"
      "calibration.csv, data/mfu_published.csv)",
      achieved / 1e12, 100 * utilization, gpu.name, peak,
      path == PeakPath::kTf32 ? " TF32" : path == PeakPath::kFp32 ? " FP32" : "", ClassName(cls),
      IsBandwidthBound(cls) ? fmt::format("bound by {:.0f} GB/s of memory bandwidth", gpu.memory_bandwidth_gbps.value_or(0))
                            : fmt::format("{} calibration{}", GenerationName(gen),
                                          borrowed ? ", borrowed: no measurements of this generation" : ""));
}

}  // namespace

Throughput EstimateCompute(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                           const UtilizationModel& model, std::vector<std::string>* notes) {
  if (w.task == Task::kRender) return RenderThroughput(w, hw, notes);
  Throughput t;
  const GpuSpec& gpu = *hw.gpu;
  const int n = std::max(1, hw.total_gpus());
  const PeakPath path = PathOf(w, gpu);
  const auto peak = PeakTflops(gpu, w.precision, path);
  if (!peak) {
    if (notes) {
      notes->push_back("no published " + std::string(PrecisionName(w.precision)) + " rate for " + gpu.name +
                       " in data/gpus.csv: time not estimated");
    }
    return t;
  }
  t.known = true;
  t.peak_tflops = *peak;
  bool borrowed = false;
  const Generation gen = GenerationOf(gpu, &borrowed);
  const WorkClass cls = ClassOf(w);
  const int seq = w.task == Task::kInfer ? w.prompt_tokens : w.seq_len;
  const double achieved = model.AchievedFlops(cls, gpu, path, *peak, seq, n);  // FLOP/s per GPU
  t.utilization = achieved / (*peak * 1e12);
  if (notes) notes->push_back(UtilizationNote(gpu, path, *peak, achieved, t.utilization, cls, gen, borrowed));
  if (w.task == Task::kInfer && w.model.kind == ModelKind::kLlm) {
    LlmServing(w, gpu, mem, achieved, n, t, notes);
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
