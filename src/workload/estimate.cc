#include "workload/estimate.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"

namespace gpuscout {
namespace {

// A number given on the command line must lie in [lo, hi].
template <typename T>
std::optional<Error> Range(const std::optional<T>& v, const char* option, double lo, double hi) {
  if (!v) return std::nullopt;
  const double x = static_cast<double>(*v);
  if (!(x >= lo && x <= hi)) {
    return OptionError(option, fmt::format("{} is out of range: expected {} to {}", x, lo, hi));
  }
  return std::nullopt;
}

}  // namespace

Result<HpcJob> Estimator::ResolveHpc(const EstimateRequest& r, bool fp64) const {
  HpcJob job;
  job.fp64 = fp64;
  if (!r.reference_hours) {
    return tl::unexpected(OptionError("--reference-hours", "an HPC job needs its time on the reference hardware"));
  }
  job.reference_hours = *r.reference_hours;
  job.reference_nodes = r.reference_nodes.value_or(1);
  job.compute_share = r.compute_share.value_or(0.5);
  job.scaling_efficiency = r.scaling_efficiency.value_or(0.9);
  job.memory_gb = r.job_memory_gb.value_or(0);
  if (r.reference_node_tflops || r.reference_node_gbps) {
    if (!r.reference_node_tflops || !r.reference_node_gbps) {
      return tl::unexpected(OptionError(r.reference_node_tflops ? "--reference-node-gbps" : "--reference-node-tflops",
                                        "a CPU reference node needs both --reference-node-tflops and --reference-node-gbps"));
    }
    if (!r.reference_gpu.empty()) {
      return tl::unexpected(OptionError("--reference-gpu", "give a GPU reference or a CPU node's rates, not both"));
    }
    job.reference = {*r.reference_node_tflops, *r.reference_node_gbps};
    job.reference_name = "CPU node";
    return job;
  }
  if (r.reference_gpu.empty()) {
    return tl::unexpected(OptionError("--reference-gpu", "give the reference: --reference-gpu NAME, or a CPU node's "
                                                         "--reference-node-tflops and --reference-node-gbps"));
  }
  auto ref = catalog_->gpus().MatchUser(r.reference_gpu);
  if (!ref) {
    Error e = ref.error();
    e.field = "--reference-gpu";
    return tl::unexpected(e);
  }
  const int per_node = r.reference_gpus_per_node.value_or(1);
  auto rate = GpuNodeRate(*ref->front(), per_node, fp64, fp64_);
  if (!rate) {
    return tl::unexpected(OptionError("--reference-gpu", fmt::format("no {} rate or memory bandwidth for {} in the data",
                                                                     fp64 ? "FP64" : "FP32", ref->front()->name)));
  }
  job.reference = *rate;
  job.reference_name = fmt::format("{} x {}", per_node, ref->front()->name);
  return job;
}

Result<Estimator> Estimator::Create(const Catalog& catalog, std::string_view models_csv,
                                    std::string_view benchmarks_csv, std::string_view mfu_csv,
                                    std::string_view fp64_csv, std::string_view nvenc_csv) {
  Estimator e;
  e.catalog_ = &catalog;
  auto models = ModelTable::Parse(models_csv, "data/models.csv");
  if (!models) return tl::unexpected(models.error());
  e.models_ = std::move(*models);
  auto rows = ReadBenchmarks(benchmarks_csv, "data/benchmarks-calibration.csv", catalog.gpus(), e.models_);
  if (!rows) return tl::unexpected(rows.error());
  auto mfu = ReadPublishedMfu(mfu_csv, "data/mfu_published.csv", catalog.gpus());
  if (!mfu) return tl::unexpected(mfu.error());
  e.benchmarks_ = std::move(*rows);
  e.utilization_ = UtilizationModel::Fit(e.benchmarks_, *mfu);
  auto fp64 = Fp64Rates::Parse(fp64_csv, "data/fp64.csv");
  if (!fp64) return tl::unexpected(fp64.error());
  e.fp64_ = std::move(*fp64);
  auto nvenc = NvencTable::Parse(nvenc_csv, "data/nvenc.csv");
  if (!nvenc) return tl::unexpected(nvenc.error());
  e.nvenc_ = std::move(*nvenc);
  return e;
}

Result<std::pair<Workload, Hardware>> Estimator::Resolve(const EstimateRequest& r) const {
  Workload w;
  Hardware hw;
  auto task = ParseTask(r.task);
  if (!task) {
    return tl::unexpected(OptionError(
        "--task", "unknown task '" + r.task + "': train, finetune, lora, qlora, infer, cnn-train, cnn-infer, render, hpc, stream"));
  }
  w.task = *task;
  // Numbers first: negative or absurd values are refused whatever else is wrong.
  for (auto err : {Range(r.params_b, "--params", 1e-6, 1e5), Range(r.active_params_b, "--active-params", 1e-6, 1e5),
                   Range(r.layers, "--layers", 1, 10000), Range(r.hidden, "--hidden", 1, 1 << 20),
                   Range(r.heads, "--heads", 1, 1 << 16), Range(r.kv_heads, "--kv-heads", 1, 1 << 16),
                   Range(r.vocab, "--vocab", 1, 1 << 24), Range(r.gpus, "--gpus", 1, 1 << 20),
                   Range(r.nodes, "--nodes", 1, 1 << 16), Range(r.network_gbps, "--network-gbps", 0.1, 1e5),
                   Range(r.zero, "--zero", 0, 3), Range(r.tensor_parallel, "--tp", 1, 1024),
                   Range(r.seq_len, "--seq-len", 1, 1 << 24), Range(r.micro_batch, "--micro-batch", 1, 1 << 20),
                   Range(r.global_batch, "--global-batch", 1, 1 << 26), Range(r.lora_rank, "--lora-rank", 1, 65536),
                   Range(r.tokens, "--tokens", 1, 1e16), Range(r.samples, "--samples", 1, 1e15),
                   Range(r.epochs, "--epochs", 1e-3, 1e6), Range(r.prompt_tokens, "--prompt-tokens", 1, 1 << 24),
                   Range(r.output_tokens, "--output-tokens", 1, 1 << 24),
                   Range(r.concurrency, "--concurrency", 1, 1 << 20),
                   Range(r.memory_utilization, "--memory-utilization", 0.05, 1.0),
                   Range(r.frames, "--frames", 1, 1e9), Range(r.seconds_per_frame, "--seconds-per-frame", 1e-6, 1e7),
                   Range(r.sample_kb, "--sample-kb", 1e-3, 1e9), Range(r.storage_gbps, "--storage-gbps", 1e-4, 1e6),
                   Range(r.reference_hours, "--reference-hours", 1e-6, 1e7), Range(r.reference_nodes, "--reference-nodes", 1, 1 << 20),
                   Range(r.reference_gpus_per_node, "--reference-gpus-per-node", 1, 64),
                   Range(r.reference_node_tflops, "--reference-node-tflops", 1e-6, 1e6),
                   Range(r.reference_node_gbps, "--reference-node-gbps", 1e-3, 1e7),
                   Range(r.compute_share, "--compute-share", 0, 1), Range(r.scaling_efficiency, "--scaling-efficiency", 0.05, 1),
                   Range(r.job_memory_gb, "--job-memory-gb", 0, 1e9), Range(r.fps, "--fps", 1, 1000),
                   Range(r.sessions, "--sessions", 1, 1 << 20), Range(r.encoder_fps, "--encoder-fps", 1, 1e5),
                   Range(r.bitrate_mbps, "--bitrate-mbps", 0.01, 1e5), Range(r.session_gb, "--session-gb", 0.001, 1e4)}) {
    if (err) return tl::unexpected(*err);
  }

  // Model: a preset, or an explicit shape.
  if (!r.model.empty()) {
    auto m = models_.Find(r.model);
    if (!m) return tl::unexpected(m.error());
    w.model = **m;
  } else if (r.params_b) {
    ModelSpec& m = w.model;
    m.name = "custom";
    m.kind = ModelKind::kLlm;
    m.params = *r.params_b * 1e9;
    m.active_params = r.active_params_b.value_or(*r.params_b) * 1e9;
    if (w.task != Task::kCnnTrain && w.task != Task::kCnnInfer && w.task != Task::kRender) {
      if (!r.layers || !r.hidden || !r.heads) {
        return tl::unexpected(OptionError(!r.layers ? "--layers" : !r.hidden ? "--hidden" : "--heads",
                                          "an explicit model needs --params, --layers, --hidden and --heads "
                                          "(--kv-heads and --vocab are optional)"));
      }
      m.layers = *r.layers;
      m.hidden = *r.hidden;
      m.heads = *r.heads;
      m.kv_heads = r.kv_heads.value_or(*r.heads);
      m.vocab = r.vocab.value_or(0);
      m.max_context = 1 << 20;
      if (m.hidden % m.heads != 0) {
        return tl::unexpected(OptionError("--heads", fmt::format("--hidden {} is not a multiple of --heads {}", m.hidden, m.heads)));
      }
    }
  } else if (w.task != Task::kRender && w.task != Task::kHpc && w.task != Task::kStream) {
    return tl::unexpected(OptionError("--model", "give --model NAME (gpuscout estimate --help lists presets) or --params B with the shape"));
  }
  if ((w.task == Task::kCnnTrain || w.task == Task::kCnnInfer) && !w.model.fwd_gflops_per_sample &&
      !w.model.is_transformer()) {
    return tl::unexpected(OptionError("--model", w.model.name + " has no FLOPs-per-image figure for a CNN task"));
  }
  if ((w.task == Task::kCnnTrain || w.task == Task::kCnnInfer) && w.model.kind == ModelKind::kLlm &&
      !w.model.fwd_gflops_per_sample) {
    return tl::unexpected(OptionError("--task", w.model.name + " is a language model: use train, finetune, lora, qlora or infer"));
  }

  // Hardware: a GPU by name, or an offer from the catalog.
  if (!r.offer.empty()) {
    const auto colon = r.offer.find(':');
    if (colon == std::string::npos) {
      return tl::unexpected(OptionError("--offer", "expected VENDOR:INSTANCE, e.g. aws:p4d.24xlarge"));
    }
    const std::string vendor = ToLower(r.offer.substr(0, colon));
    const std::string type = r.offer.substr(colon + 1);
    const Offer* offer = nullptr;
    for (const auto& o : catalog_->offers()) {
      if (o.vendor == vendor && ToLower(o.instance_type) == ToLower(type)) {
        offer = &o;
        break;
      }
    }
    if (!offer) return tl::unexpected(OptionError("--offer", "no offer " + type + " from " + vendor + " in the catalog"));
    hw.gpu = catalog_->gpus().Find(offer->gpu);
    hw.gpus_per_node = std::max(1, static_cast<int>(offer->gpu_count));
    if (offer->gpu_count < 1 && offer->gpu_mem_gib) hw.memory_gib = *offer->gpu_mem_gib;  // a vGPU slice
    if (offer->gpu_mem_gib && offer->gpu_count >= 1) hw.memory_gib = *offer->gpu_mem_gib;
    ApplyOfferNetwork(*offer, hw);
  } else if (!r.gpu.empty()) {
    auto specs = catalog_->gpus().MatchUser(r.gpu);
    if (!specs) return tl::unexpected(specs.error());
    if (specs->size() > 1) {
      std::vector<std::string> names;
      for (auto* s : *specs) names.push_back(s->name);
      return tl::unexpected(OptionError("--gpu", "'" + r.gpu + "' names several GPUs: " + Join(names, ", ") + "; pick one"));
    }
    hw.gpu = specs->front();
  } else {
    return tl::unexpected(OptionError("--gpu", "give --gpu NAME or --offer VENDOR:INSTANCE"));
  }
  if (!hw.gpu->memory_gb && hw.memory_gib == 0) {
    return tl::unexpected(OptionError("--gpu", hw.gpu->name + " has no memory figure in data/gpus.csv"));
  }
  if (r.gpus) hw.gpus_per_node = *r.gpus;
  hw.nodes = r.nodes.value_or(1);
  if (!r.network.empty()) {
    auto n = ParseNetwork(r.network);
    if (!n) return tl::unexpected(OptionError("--network", "expected efa, infiniband, erdma, roce or tcp"));
    hw.network = *n;
  }
  if (r.network_gbps) hw.network_gbps = *r.network_gbps;

  // Precision, parallelism, shapes: defaults by task.
  const bool training = IsTraining(w.task);
  const bool has_bf16 = hw.gpu->bf16_tflops.has_value();
  std::string precision = r.precision;
  if (w.task == Task::kHpc) {
    if (!precision.empty() && precision != "fp64" && precision != "fp32") {
      return tl::unexpected(OptionError("--precision", "HPC jobs run in fp64 (default) or fp32"));
    }
    w.hpc.fp64 = precision != "fp32";
    precision = "fp32";
  }
  if (precision.empty()) {
    precision = training && w.task != Task::kCnnTrain ? (has_bf16 ? "bf16" : "fp16") : "fp16";
  }
  auto p = ParsePrecision(precision);
  if (!p) return tl::unexpected(OptionError("--precision", "expected fp32, bf16, fp16, fp8, int8 or int4"));
  if (training && (*p == Precision::kInt8 || *p == Precision::kInt4)) {
    return tl::unexpected(OptionError("--precision", "int8/int4 are inference precisions; train in fp32, bf16, fp16 or fp8"));
  }
  w.precision = *p;
  w.zero_stage = r.zero.value_or(0);
  if (!r.fsdp.empty()) {
    if (r.zero) return tl::unexpected(OptionError("--fsdp", "give --zero or --fsdp, not both"));
    if (r.fsdp == "full") w.zero_stage = 3;
    else if (r.fsdp == "grad-op") w.zero_stage = 2;
    else if (r.fsdp == "hybrid") {
      w.zero_stage = 3;
      w.zero_within_node = true;
    } else if (r.fsdp == "none") w.zero_stage = 0;
    else return tl::unexpected(OptionError("--fsdp", "expected full, grad-op, hybrid or none"));
  }
  w.tensor_parallel = r.tensor_parallel.value_or(1);
  if (hw.total_gpus() % w.tensor_parallel != 0) {
    return tl::unexpected(OptionError("--tp", fmt::format("{} GPUs do not divide into tensor-parallel groups of {}", hw.total_gpus(), w.tensor_parallel)));
  }
  if (!r.recompute.empty()) {
    auto rc = ParseRecompute(r.recompute);
    if (!rc) return tl::unexpected(OptionError("--recompute", "expected none, selective or full"));
    w.recompute = *rc;
  } else if (w.task == Task::kQlora) {
    w.recompute = Recompute::kFull;  // QLoRA trains with gradient checkpointing
  }
  w.attention = w.model.kind == ModelKind::kLlm ? Attention::kFlash : Attention::kEager;
  if (r.attention == "eager") w.attention = Attention::kEager;
  else if (r.attention == "flash") w.attention = Attention::kFlash;
  else if (!r.attention.empty()) return tl::unexpected(OptionError("--attention", "expected flash or eager"));

  const int max_context = w.model.max_context > 0 ? w.model.max_context : 1 << 20;
  const int default_seq = w.model.kind == ModelKind::kLlm ? 2048 : w.model.kind == ModelKind::kEncoder ? 512 : max_context;
  w.seq_len = r.seq_len.value_or(std::min(default_seq, max_context));
  if (w.model.is_transformer() && w.seq_len > max_context && w.model.kind != ModelKind::kVit) {
    return tl::unexpected(OptionError("--seq-len", fmt::format("{} exceeds {}'s context of {} tokens", w.seq_len, w.model.name, max_context)));
  }
  const int default_batch = w.model.kind == ModelKind::kLlm ? 1 : w.model.kind == ModelKind::kEncoder ? 32 : 64;
  w.micro_batch = r.micro_batch.value_or(default_batch);
  w.global_batch = r.global_batch.value_or(0);
  if (w.global_batch && w.global_batch < w.micro_batch * hw.total_gpus() / w.tensor_parallel) {
    return tl::unexpected(OptionError("--global-batch", fmt::format(
        "{} is smaller than micro-batch {} x {} data-parallel GPUs", w.global_batch, w.micro_batch,
        hw.total_gpus() / w.tensor_parallel)));
  }
  w.lora_rank = r.lora_rank.value_or(16);
  w.tokens = r.tokens.value_or(0);
  w.samples = r.samples.value_or(0);
  w.epochs = r.epochs.value_or(1);
  w.prompt_tokens = r.prompt_tokens.value_or(512);
  w.output_tokens = r.output_tokens.value_or(256);
  w.concurrency = r.concurrency.value_or(1);
  w.memory_utilization = r.memory_utilization.value_or(0.9);
  if (w.task == Task::kInfer && w.model.kind == ModelKind::kLlm &&
      w.prompt_tokens + w.output_tokens > max_context) {
    return tl::unexpected(OptionError("--prompt-tokens", fmt::format(
        "prompt {} + output {} tokens exceed {}'s context of {}", w.prompt_tokens, w.output_tokens, w.model.name, max_context)));
  }
  // Input pipeline. Named stores are assumptions: Lustre at the seed's 200 GB/s
  // aggregate (FSx for Lustre in the article); one local NVMe drive at 3.5
  // GB/s, just under a PCIe gen 3 x4 link's 3.94 GB/s.
  if (r.sample_kb) {
    w.sample_bytes = *r.sample_kb * 1000;
    w.storage = r.storage.empty() ? "storage" : r.storage;
    if (r.storage_gbps) {
      w.storage_gbps = *r.storage_gbps;
    } else if (r.storage == "lustre") {
      w.storage_gbps = 200;
    } else if (r.storage == "nvme") {
      w.storage_gbps = 3.5;
    } else {
      return tl::unexpected(OptionError("--storage", "with --sample-kb, give --storage nvme|lustre or --storage-gbps"));
    }
  }
  auto reference_gpu = [&]() -> Result<const GpuSpec*> {
    auto ref = catalog_->gpus().MatchUser(r.reference_gpu.empty() ? "T4" : r.reference_gpu);
    if (!ref) {
      Error e = ref.error();
      e.field = "--reference-gpu";
      return tl::unexpected(e);
    }
    return ref->front();
  };
  if (w.task == Task::kRender || (w.task == Task::kStream && r.seconds_per_frame)) {
    if (!r.seconds_per_frame) return tl::unexpected(OptionError("--seconds-per-frame", "rendering needs the time per frame measured on --reference-gpu"));
    w.seconds_per_frame = *r.seconds_per_frame;
    w.frames = r.frames.value_or(0);
    auto ref = reference_gpu();
    if (!ref) return tl::unexpected(ref.error());
    w.reference_gpu = *ref;
    if (w.model.name.empty()) w.model.name = "render";
  }
  if (w.task == Task::kHpc) {
    auto job = ResolveHpc(r, w.hpc.fp64);
    if (!job) return tl::unexpected(job.error());
    w.hpc = *job;
    if (w.model.name.empty()) w.model.name = "hpc job";
  }
  if (w.task == Task::kStream) {
    StreamJob& s = w.stream;
    if (!r.resolution.empty()) {
      const auto x = r.resolution.find_first_of("xX");
      int width = 0, height = 0;
      size_t used_w = 0, used_h = 0;
      try {
        if (x != std::string::npos) {
          width = std::stoi(r.resolution.substr(0, x), &used_w);
          height = std::stoi(r.resolution.substr(x + 1), &used_h);
        }
      } catch (const std::exception&) {
        width = height = 0;
      }
      if (x == std::string::npos || used_w != x || used_h != r.resolution.size() - x - 1 || width < 16 ||
          height < 16 || width > 16384 || height > 16384) {
        return tl::unexpected(OptionError("--resolution", "'" + r.resolution + "': expected WIDTHxHEIGHT, e.g. 3840x2160"));
      }
      s.width = width;
      s.height = height;
    }
    s.fps = r.fps.value_or(60);
    s.sessions = r.sessions.value_or(1);
    s.encoder_fps = r.encoder_fps.value_or(kDefaultEncoderFps);
    s.bitrate_mbps = r.bitrate_mbps.value_or(0);
    s.session_gb = r.session_gb.value_or(0);
    if (w.model.name.empty()) w.model.name = "stream";
  }
  return std::make_pair(w, hw);
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
