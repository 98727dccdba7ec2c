// gpuscout estimate as a library call: will this workload fit on this GPU,
// and how long will it take? The recommender calls Estimator::Fast for every
// offer; the CLI renders Estimator::Run's answer.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/catalog.h"
#include "workload/calibration.h"
#include "workload/memory.h"
#include "workload/model.h"
#include "workload/engine.h"
#include "workload/serving_fit.h"
#include "workload/tensorrt_fit.h"
#include "workload/hpc.h"
#include "workload/stack_fit.h"
#include "workload/stream.h"
#include "workload/throughput.h"
#include "workload/workload.h"

namespace gpuscout {

// What a user asks, as typed (names unresolved; unset numbers take defaults).
struct EstimateRequest {
  std::string task = "infer";
  std::string model;  // a preset; or the explicit shape below
  std::optional<double> params_b, active_params_b;
  std::optional<int> layers, hidden, heads, kv_heads, vocab;
  std::string gpu;  // or offer = "VENDOR:INSTANCE"
  std::string offer;
  std::optional<int> gpus, nodes;
  std::string network;  // efa, infiniband, erdma, tcp
  std::optional<double> network_gbps;
  std::string precision;
  std::optional<int> zero;
  std::string fsdp;  // full, grad-op, hybrid, none
  std::string offload;  // cpu, none: the optimizer state in host RAM (DeepSpeed ZeRO-Offload)
  std::string recompute;
  std::string attention;  // flash, eager
  std::string stack;  // stock, tuned
  std::optional<int> tensor_parallel, pipeline_parallel;
  std::optional<int> seq_len, micro_batch, global_batch, lora_rank;
  std::optional<double> tokens, samples, epochs;
  std::optional<int> prompt_tokens, output_tokens, concurrency;  // concurrency 0: max
  std::optional<double> memory_utilization;
  std::string engine;  // vllm, sglang, tensorrt-llm, pytorch, tensorrt
  std::optional<double> rps;
  std::optional<int> max_batched_tokens;
  std::optional<double> frames, seconds_per_frame;
  std::string reference_gpu;  // rendering: default T4
  // HPC (--task hpc): the job on its reference hardware.
  std::optional<double> reference_hours;
  std::optional<int> reference_nodes, reference_gpus_per_node;
  std::optional<double> reference_node_tflops, reference_node_gbps;
  std::optional<double> compute_share, scaling_efficiency, job_memory_gb;
  // Streaming (--task stream).
  std::string resolution;  // WIDTHxHEIGHT
  std::optional<double> fps;
  std::optional<int> sessions;
  std::optional<double> encoder_fps, bitrate_mbps, session_gb;
  // Input pipeline: bytes per sample and where they are read from.
  std::optional<double> sample_kb;
  std::string storage;  // nvme, lustre; or give storage_gbps
  std::optional<double> storage_gbps;
};

struct Estimate {
  Workload workload;
  Hardware hardware;
  MemoryBreakdown memory;
  Throughput throughput;
  std::vector<Message> assumptions;
  Message why_not;  // when it does not fit: the largest items and what would help
  bool host_short = false;  // the GPUs hold it; the node's RAM or vCPUs do not
  std::optional<StreamSizing> stream;  // --task stream
};

// The defaults and checks that need both the workload and the hardware: bf16
// becomes fp16 on a GPU without it unless chosen; the GPUs must divide into
// tensor-parallel groups; the global batch must cover one micro-batch per
// data-parallel GPU.
Result<void> FitToHardware(Workload& w, const Hardware& hw);

// Thread safety: an Estimator is immutable after Create and may be shared by
// threads (the server does); it keeps a pointer to the catalog it was created
// with, which must outlive it.
class Estimator {
 public:
  // Fits the utilisation model from the calibration data (microseconds).
  static Result<Estimator> Create(const Catalog& catalog, std::string_view models_csv,
                                  std::string_view benchmarks_csv, std::string_view mfu_csv,
                                  std::string_view fp64_csv, std::string_view nvenc_csv,
                                  std::string_view engines_csv, std::string_view serving_csv,
                                  std::string_view mlperf_csv, std::string_view stock_csv);

  // Validates and resolves a request; errors name the field (exit 2):
  // ResolveWorkload, ResolveHardware, then FitToHardware.
  Result<std::pair<Workload, Hardware>> Resolve(const EstimateRequest& request) const;
  // The workload alone (the request's hardware fields are not read): what
  // recommend and alternatives resolve once before trying every offer.
  Result<Workload> ResolveWorkload(const EstimateRequest& request) const;
  // The GPU by name or the offer, GPUs per node, nodes and network.
  Result<Hardware> ResolveHardware(const EstimateRequest& request) const;
  // The full answer, with assumptions in words.
  Estimate Run(const Workload& w, const Hardware& hw) const;
  // Numbers only, no text: the recommender's inner loop. Without
  // `time_if_unfit`, a layout that does not fit gets no time (known = false).
  void Fast(const Workload& w, const Hardware& hw, MemoryBreakdown& memory, Throughput& time,
            bool time_if_unfit = true) const;

  // Time and throughput, by task (HPC scaling, stream sizing, or the model).
  Throughput Time(const Workload& w, const Hardware& hw, const MemoryBreakdown& memory,
                  std::vector<Message>* notes) const;

  const ModelTable& models() const { return models_; }
  // The tuned stack's transformer model and rows (NVIDIA's measurements).
  const UtilizationModel& utilization() const { return stacks_[1].transformers; }
  const std::vector<BenchmarkRow>& benchmarks() const { return stacks_[1].rows; }
  const StackFit& calibration(Stack s) const { return stacks_[s == Stack::kTuned ? 1 : 0]; }
  // The calibration a workload is estimated with: its stack's where that
  // stack has measurements of its class, else the tuned one.
  const StackFit& CalibrationFor(const Workload& w) const;
  const Fp64Rates& fp64() const { return fp64_; }
  const NvencTable& nvenc() const { return nvenc_; }
  const EngineTable& engines() const { return engines_; }
  const std::vector<PublishedServing>& published_serving() const { return published_serving_; }
  // Fitted on first use (a few milliseconds), once, safely from any thread:
  // commands that serve no LLM never pay for it.
  const ServingCalibration& serving() const;
  const std::vector<PublishedTensorrt>& published_tensorrt() const { return published_tensorrt_; }
  const TensorrtCalibration& tensorrt() const { return tensorrt_; }

 private:
  Result<HpcJob> ResolveHpc(const EstimateRequest& r, bool fp64) const;
  Result<const GpuSpec*> ReferenceGpu(const std::string& name) const;

  const Catalog* catalog_ = nullptr;
  ModelTable models_;
  std::array<StackFit, 2> stacks_;  // stock, tuned
  Fp64Rates fp64_;
  NvencTable nvenc_;
  EngineTable engines_;
  std::vector<PublishedServing> published_serving_;
  struct LazyServing {
    std::once_flag once;
    ServingCalibration fit;
  };
  std::shared_ptr<LazyServing> serving_ = std::make_shared<LazyServing>();
  std::vector<PublishedTensorrt> published_tensorrt_;
  TensorrtCalibration tensorrt_;
};

}  // namespace gpuscout
