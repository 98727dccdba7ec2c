// gpuscout estimate: memory (itemised) and time of a workload on a GPU.
#include <fmt/format.h>

#include <ostream>

#include "catalog/embedded.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/estimate_json.h"
#include "workload/estimate.h"

namespace gpuscout::cli {
namespace {

std::string Hours(double h) {
  if (h < 1) return fmt::format("{:.1f} min", h * 60);
  if (h < 48) return fmt::format("{:.1f} h", h);
  return fmt::format("{:.1f} days", h / 24);
}

CommandResult RunEstimate(Context& ctx, const EstimateRequest& request) {
  auto format = ctx.Format();
  if (!format) return tl::unexpected(format.error());
  auto catalog = ctx.GetCatalog();
  if (!catalog) return tl::unexpected(catalog.error());
  auto estimator = Estimator::Create(**catalog, embedded::Models(), embedded::Benchmarks(),
                                     embedded::MfuPublished());
  if (!estimator) return tl::unexpected(estimator.error());
  auto resolved = estimator->Resolve(request);
  if (!resolved) return tl::unexpected(resolved.error());
  const Estimate e = estimator->Run(resolved->first, resolved->second);
  const int code = e.memory.fits ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  if (*format == OutputFormat::kJson) {
    *ctx.out << EstimateToJson(e).dump(2) << "\n";
    return code;
  }
  const bool zh = ctx.language() == Lang::kZh;
  const MemoryBreakdown& m = e.memory;
  TextTable t;
  t.keys = {"item", "gib"};
  t.headers = {zh ? "显存（每块 GPU）" : "MEMORY PER GPU", "GiB"};
  t.right_align = {false, true};
  auto row = [&](const char* en, const char* cn, double bytes) {
    t.rows.push_back({zh ? cn : en, Fixed(bytes / kGiB, 2)});
  };
  row("weights", "权重", m.weights);
  row("gradients", "梯度", m.gradients);
  row("optimizer states", "优化器状态", m.optimizer);
  row("activations", "激活", m.activations);
  row("KV cache", "KV 缓存", m.kv_cache);
  row("CUDA context + reserve", "CUDA 上下文与预留", m.overhead);
  row("total", "合计", m.total);
  row("capacity", "容量", m.capacity);
  if (*format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return code;
  }
  *ctx.out << e.workload.model.name << ", " << TaskName(e.workload.task) << ", "
           << PrecisionName(e.workload.precision) << " on " << e.hardware.nodes << " x "
           << e.hardware.gpus_per_node << " " << e.hardware.gpu->name << "\n\n";
  t.PrintText(*ctx.out);
  *ctx.out << "\n"
           << (m.fits ? (zh ? "可以放下" : "FITS") : (zh ? "放不下" : "DOES NOT FIT"))
           << (e.why_not.empty() ? "" : ": " + e.why_not) << "\n";
  const Throughput& tp = e.throughput;
  if (tp.known) {
    *ctx.out << "\n";
    if (e.workload.task == Task::kInfer && e.workload.model.kind == ModelKind::kLlm) {
      *ctx.out << fmt::format("{:.0f} output tokens/s; {:.1f} ms per decode step; {:.3f} s prefill; "
                              "{:.2f} s per request of {} + {} tokens\n",
                              tp.tokens_per_s, tp.step_s * 1000, tp.prefill_s, tp.request_s,
                              e.workload.prompt_tokens, e.workload.output_tokens);
    } else {
      *ctx.out << fmt::format("{:.1f} samples/s", tp.samples_per_s);
      if (tp.tokens_per_s > 0) *ctx.out << fmt::format(", {:.0f} tokens/s", tp.tokens_per_s);
      *ctx.out << fmt::format("; {:.3f} s per step", tp.step_s);
      if (tp.total_hours) *ctx.out << "; " << Hours(*tp.total_hours) << " for the dataset";
      *ctx.out << "\n";
    }
  }
  *ctx.out << "\n" << (zh ? "假设：" : "Assumptions:") << "\n";
  for (const auto& a : e.assumptions) *ctx.out << "- " << a << "\n";
  return code;
}

}  // namespace

void AddEstimateCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand(
      "estimate", "GPU memory (itemised) and time of a workload on a GPU type and count (exit 1 when it does not fit)");
  auto r = std::make_shared<EstimateRequest>();
  sub->add_option("--task", r->task, "train, finetune, lora, qlora, infer, cnn-train, cnn-infer, render")
      ->capture_default_str();
  sub->add_option("--model", r->model, "A preset (Llama-2-7B, Qwen2.5-7B, BERT-Large, ResNet-50 ...; see data/models.csv)");
  sub->add_option("--params", r->params_b, "Explicit model: parameters, billions");
  sub->add_option("--active-params", r->active_params_b, "Explicit MoE model: active parameters per token, billions");
  sub->add_option("--layers", r->layers, "Explicit model: layers");
  sub->add_option("--hidden", r->hidden, "Explicit model: hidden size");
  sub->add_option("--heads", r->heads, "Explicit model: attention heads");
  sub->add_option("--kv-heads", r->kv_heads, "Explicit model: key/value heads (default: --heads)");
  sub->add_option("--vocab", r->vocab, "Explicit model: vocabulary size");
  sub->add_option("--gpu", r->gpu, "GPU (A100-80GB, H100, T4 ...)");
  sub->add_option("--offer", r->offer, "VENDOR:INSTANCE from the catalog: its GPU, count and memory");
  sub->add_option("--gpus", r->gpus, "GPUs per node");
  sub->add_option("--nodes", r->nodes, "Nodes");
  sub->add_option("--network", r->network, "Between nodes: efa, infiniband, erdma or tcp (default tcp)");
  sub->add_option("--network-gbps", r->network_gbps, "Per-node network bandwidth, Gbit/s");
  sub->add_option("--precision", r->precision, "fp32, bf16, fp16, fp8 (training); fp16, bf16, fp8, int8, int4 (inference)");
  sub->add_option("--zero", r->zero, "ZeRO stage 0-3");
  sub->add_option("--fsdp", r->fsdp, "full, grad-op, hybrid or none (FSDP; maps onto ZeRO stages)");
  sub->add_option("--recompute", r->recompute, "none, selective or full activation recomputation");
  sub->add_option("--attention", r->attention, "flash or eager (default: flash for LLMs, eager otherwise)");
  sub->add_option("--tp", r->tensor_parallel, "Tensor-parallel degree");
  sub->add_option("--seq-len", r->seq_len, "Sequence length (training)");
  sub->add_option("--micro-batch", r->micro_batch, "Samples per GPU per step");
  sub->add_option("--global-batch", r->global_batch, "Samples per optimizer step (gradient accumulation)");
  sub->add_option("--lora-rank", r->lora_rank, "LoRA rank (default 16)");
  sub->add_option("--tokens", r->tokens, "Dataset size in tokens");
  sub->add_option("--samples", r->samples, "Dataset size in samples");
  sub->add_option("--epochs", r->epochs, "Epochs (default 1)");
  sub->add_option("--prompt-tokens", r->prompt_tokens, "Inference: prompt length (default 512)");
  sub->add_option("--output-tokens", r->output_tokens, "Inference: tokens generated (default 256)");
  sub->add_option("--concurrency", r->concurrency, "Inference: sequences decoded together (default 1)");
  sub->add_option("--memory-utilization", r->memory_utilization, "Inference: share of GPU memory to fill (vLLM's default 0.9)");
  sub->add_option("--frames", r->frames, "Rendering: frames");
  sub->add_option("--seconds-per-frame", r->seconds_per_frame, "Rendering: seconds per frame on --reference-gpu");
  sub->add_option("--reference-gpu", r->reference_gpu, "Rendering: the GPU --seconds-per-frame was measured on")
      ->capture_default_str();
  out.emplace_back(sub, [&ctx, r] { return RunEstimate(ctx, *r); });
}

}  // namespace gpuscout::cli
