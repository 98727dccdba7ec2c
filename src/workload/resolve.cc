// Estimator::Resolve in three steps: the workload (no hardware), the
// hardware (a GPU or an offer), and the defaults and checks that need both.
#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/strings.h"
#include "facts/facts.h"
#include "workload/estimate.h"
#include "workload/request_fields.h"

namespace gpuscout {
namespace {

constexpr auto kTaskList = "train, finetune, lora, qlora, infer (serve: an LLM at --rps), cnn-train, cnn-infer, render, hpc, stream";

Result<void> ResolveExplicitModel(const EstimateRequest& r, Workload& w) {
  ModelSpec& m = w.model;
  m.name = "custom";
  m.kind = ModelKind::kLlm;
  m.params = *r.params_b * 1e9;
  m.active_params = r.active_params_b.value_or(*r.params_b) * 1e9;
  if (w.task == Task::kCnnTrain || w.task == Task::kCnnInfer || w.task == Task::kRender) return {};
  if (!r.layers || !r.hidden || !r.heads) {
    return tl::unexpected(OptionError(!r.layers ? "layers" : !r.hidden ? "hidden" : "heads",
                                      "an explicit model needs [[params]], [[layers]], [[hidden]] and [[heads]] "
                                      "([[kv_heads]] and [[vocab]] are optional)"));
  }
  m.layers = *r.layers;
  m.hidden = *r.hidden;
  m.heads = *r.heads;
  m.kv_heads = r.kv_heads.value_or(*r.heads);
  m.vocab = r.vocab.value_or(0);
  m.max_context = 1 << 20;
  if (m.hidden % m.heads != 0) {
    return tl::unexpected(OptionError("heads", fmt::format("[[hidden]] {} is not a multiple of [[heads]] {}", m.hidden, m.heads)));
  }
  return {};
}

Result<void> ResolveModel(const EstimateRequest& r, const ModelTable& models, Workload& w) {
  if (!r.model.empty()) {
    GS_TRY(m, models.Find(r.model));
    w.model = *m;
  } else if (r.params_b) {
    if (auto ok = ResolveExplicitModel(r, w); !ok) return ok;
  } else if (w.task != Task::kRender && w.task != Task::kHpc && w.task != Task::kStream) {
    return tl::unexpected(OptionError("model", "give [[model]] NAME (gpuscout estimate --help lists presets) or [[params]] B with the shape"));
  }
  const bool cnn = w.task == Task::kCnnTrain || w.task == Task::kCnnInfer;
  if (cnn && !w.model.fwd_gflops_per_sample && !w.model.is_transformer()) {
    return tl::unexpected(OptionError("model", w.model.name + " has no FLOPs-per-image figure for a CNN task"));
  }
  if (cnn && w.model.kind == ModelKind::kLlm && !w.model.fwd_gflops_per_sample) {
    return tl::unexpected(OptionError("task", w.model.name + " is a language model: use train, finetune, lora, qlora or infer"));
  }
  return {};
}

// --offload cpu: DeepSpeed's optimizer offload, which needs a ZeRO stage;
// without --zero it takes stage 2, ZeRO-Offload's own.
Result<void> ResolveOffload(const EstimateRequest& r, Workload& w) {
  if (r.offload.empty() || r.offload == "none") return {};
  if (r.offload != "cpu") return tl::unexpected(OptionError("offload", "expected cpu or none"));
  if (w.task != Task::kTrain && w.task != Task::kFinetune) {
    return tl::unexpected(OptionError("offload", "offloads the optimizer of full training (task train or finetune)"));
  }
  if (!r.fsdp.empty()) return tl::unexpected(OptionError("offload", "[[offload]] is DeepSpeed's: give it with [[zero]], not [[fsdp]]"));
  if (r.zero && *r.zero == 0) return tl::unexpected(OptionError("offload", "[[offload]] needs [[zero]] 1, 2 or 3"));
  if (!r.zero) w.zero_stage = 2;
  w.offload = true;
  return {};
}

// Precision, ZeRO/FSDP, recomputation, attention and tensor parallelism.
Result<void> ResolveParallelism(const EstimateRequest& r, Workload& w) {
  const bool training = IsTraining(w.task);
  if (w.task == Task::kHpc) {
    if (!r.precision.empty() && r.precision != "fp64" && r.precision != "fp32") {
      return tl::unexpected(OptionError("precision", "HPC jobs run in fp64 (default) or fp32"));
    }
    w.hpc.fp64 = r.precision != "fp32";
    w.precision = Precision::kFp32;
    w.precision_chosen = true;
  } else if (r.precision.empty()) {
    w.precision = training && w.task != Task::kCnnTrain ? Precision::kBf16 : Precision::kFp16;
  } else {
    auto p = ParsePrecision(r.precision);
    if (!p) return tl::unexpected(OptionError("precision", "expected fp32, bf16, fp16, fp8, int8 or int4"));
    if (training && (*p == Precision::kInt8 || *p == Precision::kInt4)) {
      return tl::unexpected(OptionError("precision", "int8/int4 are inference precisions; train in fp32, bf16, fp16 or fp8"));
    }
    w.precision = *p;
    w.precision_chosen = true;
  }
  w.zero_stage = r.zero.value_or(0);
  if (!r.fsdp.empty()) {
    if (r.zero) return tl::unexpected(OptionError("fsdp", "give [[zero]] or [[fsdp]], not both"));
    if (r.fsdp == "full" || r.fsdp == "hybrid") w.zero_stage = 3;
    else if (r.fsdp == "grad-op") w.zero_stage = 2;
    else if (r.fsdp == "none") w.zero_stage = 0;
    else return tl::unexpected(OptionError("fsdp", "expected full, grad-op, hybrid or none"));
    w.zero_within_node = r.fsdp == "hybrid";
    w.fsdp = r.fsdp != "none";
  }
  GS_CHECK(ResolveOffload(r, w));
  w.tensor_parallel = r.tensor_parallel.value_or(1);
  w.pipeline_parallel = r.pipeline_parallel.value_or(1);
  if (w.pipeline_parallel > 1 && !(w.task == Task::kInfer && w.model.kind == ModelKind::kLlm)) {
    return tl::unexpected(OptionError("pp", "pipeline stages are modelled for LLM inference (task infer); training uses --tp, --zero and data parallelism"));
  }
  if (!r.recompute.empty()) {
    auto rc = ParseRecompute(r.recompute);
    if (!rc) return tl::unexpected(OptionError("recompute", "expected none, selective or full"));
    w.recompute = *rc;
  } else if (w.task == Task::kQlora) {
    w.recompute = Recompute::kFull;  // QLoRA trains with gradient checkpointing
  }
  w.attention = w.model.kind == ModelKind::kLlm ? Attention::kFlash : Attention::kEager;
  if (r.attention == "eager") w.attention = Attention::kEager;
  else if (r.attention == "flash") w.attention = Attention::kFlash;
  else if (!r.attention.empty()) return tl::unexpected(OptionError("attention", "expected flash or eager"));
  if (r.stack == "tuned") w.stack = Stack::kTuned;
  else if (!r.stack.empty() && r.stack != "stock") return tl::unexpected(OptionError("stack", "expected stock or tuned"));
  return {};
}

// Sequence, batch, dataset and inference shapes: defaults by model kind.
Result<void> ResolveShapes(const EstimateRequest& r, Workload& w) {
  const int max_context = w.model.max_context > 0 ? w.model.max_context : 1 << 20;
  const int default_seq = w.model.kind == ModelKind::kLlm ? 2048 : w.model.kind == ModelKind::kEncoder ? 512 : max_context;
  w.seq_len = r.seq_len.value_or(std::min(default_seq, max_context));
  if (w.model.is_transformer() && w.seq_len > max_context && w.model.kind != ModelKind::kVit) {
    return tl::unexpected(OptionError("seq_len", fmt::format("{} exceeds {}'s context of {} tokens", w.seq_len, w.model.name, max_context)));
  }
  const int default_batch = w.model.kind == ModelKind::kLlm ? 1 : w.model.kind == ModelKind::kEncoder ? 32 : 64;
  w.micro_batch = r.micro_batch.value_or(default_batch);
  w.global_batch = r.global_batch.value_or(0);
  w.lora_rank = r.lora_rank.value_or(16);
  w.tokens = r.tokens.value_or(0);
  w.samples = r.samples.value_or(0);
  w.epochs = r.epochs.value_or(1);
  w.prompt_tokens = r.prompt_tokens.value_or(512);
  w.output_tokens = r.output_tokens.value_or(256);
  w.concurrency = r.concurrency.value_or(1);
  if (w.task == Task::kInfer && w.model.kind == ModelKind::kLlm && w.prompt_tokens + w.output_tokens > max_context) {
    return tl::unexpected(OptionError("prompt_tokens", fmt::format("prompt {} + output {} tokens exceed {}'s context of {}",
                                                                   w.prompt_tokens, w.output_tokens, w.model.name, max_context)));
  }
  return {};
}

// The serving engine and what it bounds: vLLM for LLM inference unless
// named, eager PyTorch for the rest; the engine's memory share unless
// --memory-utilization; --rps and --max-num-batched-tokens only where an
// engine batches continuously. With --rps the batch is what the arrivals
// keep in flight, up to --concurrency (default: as many as fit).
Result<void> ResolveEngine(const EstimateRequest& r, const EngineTable& engines, Workload& w) {
  const bool llm = w.task == Task::kInfer && w.model.kind == ModelKind::kLlm;
  const bool inference = w.task == Task::kInfer || w.task == Task::kCnnInfer;
  if (r.task == "serve" && !llm) return tl::unexpected(OptionError("task", "serve is for LLMs; use infer or cnn-infer"));
  w.engine = llm ? Engine::kVllm : Engine::kPytorch;
  if (!r.engine.empty()) {
    auto e = ParseEngine(r.engine);
    if (!e) return tl::unexpected(OptionError("engine", "'" + r.engine + "': expected vllm, sglang, tensorrt-llm, pytorch or tensorrt"));
    if (!inference) return tl::unexpected(OptionError("engine", "serving engines are for inference (task infer or cnn-infer)"));
    if (*e == Engine::kTensorrt && llm) return tl::unexpected(OptionError("engine", "LLMs are served by tensorrt-llm, not tensorrt"));
    if (!llm && *e != Engine::kPytorch && *e != Engine::kTensorrt) {
      return tl::unexpected(OptionError("engine", fmt::format("{} serves LLMs; {} runs on pytorch or tensorrt", r.engine, w.model.name)));
    }
    w.engine = *e;
  }
  w.limits = engines.Of(w.engine);
  w.memory_utilization = r.memory_utilization.value_or(w.limits.memory_fraction);
  if ((r.rps || r.max_batched_tokens) && !(llm && w.limits.continuous)) {
    return tl::unexpected(OptionError(r.rps ? "rps" : "max_batched_tokens",
                                      "applies to LLM serving with continuous batching ([[engine]] vllm, sglang or tensorrt-llm)"));
  }
  if (r.max_batched_tokens) w.limits.max_batched_tokens = *r.max_batched_tokens;
  w.rps = r.rps.value_or(0);
  if (w.rps > 0 && !r.concurrency) w.concurrency = 0;
  if (w.concurrency == 0 && !llm) return tl::unexpected(OptionError("concurrency", "max applies to LLM inference"));
  return {};
}

// The input pipeline. Named stores are assumptions (data/facts.csv): Lustre
// at the seed's 200 GB/s aggregate (FSx for Lustre in the article); one local
// NVMe drive at 3.5 GB/s, just under a PCIe gen 3 x4 link's 3.94 GB/s.
Result<void> ResolvePipeline(const EstimateRequest& r, Workload& w) {
  if (!r.sample_kb) return {};
  w.sample_bytes = *r.sample_kb * 1000;
  w.storage = r.storage.empty() ? "storage" : r.storage;
  if (r.storage_gbps) {
    w.storage_gbps = *r.storage_gbps;
  } else if (r.storage == "lustre") {
    w.storage_gbps = EmbeddedFacts().storage_lustre_gbps;
  } else if (r.storage == "nvme") {
    w.storage_gbps = EmbeddedFacts().storage_nvme_gbps;
  } else {
    return tl::unexpected(OptionError("storage", "with [[sample_kb]], give [[storage]] nvme|lustre or [[storage_gbps]]"));
  }
  return {};
}

Result<void> ResolveStream(const EstimateRequest& r, Workload& w) {
  StreamJob& s = w.stream;
  if (!r.resolution.empty()) {
    const auto x = r.resolution.find_first_of("xX");
    auto side = [](std::string_view v) -> std::optional<int> {
      if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
      const int n = std::stoi(std::string(v));
      if (n < 16 || n > 16384) return std::nullopt;
      return n;
    };
    const std::string_view text = r.resolution;
    auto width = x == std::string::npos ? std::nullopt : side(text.substr(0, x));
    auto height = x == std::string::npos ? std::nullopt : side(text.substr(x + 1));
    if (!width || !height) {
      return tl::unexpected(OptionError("resolution", "'" + r.resolution + "': expected WIDTHxHEIGHT, e.g. 3840x2160"));
    }
    s.width = static_cast<int>(*width);
    s.height = static_cast<int>(*height);
  }
  s.fps = r.fps.value_or(60);
  s.sessions = r.sessions.value_or(1);
  s.encoder_fps = r.encoder_fps.value_or(kDefaultEncoderFps);
  s.bitrate_mbps = r.bitrate_mbps.value_or(0);
  s.session_gb = r.session_gb.value_or(0);
  if (w.model.name.empty()) w.model.name = "stream";
  return {};
}

}  // namespace

Result<const GpuSpec*> Estimator::ReferenceGpu(const std::string& name) const {
  auto ref = catalog_->gpus().MatchUser(name);
  if (!ref) {
    Error e = ref.error();
    SetOption(e, "reference_gpu");
    return tl::unexpected(e);
  }
  return ref->front();
}

Result<Workload> Estimator::ResolveWorkload(const EstimateRequest& r) const {
  Workload w;
  auto task = ParseTask(r.task);
  if (!task) return tl::unexpected(OptionError("task", "unknown task '" + r.task + "': " + kTaskList));
  w.task = *task;
  // Numbers first: negative or absurd values are refused whatever else is wrong.
  GS_CHECK(CheckRequestRanges(r));
  for (auto step : {ResolveModel(r, models_, w), ResolveParallelism(r, w), ResolveShapes(r, w),
                    ResolveEngine(r, engines_, w), ResolvePipeline(r, w)}) {
    if (!step) return tl::unexpected(step.error());
  }
  if (w.task == Task::kRender || (w.task == Task::kStream && r.seconds_per_frame)) {
    if (!r.seconds_per_frame) {
      return tl::unexpected(OptionError("seconds_per_frame", "rendering needs the time per frame measured on [[reference_gpu]]"));
    }
    w.seconds_per_frame = *r.seconds_per_frame;
    w.frames = r.frames.value_or(0);
    GS_TRY(ref, ReferenceGpu(r.reference_gpu.empty() ? "T4" : r.reference_gpu));
    w.reference_gpu = ref;
    if (w.model.name.empty()) w.model.name = "render";
  }
  if (w.task == Task::kHpc) {
    GS_TRY(job, ResolveHpc(r, w.hpc.fp64));
    w.hpc = job;
    if (w.model.name.empty()) w.model.name = "hpc job";
  }
  if (w.task == Task::kStream) {
    GS_CHECK(ResolveStream(r, w));
  }
  return w;
}

Result<Hardware> Estimator::ResolveHardware(const EstimateRequest& r) const {
  Hardware hw;
  if (!r.offer.empty()) {
    const auto colon = r.offer.find(':');
    if (colon == std::string::npos) return tl::unexpected(OptionError("offer", "expected VENDOR:INSTANCE, e.g. aws:p4d.24xlarge"));
    const Offer* offer = catalog_->Instance(r.offer.substr(0, colon), r.offer.substr(colon + 1));
    if (!offer) {
      return tl::unexpected(OptionError("offer", "no offer " + r.offer.substr(colon + 1) + " from " +
                                                     ToLower(r.offer.substr(0, colon)) + " in the catalog"));
    }
    hw = OfferHardware(*offer, catalog_->gpus().Find(offer->gpu), 1);  // the offer's memory figure; a vGPU its slice
  } else if (!r.gpu.empty()) {
    GS_TRY(specs, catalog_->gpus().MatchUser(r.gpu));
    if (specs.size() > 1) {
      std::vector<std::string> names;
      for (auto* s : specs) names.push_back(s->name);
      return tl::unexpected(OptionError("gpu", "'" + r.gpu + "' names several GPUs: " + Join(names, ", ") + "; pick one"));
    }
    hw.gpu = specs.front();
  } else {
    return tl::unexpected(OptionError("gpu", "give [[gpu]] NAME or [[offer]] VENDOR:INSTANCE"));
  }
  if (!hw.gpu->memory_gb && hw.memory_gib == 0) {
    return tl::unexpected(OptionError("gpu", hw.gpu->name + " has no memory figure in data/gpus.csv"));
  }
  if (r.gpus) hw.gpus_per_node = *r.gpus;
  hw.nodes = r.nodes.value_or(1);
  if (!r.network.empty()) {
    auto n = ParseNetwork(r.network);
    if (!n) return tl::unexpected(OptionError("network", "expected efa, infiniband, erdma, roce or tcp"));
    hw.network = *n;
  }
  if (r.network_gbps) hw.network_gbps = *r.network_gbps;
  return hw;
}

Result<void> FitToHardware(Workload& w, const Hardware& hw) {
  if (!w.precision_chosen && w.precision == Precision::kBf16 && !hw.gpu->bf16_tflops) w.precision = Precision::kFp16;
  if (const auto why = UnsupportedPrecision(*hw.gpu, w.precision); !why.empty()) {
    return tl::unexpected(OptionError(
        "precision", fmt::format("{} ({}) does not compute in {}: {}; choose --precision fp16{}", hw.gpu->name,
                                 hw.gpu->architecture.empty() ? hw.gpu->generation : hw.gpu->architecture,
                                 PrecisionName(w.precision), Tr(Lang::kEn, why),
                                 w.precision == Precision::kFp8   ? " or int8 (weight-only)"
                                 : w.precision == Precision::kFp4 ? ", fp8 where the GPU has it, or int4 (weight-only)"
                                                                  : "")));
  }
  if (hw.total_gpus() % w.tensor_parallel != 0) {
    return tl::unexpected(OptionError("tp", fmt::format("{} GPUs do not divide into tensor-parallel groups of {}",
                                                        hw.total_gpus(), w.tensor_parallel)));
  }
  if (hw.total_gpus() % (w.tensor_parallel * w.pipeline_parallel) != 0) {
    return tl::unexpected(OptionError("pp", fmt::format("{} GPUs do not divide into {} pipeline stages of {} GPUs",
                                                        hw.total_gpus(), w.pipeline_parallel, w.tensor_parallel)));
  }
  const int data_parallel = hw.total_gpus() / w.tensor_parallel;
  if (w.global_batch && w.global_batch < static_cast<double>(w.micro_batch) * data_parallel) {
    return tl::unexpected(OptionError("global_batch", fmt::format("{} is smaller than micro-batch {} x {} data-parallel GPUs",
                                                                  w.global_batch, w.micro_batch, data_parallel)));
  }
  return {};
}

Result<std::pair<Workload, Hardware>> Estimator::Resolve(const EstimateRequest& r) const {
  GS_TRY(w, ResolveWorkload(r));
  GS_TRY(hw, ResolveHardware(r));
  GS_CHECK(FitToHardware(w, hw));
  return std::make_pair(w, hw);
}

}  // namespace gpuscout
