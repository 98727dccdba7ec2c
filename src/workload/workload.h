// A workload and the hardware it runs on: the estimator's inputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/gpu_spec.h"
#include "catalog/offer.h"
#include "workload/engine.h"
#include "workload/model.h"

namespace gpuscout {

enum class Task { kTrain, kFinetune, kLora, kQlora, kInfer, kCnnTrain, kCnnInfer, kRender, kHpc, kStream };
enum class Precision { kFp32, kBf16, kFp16, kFp8, kInt8, kInt4, kFp4 };
enum class Recompute { kNone, kSelective, kFull };
enum class Attention { kFlash, kEager };
// The training software: framework code at its defaults (`stock`: a PyTorch
// DataLoader decoding JPEGs on the CPU, the public example scripts as they
// ship) or a vendor-tuned container (`tuned`: NVIDIA's DeepLearningExamples
// configurations with DALI decoding on the GPU).
enum class Stack { kStock, kTuned };
// Inter-node transport; kNone when the job stays in one node.
enum class Network { kNone, kEfa, kInfiniBand, kErdma, kRoce, kTcp };

std::optional<Task> ParseTask(std::string_view s);
std::optional<Precision> ParsePrecision(std::string_view s);
std::optional<Recompute> ParseRecompute(std::string_view s);
std::optional<Network> ParseNetwork(std::string_view s);
std::string_view TaskName(Task t);
// Every name ParseTask and ParsePrecision read (completion, help).
std::vector<std::string_view> TaskNames();
std::vector<std::string_view> PrecisionNames();
std::string_view PrecisionName(Precision p);
std::string_view StackName(Stack s);
std::string_view NetworkName(Network n);
std::string_view RecomputeName(Recompute r);
double BytesPer(Precision p);  // 4, 2, 2, 1, 1, 0.5, 0.5
// Whether `gpu` computes in `p`: bf16 needs a bf16 rate (Ampere or newer,
// CDNA 2 or newer), fp8 an 8-bit float path (Ada, Hopper, Blackwell, CDNA 3),
// fp4 Blackwell.
// Empty when it does; otherwise the data/gpus.csv generation it lacks, as a
// word key for messages ("precision.bf16", "precision.fp8").
std::string_view UnsupportedPrecision(const GpuSpec& gpu, Precision p);
bool IsTraining(Task t);

// One node's capability at a job's precision: TFLOPS and memory GB/s.
struct NodeRate {
  double tflops = 0;
  double gbps = 0;
};

// --task hpc: a job measured on reference hardware.
struct HpcJob {
  double reference_hours = 0;
  int reference_nodes = 1;
  NodeRate reference;            // per reference node, at the job's precision
  std::string reference_name;    // "CPU node" or "4 x MI250X", for messages
  bool fp64 = true;              // false: FP32 (e.g. GROMACS' GPU path)
  double compute_share = 0.5;    // of the reference time, compute-bound
  double scaling_efficiency = 0.9;  // parallel efficiency per doubling of nodes
  double memory_gb = 0;          // the job's data, all GPUs together
};

// --task stream: interactive sessions rendered and encoded on GPUs.
struct StreamJob {
  int width = 1920;
  int height = 1080;
  double fps = 60;
  int sessions = 1;
  double encoder_fps = 480;   // 1080p frames/s per NVENC engine
  double bitrate_mbps = 0;    // per stream; 0: 0.1 bit per pixel
  double session_gb = 0;      // GPU memory per session; 0: not limiting
};

struct Workload {
  Task task = Task::kInfer;
  ModelSpec model;
  Precision precision = Precision::kBf16;
  // false: the task's default, which FitToHardware turns from bf16 into fp16
  // on a GPU without bf16 (V100, T4).
  bool precision_chosen = false;
  int zero_stage = 0;             // 0..3; FSDP strategies map onto these
  bool zero_within_node = false;  // FSDP hybrid: shard inside a node, replicate across
  bool fsdp = false;              // sharded by PyTorch FSDP (--fsdp) rather than DeepSpeed ZeRO
  bool offload = false;           // optimizer state and its step on the CPU (ZeRO-Offload; ZeRO 1-3)
  Recompute recompute = Recompute::kNone;
  Attention attention = Attention::kFlash;
  int tensor_parallel = 1;
  int pipeline_parallel = 1;  // LLM inference: stages across nodes
  int seq_len = 0;
  int micro_batch = 0;
  int global_batch = 0;  // samples per optimizer step; 0: micro_batch x GPUs
  int lora_rank = 16;
  double tokens = 0;     // dataset size (LLMs)
  double samples = 0;    // dataset size (others)
  double epochs = 1;
  int prompt_tokens = 512;
  int output_tokens = 256;
  int concurrency = 1;  // 0: as many as the KV cache holds, up to the engine's batch limit
  double memory_utilization = 0.9;  // the engine's default share of GPU memory (vLLM's 0.9)
  Stack stack = Stack::kStock;
  Engine engine = Engine::kPytorch;  // LLM serving: continuous batching unless pytorch
  EngineLimits limits;               // the engine's batch limit and prefill chunk
  double rps = 0;                    // LLM serving: requests per second arriving; 0: at --concurrency
  double frames = 0;
  double seconds_per_frame = 0;
  const GpuSpec* reference_gpu = nullptr;  // rendering: where seconds_per_frame was measured
  double sample_bytes = 0;   // input read per sample; 0: not modelled
  double storage_gbps = 0;   // GB/s the storage delivers to the job (all nodes together)
  std::string storage;       // its name, for messages
  HpcJob hpc;
  StreamJob stream;
};

struct Hardware {
  const GpuSpec* gpu = nullptr;
  int gpus_per_node = 1;
  int nodes = 1;
  Network network = Network::kNone;
  double network_gbps = 0;  // per node, decimal Gbit/s; 0: the transport's default
  double memory_gib = 0;    // per GPU; 0: the spec's
  double host_mem_gib = 0;  // host RAM per node; 0: not known (no offer)
  double vcpus = 0;         // per node; 0: not known
  int total_gpus() const { return gpus_per_node * nodes; }
};

// The parallel layout of a workload, as the search chooses it and a
// candidate records it.
struct LayoutChoice {
  int tensor_parallel = 1;
  int zero_stage = 0;
  Recompute recompute = Recompute::kNone;
  bool offload = false;  // optimizer offloaded to the CPU
  int pipeline_parallel = 1;
};

inline LayoutChoice LayoutOf(const Workload& w) {
  return {w.tensor_parallel, w.zero_stage, w.recompute, w.offload, w.pipeline_parallel};
}

inline void ApplyLayout(const LayoutChoice& l, Workload& w) {
  w.tensor_parallel = l.tensor_parallel;
  w.zero_stage = l.zero_stage;
  w.recompute = l.recompute;
  w.offload = l.offload;
  w.pipeline_parallel = l.pipeline_parallel;
}

// What the offer says about the machine: its transport between nodes
// (data/network_facts.csv: the RDMA technology and bandwidth; TCP where it
// has none or the table is silent), host RAM and vCPUs.
void ApplyOffer(const Offer& offer, Hardware& hw);
// One node of `offer` (times `nodes`): its GPU, GPUs per node, the memory per
// GPU the offer states (a slice's, or what the cloud reports), and ApplyOffer.
Hardware OfferHardware(const Offer& offer, const GpuSpec* gpu, int nodes);

}  // namespace gpuscout
