// The TensorRT path for CNNs and encoders (--engine tensorrt): the share of
// the tensor peak NVIDIA's MLPerf Inference submissions reach (closed
// division, Offline, INT8 engines; data/mlperf_inference.csv), one figure
// per class (CNN inference, encoder inference), the geometric mean over the
// class's rows. MLPerf's BERT engine skips the padding of SQuAD's questions,
// so its share of the padded sequence's FLOPs can exceed 1: it is an
// effective rate for SQuAD-like lengths, stated as such.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/gpu_spec.h"
#include "workload/calibration.h"
#include "workload/model.h"
#include "workload/workload.h"

namespace gpuscout {

// One published MLPerf throughput, as the workload that produced it.
struct PublishedTensorrt {
  int line = 0;
  std::string label;
  Workload workload;
  Hardware hardware;
  double per_gpu = 0;  // samples per second per GPU
};

Result<std::vector<PublishedTensorrt>> ReadMlperf(std::string_view csv, const std::string& file, const GpuTable& gpus,
                                                  const ModelTable& models);

class TensorrtCalibration {
 public:
  using Use = std::function<bool(const PublishedTensorrt&)>;
  static TensorrtCalibration Fit(const std::vector<PublishedTensorrt>& rows, const Use& use = {});
  // The achieved share of the peak at the workload's precision; 0 for a
  // class without rows.
  double Utilization(WorkClass c) const { return share_[static_cast<size_t>(c)]; }
  // Samples per second per GPU the fit gives for a published row.
  double Predict(const PublishedTensorrt& row) const;

 private:
  std::array<double, static_cast<size_t>(WorkClass::kCount)> share_{};
};

}  // namespace gpuscout
