// gpuscout estimate: memory (itemised) and time of a workload on a GPU.
#include <fmt/format.h>

#include <ostream>

#include "codec/json_text.h"
#include "catalog/embedded.h"
#include "cli/commands.h"
#include "cli/workload_options.h"
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

void PrintHeading(std::ostream& out, const Estimate& e) {
  const Task task = e.workload.task;
  if (task == Task::kHpc || task == Task::kStream) {
    out << TaskName(task) << (task == Task::kHpc ? (e.workload.hpc.fp64 ? ", fp64" : ", fp32") : "");
  } else {
    out << e.workload.model.name << ", " << TaskName(task) << ", " << PrecisionName(e.workload.precision);
  }
  out << " on " << e.hardware.nodes << " x " << e.hardware.gpus_per_node << " " << e.hardware.gpu->name << "\n\n";
}

// Sessions for a stream, hours for an HPC job, rates for the rest.
void PrintSpeed(std::ostream& out, const Estimate& e) {
  const Throughput& tp = e.throughput;
  if (e.stream) {
    const StreamSizing& s = *e.stream;
    if (s.known && s.sessions_per_gpu > 0) {
      out << fmt::format("\n{} session(s) per GPU ({}-limited); {} GPU(s) for {} session(s); {:.1f} Mbit/s per stream\n",
                         s.sessions_per_gpu, s.limit, s.gpus_needed, e.workload.stream.sessions, s.bitrate_mbps);
    } else {
      out << "\n" << (s.known ? "NOT CARRIED: " + e.hardware.gpu->name + " cannot carry one session"
                              : "UNKNOWN: no NVENC figure for " + e.hardware.gpu->name)
          << "\n";
    }
    return;
  }
  if (!tp.known) return;
  out << "\n";
  if (e.workload.task == Task::kHpc) {
    out << Hours(*tp.total_hours) << " for the job\n";
  } else if (e.workload.task == Task::kInfer && e.workload.model.kind == ModelKind::kLlm) {
    out << fmt::format("{:.0f} output tokens/s; {:.1f} ms per decode step; {:.3f} s prefill; {:.2f} s per request of {} + {} tokens\n",
                       tp.tokens_per_s, tp.step_s * 1000, tp.prefill_s, tp.request_s, e.workload.prompt_tokens,
                       e.workload.output_tokens);
  } else {
    out << fmt::format("{:.1f} samples/s", tp.samples_per_s);
    if (tp.tokens_per_s > 0) out << fmt::format(", {:.0f} tokens/s", tp.tokens_per_s);
    out << fmt::format("; {:.3f} s per step", tp.step_s);
    if (tp.total_hours) out << "; " << Hours(*tp.total_hours) << " for the dataset";
    out << "\n";
  }
}

CommandResult RunEstimate(Context& ctx, const EstimateRequest& request) {
  GS_TRY(format, ctx.Format());
  GS_TRY(estimator, ctx.GetEstimator());
  GS_TRY(resolved, estimator->Resolve(request));
  const Estimate e = estimator->Run(resolved.first, resolved.second);
  // A stream that no GPU of this kind can carry is a "no", like a job that does not fit.
  const bool carried = !e.stream || e.stream->sessions_per_gpu > 0;
  const int code = e.memory.fits && carried ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(EstimateToJson(e), 2) << "\n";
    return code;
  }
  const Lang lang = ctx.language();
  const TextTable t = MemoryTable(e.memory, lang);
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return code;
  }
  PrintHeading(*ctx.out, e);
  t.PrintText(*ctx.out);
  *ctx.out << "\n" << Tr(lang, e.memory.fits ? "fits" : "does_not_fit")
           << (e.why_not.empty() ? "" : ": " + e.why_not) << "\n";
  PrintSpeed(*ctx.out, e);
  *ctx.out << "\n" << Tr(lang, "assumptions") << "\n";
  for (const auto& a : e.assumptions) *ctx.out << "- " << a << "\n";
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
