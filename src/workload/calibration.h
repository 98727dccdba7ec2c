// Achieved FLOP/s, fitted to published measurements: data/benchmarks-
// calibration.csv (NVIDIA DeepLearningExamples throughput on A100, V100 and
// T4) and data/mfu_published.csv (Megatron on A100, Llama 3 on H100).
//
// Transformers are compute-bound: utilisation of the tensor-core peak,
//   log U = base[class] + gen[GPU generation] + path[peak used]
//           + multi[transformer] (data parallel) + log(s / (s + s0))
// (short sequences use the GPU worse), with gen[Ampere] = path[16-bit] = 0.
// Generations without data borrow the nearest (Ada: Ampere; Blackwell: Hopper).
//
// CNNs are bound by memory bandwidth: ResNet-50 reaches about the same FLOPs
// per byte of bandwidth on V100, A100 and T4 (30 in 16-bit, 11 in 32-bit),
// while their peaks differ far more. So for CNNs
//   log(achieved / bandwidth) = base[class] + path[peak used] + multi[CNN]
// with no generation term, capped at the peak. Both are fitted together by
// least squares on the log scale.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/message.h"
#include "base/error.h"
#include "catalog/gpu_spec.h"
#include "workload/model.h"
#include "workload/workload.h"

namespace gpuscout {

enum class Generation { kVolta, kTuring, kAmpere, kHopper, kCount };
enum class WorkClass { kCnnTrain, kCnnInfer, kEncoderPretrain, kEncoderFinetune, kEncoderInfer, kLlmTrain, kCount };
enum class PeakPath { kTensor16, kTf32, kFp32, kCount };

// The calibrated generation a GPU counts as, and whether that was borrowed.
Generation GenerationOf(const GpuSpec& gpu, bool* borrowed = nullptr);
WorkClass ClassOf(const Workload& w);
std::string_view ClassName(WorkClass c);
std::string_view GenerationName(Generation g);
PeakPath PathOf(const Workload& w, const GpuSpec& gpu);
// Peak TFLOP/s for the precision on this GPU (dense); nullopt when unpublished.
std::optional<double> PeakTflops(const GpuSpec& gpu, Precision p, PeakPath path);

// One published throughput, as the workload and hardware that produced it.
struct BenchmarkRow {
  int line = 0;
  std::string label;  // the row's gpu, workload, precision and batch
  Workload workload;
  Hardware hardware;
  double per_gpu_value = 0;  // images/s or sequences/s per GPU
  std::string unit;
};

Result<std::vector<BenchmarkRow>> ReadBenchmarks(std::string_view csv, const std::string& file,
                                                 const GpuTable& gpus, const ModelTable& models);

struct PublishedMfu {
  const GpuSpec* gpu = nullptr;
  WorkClass cls = WorkClass::kLlmTrain;
  int seq_len = 0;
  double mfu = 0;
  std::string what;
};
Result<std::vector<PublishedMfu>> ReadPublishedMfu(std::string_view csv, const std::string& file,
                                                   const GpuTable& gpus);

class UtilizationModel {
 public:
  static UtilizationModel Fit(const std::vector<BenchmarkRow>& rows,
                              const std::vector<PublishedMfu>& published);
  // Achieved FLOP/s per GPU.
  double AchievedFlops(WorkClass cls, const GpuSpec& gpu, PeakPath path, double peak_tflops,
                       int seq_len, int gpus) const;
  // The fitted figures that apply to transformer class `cls`, in words, for
  // assumptions and docs (none for CNN classes: RooflineModel models those).
  std::vector<Message> Describe(WorkClass cls, const std::string& source) const;
  double s0() const { return s0_; }

 private:
  std::array<double, static_cast<size_t>(WorkClass::kCount)> base_{};
  std::array<double, static_cast<size_t>(Generation::kCount)> gen_{};
  std::array<double, static_cast<size_t>(PeakPath::kCount)> path_{};
  std::array<double, 2> multi_{};  // CNN, transformer
  double s0_ = 0;
};

// Achieved FLOP/s of a benchmark row: its FLOPs per sample times its per-GPU rate.
double ObservedFlops(const BenchmarkRow& row);
bool IsBandwidthBound(WorkClass c);

}  // namespace gpuscout
