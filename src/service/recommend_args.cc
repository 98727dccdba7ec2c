#include "service/recommend_args.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "catalog/query.h"

namespace gpuscout {

Result<SpotParams> ReadSpotParams(const std::optional<double>& per_day, const std::optional<double>& minutes,
                                  const std::optional<double>& cost, const std::optional<double>& restart,
                                  bool none) {
  SpotParams p;
  auto bad = [](const char* o, double v) {
    Error e;
    SetOption(e, o);
    e.message = fmt::format("{} is out of range", v);
    return tl::unexpected(e);
  };
  if (per_day) {
    if (!(*per_day > 0 && *per_day <= 1000)) return bad("--interruptions-per-day", *per_day);
    p.interruptions_per_day = *per_day;
  }
  if (minutes) {
    if (!(*minutes > 0 && *minutes < 1e6)) return bad("--checkpoint-minutes", *minutes);
    p.checkpoint_minutes = *minutes;
  }
  if (cost) {
    if (!(*cost >= 0 && *cost < 1e6)) return bad("--checkpoint-cost-s", *cost);
    p.checkpoint_cost_s = *cost;
  }
  if (restart) {
    if (!(*restart >= 0 && *restart < 1e6)) return bad("--restart-cost-s", *restart);
    p.restart_cost_s = *restart;
  }
  if (none) p.checkpoint_minutes = -1;
  return p;
}

Result<RecommendRequest> MakeRecommendRequest(const Catalog& catalog, const RecommendArgs& a, Currency currency,
                                              const ExchangeRate& rate) {
  RecommendRequest r;
  r.workload = a.workload;
  r.gpu_mem_gib = a.gpu_mem;
  r.gpus = a.gpus;
  r.nodes = a.nodes;
  r.hours = a.hours;
  r.deadline_hours = a.deadline;
  r.ttft_ms = a.ttft_ms;
  r.tpot_ms = a.tpot_ms;
  r.budget = a.budget;
  if (!a.vendor.empty()) {
    GS_TRY(v, ParseVendorList(catalog, a.vendor));
    r.vendors = v;
  }
  r.region_regex = a.region;
  for (const auto& name : Split(a.gpu, ',')) {
    if (Trim(name).empty()) continue;
    GS_TRY(g, catalog.gpus().MatchUser(Trim(name)));
    r.gpu_filter.insert(r.gpu_filter.end(), g.begin(), g.end());
  }
  if (!a.spot.empty()) {
    r.spot = a.spot == "never" ? SpotPolicy::kNever : a.spot == "only" ? SpotPolicy::kOnly : SpotPolicy::kAllow;
  }
  for (const auto& name : Split(a.purchase, ',')) {
    if (Trim(name).empty()) continue;
    auto p = ParsePurchase(Trim(name));
    if (!p) {
      Error e;
      SetOption(e, "purchase");
      e.message = "unknown option '" + Trim(name) + "': on-demand, spot, reserved-1y, reserved-3y, savings-1y, savings-3y, monthly";
      return tl::unexpected(e);
    }
    r.purchases.push_back(*p);
  }
  if (a.max_nodes && (*a.max_nodes < 1 || *a.max_nodes > 1024)) {
    return tl::unexpected(OptionError("max_nodes", fmt::format("{} is out of range: expected 1 to 1024", *a.max_nodes)));
  }
  r.max_nodes = a.max_nodes.value_or(0);
  r.objective = a.objective == "time" ? Objective::kTime : a.objective == "pareto" ? Objective::kPareto : Objective::kCost;
  r.top = a.top;
  if (!a.spot.empty() && a.spot != "allow" && a.spot != "never" && a.spot != "only") {
    return tl::unexpected(OptionError("spot", "expected allow, never or only"));
  }
  if (a.objective != "cost" && a.objective != "time" && a.objective != "pareto") {
    return tl::unexpected(OptionError("objective", "expected cost, time or pareto"));
  }
  r.currency = currency;
  r.rate = rate;
  GS_TRY(spot, ReadSpotParams(a.interruptions, a.checkpoint_minutes, a.checkpoint_cost, a.restart_cost, a.no_checkpoint));
  r.spot_params = spot;
  GS_TRY(terms, ReadJobTerms(a.job));
  r.job_terms = std::move(terms);
  return r;
}

}  // namespace gpuscout
