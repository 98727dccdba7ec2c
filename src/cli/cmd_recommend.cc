// gpuscout recommend: which offers to rent, under which purchase option, for
// what total cost and time, and why not the others.
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/embedded.h"
#include "catalog/query.h"
// CLI11's header inlines a string move that g++ 12 reports as a null
// dereference (a false positive, as in cmd_completion.cc): silenced for the
// library's headers only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include "cli/commands.h"
#include "cli/workload_options.h"
#pragma GCC diagnostic pop
#include "cli/output.h"
#include "codec/recommend_json.h"
#include "optimizer/recommend.h"
#include "service/emit_plan.h"
#include "service/recommend_args.h"

namespace gpuscout::cli {
namespace {

struct CliRecommendArgs {
  RecommendArgs args;
  EstimateRequest workload;
  std::string emit;  // skypilot, dstack, k8s: the first candidate as that tool's file
};

std::string LayoutCell(const LayoutChoice& l, Lang lang) {
  const Message text = LayoutText(l);
  return text.empty() ? "-" : Render(text, lang);
}

// Hourly rates below 1 with 3 significant digits, the rest with 2 decimals.
std::string Rate(double v) { return v > 0 && v < 1 ? fmt::format("{:.3g}", v) : fmt::format("{:.2f}", v); }

// The text table: one setup cell ("2 nodes x 8 GPUs, TP 8"), markers only
// on the rows they concern.
TextTable ScreenTable(const std::vector<const Candidate*>& rows, Currency currency, Lang lang) {
  TextTable t;
  // Storage, egress and a discount get columns when the total has them.
  bool extras = false;
  for (const Candidate* c : rows) extras |= c->parts.storage > 0 || c->parts.egress > 0 || c->parts.discount > 0;
  t.keys = {"rank", "vendor", "instance_type", "region", "gpu", "setup", "purchase", "price", "per_gpu_hour", "hours", "total_cost", "currency"};
  if (extras) t.keys.insert(t.keys.begin() + 10, {"storage", "egress", "discount"});
  for (const auto& k : t.keys) {
    const bool part = k == "storage" || k == "egress" || k == "discount";
    t.headers.emplace_back(Tr(lang, part ? "cost_h_" + k : k));
  }
  t.right_align.assign(t.keys.size(), false);
  for (size_t i = 7; i + 1 < t.keys.size(); ++i) t.right_align[i] = true;
  t.right_align[0] = true;
  for (const Candidate* c : rows) {
    std::vector<std::string> row = {std::to_string(c->rank), c->offer->vendor, c->offer->instance_type, RegionCell(c->offer->vendor, c->offer->region, lang), c->offer->gpu,
                      Render(SetupMessage(*c), lang), std::string(PurchaseName(c->purchase)),
                      Rate(c->price_hour) + (c->purchase == Purchase::kMonthly ? "/mo" : "/h") + (c->rate_assumed ? "*" : ""),
                      Rate(PricePerGpuHour(*c)), c->time_known ? fmt::format("{:.1f}", c->hours) : "-"};
    if (extras) {
      for (double v : {c->parts.storage, c->parts.egress, c->parts.discount > 0 ? -c->parts.discount : 0.0}) row.push_back(fmt::format("{:.2f}", v));
    }
    row.push_back(fmt::format("{:.2f}", c->total_cost));
    row.emplace_back(CurrencyCode(currency));
    t.rows.push_back(std::move(row));
  }
  return t;
}

// CSV: every number a plain number, the markers as columns of their own.
TextTable CsvTable(const std::vector<Candidate>& rows, Currency currency, Lang lang) {
  TextTable t;
  t.keys = {"rank", "vendor", "instance_type", "region", "gpu", "gpu_count", "nodes", "layout", "purchase", "price",
            "price_unit", "price_assumed", "per_gpu_hour", "hours", "time_estimated", "total_cost", "compute", "interruption",
            "storage", "egress", "discount", "currency"};
  t.headers = t.keys;
  for (const Candidate& c : rows) {
    t.rows.push_back({std::to_string(c.rank), c.offer->vendor, c.offer->instance_type, RegionCell(c.offer->vendor, c.offer->region, lang), c.offer->gpu,
                      fmt::format("{:g}", c.offer->gpu_count), std::to_string(c.nodes), LayoutCell(c.layout, lang),
                      std::string(PurchaseName(c.purchase)), fmt::format("{:.6g}", c.price_hour),
                      c.purchase == Purchase::kMonthly ? "month" : "hour", c.rate_assumed ? "true" : "false",
                      fmt::format("{:.6g}", PricePerGpuHour(c)), fmt::format("{:.6g}", c.hours), c.time_known ? "true" : "false",
                      fmt::format("{:.2f}", c.total_cost), fmt::format("{:.2f}", c.parts.compute),
                      fmt::format("{:.2f}", c.parts.interruption), fmt::format("{:.2f}", c.parts.storage),
                      fmt::format("{:.2f}", c.parts.egress), fmt::format("{:.2f}", c.parts.discount), std::string(CurrencyCode(currency))});
  }
  return t;
}

// LLM serving at a rate: replicas, latency at the rate, cost per hour, month
// and million output tokens.
TextTable ServingTable(const std::vector<const Candidate*>& rows, Currency currency, Lang lang) {
  TextTable t;
  t.keys = {"rank", "vendor", "instance_type", "region", "gpu", "setup", "purchase", "replicas", "ttft_ms", "tpot_ms",
            "price", "per_month", "per_million_tokens", "currency"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {true, false, false, false, false, false, false, true, true, true, true, true, true, false};
  for (const Candidate* c : rows) {
    const double hourly = c->HourlyPrice();
    t.rows.push_back({std::to_string(c->rank), c->offer->vendor, c->offer->instance_type, RegionCell(c->offer->vendor, c->offer->region, lang), c->offer->gpu,
                      Render(SetupMessage(*c), lang), std::string(PurchaseName(c->purchase)), std::to_string(c->replicas),
                      fmt::format("{:.0f}", c->ttft_s * 1e3), fmt::format("{:.1f}", c->tpot_s * 1e3),
                      Rate(hourly) + "/h" + (c->rate_assumed ? "*" : ""), fmt::format("{:.0f}", hourly * kHoursPerMonth),
                      Rate(c->cost_per_million_tokens), std::string(CurrencyCode(currency))});
  }
  return t;
}

void PrintTables(std::ostream& out, const std::vector<Candidate>& shown, Currency currency, Lang lang) {
  if (!shown.empty() && shown.front().replicas > 0) {
    std::vector<const Candidate*> rows;
    for (const Candidate& c : shown) rows.push_back(&c);
    ServingTable(rows, currency, lang).PrintText(out);
    return;
  }
  std::vector<const Candidate*> estimated, apart;
  bool assumed = false;
  for (const Candidate& c : shown) {
    (c.time_known ? estimated : apart).push_back(&c);
    assumed = assumed || c.rate_assumed;
  }
  if (!estimated.empty()) ScreenTable(estimated, currency, lang).PrintText(out);
  if (!apart.empty()) {
    out << "\n" << Tr(lang, "not_estimated") << "\n";
    ScreenTable(apart, currency, lang).PrintText(out);
  }
  if (assumed) out << Tr(lang, "assumed_discount") << "\n";
}

CommandResult RunRecommend(Context& ctx, CLI::App& sub, const CliRecommendArgs& a) {
  GS_TRY(pricing, ctx.GetPricing());
  const OutputFormat format = pricing.format;
  const Catalog* catalog = pricing.catalog;
  const std::optional<Currency> currency = pricing.currency;
  const ExchangeRate rate = pricing.rate;
  GS_TRY(estimator, ctx.GetEstimator());

  RecommendArgs args = a.args;
  if (!a.workload.model.empty() || a.workload.params_b || sub.count("--task") > 0) args.workload = a.workload;
  GS_TRY(request, MakeRecommendRequest(*catalog, args, currency.value_or(Currency::kUSD), rate));
  request.max_price_age_days = ctx.options.max_price_age_days;
  const RecommendRequest& r = request;
  GS_TRY(rec, Recommend(*catalog, *estimator, r));
  const int code = rec.candidates.empty() ? static_cast<int>(ExitCode::kAnsweredNo) : 0;
  if (!a.emit.empty()) {
    if (rec.candidates.empty()) return code;
    GS_TRY(file, EmitRecommendation(a.emit, rec, r));
    *ctx.out << file;
    return 0;
  }
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(RecommendationToJson(rec, r.currency, ctx.language()), 2) << "\n";
    return code;
  }
  const Lang lang = ctx.language();
  std::vector<Candidate> shown = r.objective == Objective::kPareto ? rec.pareto : rec.candidates;
  if (r.objective == Objective::kPareto) {
    if (shown.size() > static_cast<size_t>(r.top)) shown.resize(static_cast<size_t>(r.top));
    for (size_t i = 0; i < shown.size(); ++i) shown[i].rank = static_cast<int>(i) + 1;
  }
  if (format == OutputFormat::kCsv) {
    CsvTable(shown, r.currency, lang).PrintCsv(*ctx.out);
    return code;
  }
  if (shown.empty()) {
    *ctx.out << Tr(lang, "nothing_meets") << "\n";
  } else {
    *ctx.out << Render(VerdictMessage(rec, r.currency), lang) << "\n\n";
    if (r.objective == Objective::kPareto) *ctx.out << Tr(lang, "pareto_front") << "\n";
    PrintTables(*ctx.out, shown, r.currency, lang);
  }
  *ctx.out << "\n" << Tr(lang, "candidates_priced") << rec.evaluated << "; " << Tr(lang, "rejected");
  for (const auto& [why, n] : rec.rejected) *ctx.out << " " << Tr(lang, "reject:" + why) << " " << n << ";";
  *ctx.out << "\n";
  for (const auto& x : rec.relaxations) *ctx.out << Tr(lang, "relax") << RelaxationText(x, r.currency, lang) << "\n";
  if (!shown.empty() && shown.front().note && !shown.front().note->empty()) {
    *ctx.out << "#1: " << Render(*shown.front().note, lang) << "\n";
  }
  *ctx.out << "\n" << Tr(lang, "assumptions") << "\n";
  for (const auto& s : rec.assumptions) *ctx.out << "- " << Render(s, lang) << "\n";
  if (!rec.price_ages.empty()) *ctx.out << "\n";
  PrintPriceAges(*ctx.out, rec.price_ages, r.max_price_age_days, lang);
  return code;
}

}  // namespace

void AddRecommendCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("recommend", "Ranked offers that fit a workload under constraints, every purchase option "
                                              "priced; why the rest were rejected (exit 1 when nothing fits)");
  auto c = std::make_shared<CliRecommendArgs>();
  AddWorkloadOptions(*sub, c->workload);
  RecommendArgs* a = &c->args;
  sub->add_option("--gpu-mem", a->gpu_mem, "Bare needs: memory per GPU, GB");
  sub->add_option("--gpus", a->gpus, "GPUs per node, as in estimate: only nodes with at least N");
  sub->add_option("--nodes", a->nodes, "Exactly N nodes (default: the search tries 1 to --max-nodes; bare needs 1)");
  sub->add_option("--hours", a->hours, "Bare needs: job hours (or hours of serving for inference)");
  sub->add_option("--deadline", a->deadline, "Finish within this many hours");
  sub->add_option("--ttft-ms", a->ttft_ms, "LLM serving at --rps: time to first token at most this, ms");
  sub->add_option("--tpot-ms", a->tpot_ms, "LLM serving at --rps: time per output token at most this, ms");
  sub->add_option("--budget", a->budget, "Spend at most this much (in --currency, USD by default)");
  sub->add_option("--vendor", a->vendor, "Comma-separated vendors");
  sub->add_option("--region", a->region, "Regular expression (RE2) on the region name, case-insensitive");
  sub->add_option("--gpu", a->gpu, "Comma-separated GPUs or families to consider");
  sub->add_option("--spot", a->spot,
                  "allow, never or only (default: allow for jobs; never for serving, where allow prices a spare replica)")
      ->check(CLI::IsMember({"allow", "never", "only"}));
  sub->add_option("--purchase", a->purchase, "Comma-separated: on-demand, spot, reserved-1y, reserved-3y, savings-1y, savings-3y, monthly");
  sub->add_option("--max-nodes", a->max_nodes, "Most nodes the search tries (default 4 for training, and for LLM serving in pipeline stages when a node is too small; else 1)");
  sub->add_option("--objective", a->objective, "cost, time or pareto")->check(CLI::IsMember({"cost", "time", "pareto"}))->capture_default_str();
  sub->add_option("--top", a->top, "Show the best K")->capture_default_str();
  sub->add_option("--emit", c->emit, "Write the first candidate as a SkyPilot task, a dstack configuration or a Kubernetes "
                                     "workload (skypilot, dstack, k8s) instead of the table")
      ->check(CLI::IsMember({"skypilot", "dstack", "k8s"}));
  sub->add_option("--interruptions-per-day", a->interruptions, "Spot interruption rate per node (default: 25% a month, inside AWS's top band of >20%)");
  AddJobTermOptions(sub, a->job);
  sub->add_option("--checkpoint-minutes", a->checkpoint_minutes, "Checkpoint interval (default: Daly's optimum)");
  sub->add_option("--checkpoint-cost-s", a->checkpoint_cost, "Seconds to write a checkpoint (default 60)");
  sub->add_option("--restart-cost-s", a->restart_cost, "Seconds to boot and reload after an interruption (default 600)");
  sub->add_flag("--no-checkpoint", a->no_checkpoint, "Spot without checkpoints: pay the expected re-runs");
  out.emplace_back(sub, [&ctx, sub, c] { return RunRecommend(ctx, *sub, *c); });
}

}  // namespace gpuscout::cli
