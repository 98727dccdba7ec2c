#include "workload/serving_fit.h"

#include <fmt/format.h>

#include <cmath>

#include "base/csv.h"
#include "workload/memory.h"
#include "workload/throughput.h"

namespace gpuscout {
namespace {

// A row's replica and batch: what the fit does not change.
struct Prepared {
  ReplicaShape shape;
  double batch = 1;
  double replicas = 1;
  double observed = 0;
};

Prepared Prepare(const PublishedServing& row) {
  const MemoryBreakdown mem = EstimateMemory(row.workload, row.hardware, nullptr);
  Prepared p;
  p.shape = ServingShapeOf(row.workload, row.hardware, mem);
  p.batch = std::max(1, mem.batch);
  p.replicas = std::max(1, row.hardware.total_gpus() / p.shape.gpus());
  p.observed = row.tokens_per_s;
  return p;
}

double Predicted(const Prepared& p, const ServingEfficiency& e) {
  return p.replicas * AtConcurrency(p.shape, e, p.batch).tokens_per_s;
}

double SquaredLogError(const std::vector<Prepared>& rows, const ServingEfficiency& e) {
  double sum = 0;
  for (const Prepared& p : rows) {
    const double d = std::log(Predicted(p, e) / p.observed);
    sum += d * d;
  }
  return sum;
}

// Golden-section search for the x in [lo, hi] (log scale) minimising f.
double Golden(double lo, double hi, const std::function<double(double)>& f) {
  const double r = (std::sqrt(5.0) - 1) / 2;
  double a = std::log(lo), b = std::log(hi);
  double c = b - r * (b - a), d = a + r * (b - a);
  double fc = f(std::exp(c)), fd = f(std::exp(d));
  for (int i = 0; i < 28; ++i) {  // 0.618^28: a millionth of the range
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - r * (b - a);
      fc = f(std::exp(c));
    } else {
      a = c, c = d, fc = fd;
      d = a + r * (b - a);
      fd = f(std::exp(d));
    }
  }
  return std::exp((a + b) / 2);
}

// The six figures, one at a time, a few rounds. The one-shot all-reduce
// over NVLink stays within what the engines' kernels measure: 4 to 10 us
// for small messages on H100 at TP 2 to 8 (sgl-project/sglang pull request
// #2904, vLLM's and SGLang's custom all-reduce); left free, it would take up
// what the NVLink rows miss elsewhere and make every token late.
ServingEfficiency FitAll(const std::vector<Prepared>& rows) {
  ServingEfficiency e;
  if (rows.empty()) return e;
  struct Coordinate {
    double ServingEfficiency::*member;
    double lo, hi;
  };
  const Coordinate coords[] = {{&ServingEfficiency::prefill, 0.05, 1.0}, {&ServingEfficiency::bandwidth, 0.2, 1.0},
                               {&ServingEfficiency::decode, 0.02, 1.0}, {&ServingEfficiency::allreduce_s, 2e-6, 2e-5},
                               {&ServingEfficiency::pcie_step_s, 1e-6, 2e-4}, {&ServingEfficiency::layer_s, 1e-7, 2e-4}};
  for (int round = 0; round < 3; ++round) {
    for (const Coordinate& c : coords) {
      e.*c.member = Golden(c.lo, c.hi, [&](double x) {
        ServingEfficiency trial = e;
        trial.*c.member = x;
        return SquaredLogError(rows, trial);
      });
    }
  }
  return e;
}

// `base` scaled by one factor (the all-reduce costs divided by it), shares
// kept at most 1.
ServingEfficiency Scaled(const ServingEfficiency& base, double k) {
  ServingEfficiency e = base;
  e.prefill = std::min(1.0, base.prefill * k);
  e.bandwidth = std::min(1.0, base.bandwidth * k);
  e.decode = std::min(1.0, base.decode * k);
  e.allreduce_s = base.allreduce_s / k;
  e.pcie_step_s = base.pcie_step_s / k;
  return e;
}

}  // namespace

bool InDefaultFit(const PublishedServing& row) {
  const Workload& w = row.workload;
  if (w.model.active_params < w.model.params) return false;  // MoE: held out
  if (w.precision == Precision::kFp4) return w.model.name == kFp4FitModel;
  return w.engine != Engine::kTensorrtLlm || row.release == kFittedTensorrtRelease;
}

Result<std::vector<PublishedServing>> ReadPublishedServing(std::string_view text, const std::string& file,
                                                           const GpuTable& gpus, const ModelTable& models,
                                                           const EngineTable& engines) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  GS_TRY(at, t.Require({"engine", "release", "model", "gpu", "tp", "pp", "precision", "input_tokens", "output_tokens",
                         "output_tokens_per_s"}));
  std::vector<PublishedServing> out;
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    PublishedServing p;
    p.line = row.line();
    p.release = row.Text(at[1]);
    Workload& w = p.workload;
    auto engine = ParseEngine(row.Text(at[0]));
    if (!engine) return tl::unexpected(row.ErrorAt(at[0], "engine", "unknown engine '" + row.Text(at[0]) + "'"));
    auto model = models.Find(row.Text(at[2]));
    if (!model) return tl::unexpected(row.ErrorAt(at[2], "model", "unknown model '" + row.Text(at[2]) + "'"));
    const GpuSpec* gpu = gpus.Find(row.Text(at[3]));
    if (!gpu) return tl::unexpected(row.ErrorAt(at[3], "gpu", "unknown GPU '" + row.Text(at[3]) + "'"));
    auto precision = ParsePrecision(row.Text(at[6]));
    if (!precision) return tl::unexpected(row.ErrorAt(at[6], "precision", "unknown precision '" + row.Text(at[6]) + "'"));
    double n[5];
    const char* names[] = {"tp", "pp", "input_tokens", "output_tokens", "output_tokens_per_s"};
    const size_t cols[] = {at[4], at[5], at[7], at[8], at[9]};
    for (int i = 0; i < 5; ++i) {
      GS_TRY(v, row.Number(cols[i], names[i]));
      if (!(v >= 1 && v <= 1e7)) return tl::unexpected(row.ErrorAt(cols[i], names[i], "out of range"));
      n[i] = v;
    }
    w.task = Task::kInfer;
    w.model = **model;
    w.precision = *precision;
    w.precision_chosen = true;
    w.engine = *engine;
    w.limits = engines.Of(*engine);
    w.memory_utilization = w.limits.memory_fraction;
    w.tensor_parallel = static_cast<int>(n[0]);
    w.pipeline_parallel = static_cast<int>(n[1]);
    w.prompt_tokens = static_cast<int>(n[2]);
    w.output_tokens = static_cast<int>(n[3]);
    w.concurrency = 0;
    p.hardware.gpu = gpu;
    p.hardware.gpus_per_node = w.tensor_parallel * w.pipeline_parallel;
    p.tokens_per_s = n[4];
    p.label = fmt::format("{} {} {} TP{} {} {}/{}", EngineName(*engine), w.model.name, gpu->name, w.tensor_parallel,
                          PrecisionName(w.precision), w.prompt_tokens, w.output_tokens);
    out.push_back(std::move(p));
  }
  return out;
}

ServingCalibration ServingCalibration::Fit(const std::vector<PublishedServing>& rows, const Use& use) {
  const Use keep = use ? use : Use(InDefaultFit);
  std::array<std::vector<Prepared>, static_cast<size_t>(Engine::kCount)> by_engine;
  std::vector<Prepared> fp4;  // TensorRT-LLM's: the FP4 share, fitted after the rest
  for (const PublishedServing& row : rows) {
    if (!keep(row)) continue;
    auto& into = row.workload.precision == Precision::kFp4 ? fp4 : by_engine[static_cast<size_t>(row.workload.engine)];
    into.push_back(Prepare(row));
  }
  ServingCalibration c;
  ServingEfficiency trt = FitAll(by_engine[static_cast<size_t>(Engine::kTensorrtLlm)]);
  if (!fp4.empty()) {
    trt.fp4 = Golden(0.2, 1.0, [&](double x) {
      ServingEfficiency trial = trt;
      trial.fp4 = x;
      return SquaredLogError(fp4, trial);
    });
  }
  for (size_t i = 0; i < by_engine.size(); ++i) {
    const auto& mine = by_engine[i];
    if (mine.empty() || i == static_cast<size_t>(Engine::kTensorrtLlm)) {
      c.efficiency_[i] = trt;
      continue;
    }
    const double k = Golden(0.2, 5.0, [&](double x) { return SquaredLogError(mine, Scaled(trt, x)); });
    c.efficiency_[i] = Scaled(trt, k);
  }
  return c;
}

double ServingCalibration::Predict(const PublishedServing& row) const {
  return Predicted(Prepare(row), Of(row.workload.engine));
}

}  // namespace gpuscout
