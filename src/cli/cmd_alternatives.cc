// gpuscout alternatives: for a CPU-only machine, what each way of getting GPU
// work done would give and cost.
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "catalog/embedded.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/workload_options.h"
#include "codec/alternatives_json.h"
#include "optimizer/alternatives.h"
#include "probe/cpu_flops.h"
#include "probe/host_bandwidth.h"

namespace gpuscout::cli {
namespace {

CommandResult RunAlternatives(Context& ctx, AlternativesRequest r) {
  GS_TRY(pricing, ctx.GetPricing());
  const OutputFormat format = pricing.format;
  const Catalog* catalog = pricing.catalog;
  const std::optional<Currency> currency = pricing.currency;
  const ExchangeRate rate = pricing.rate;
  r.currency = currency.value_or(Currency::kUSD);
  r.rate = rate;
  GS_TRY(estimator, ctx.GetEstimator());
  // This machine's CPU, measured as the probe does, unless given.
  r.cpu_measured = !r.cpu_gflops || !r.cpu_bandwidth_gbps;
  if (!r.cpu_gflops) r.cpu_gflops = probe::MeasureCpuFlops().gflops;
  if (!r.cpu_bandwidth_gbps) {
    probe::HostBandwidthOptions ho;
    ho.repeats = 3;
    r.cpu_bandwidth_gbps = probe::MeasureHostBandwidth(ho).copy_gbps;
  }
  GS_TRY(answer, CompareAlternatives(*catalog, *estimator, r));
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(AlternativesToJson(answer, r.currency, ctx.language()), 2) << "\n";
    return 0;
  }
  TextTable t;
  t.keys = {"option", "where", "latency_ms", "throughput", "monthly_cost", "currency", "note"};
  const Lang lang = ctx.language();
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, "alt_h_" + k));
  t.right_align = {false, false, true, true, true, false, false};
  for (const auto& o : answer.options) {
    if (!o.applicable || !o.fits) {
      t.rows.push_back({o.name, o.offer.empty() ? "-" : std::string(Tr(lang, o.offer)), "-", "-", "-", "-", Render(o.why, lang)});
      continue;
    }
    t.rows.push_back({o.name, std::string(Tr(lang, o.offer)), Fixed(o.latency_ms, 1), Fixed(o.throughput, 2) + " " + o.throughput_unit,
                      Fixed(o.monthly_cost, 0), std::string(CurrencyCode(r.currency)), ""});
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  t.PrintText(*ctx.out);
  *ctx.out << "\n" << RecommendationText(answer, r.currency, lang) << "\n\n" << Tr(lang, "assumptions") << "\n";
  *ctx.out << "- "
           << Render(Message("alt.usage").With("hours", r.hours_per_month).With("rtt", r.rtt_ms).With("kb", r.payload_kb)
                         .With("mbps", r.bandwidth_mbps),
                     lang)
           << "\n";
  for (const auto& o : answer.options) {
    for (const auto& a : o.assumptions) *ctx.out << "- " << o.name << ": " << Render(a, lang) << "\n";
  }
  return 0;
}

}  // namespace

void AddAlternativesCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("alternatives", "For a CPU-only machine: its own CPU, a vGPU slice, remote rendering, "
                                                 "a remote GPU API or a rented GPU, with latency, throughput and monthly cost");
  auto r = std::make_shared<AlternativesRequest>();
  AddWorkloadOptions(*sub, r->workload);
  sub->add_option("--rtt-ms", r->rtt_ms, "Round trip to the cloud region, ms")->capture_default_str();
  sub->add_option("--payload-kb", r->payload_kb, "Request + response per call, KB")->capture_default_str();
  sub->add_option("--bandwidth-mbps", r->bandwidth_mbps, "The client's link, Mbit/s")->capture_default_str();
  sub->add_option("--latency-slo-ms", r->latency_slo_ms, "Latency objective per request, ms");
  sub->add_option("--hours-per-month", r->hours_per_month, "Hours of use a month")->capture_default_str();
  sub->add_option("--cpu-gflops", r->cpu_gflops, "This CPU's FLOP/s, GFLOP/s (default: measured)");
  sub->add_option("--cpu-bandwidth-gbps", r->cpu_bandwidth_gbps, "This machine's memory bandwidth, GB/s (default: measured)");
  out.emplace_back(sub, [&ctx, r] { return RunAlternatives(ctx, *r); });
}

}  // namespace gpuscout::cli
