// Training throughput as compute plus memory traffic, fitted to published
// measurements: CNNs on both software stacks, encoder fine-tuning on the stock
// one. A step is partly compute (convolutions and matmuls, on the tensor
// cores) and partly memory traffic (normalisation, activations, softmax,
// residual adds), one after the other, so per sample
//
//   t = F / C + F / (e * W^a)
//
// with F the FLOPs per sample, W the memory bandwidth (in TB/s), e the FLOPs
// the step does per byte it moves at 1 TB/s, a the step's response to
// bandwidth, and C the compute the GPU sustains:
//
//   C = min(u * peak, k * TDP)
//
// the tensor (or TF32/FP32) peak at utilisation u, or what the board's power
// limit sustains at k FLOP/s per watt, whichever is lower. Neither resource
// alone explains published runs: the A10 and the V100 have the same 16-bit
// peak and differ by their bandwidth; the H100 SXM and the H100 PCIe differ
// by peak, bandwidth and power (700 W against 350 W). The response to
// bandwidth is fitted (a <= 1), not assumed linear: stock kernels do not
// turn HBM's extra bandwidth into time saved one for one, and GDDR cards
// with large caches move less of their traffic through DRAM; with a = 1
// the fit over-predicted every HBM card and under-predicted every GDDR one
// (issue #22: H100 SXM +17%, A10 -9%). Throughput is then
// scaled by a data-parallel factor (more than one GPU) and an inference factor
// (cnn-infer). For CNNs the input pipeline (JPEG decode on the host's vCPUs)
// is a third bound, applied by the throughput model where the vCPUs are known.
//
// Parameters are fitted per family and software stack by least squares on the
// log of throughput.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/message.h"
#include "catalog/gpu_spec.h"
#include "workload/calibration.h"

namespace gpuscout {

// The classes one model covers.
enum class RooflineFamily { kCnn, kEncoderFinetune };
bool InFamily(RooflineFamily f, WorkClass c);

// Which resource bounds a step (the larger share of its time).
enum class RooflineBound { kCompute, kPower, kMemory };
std::string_view RooflineBoundName(RooflineBound b);

struct RooflineRate {
  double achieved_flops = 0;  // per GPU
  double compute_flops = 0;   // C above
  double memory_flops = 0;    // e * W
  double compute_share = 0;   // of the step's time
  RooflineBound bound = RooflineBound::kMemory;
};

class RooflineModel {
 public:
  enum Param { kU16, kU32, kBytes, kK16, kK32, kMulti, kInfer, kAlpha, kCount };

  // All parameters from the family's rows (others are skipped). With
  // `shape`, only a common scale, the data-parallel and the inference factors
  // are fitted and the rest is taken from `shape`: the tuned stack's few CNN
  // rows cannot pin every parameter.
  static RooflineModel Fit(const std::vector<BenchmarkRow>& rows, RooflineFamily family,
                           const RooflineModel* shape = nullptr);

  RooflineRate Rate(WorkClass cls, const GpuSpec& gpu, PeakPath path, double peak_tflops, int gpus) const;
  // Predicted per-GPU samples/s of a published row (for tests and docs).
  double Predict(const BenchmarkRow& row) const;
  void set(Param p, double log_value) { log_[p] = log_value; }
  double value(Param p) const;
  std::vector<Message> Describe(const std::string& source) const;
  RooflineFamily family() const { return family_; }

 private:
  RooflineFamily family_ = RooflineFamily::kCnn;
  std::array<double, kCount> log_{};
  double max_utilization_ = 0.6;  // of the tensor peak: stock code reaches less than tuned
};

}  // namespace gpuscout
