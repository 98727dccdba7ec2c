// gpuscout estimate: memory (itemised) and time of a workload on a GPU.
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "catalog/embedded.h"
#include "cli/commands.h"
#include "cli/workload_options.h"
#include "cli/output.h"
#include "codec/estimate_json.h"
#include "workload/estimate.h"
#include "workload/layout.h"

namespace gpuscout::cli {
namespace {

Message Hours(double h) {
  if (h < 1) return Message("est.minutes").With("n", h * 60);
  if (h < 48) return Message("est.hours").With("n", h);
  return Message("est.days").With("n", h / 24);
}

TextTable MemoryTable(const MemoryBreakdown& m, Lang lang) {
  TextTable t;
  t.keys = {"item", "gib"};
  t.headers = {std::string(Tr(lang, "memory_per_gpu")), "GiB"};
  t.right_align = {false, true};
  auto row = [&](const char* key, double bytes) { t.rows.push_back({std::string(Tr(lang, key)), Fixed(bytes / kGiB, 2)}); };
  row("mem_weights", m.weights);
  row("mem_gradients", m.gradients);
  row("mem_optimizer", m.optimizer);
  row("mem_activations", m.activations);
  row("mem_kv_cache", m.kv_cache);
  row("mem_overhead", m.overhead);
  row("mem_total", m.total);
  row("mem_capacity", m.capacity);
  return t;
}

void PrintHeading(std::ostream& out, const Estimate& e, Lang lang) {
  const Task task = e.workload.task;
  std::string what = std::string(TaskName(task));
  if (task == Task::kHpc) what += e.workload.hpc.fp64 ? ", fp64" : ", fp32";
  if (task != Task::kHpc && task != Task::kStream) {
    what = e.workload.model.name + ", " + what + ", " + std::string(PrecisionName(e.workload.precision));
  }
  out << Render(Message("est.heading").With("what", what).With("nodes", e.hardware.nodes)
                    .With("gpus", e.hardware.gpus_per_node).With("gpu", e.hardware.gpu->name),
                lang)
      << "\n\n";
}

// Sessions for a stream, hours for an HPC job, rates for the rest.
Message Speed(const Estimate& e) {
  const Throughput& tp = e.throughput;
  const Workload& w = e.workload;
  if (e.stream) {
    const StreamSizing& s = *e.stream;
    if (s.known && s.sessions_per_gpu > 0) {
      return Message("est.stream_speed").With("per_gpu", s.sessions_per_gpu).With("limit", Word("stream.limit_" + s.limit))
          .With("gpus", s.gpus_needed).With("sessions", w.stream.sessions).With("mbps", s.bitrate_mbps);
    }
    return Message(s.known ? "est.stream_not_carried" : "est.stream_unknown").With("gpu", e.hardware.gpu->name);
  }
  if (!tp.known) return Message();
  if (w.task == Task::kHpc) return Message("est.hpc_speed").With("time", Hours(*tp.total_hours));
  if (tp.serving) {
    return Message("est.serving_speed").With("tokens", tp.tokens_per_s).With("requests", tp.samples_per_s)
        .With("ttft_ms", tp.ttft_s * 1000).With("tpot_ms", tp.tpot_s * 1000).With("request", tp.request_s)
        .With("prompt", w.prompt_tokens).With("output", w.output_tokens).With("engine", EngineName(w.engine))
        .With("replicas", tp.replicas).With("batch", tp.batch)
        .With("over", tp.stable ? Message() : Message("est.over_rate").With("max_rps", tp.max_requests_per_s));
  }
  if (w.task == Task::kInfer && w.model.kind == ModelKind::kLlm) {
    return Message("est.llm_speed").With("tokens", tp.tokens_per_s).With("step_ms", tp.step_s * 1000)
        .With("prefill", tp.prefill_s).With("request", tp.request_s).With("prompt", w.prompt_tokens)
        .With("output", w.output_tokens);
  }
  return Message("est.speed").With("samples", tp.samples_per_s)
      .With("tokens", tp.tokens_per_s > 0 ? Message("est.tokens").With("n", tp.tokens_per_s) : Message())
      .With("step", tp.step_s)
      .With("dataset", tp.total_hours ? Message("est.dataset").With("time", Hours(*tp.total_hours)) : Message());
}

CommandResult RunEstimate(Context& ctx, const EstimateRequest& request) {
  GS_TRY(format, ctx.Format());
  GS_TRY(estimator, ctx.GetEstimator());
  GS_TRY(e, EstimateBestLayout(*estimator, request));
  // A stream that no GPU of this kind can carry is a "no", like a job that does not fit.
  const bool carried = !e.stream || e.stream->sessions_per_gpu > 0;
  const int code = e.memory.fits && carried ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(EstimateToJson(e, ctx.language()), 2) << "\n";
    return code;
  }
  const Lang lang = ctx.language();
  const TextTable t = MemoryTable(e.memory, lang);
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return code;
  }
  PrintHeading(*ctx.out, e, lang);
  t.PrintText(*ctx.out);
  *ctx.out << "\n" << Tr(lang, e.memory.fits ? "fits" : "does_not_fit")
           << (e.why_not.empty() ? "" : Render(Message("est.because").With("why", e.why_not), lang)) << "\n";
  if (const Message speed = Speed(e); !speed.empty()) *ctx.out << "\n" << Render(speed, lang) << "\n";
  *ctx.out << "\n" << Tr(lang, "assumptions") << "\n";
  for (const auto& a : e.assumptions) *ctx.out << "- " << Render(a, lang) << "\n";
  return code;
}

}  // namespace

void AddEstimateCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand(
      "estimate", "GPU memory (itemised) and time of a workload on a GPU type and count (exit 1 when it does not fit)");
  auto r = std::make_shared<EstimateRequest>();
  AddWorkloadOptions(*sub, *r);
  AddHardwareOptions(*sub, *r);
  out.emplace_back(sub, [&ctx, r] { return RunEstimate(ctx, *r); });
}

}  // namespace gpuscout::cli
