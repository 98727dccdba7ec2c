// Each serving engine's efficiencies (serving.h), fitted to published
// measurements, data/serving_published.csv: TensorRT-LLM's performance
// overview (Llama 3.1 8B, 70B and 405B on H200, H100, L40S and A100; FP8
// and FP16; tensor parallel 1 to 8; nine prompt/output shapes; maximum
// load), and SGLang's comparison with vLLM (ShareGPT).
//
// TensorRT-LLM's four figures (prefill and decode shares of the tensor
// peak, bandwidth share, all-reduce cost) are fitted together by least
// squares on the log of output tokens per second, one coordinate at a time
// (golden-section search on the log of each). vLLM and SGLang publish too
// few comparable rows for four figures: each is TensorRT-LLM's times one
// factor fitted to its rows. Rows of a later release (TensorRT-LLM 1.0) and
// of a mixture-of-experts model (Mixtral 8x7B) are kept out of the fit: they
// test it.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/gpu_spec.h"
#include "workload/engine.h"
#include "workload/model.h"
#include "workload/serving.h"
#include "workload/workload.h"

namespace gpuscout {

// One published maximum-load throughput, as the workload that produced it.
struct PublishedServing {
  int line = 0;
  std::string release;
  std::string label;  // model, GPU, layout, precision and shape
  Workload workload;  // engine, precision, tp, pp, prompt and output, concurrency max
  Hardware hardware;  // one node of tp x pp GPUs
  double tokens_per_s = 0;  // output tokens per second, all GPUs
};

Result<std::vector<PublishedServing>> ReadPublishedServing(std::string_view csv, const std::string& file,
                                                           const GpuTable& gpus, const ModelTable& models,
                                                           const EngineTable& engines);

// The release whose rows are fitted; the others are held out.
inline constexpr std::string_view kFittedTensorrtRelease = "0.17";
// FP4 is published for one generation (Blackwell) in one release (1.0): the
// share FP4 matmuls reach is fitted on this model's rows alone, and the
// other model's (405B, tensor-parallel over NVLink 5) are held out.
inline constexpr std::string_view kFp4FitModel = "Llama-3.1-70B";

class ServingCalibration {
 public:
  using Use = std::function<bool(const PublishedServing&)>;
  // Fits on the rows `use` accepts (by default every row but the held-out
  // releases).
  static ServingCalibration Fit(const std::vector<PublishedServing>& rows, const Use& use = {});
  const ServingEfficiency& Of(Engine e) const { return efficiency_[static_cast<size_t>(e)]; }
  // Output tokens per second the model gives for a published row.
  double Predict(const PublishedServing& row) const;

 private:
  std::array<ServingEfficiency, static_cast<size_t>(Engine::kCount)> efficiency_{};
};

// Whether a row is in the default fit: dense models, TensorRT-LLM's fitted
// release, its FP4 rows of kFp4FitModel, and the other engines' rows.
bool InDefaultFit(const PublishedServing& row);

}  // namespace gpuscout
