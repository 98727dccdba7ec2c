// gpuscout scale simulate | tune: an autoscaling policy replayed on a load
// trace, and its parameters searched for the cheapest setting within the SLO.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <ostream>
#include <sstream>
#include <thread>

#include "base/message.h"
#include "codec/json_text.h"
#include "autoscale/fleet.h"
#include "autoscale/synthetic.h"
#include "autoscale/tune.h"
#include "base/atomic_file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/fleet_yaml.h"
#include "codec/scale_json.h"
#include "service/emit_plan.h"
#include "service/scale_run.h"

namespace gpuscout::cli {
namespace {

struct ScaleArgs {
  std::string fleet;
  std::string trace;
  std::string example;
  std::string timeline;
  std::string slo;
  int tick_s = 0;
  std::optional<uint64_t> seed;
  int threads = 0;
  std::string write;  // tune: the tuned fleet file
  std::string emit;   // tune: hpa, keda, karpenter
};

struct Loaded {
  Fleet fleet;
  Trace trace;
  SimOptions options;
  Currency currency = Currency::kUSD;
  OutputFormat format = OutputFormat::kTable;
};

Result<Loaded> Load(Context& ctx, const ScaleArgs& a) {
  GS_TRY(pricing, ctx.GetPricing());
  GS_TRY(estimator, ctx.GetEstimator());
  Loaded l;
  l.format = pricing.format;
  l.currency = pricing.currency.value_or(Currency::kUSD);
  ScaleInput in;
  if (!a.fleet.empty()) {
    GS_TRY(t, ReadInputFile(a.fleet));
    in.fleet_text = std::move(t);
    in.fleet_name = a.fleet;
  }
  if (!a.trace.empty()) {
    GS_TRY(t, ReadInputFile(a.trace));
    in.trace_text = std::move(t);
    in.trace_name = a.trace;
  }
  in.example = a.example;
  in.slo = a.slo;
  in.tick_s = a.tick_s;
  in.seed = a.seed;
  in.timeline = !a.timeline.empty();
  FleetContext fc;
  fc.catalog = pricing.catalog;
  fc.estimator = estimator;
  fc.currency = l.currency;
  fc.rate = pricing.rate;
  GS_TRY(run, PrepareScale(in, fc));
  l.fleet = std::move(run.fleet);
  l.trace = std::move(run.trace);
  l.options = run.options;
  return l;
}

std::string Pct(double share) { return fmt::format("{:.3f}%", 100 * share); }

// Each pool as CSV: numbers only (shares as fractions, the node range and
// the scale-outs/ins in columns of their own).
TextTable SimulateCsv(const SimResult& r, const Fleet& fleet) {
  TextTable t;
  t.keys = {"pool", "offer", "policy", "min_nodes", "peak_nodes", "node_hours", "cost", "underprovisioned_share",
            "unserved_share", "scale_outs", "scale_ins", "interruptions", "static_nodes", "static_cost"};
  for (size_t i = 0; i < r.pools.size(); ++i) {
    const PoolResult& p = r.pools[i];
    const SimPool& sp = fleet.pools[i];
    t.rows.push_back({p.name, fleet.offers[i], std::string(PolicyToJson(sp.policy)["type"]), std::to_string(sp.min_nodes),
                      std::to_string(p.peak_nodes), fmt::format("{}", p.node_hours), fmt::format("{}", p.cost),
                      fmt::format("{}", p.UnderprovisionedShare()), fmt::format("{}", p.requests > 0 ? p.unserved / p.requests : 0),
                      std::to_string(p.scale_outs), std::to_string(p.scale_ins), std::to_string(p.interruptions),
                      std::to_string(p.static_nodes), fmt::format("{}", p.static_cost)});
  }
  return t;
}

CommandResult RunSimulate(Context& ctx, const ScaleArgs& a) {
  GS_TRY(l, Load(ctx, a));
  GS_TRY(r, Simulate(l.trace, l.fleet.pools, l.options));
  if (!a.timeline.empty()) {
    std::string csv = "timestamp,pool,demand_rps,capacity_rps,ready,booting,desired\n";
    csv.reserve(r.timeline.size() * 64);
    for (const auto& row : r.timeline) {
      csv += fmt::format("{},{},{:g},{:g},{},{},{}\n", FormatUtc(row.t), CsvEscape(r.pools[static_cast<size_t>(row.pool)].name),
                         row.demand_rps, row.capacity_rps, row.ready, row.booting, row.desired);
    }
    GS_CHECK(WriteUserFile(a.timeline, csv));
  }
  const int code = r.slo_met ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  const std::string cur(CurrencyCode(l.currency));
  if (l.format == OutputFormat::kJson) {
    *ctx.out << JsonText(SimResultToJson(r, l.fleet, l.currency, l.options.slo_underprovisioned, ctx.language()), 2) << "\n";
    return code;
  }
  TextTable t;
  t.keys = {"pool", "offer", "policy", "nodes", "node_hours", "cost", "underprovisioned", "unserved", "scale_out_in", "interruptions", "static_nodes", "static_cost"};
  t.headers = {"POOL", "OFFER", "POLICY", "NODES", "NODE-H", "COST", "SHORT", "UNSERVED", "OUT/IN", "INTERRUPTED", "STATIC", "STATIC COST"};
  t.right_align = {false, false, false, true, true, true, true, true, true, true, true, true};
  for (size_t i = 0; i < r.pools.size(); ++i) {
    const PoolResult& p = r.pools[i];
    const SimPool& sp = l.fleet.pools[i];
    t.rows.push_back({p.name, l.fleet.offers[i], std::string(PolicyToJson(sp.policy)["type"]),
                      fmt::format("{}-{}", sp.min_nodes, p.peak_nodes), Fixed(p.node_hours, 1), Fixed(p.cost, 2),
                      Pct(p.UnderprovisionedShare()), Pct(p.requests > 0 ? p.unserved / p.requests : 0),
                      fmt::format("{}/{}", p.scale_outs, p.scale_ins), std::to_string(p.interruptions),
                      std::to_string(p.static_nodes), Fixed(p.static_cost, 2)});
  }
  if (l.format == OutputFormat::kCsv) {
    SimulateCsv(r, l.fleet).PrintCsv(*ctx.out);
    return code;
  }
  const Lang lang = ctx.language();
  *ctx.out << Render(Message("scale.span").With("start", FormatUtc(r.start)).With("end", FormatUtc(r.end))
                         .With("days", static_cast<double>(r.end - r.start) / 86400.0)
                         .With("points", l.trace.points.size()).With("file", l.trace.file).With("tick", r.tick_s),
                     lang)
           << "\n\n";
  t.PrintText(*ctx.out);
  const double saved = r.static_cost > 0 ? 1 - r.total_cost / r.static_cost : 0;
  *ctx.out << "\n"
           << Render(Message("scale.costs").With("cost", r.total_cost).With("cur", cur).With("per_million", r.CostPerMillion())
                         .With("static", r.static_cost).With("pct", -100 * saved),
                     lang)
           << "\n"
           << Render(Message("scale.slo").With("slo", Pct(l.options.slo_underprovisioned))
                         .With("verdict", Word(r.slo_met ? "scale.met" : "scale.missed")),
                     lang)
           << "\n";
  if (!a.timeline.empty()) {
    *ctx.out << Render(Message("scale.timeline").With("rows", r.timeline.size()).With("file", a.timeline), lang) << "\n";
  }
  *ctx.out << "\n" << Render(Message("scale.legend"), lang) << "\n";
  for (const auto& s : l.fleet.assumptions) *ctx.out << "- " << Render(s, lang) << "\n";
  return code;
}

// `tune --write FILE`: the fleet file (or the example fleet) with the best
// settings applied, replaced atomically.
Result<void> WriteTunedFleet(const ScaleArgs& a, const std::vector<TuneResult>& results) {
  std::string text = kExampleFleet;
  if (!a.fleet.empty()) {
    GS_TRY(t, ReadInputFile(a.fleet));
    text = std::move(t);
  }
  namespace fs = std::filesystem;
  const std::string from = a.fleet.empty() ? "." : fs::path(a.fleet).parent_path().string();
  const std::string to = fs::path(a.write).parent_path().string();
  GS_TRY(yaml, TunedFleetYaml(text, results, from.empty() ? "." : from, to.empty() ? "." : to));
  return WriteUserFile(a.write, yaml);
}

CommandResult RunTune(Context& ctx, const ScaleArgs& a) {
  GS_TRY(l, Load(ctx, a));
  if (a.threads < 0 || a.threads > 256) return tl::unexpected(OptionError("threads", "expected 1 to 256"));
  const int threads = a.threads ? a.threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  const bool bar = l.format == OutputFormat::kTable && ::isatty(STDERR_FILENO);
  std::function<void(size_t, size_t)> progress;
  if (bar) {
    progress = [&](size_t done, size_t total) {
      *ctx.err << ProgressLine(total ? static_cast<double>(done) / static_cast<double>(total) : 1.0,
                               fmt::format("{}/{} settings", done, total))
               << std::flush;
    };
  }
  auto results = Tune(l.trace, l.fleet.pools, l.options, threads, progress);
  if (bar) *ctx.err << ClearProgressLine() << std::flush;
  if (!results) return tl::unexpected(results.error());
  if (!a.write.empty()) GS_CHECK(WriteTunedFleet(a, *results));
  if (!a.emit.empty()) {
    GS_TRY(file, EmitTuned(a.emit, *results, l.fleet));
    *ctx.out << file;
    return 0;
  }
  const bool all = std::all_of(results->begin(), results->end(), [](const TuneResult& t) { return t.found; });
  const int code = all ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  if (l.format == OutputFormat::kJson) {
    *ctx.out << JsonText(TuneResultsToJson(*results, l.currency, l.options.slo_underprovisioned), 2) << "\n";
    return code;
  }
  const std::string cur(CurrencyCode(l.currency));
  const Lang lang = ctx.language();
  for (const auto& t : *results) {
    *ctx.out << Render(Message("tune.tried").With("pool", t.pool).With("tried", t.tried).With("met", t.met)
                           .With("slo", Pct(l.options.slo_underprovisioned)),
                       lang)
             << "\n  "
             << Render(Message("tune.as_written").With("cost", t.original.cost).With("cur", cur)
                           .With("short", Pct(t.original.UnderprovisionedShare())),
                       lang)
             << "\n";
    if (!t.found) {
      *ctx.out << "  " << Render(Message("tune.none"), lang) << "\n";
      continue;
    }
    *ctx.out << "  "
             << Render(Message("tune.best").With("cost", t.result.cost).With("cur", cur)
                           .With("pct", t.original.cost > 0 ? 100 * (t.result.cost / t.original.cost - 1) : 0)
                           .With("short", Pct(t.result.UnderprovisionedShare())).With("peak", t.result.peak_nodes),
                       lang)
             << "\n";
    *ctx.out << "  " << (t.changes.empty() ? std::string(Tr(lang, "tune.no_change")) : Join(t.changes, "; ")) << "\n";
    *ctx.out << "  policy: " << JsonText(PolicyToJson(t.best.policy)) << ", min_nodes " << t.best.min_nodes << "\n";
  }
  return code;
}

void AddShared(CLI::App* sub, ScaleArgs& a) {
  sub->add_option("--fleet", a.fleet, "Fleet file (YAML; docs/scale.md)");
  sub->add_option("--trace", a.trace, "Load trace CSV: timestamp, rps or utilization (overrides the fleet's)");
  sub->add_option("--example", a.example, "A seeded synthetic trace: diurnal, spiky or weekly (no files needed)");
  sub->add_option("--slo", a.slo, "Largest share of time a pool may be short of capacity (default 0.1%)");
  sub->add_option("--tick", a.tick_s, "Timeline sampling step, seconds (default: the shortest policy period, at most 60); policies keep their own period_s");
  sub->add_option("--seed", a.seed, "Seed for --example traces and spot interruptions");
}

}  // namespace

void AddScaleCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* scale = app.add_subcommand("scale", "Autoscaling: replay a load trace against a fleet and its policies; tune them");
  scale->require_subcommand(1);
  auto sim = std::make_shared<ScaleArgs>();
  auto* simulate = scale->add_subcommand("simulate", "Nodes, capacity against demand, SLO misses and cost per pool, "
                                                     "against a static fleet sized for the peak (exit 1 when the SLO is missed)");
  AddShared(simulate, *sim);
  simulate->add_option("--timeline", sim->timeline, "Write the timeline (one row per step and pool) to this CSV");
  out.emplace_back(simulate, [&ctx, sim] { return RunSimulate(ctx, *sim); });
  auto tun = std::make_shared<ScaleArgs>();
  auto* tune = scale->add_subcommand("tune", "Search each pool's policy parameters for the cheapest setting within the SLO");
  AddShared(tune, *tun);
  tune->add_option("--threads", tun->threads, "Threads (default: all cores, at least 2)");
  tune->add_option("--emit", tun->emit, "Write the tuned pools as Kubernetes autoscaling objects (hpa, keda, karpenter) instead of the table")
      ->check(CLI::IsMember({"hpa", "keda", "karpenter"}));
  tune->add_option("--write", tun->write, "Write the fleet file with the best settings applied to this YAML file (replaced atomically)");
  out.emplace_back(tune, [&ctx, tun] { return RunTune(ctx, *tun); });
}

}  // namespace gpuscout::cli
