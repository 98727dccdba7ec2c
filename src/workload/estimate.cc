#include "workload/estimate.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"

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

Result<Estimator> Estimator::Create(const Catalog& catalog, std::string_view models_csv,
                                    std::string_view benchmarks_csv, std::string_view mfu_csv,
                                    std::string_view fp64_csv, std::string_view nvenc_csv) {
  Estimator e;
  e.catalog_ = &catalog;
  GS_TRY(models, ModelTable::Parse(models_csv, "data/models.csv"));
  e.models_ = std::move(models);
  GS_TRY(rows, ReadBenchmarks(benchmarks_csv, "data/benchmarks-calibration.csv", catalog.gpus(), e.models_));
  GS_TRY(mfu, ReadPublishedMfu(mfu_csv, "data/mfu_published.csv", catalog.gpus()));
  e.benchmarks_ = std::move(rows);
  e.utilization_ = UtilizationModel::Fit(e.benchmarks_, mfu);
  GS_TRY(fp64, Fp64Rates::Parse(fp64_csv, "data/fp64.csv"));
  e.fp64_ = std::move(fp64);
  GS_TRY(nvenc, NvencTable::Parse(nvenc_csv, "data/nvenc.csv"));
  e.nvenc_ = std::move(nvenc);
  return e;
}

Throughput Estimator::Time(const Workload& w, const Hardware& hw, const MemoryBreakdown& memory,
                           std::vector<std::string>* notes) const {
  if (w.task == Task::kHpc) return HpcThroughput(w, hw, fp64_, notes);
  if (w.task == Task::kStream) return StreamThroughput(w, hw, SizeStream(w, *hw.gpu, hw.memory_gib, nvenc_));
  return EstimateThroughput(w, hw, memory, utilization_, notes);
}

void Estimator::Fast(const Workload& w, const Hardware& hw, MemoryBreakdown& memory, Throughput& time) const {
  memory = EstimateMemory(w, hw, nullptr);
  time = Time(w, hw, memory, nullptr);
}

Estimate Estimator::Run(const Workload& w, const Hardware& hw) const {
  Estimate e;
  e.workload = w;
  e.hardware = hw;
  if (w.task == Task::kHpc || w.task == Task::kStream || w.task == Task::kRender) {
    e.assumptions.push_back(fmt::format("{} on {} x {} GPU(s) {}{}", TaskName(w.task), hw.nodes, hw.gpus_per_node,
                                        hw.gpu->name,
                                        hw.memory_gib > 0 ? fmt::format(" with {:.1f} GiB each", hw.memory_gib) : ""));
  } else e.assumptions.push_back(fmt::format("{} ({}), {:.2f} B parameters{}, on {} x {} GPU(s) {}{}",
                                      w.model.name, KindName(w.model.kind), w.model.params / 1e9,
                                      w.model.active_params < w.model.params
                                          ? fmt::format(" ({:.2f} B active per token)", w.model.active_params / 1e9)
                                          : "",
                                      hw.nodes, hw.gpus_per_node, hw.gpu->name,
                                      hw.memory_gib > 0 ? fmt::format(" with {:.1f} GiB each", hw.memory_gib) : ""));
  e.memory = EstimateMemory(w, hw, &e.assumptions);
  if (w.task == Task::kStream) {
    e.stream = SizeStream(w, *hw.gpu, hw.memory_gib, nvenc_);
    e.throughput = StreamThroughput(w, hw, *e.stream);
    for (auto& line : DescribeStream(w, *hw.gpu, *e.stream)) e.assumptions.push_back(line);
  } else {
    e.throughput = Time(w, hw, e.memory, &e.assumptions);
  }
  if (e.throughput.known && w.task != Task::kRender && w.task != Task::kHpc && w.task != Task::kStream) {
    for (auto& line : utilization_.Describe()) e.assumptions.push_back(line);
  }
  if (!e.memory.fits) {
    struct Item {
      const char* name;
      double bytes;
    };
    std::vector<Item> items = {{"weights", e.memory.weights}, {"gradients", e.memory.gradients},
                               {"optimizer states", e.memory.optimizer}, {"activations", e.memory.activations},
                               {"KV cache", e.memory.kv_cache}};
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.bytes > b.bytes; });
    std::string help;
    if (IsTraining(w.task) && w.task != Task::kCnnTrain) {
      if (w.zero_stage < 3 && w.task != Task::kLora && w.task != Task::kQlora) help = "shard with --zero 3 over more GPUs";
      if (w.recompute != Recompute::kFull) help += std::string(help.empty() ? "" : ", ") + "--recompute full";
      if (w.task == Task::kFinetune || w.task == Task::kTrain) help += ", or --task lora / qlora";
    } else if (w.task == Task::kInfer) {
      help = "a lower --precision (int8, int4), fewer --concurrency, or --tp over more GPUs";
    } else {
      help = "a smaller --micro-batch";
    }
    e.why_not = fmt::format("needs {:.1f} GiB per GPU but {} has {:.1f} GiB ({:.1f} usable): {} {:.1f} GiB and {} {:.1f} GiB "
                            "are the largest items; try a GPU with more memory, {}",
                            e.memory.total / kGiB, hw.gpu->name, e.memory.capacity / kGiB, e.memory.usable / kGiB,
                            items[0].name, items[0].bytes / kGiB, items[1].name, items[1].bytes / kGiB, help);
  }
  return e;
}

}  // namespace gpuscout
