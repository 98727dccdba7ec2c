// HPC jobs (--task hpc): a job measured on reference hardware (CPU nodes or
// GPUs), scaled to a target GPU by FP64 (or FP32) throughput and memory
// bandwidth, with a parallel efficiency per doubling of nodes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "catalog/gpu_spec.h"
#include "workload/throughput.h"
#include "workload/workload.h"

namespace gpuscout {

// FP64 rates: datasheet figures (data/fp64.csv), else FP32 x the FP64:FP32
// ratio of the GPU's compute capability.
class Fp64Rates {
 public:
  static Result<Fp64Rates> Parse(std::string_view text, const std::string& file);

  struct Rate {
    double tflops = 0;
    bool from_datasheet = false;
  };
  std::optional<Rate> Fp64(const GpuSpec& gpu) const;
  // Ratio of FP64 to FP32 results per clock per SM in the CUDA C++
  // Programming Guide's arithmetic throughput table; nullopt when the table
  // has no row for the compute capability.
  static std::optional<double> CudaRatio(std::string_view compute_capability);

  struct Row {
    std::string gpu;
    double tflops = 0;
    std::optional<double> tensor_tflops;
  };
  const std::vector<Row>& rows() const { return rows_; }

 private:
  std::vector<Row> rows_;
};

// Parallel efficiency of n nodes: `per_doubling` ^ log2(n) (1 node: 1).
double ParallelEfficiency(int nodes, double per_doubling);

// The model itself: hours of `job` on `nodes` nodes of rate `target`:
//   reference_hours x (N_ref E(N_ref)) / (N E(N)) x slowdown,
//   slowdown = s x F_ref / F + (1 - s) x B_ref / B.
struct HpcTime {
  double slowdown = 0;        // per node, against a reference node
  double reference_nodes = 0;  // N_ref E(N_ref)
  double nodes = 0;            // N E(N)
  double hours = 0;
};
HpcTime HpcHours(const HpcJob& job, const NodeRate& target, int nodes);

// Time of the job on `hw`; fills samples_per_s (jobs per second), step_s
// and total_hours. Unknown (known = false) when the GPU has no rate.
Throughput HpcThroughput(const Workload& w, const Hardware& hw, const Fp64Rates& rates,
                         std::vector<Message>* notes);

// The node rate of `gpus` x `gpu` at the job's precision; nullopt if unknown.
std::optional<NodeRate> GpuNodeRate(const GpuSpec& gpu, int gpus, bool fp64, const Fp64Rates& rates);

}  // namespace gpuscout
