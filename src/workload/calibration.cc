#include "workload/calibration.h"

#include <fmt/format.h>

#include <cmath>

#include "base/csv.h"
#include "base/strings.h"
#include "workload/flops.h"

namespace gpuscout {
namespace {

constexpr size_t kClasses = static_cast<size_t>(WorkClass::kCount);
constexpr size_t kGens = static_cast<size_t>(Generation::kCount);
constexpr size_t kPaths = static_cast<size_t>(PeakPath::kCount);

bool IsTransformerClass(WorkClass c) { return !IsBandwidthBound(c); }

double SeqFactor(WorkClass c, int s, double s0) {
  if (!IsTransformerClass(c) || s <= 0) return 1;
  return s / (s + s0);
}

// Parameter layout of the least-squares problem.
struct Layout {
  static constexpr size_t kBase = 0;
  static constexpr size_t kGen = kBase + kClasses;        // Volta, Turing, Hopper (Ampere = 0)
  static constexpr size_t kPath = kGen + kGens - 1;       // Tf32, Fp32 (Tensor16 = 0)
  static constexpr size_t kMulti = kPath + kPaths - 1;    // CNN, transformer
  static constexpr size_t kCount = kMulti + 2;
  static std::optional<size_t> Gen(Generation g) {
    switch (g) {
      case Generation::kVolta: return kGen;
      case Generation::kTuring: return kGen + 1;
      case Generation::kHopper: return kGen + 2;
      default: return std::nullopt;
    }
  }
  static std::optional<size_t> Path(PeakPath p) {
    if (p == PeakPath::kTf32) return kPath;
    if (p == PeakPath::kFp32) return kPath + 1;
    return std::nullopt;
  }
};

struct Observation {
  WorkClass cls;
  Generation gen;
  PeakPath path;
  int seq;
  int gpus;
  double value;  // utilisation (transformers) or FLOPs per byte of bandwidth (CNNs)
};

std::array<double, Layout::kCount> Features(const Observation& o) {
  std::array<double, Layout::kCount> x{};
  x[Layout::kBase + static_cast<size_t>(o.cls)] = 1;
  if (!IsBandwidthBound(o.cls)) {
    if (auto g = Layout::Gen(o.gen)) x[*g] = 1;
  }
  if (auto p = Layout::Path(o.path)) x[*p] = 1;
  if (o.gpus > 1) x[Layout::kMulti + (IsTransformerClass(o.cls) ? 1 : 0)] = 1;
  return x;
}

// Solves min |X b - y|^2 (+ a vanishing ridge, so parameters no row touches
// stay 0) by the normal equations and Gaussian elimination.
std::array<double, Layout::kCount> LeastSquares(const std::vector<std::array<double, Layout::kCount>>& xs,
                                                const std::vector<double>& ys) {
  constexpr size_t n = Layout::kCount;
  double a[n][n + 1] = {};
  for (size_t r = 0; r < xs.size(); ++r) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) a[i][j] += xs[r][i] * xs[r][j];
      a[i][n] += xs[r][i] * ys[r];
    }
  }
  for (size_t i = 0; i < n; ++i) a[i][i] += 1e-9;
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    for (size_t j = 0; j <= n; ++j) std::swap(a[col][j], a[pivot][j]);
    for (size_t r = 0; r < n; ++r) {
      if (r == col || a[col][col] == 0) continue;
      const double f = a[r][col] / a[col][col];
      for (size_t j = col; j <= n; ++j) a[r][j] -= f * a[col][j];
    }
  }
  std::array<double, n> b{};
  for (size_t i = 0; i < n; ++i) b[i] = a[i][i] != 0 ? a[i][n] / a[i][i] : 0;
  return b;
}

}  // namespace

Generation GenerationOf(const GpuSpec& gpu, bool* borrowed) {
  const std::string& g = gpu.generation;  // data/gpus.csv
  if (borrowed) *borrowed = false;
  if (g == "volta") return Generation::kVolta;
  if (g == "turing") return Generation::kTuring;
  if (g == "ampere") return Generation::kAmpere;
  if (g == "hopper") return Generation::kHopper;
  if (borrowed) *borrowed = true;
  if (g == "blackwell" || g == "cdna2" || g == "cdna3") return Generation::kHopper;
  return Generation::kAmpere;  // Ada and anything else
}

std::string_view ClassName(WorkClass c) {
  switch (c) {
    case WorkClass::kCnnTrain: return "cnn-train";
    case WorkClass::kCnnInfer: return "cnn-infer";
    case WorkClass::kEncoderPretrain: return "encoder-pretrain";
    case WorkClass::kEncoderFinetune: return "encoder-finetune";
    case WorkClass::kEncoderInfer: return "transformer-forward";
    case WorkClass::kLlmTrain: return "llm-train";
    case WorkClass::kCount: break;
  }
  return "?";
}

std::string_view GenerationName(Generation g) {
  switch (g) {
    case Generation::kVolta: return "Volta";
    case Generation::kTuring: return "Turing";
    case Generation::kAmpere: return "Ampere";
    case Generation::kHopper: return "Hopper";
    case Generation::kCount: break;
  }
  return "?";
}

WorkClass ClassOf(const Workload& w) {
  const bool llm = w.model.kind == ModelKind::kLlm;
  switch (w.task) {
    case Task::kCnnTrain: return WorkClass::kCnnTrain;
    case Task::kCnnInfer: return WorkClass::kCnnInfer;
    case Task::kTrain: return llm ? WorkClass::kLlmTrain : WorkClass::kEncoderPretrain;
    case Task::kFinetune:
    case Task::kLora:
    case Task::kQlora: return llm ? WorkClass::kLlmTrain : WorkClass::kEncoderFinetune;
    case Task::kInfer:
    case Task::kRender:
    case Task::kHpc:
    case Task::kStream: return WorkClass::kEncoderInfer;
  }
  return WorkClass::kEncoderInfer;
}

PeakPath PathOf(const Workload& w, const GpuSpec& gpu) {
  if (w.precision != Precision::kFp32) {
    // Pascal, Maxwell and Kepler cards (the P100 aside) run 16-bit work at the
    // FP32 rate; their 8-bit DP4A rate, where published, is the int8 column.
    const bool eight_bit = w.precision == Precision::kInt8 || w.precision == Precision::kInt4;
    if (HasFast16Bit(gpu) || (eight_bit && gpu.int8_tops)) return PeakPath::kTensor16;
    return PeakPath::kFp32;
  }
  // PyTorch and cuDNN run fp32 convolutions (and, when allowed, matmuls) on
  // TF32 tensor cores from Ampere on, as DeepLearningExamples' "TF32" rows do.
  return gpu.tf32_tflops ? PeakPath::kTf32 : PeakPath::kFp32;
}

std::optional<double> PeakTflops(const GpuSpec& gpu, Precision p, PeakPath path) {
  if (path == PeakPath::kTf32) return gpu.tf32_tflops;
  if (path == PeakPath::kFp32) return gpu.fp32_tflops;
  switch (p) {
    case Precision::kBf16: return gpu.bf16_tflops ? gpu.bf16_tflops : gpu.fp16_tflops;
    case Precision::kFp8:
    case Precision::kInt8:
    case Precision::kInt4: {
      // 8-bit tensor rates (FP8 where the GPU has it = the INT8 figure);
      // the others run fp8 as fp16.
      if ((gpu.fp8 || p != Precision::kFp8) && gpu.int8_tops) return gpu.int8_tops;
      return gpu.fp16_tflops;
    }
    case Precision::kFp4:
      // Blackwell's FP4 tensor rate is twice its FP8 rate (NVIDIA's B200
      // and RTX PRO datasheets); other GPUs have none.
      if (gpu.generation == "blackwell" && gpu.int8_tops) return 2 * *gpu.int8_tops;
      return gpu.fp16_tflops;
    default: return gpu.fp16_tflops;
  }
}

bool IsBandwidthBound(WorkClass c) { return c == WorkClass::kCnnTrain || c == WorkClass::kCnnInfer; }

double ObservedFlops(const BenchmarkRow& row) {
  return row.per_gpu_value * FlopsPerSample(row.workload);
}

Result<std::vector<BenchmarkRow>> ReadBenchmarks(std::string_view text, const std::string& file,
                                                 const GpuTable& gpus, const ModelTable& models) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  const char* need[] = {"gpu", "gpus_per_system", "workload", "mode", "precision", "batch_size",
                        "metric", "per_gpu_value"};
  size_t at[8];
  for (size_t i = 0; i < 8; ++i) {
    auto c = t.Find(need[i]);
    if (!c) return FailAt(file, 1, 1, need[i], "missing column");
    at[i] = *c;
  }
  std::vector<BenchmarkRow> out;
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    auto field = [&](size_t i) { return rec.fields[at[i]].value; };
    BenchmarkRow b;
    b.line = rec.line;
    const std::string gpu_text = field(0);
    // "A100 80GB SXM4 (DGX A100)": the memory size picks the variant.
    std::optional<double> mem;
    for (const auto& word : Split(gpu_text, ' ')) {
      if (word.size() > 2 && word.substr(word.size() - 2) == "GB") mem = ParseDouble(word.substr(0, word.size() - 2));
    }
    b.hardware.gpu = gpus.ResolveDeviceName(gpu_text, mem);
    if (!b.hardware.gpu) return tl::unexpected(row.ErrorAt(at[0], "gpu", "unknown GPU '" + gpu_text + "'"));
    GS_TRY(n, row.Number(at[1], "gpus_per_system"));
    GS_TRY(v, row.Number(at[7], "per_gpu_value"));
    b.hardware.gpus_per_node = static_cast<int>(n);
    b.per_gpu_value = v;
    b.unit = field(6);
    const std::string work = field(2);
    const std::string mode = field(3);
    const std::string precision = ToLower(field(4));
    Workload& w = b.workload;
    w.precision = precision.find("tf32") != std::string::npos || precision == "fp32"
                      ? Precision::kFp32
                      : Precision::kFp16;
    const std::string batch = field(5);
    auto first = ParseDouble(Split(batch, ' ')[0]);
    w.micro_batch = first ? static_cast<int>(*first) : 0;
    if (auto acc = batch.find("accumulated"); acc != std::string::npos) {
      auto g = ParseDouble(Split(Trim(batch.substr(acc + 11)), ')')[0]);
      if (g) w.global_batch = static_cast<int>(*g);
    }
    const ModelSpec* model = nullptr;
    if (work.find("ResNet-50") != std::string::npos) {
      model = *models.Find("ResNet-50");
      w.task = mode == "train" ? Task::kCnnTrain : Task::kCnnInfer;
    } else if (work.find("BERT-Large") != std::string::npos) {
      model = *models.Find("BERT-large-uncased");
      w.attention = Attention::kEager;
      if (work.find("pretraining") != std::string::npos) {
        w.task = Task::kTrain;
        w.seq_len = work.find("seq 512") != std::string::npos ? 512 : 128;
      } else if (work.find("inference") != std::string::npos) {
        w.task = Task::kInfer;
        w.seq_len = 384;
      } else {
        w.task = Task::kFinetune;  // SQuAD v1.1 fine-tuning runs at sequence length 384
        w.seq_len = 384;
      }
    } else {
      continue;  // not a workload the estimator can express
    }
    w.model = *model;
    if (w.micro_batch == 0) w.micro_batch = w.global_batch > 0 ? 64 : 1;
    b.label = fmt::format("{}, {} GPU{}, {}, {}, batch {}", gpu_text, b.hardware.gpus_per_node,
                          b.hardware.gpus_per_node > 1 ? "s" : "", work, field(4), batch);
    out.push_back(std::move(b));
  }
  return out;
}

Result<std::vector<PublishedMfu>> ReadPublishedMfu(std::string_view text, const std::string& file,
                                                   const GpuTable& gpus) {
  GS_TRY(t, ParseCsv(text, file));
  std::vector<PublishedMfu> out;
  auto gc = t.Find("gpu"), sc = t.Find("seq_len"), mc = t.Find("mfu"), wc = t.Find("what");
  if (!gc || !sc || !mc || !wc) return FailAt(file, 1, 1, "", "expected gpu,class,seq_len,mfu,what,source");
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    PublishedMfu p;
    p.gpu = gpus.Find(rec.fields[*gc].value);
    if (!p.gpu) return tl::unexpected(row.ErrorAt(*gc, "gpu", "unknown GPU"));
    GS_TRY(s, row.Number(*sc, "seq_len"));
    GS_TRY(m, row.Number(*mc, "mfu"));
    p.seq_len = static_cast<int>(s);
    p.mfu = m;
    p.what = rec.fields[*wc].value;
    out.push_back(p);
  }
  return out;
}

UtilizationModel UtilizationModel::Fit(const std::vector<BenchmarkRow>& rows,
                                       const std::vector<PublishedMfu>& published) {
  std::vector<Observation> obs;
  for (const auto& r : rows) {
    const GpuSpec& gpu = *r.hardware.gpu;
    const WorkClass cls = ClassOf(r.workload);
    const PeakPath path = PathOf(r.workload, gpu);
    const auto peak = PeakTflops(gpu, r.workload.precision, path);
    if (!peak || !gpu.memory_bandwidth_gbps) continue;
    const double value = IsBandwidthBound(cls) ? ObservedFlops(r) / (*gpu.memory_bandwidth_gbps * 1e9)
                                               : ObservedFlops(r) / (*peak * 1e12);
    obs.push_back({cls, GenerationOf(gpu), path, r.workload.seq_len, r.hardware.total_gpus(), value});
  }
  for (const auto& p : published) {
    // Published MFU comes from runs on thousands of GPUs: a single-node figure
    // would be higher, so these count as multi-GPU observations.
    obs.push_back({p.cls, GenerationOf(*p.gpu), PeakPath::kTensor16, p.seq_len, 8, p.mfu});
  }
  UtilizationModel best;
  double best_sse = 1e300;
  // s0 by a search over a grid; the rest by least squares for each s0.
  for (double s0 = 0; s0 <= 2000; s0 += 4) {
    std::vector<std::array<double, Layout::kCount>> xs;
    std::vector<double> ys;
    for (const auto& o : obs) {
      xs.push_back(Features(o));
      ys.push_back(std::log(o.value / SeqFactor(o.cls, o.seq, s0)));
    }
    const auto b = LeastSquares(xs, ys);
    double sse = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
      double pred = 0;
      for (size_t k = 0; k < Layout::kCount; ++k) pred += xs[i][k] * b[k];
      sse += (pred - ys[i]) * (pred - ys[i]);
    }
    if (sse < best_sse - 1e-12) {
      best_sse = sse;
      best.s0_ = s0;
      for (size_t c = 0; c < kClasses; ++c) best.base_[c] = b[Layout::kBase + c];
      best.gen_ = {};
      for (Generation g : {Generation::kVolta, Generation::kTuring, Generation::kHopper}) {
        best.gen_[static_cast<size_t>(g)] = b[*Layout::Gen(g)];
      }
      best.path_ = {};
      best.path_[static_cast<size_t>(PeakPath::kTf32)] = b[*Layout::Path(PeakPath::kTf32)];
      best.path_[static_cast<size_t>(PeakPath::kFp32)] = b[*Layout::Path(PeakPath::kFp32)];
      best.multi_ = {b[Layout::kMulti], b[Layout::kMulti + 1]};
    }
  }
  return best;
}

double UtilizationModel::AchievedFlops(WorkClass cls, const GpuSpec& gpu, PeakPath path,
                                       double peak_tflops, int seq, int gpus) const {
  double log_v = base_[static_cast<size_t>(cls)] + path_[static_cast<size_t>(path)];
  if (gpus > 1) log_v += multi_[IsTransformerClass(cls) ? 1 : 0];
  const double peak = peak_tflops * 1e12;
  if (IsBandwidthBound(cls) && gpu.memory_bandwidth_gbps) {
    return std::min(0.9 * peak, std::exp(log_v) * *gpu.memory_bandwidth_gbps * 1e9);
  }
  log_v += gen_[static_cast<size_t>(GenerationOf(gpu))];
  return std::min(0.9, std::exp(log_v) * SeqFactor(cls, seq, s0_)) * peak;
}

std::vector<Message> UtilizationModel::Describe(WorkClass cls, const std::string& source) const {
  if (IsBandwidthBound(cls)) return {};  // RooflineModel describes CNNs
  const auto c = static_cast<size_t>(cls);
  const std::string classes = fmt::format("{} {:.1f}%", ClassName(cls), 100 * std::exp(base_[c]));
  return {Message("fit.transformer_classes", source).With("classes", classes),
          Message("fit.transformer_factors", source)
              .With("volta", std::exp(gen_[0])).With("turing", std::exp(gen_[1])).With("hopper", std::exp(gen_[3]))
              .With("dp", std::exp(multi_[1])).With("s0", s0_)};
}

}  // namespace gpuscout
