// Time and throughput: compute at the calibrated utilisation, memory-bound
// decoding, and data-parallel all-reduce over the slowest link.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/message.h"

#include "workload/calibration.h"
#include "workload/memory.h"
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
  bool input_bound = false;    // the storage, not the GPUs, sets the pace
  double input_gbps_needed = 0;  // what the GPUs could consume
  int sessions_per_gpu = 0;    // streaming: sessions one GPU carries
};

// Compute, communication, then the input pipeline's cap.
Throughput EstimateThroughput(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                              const UtilizationModel& model, std::vector<Message>* notes);
// Compute and communication only.
Throughput EstimateCompute(const Workload& w, const Hardware& hw, const MemoryBreakdown& mem,
                           const UtilizationModel& model, std::vector<Message>* notes);


}  // namespace gpuscout
