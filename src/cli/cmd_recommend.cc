// gpuscout recommend: which offers to rent, under which purchase option, for
// what total cost and time, and why not the others.
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/embedded.h"
#include "catalog/query.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/workload_options.h"
#include "codec/recommend_json.h"
#include "optimizer/recommend.h"
#include "service/recommend_args.h"

namespace gpuscout::cli {
namespace {

struct CliRecommendArgs {
  RecommendArgs args;
  EstimateRequest workload;
};

std::string LayoutCell(const LayoutChoice& l, Lang lang) {
  const Message text = LayoutText(l);
  return text.empty() ? "-" : Render(text, lang);
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
  const RecommendRequest& r = request;
  GS_TRY(rec, Recommend(*catalog, *estimator, r));
  const int code = rec.candidates.empty() ? static_cast<int>(ExitCode::kAnsweredNo) : 0;
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(RecommendationToJson(rec, r.currency, ctx.language()), 2) << "\n";
    return code;
  }
  const Lang lang = ctx.language();
  TextTable t;
  t.keys = {"rank", "vendor", "instance_type", "region", "gpu", "gpu_count", "nodes", "layout", "purchase", "price", "hours", "total_cost", "currency"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {true, false, false, false, false, true, true, false, false, true, true, true, false};
  const auto& shown = r.objective == Objective::kPareto ? rec.pareto : rec.candidates;
  int rank = 0;
  for (const auto& c : shown) {
    if (rank >= r.top) break;
    t.rows.push_back({std::to_string(++rank), c.offer->vendor, c.offer->instance_type, c.offer->region, c.offer->gpu,
                      Fixed(c.offer->gpu_count, 3), std::to_string(c.nodes), LayoutCell(c.layout, lang),
                      std::string(PurchaseName(c.purchase)),
                      Fixed(c.price_hour, 3) + (c.purchase == Purchase::kMonthly ? "/mo" : "/h") + (c.rate_assumed ? "*" : ""),
                      Fixed(c.hours, 1), Fixed(c.total_cost, 2), std::string(CurrencyCode(r.currency))});
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return code;
  }
  if (t.rows.empty()) {
    *ctx.out << Tr(lang, "nothing_meets") << "\n";
  } else {
    if (r.objective == Objective::kPareto) *ctx.out << Tr(lang, "pareto_front") << "\n";
    t.PrintText(*ctx.out);
    *ctx.out << Tr(lang, "assumed_discount") << "\n";
  }
  *ctx.out << "\n" << Tr(lang, "candidates_priced") << rec.evaluated << "; " << Tr(lang, "rejected");
  for (const auto& [why, n] : rec.rejected) *ctx.out << " " << Tr(lang, "reject:" + why) << " " << n << ";";
  *ctx.out << "\n";
  for (const auto& x : rec.relaxations) *ctx.out << Tr(lang, "relax") << RelaxationText(x, r.currency, lang) << "\n";
  if (!shown.empty() && !shown.front().note.empty()) *ctx.out << "#1: " << Render(shown.front().note, lang) << "\n";
  *ctx.out << "\n" << Tr(lang, "assumptions") << "\n";
  for (const auto& s : rec.assumptions) *ctx.out << "- " << Render(s, lang) << "\n";
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
  sub->add_option("--gpus", a->gpus, "Bare needs: GPUs in total");
  sub->add_option("--hours", a->hours, "Bare needs: job hours (or hours of serving for inference)");
  sub->add_option("--deadline", a->deadline, "Finish within this many hours");
  sub->add_option("--budget", a->budget, "Spend at most this much (in --currency, USD by default)");
  sub->add_option("--vendor", a->vendor, "Comma-separated vendors");
  sub->add_option("--region", a->region, "Regular expression (RE2) on the region name, case-insensitive");
  sub->add_option("--gpu", a->gpu, "Comma-separated GPUs or families to consider");
  sub->add_option("--spot", a->spot,
                  "allow, never or only (default: allow for jobs; never for serving, where allow prices a spare replica)")
      ->check(CLI::IsMember({"allow", "never", "only"}));
  sub->add_option("--purchase", a->purchase, "Comma-separated: on-demand, spot, reserved-1y, reserved-3y, savings-1y, savings-3y, monthly");
  sub->add_option("--max-nodes", a->max_nodes, "Most nodes (default 4 for training, else 1)");
  sub->add_option("--objective", a->objective, "cost, time or pareto")->check(CLI::IsMember({"cost", "time", "pareto"}))->capture_default_str();
  sub->add_option("--top", a->top, "Show the best K")->capture_default_str();
  sub->add_option("--interruptions-per-day", a->interruptions, "Spot interruption rate per node (default: 25% a month, inside AWS's top band of >20%)");
  sub->add_option("--checkpoint-minutes", a->checkpoint_minutes, "Checkpoint interval (default: Daly's optimum)");
  sub->add_option("--checkpoint-cost-s", a->checkpoint_cost, "Seconds to write a checkpoint (default 60)");
  sub->add_option("--restart-cost-s", a->restart_cost, "Seconds to boot and reload after an interruption (default 600)");
  sub->add_flag("--no-checkpoint", a->no_checkpoint, "Spot without checkpoints: pay the expected re-runs");
  out.emplace_back(sub, [&ctx, sub, c] { return RunRecommend(ctx, *sub, *c); });
}

}  // namespace gpuscout::cli
