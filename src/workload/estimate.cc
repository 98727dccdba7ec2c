#include "workload/estimate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/strings.h"
#include "workload/host_memory.h"

namespace gpuscout {

Result<HpcJob> Estimator::ResolveHpc(const EstimateRequest& r, bool fp64) const {
  HpcJob job;
  job.fp64 = fp64;
  if (!r.reference_hours) {
    return tl::unexpected(OptionError("reference_hours", "an HPC job needs its time on the reference hardware"));
  }
  job.reference_hours = *r.reference_hours;
  job.reference_nodes = r.reference_nodes.value_or(1);
  job.compute_share = r.compute_share.value_or(0.5);
  job.scaling_efficiency = r.scaling_efficiency.value_or(0.9);
  job.memory_gb = r.job_memory_gb.value_or(0);
  if (r.reference_node_tflops || r.reference_node_gbps) {
    if (!r.reference_node_tflops || !r.reference_node_gbps) {
      return tl::unexpected(OptionError(r.reference_node_tflops ? "reference_node_gbps" : "reference_node_tflops",
                                        "a CPU reference node needs both [[reference_node_tflops]] and [[reference_node_gbps]]"));
    }
    if (!r.reference_gpu.empty()) {
      return tl::unexpected(OptionError("reference_gpu", "give a GPU reference or a CPU node's rates, not both"));
    }
    job.reference = {*r.reference_node_tflops, *r.reference_node_gbps};
    job.reference_name = "CPU node";
    return job;
  }
  if (r.reference_gpu.empty()) {
    return tl::unexpected(OptionError("reference_gpu", "give the reference: [[reference_gpu]] NAME, or a CPU node's "
                                                         "[[reference_node_tflops]] and [[reference_node_gbps]]"));
  }
  GS_TRY(ref, ReferenceGpu(r.reference_gpu));
  const int per_node = r.reference_gpus_per_node.value_or(1);
  auto rate = GpuNodeRate(*ref, per_node, fp64, fp64_);
  if (!rate) {
    return tl::unexpected(OptionError("reference_gpu", fmt::format("no {} rate or memory bandwidth for {} in the data",
                                                                     fp64 ? "FP64" : "FP32", ref->name)));
  }
  job.reference = *rate;
  job.reference_name = fmt::format("{} x {}", per_node, ref->name);
  return job;
}

namespace {

// A stack's fits: the tuned CNN model takes its shape from the stock one
// (NVIDIA's few rows cannot pin every parameter), so stock is fitted first.
Result<StackFit> FitStack(Stack stack, std::string_view csv, const std::string& file,
                          const std::vector<PublishedMfu>& mfu, const GpuTable& gpus, const ModelTable& models,
                          const RooflineModel* shape = nullptr) {
  GS_TRY(rows, ReadBenchmarks(csv, file, gpus, models));
  StackFit f;
  f.stack = stack;
  f.source = stack == Stack::kStock ? file : file + ", data/mfu_published.csv";
  f.rows = std::move(rows);
  for (BenchmarkRow& row : f.rows) row.workload.stack = stack;
  // The stock stack's classes are all rooflines (CalibrationFor sends the
  // rest to tuned): its utilisation model would never be read.
  if (stack == Stack::kTuned) f.transformers = UtilizationModel::Fit(f.rows, mfu);
  f.cnn = RooflineModel::Fit(f.rows, RooflineFamily::kCnn, shape);
  // Encoder fine-tuning as a roofline where the stack measured it on enough
  // generations (stock: 11 GPUs); the tuned stack's two GPUs keep the
  // utilisation model.
  if (stack == Stack::kStock) f.finetune = RooflineModel::Fit(f.rows, RooflineFamily::kEncoderFinetune);
  return f;
}

}  // namespace

Result<Estimator> Estimator::Create(const Catalog& catalog, std::string_view models_csv,
                                    std::string_view benchmarks_csv, std::string_view mfu_csv,
                                    std::string_view fp64_csv, std::string_view nvenc_csv,
                                    std::string_view engines_csv, std::string_view serving_csv,
                                    std::string_view mlperf_csv, std::string_view stock_csv) {
  Estimator e;
  e.catalog_ = &catalog;
  GS_TRY(models, ModelTable::Parse(models_csv, "data/models.csv"));
  e.models_ = std::move(models);
  GS_TRY(mfu, ReadPublishedMfu(mfu_csv, "data/mfu_published.csv", catalog.gpus()));
  GS_TRY(stock, FitStack(Stack::kStock, stock_csv, "data/benchmarks-stock.csv", mfu, catalog.gpus(), e.models_));
  GS_TRY(tuned, FitStack(Stack::kTuned, benchmarks_csv, "data/benchmarks-calibration.csv", mfu, catalog.gpus(), e.models_, &stock.cnn));
  // The stock rows are all training: their CNN inference factor is the
  // tuned one (inference against training on the same software).
  stock.cnn.set(RooflineModel::kInfer, std::log(tuned.cnn.value(RooflineModel::kInfer)));
  e.stacks_ = {std::move(stock), std::move(tuned)};
  GS_TRY(fp64, Fp64Rates::Parse(fp64_csv, "data/fp64.csv"));
  e.fp64_ = std::move(fp64);
  GS_TRY(nvenc, NvencTable::Parse(nvenc_csv, "data/nvenc.csv"));
  e.nvenc_ = std::move(nvenc);
  GS_TRY(engines, EngineTable::Parse(engines_csv, "data/serving_engines.csv"));
  e.engines_ = std::move(engines);
  GS_TRY(published, ReadPublishedServing(serving_csv, "data/serving_published.csv", catalog.gpus(), e.models_, e.engines_));
  e.published_serving_ = std::move(published);
  GS_TRY(mlperf, ReadMlperf(mlperf_csv, "data/mlperf_inference.csv", catalog.gpus(), e.models_));
  e.published_tensorrt_ = std::move(mlperf);
  e.tensorrt_ = TensorrtCalibration::Fit(e.published_tensorrt_);
  return e;
}

const StackFit& Estimator::CalibrationFor(const Workload& w) const {
  // Stock measurements exist for CNN training and encoder fine-tuning; the
  // other classes (LLM training from Megatron's and Llama 3's MFU, encoder
  // pre-training and inference) have only the tuned figures.
  const WorkClass cls = ClassOf(w);
  const bool measured = IsBandwidthBound(cls) || cls == WorkClass::kEncoderFinetune;
  return calibration(measured ? w.stack : Stack::kTuned);
}

const ServingCalibration& Estimator::serving() const {
  std::call_once(serving_->once, [this] { serving_->fit = ServingCalibration::Fit(published_serving_); });
  return serving_->fit;
}

Throughput Estimator::Time(const Workload& w, const Hardware& hw, const MemoryBreakdown& memory,
                           std::vector<Message>* notes) const {
  if (w.task == Task::kHpc) return HpcThroughput(w, hw, fp64_, notes);
  if (w.task == Task::kStream) return StreamThroughput(w, hw, SizeStream(w, *hw.gpu, hw.memory_gib, nvenc_));
  const EngineFit engine{serving().Of(w.engine), w.engine == Engine::kTensorrt ? tensorrt_.Utilization(ClassOf(w)) : 0};
  return EstimateThroughput(w, hw, memory, CalibrationFor(w), engine, notes);
}

void Estimator::Fast(const Workload& w, const Hardware& hw, MemoryBreakdown& memory, Throughput& time,
                     bool time_if_unfit) const {
  memory = EstimateMemory(w, hw, nullptr);
  time = memory.fits || time_if_unfit ? Time(w, hw, memory, nullptr) : Throughput{};
}

namespace {

// Why a workload does not fit: the two largest items and what would help.
Message WhyNot(const Workload& w, const Hardware& hw, const MemoryBreakdown& m) {
  struct Item {
    const char* key;
    double bytes;
  };
  std::vector<Item> items = {{"mem_weights", m.weights}, {"mem_gradients", m.gradients},
                             {"mem_optimizer", m.optimizer}, {"mem_activations", m.activations},
                             {"mem_kv_cache", m.kv_cache}};
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.bytes > b.bytes; });
  std::string help = "est.help_batch";
  if (IsTraining(w.task) && w.task != Task::kCnnTrain) {
    const bool lora = w.task == Task::kLora || w.task == Task::kQlora;
    help = lora ? "est.help_lora" : w.zero_stage < 3 ? "est.help_train_zero" : w.offload ? "est.help_train" : "est.help_train_offload";
    if (w.recompute == Recompute::kFull) help += "_recomputed";
  } else if (w.task == Task::kInfer) {
    help = "est.help_infer";
  }
  return Message("est.why_not").With("total", m.total / kGiB).With("gpu", hw.gpu->name)
      .With("capacity", m.capacity / kGiB).With("usable", m.usable / kGiB)
      .With("first", Word(items[0].key)).With("first_gib", items[0].bytes / kGiB)
      .With("second", Word(items[1].key)).With("second_gib", items[1].bytes / kGiB).With("help", Word(help));
}

}  // namespace

Estimate Estimator::Run(const Workload& w, const Hardware& hw) const {
  Estimate e;
  e.workload = w;
  e.hardware = hw;
  const Message memory_each = hw.memory_gib > 0 ? Message("est.memory_each").With("gib", hw.memory_gib) : Message();
  if (w.task == Task::kHpc || w.task == Task::kStream || w.task == Task::kRender) {
    e.assumptions.push_back(Message("est.job_on").With("task", TaskName(w.task)).With("nodes", hw.nodes)
                                .With("gpus", hw.gpus_per_node).With("gpu", hw.gpu->name).With("each", memory_each));
  } else {
    e.assumptions.push_back(
        Message("est.model_on").With("model", w.model.name).With("kind", KindName(w.model.kind))
            .With("params_b", w.model.params / 1e9)
            .With("active", w.model.active_params < w.model.params
                                ? Message("est.active").With("active_b", w.model.active_params / 1e9)
                                : Message())
            .With("nodes", hw.nodes).With("gpus", hw.gpus_per_node).With("gpu", hw.gpu->name).With("each", memory_each));
  }
  e.memory = EstimateMemory(w, hw, &e.assumptions);
  if (w.task == Task::kStream) {
    e.stream = SizeStream(w, *hw.gpu, hw.memory_gib, nvenc_);
    e.throughput = StreamThroughput(w, hw, *e.stream);
    for (auto& line : DescribeStream(w, *hw.gpu, *e.stream)) e.assumptions.push_back(std::move(line));
  } else {
    e.throughput = Time(w, hw, e.memory, &e.assumptions);
  }
  if (e.throughput.known && w.task != Task::kRender && w.task != Task::kHpc && w.task != Task::kStream &&
      !e.throughput.serving && w.engine != Engine::kTensorrt) {
    const StackFit& fit = CalibrationFor(w);
    const WorkClass cls = ClassOf(w);
    const RooflineModel* roofline = fit.RooflineFor(cls);
    auto lines = roofline ? roofline->Describe(fit.source) : fit.transformers.Describe(cls, fit.source);
    for (auto& line : lines) e.assumptions.push_back(std::move(line));
  }
  if (!e.memory.fits) e.why_not = WhyNot(w, hw, e.memory);
  if (hw.host_mem_gib > 0 || hw.vcpus > 0) {
    const HostMemory host = EstimateHostMemory(w, hw);
    const Message line = DescribeHostMemory(host, hw.gpus_per_node);
    e.assumptions.push_back(line);
    if (e.memory.fits && !host.fits()) {
      e.memory.fits = false;
      e.host_short = true;
      e.why_not = line;
    }
  }
  return e;
}

}  // namespace gpuscout
