// Time and throughput: compute at the calibrated utilisation, memory-bound
// decoding, and data-parallel all-reduce over the slowest link.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/message.h"

#include "workload/calibration.h"
#include "workload/stack_fit.h"
#include "workload/memory.h"
#include "workload/serving.h"
#include "workload/workload.h"

namespace gpuscout {

struct Throughput {
  bool known = false;          // false: no published peak rate for this GPU and precision
  double samples_per_s = 0;    // images, sequences or requests per second, all GPUs
  double tokens_per_s = 0;     // tokens per second, all GPUs (LLM/encoder workloads)
  double step_s = 0;           // one optimizer step (training), one decode step (inference)
  std::optional<double> total_hours;  // the whole dataset (training), all frames (render)
  double utilization = 0;      // the calibrated share of peak used
  double peak_tflops = 0;
  double comm_s = 0;           // all-reduce per optimizer step
  double link_gbytes_per_s = 0;  // the slowest link's bandwidth
  Message link;                // what that link is
  double prefill_s = 0;        // inference: the prompt
  double request_s = 0;        // inference: prompt + every output token
  bool input_bound = false;    // the input pipeline, not the GPUs, sets the pace
  bool decode_bound = false;   // ... and it is the host's vCPUs decoding JPEGs (else the storage)
  double decode_images_per_s = 0;  // what those vCPUs decode (stock CNN runs on an offer)
  double input_gbps_needed = 0;  // what the GPUs could consume
  int sessions_per_gpu = 0;    // streaming: sessions one GPU carries
  // LLM serving under continuous batching.
  bool serving = false;        // the fields below are set
  double ttft_s = 0;           // time to first token
  double tpot_s = 0;           // time per output token after the first
  double batch = 0;            // sequences in flight per replica
  int replicas = 0;            // tp x pp groups, each holding the model
  double load = 0;             // at --rps: the rate over the most the replicas complete
  bool stable = true;          // at --rps: false when the arrivals outrun the replicas
  double max_requests_per_s = 0;  // all replicas at their largest batch
};

// What the workload's engine reaches: LLM serving under continuous batching
// (serving.h), or TensorRT's share of the peak for a CNN or an encoder
// (0: the utilisation model's).
struct EngineFit {
  ServingEfficiency serving;
  double tensorrt = 0;
};

// Compute, communication, then the input pipeline's cap.
Throughput EstimateThroughput(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                              const StackFit& fit, const EngineFit& engine, std::vector<Message>* notes);
// Compute and communication only.
Throughput EstimateCompute(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                           const StackFit& fit, const EngineFit& engine, std::vector<Message>* notes);

// LLM serving on an engine with continuous batching (vLLM, SGLang,
// TensorRT-LLM), not eager PyTorch.
bool IsContinuousServing(const Workload& w);
// One replica of `w`'s layout on `hw`: the serving model's inputs.
ReplicaShape ServingShapeOf(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem);


}  // namespace gpuscout
