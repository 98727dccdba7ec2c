#include "workload/tensorrt_fit.h"

#include <cmath>

#include "base/csv.h"
#include "workload/flops.h"

namespace gpuscout {
namespace {

// The row's peak FLOP/s (INT8 rows: the 8-bit tensor rate).
double PeakFlops(const Workload& w, const GpuSpec& gpu) {
  return PeakTflops(gpu, w.precision, PathOf(w, gpu)).value_or(0) * 1e12;
}

}  // namespace

Result<std::vector<PublishedTensorrt>> ReadMlperf(std::string_view text, const std::string& file, const GpuTable& gpus,
                                                  const ModelTable& models) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  GS_TRY(at, t.Require({"gpuscout_gpu", "model", "seq_len", "per_gpu_value", "precision", "workload"}));
  std::vector<PublishedTensorrt> out;
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    PublishedTensorrt p;
    p.line = row.line();
    const GpuSpec* gpu = gpus.Find(row.Text(at[0]));
    if (!gpu) return tl::unexpected(row.ErrorAt(at[0], "gpuscout_gpu", "unknown GPU '" + row.Text(at[0]) + "'"));
    auto model = models.Find(row.Text(at[1]));
    if (!model) return tl::unexpected(row.ErrorAt(at[1], "model", "unknown model '" + row.Text(at[1]) + "'"));
    GS_TRY(seq, row.OptionalNumber(at[2], "seq_len"));
    GS_TRY(value, row.Number(at[3], "per_gpu_value"));
    if (!(value > 0)) return tl::unexpected(row.ErrorAt(at[3], "per_gpu_value", "expected a positive number"));
    if (row.Text(at[4]).rfind("INT8", 0) != 0) return tl::unexpected(row.ErrorAt(at[4], "precision", "expected INT8 rows"));
    Workload& w = p.workload;
    w.model = **model;
    w.task = w.model.kind == ModelKind::kCnn ? Task::kCnnInfer : Task::kInfer;
    w.precision = Precision::kInt8;
    w.precision_chosen = true;
    w.engine = Engine::kTensorrt;
    w.micro_batch = 1;
    w.seq_len = seq ? static_cast<int>(*seq) : 0;
    p.hardware.gpu = gpu;
    p.per_gpu = value;
    p.label = gpu->name + " " + row.Text(at[5]);
    out.push_back(std::move(p));
  }
  return out;
}

TensorrtCalibration TensorrtCalibration::Fit(const std::vector<PublishedTensorrt>& rows, const Use& use) {
  std::array<double, static_cast<size_t>(WorkClass::kCount)> sum{};
  std::array<int, static_cast<size_t>(WorkClass::kCount)> n{};
  for (const auto& row : rows) {
    if (use && !use(row)) continue;
    const double peak = PeakFlops(row.workload, *row.hardware.gpu);
    if (peak <= 0) continue;
    const auto c = static_cast<size_t>(ClassOf(row.workload));
    sum[c] += std::log(row.per_gpu * FlopsPerSample(row.workload) / peak);
    ++n[c];
  }
  TensorrtCalibration out;
  for (size_t c = 0; c < sum.size(); ++c) out.share_[c] = n[c] ? std::exp(sum[c] / n[c]) : 0;
  return out;
}

double TensorrtCalibration::Predict(const PublishedTensorrt& row) const {
  const double flops = FlopsPerSample(row.workload);
  return flops > 0 ? Utilization(ClassOf(row.workload)) * PeakFlops(row.workload, *row.hardware.gpu) / flops : 0;
}

}  // namespace gpuscout
