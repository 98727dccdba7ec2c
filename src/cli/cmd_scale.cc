// gpuscout scale simulate | tune: an autoscaling policy replayed on a load
// trace, and its parameters searched for the cheapest setting within the SLO.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <ostream>
#include <sstream>
#include <thread>

#include "codec/json_text.h"
#include "autoscale/fleet.h"
#include "autoscale/synthetic.h"
#include "autoscale/tune.h"
#include "base/atomic_file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/scale_json.h"
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
    GS_TRY(t, ReadFile(a.fleet));
    in.fleet_text = std::move(t);
    in.fleet_name = a.fleet;
  }
  if (!a.trace.empty()) {
    GS_TRY(t, ReadFile(a.trace));
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
    GS_CHECK(WriteFileAtomic(a.timeline, csv));
  }
  const int code = r.slo_met ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  const std::string cur(CurrencyCode(l.currency));
  if (l.format == OutputFormat::kJson) {
    *ctx.out << JsonText(SimResultToJson(r, l.fleet, l.currency, l.options.slo_underprovisioned), 2) << "\n";
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
    t.PrintCsv(*ctx.out);
    return code;
  }
  *ctx.out << fmt::format("{} to {} ({:.1f} days, {} points from {}), tick {} s\n\n", FormatUtc(r.start), FormatUtc(r.end),
                          static_cast<double>(r.end - r.start) / 86400.0, l.trace.points.size(), l.trace.file, r.tick_s);
  t.PrintText(*ctx.out);
  const double saved = r.static_cost > 0 ? 1 - r.total_cost / r.static_cost : 0;
  *ctx.out << fmt::format("\nautoscaled: {:.2f} {} ({:.3f} {} per million requests served); static fleet for the peak: "
                          "{:.2f} {} ({:+.0f}%)\n",
                          r.total_cost, cur, r.CostPerMillion(), cur, r.static_cost, cur, -100 * saved);
  *ctx.out << fmt::format("SLO: at most {} of the time short of capacity in each pool: {}\n",
                          Pct(l.options.slo_underprovisioned), r.slo_met ? "met" : "MISSED");
  if (!a.timeline.empty()) *ctx.out << fmt::format("timeline: {} rows in {}\n", r.timeline.size(), a.timeline);
  *ctx.out << "\nSHORT: share of time demand exceeded ready capacity; UNSERVED: requests beyond capacity and the queue "
              "bound (queue_s); STATIC: nodes for the peak, always on.\n";
  for (const auto& s : l.fleet.assumptions) *ctx.out << "- " << s << "\n";
  return code;
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
  const bool all = std::all_of(results->begin(), results->end(), [](const TuneResult& t) { return t.found; });
  const int code = all ? 0 : static_cast<int>(ExitCode::kAnsweredNo);
  if (l.format == OutputFormat::kJson) {
    *ctx.out << JsonText(TuneResultsToJson(*results, l.currency, l.options.slo_underprovisioned), 2) << "\n";
    return code;
  }
  const std::string cur(CurrencyCode(l.currency));
  for (const auto& t : *results) {
    *ctx.out << fmt::format("{}: {} settings tried, {} within the SLO ({} of the time short)\n", t.pool, t.tried, t.met,
                            Pct(l.options.slo_underprovisioned));
    *ctx.out << fmt::format("  as written: {:.2f} {}, {} short\n", t.original.cost, cur, Pct(t.original.UnderprovisionedShare()));
    if (!t.found) {
      *ctx.out << "  no setting meets the SLO: raise max_nodes, shorten boot_s, or loosen --slo\n";
      continue;
    }
    *ctx.out << fmt::format("  best: {:.2f} {} ({:+.1f}%), {} short, peak {} nodes\n", t.result.cost, cur,
                            t.original.cost > 0 ? 100 * (t.result.cost / t.original.cost - 1) : 0,
                            Pct(t.result.UnderprovisionedShare()), t.result.peak_nodes);
    *ctx.out << "  " << (t.changes.empty() ? "no change" : Join(t.changes, "; ")) << "\n";
    *ctx.out << "  policy: " << JsonText(PolicyToJson(t.best.policy)) << ", min_nodes " << t.best.min_nodes << "\n";
  }
  return code;
}

void AddShared(CLI::App* sub, ScaleArgs& a) {
  sub->add_option("--fleet", a.fleet, "Fleet file (YAML; docs/scale.md)");
  sub->add_option("--trace", a.trace, "Load trace CSV: timestamp, rps or utilization (overrides the fleet's)");
  sub->add_option("--example", a.example, "A seeded synthetic trace: diurnal, spiky or weekly (no files needed)");
  sub->add_option("--slo", a.slo, "Largest share of time a pool may be short of capacity (default 0.1%)");
  sub->add_option("--tick", a.tick_s, "Simulation step, seconds (default: the shortest policy period, at most 60)");
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
  out.emplace_back(tune, [&ctx, tun] { return RunTune(ctx, *tun); });
}

}  // namespace gpuscout::cli
