#include "codec/scale_json.h"
#include "codec/message_json.h"

#include <cmath>

namespace gpuscout {
namespace {

std::string_view TypeName(PolicyType t) {
  switch (t) {
    case PolicyType::kThreshold: return "threshold";
    case PolicyType::kTargetTracking: return "target-tracking";
    case PolicyType::kStep: return "step";
    case PolicyType::kRequestRate: return "request-rate";
    case PolicyType::kNone: break;
  }
  return "none";
}

nlohmann::json PoolToJson(const PoolResult& p) {
  return {{"name", p.name},
          {"node_hours", p.node_hours},
          {"spot_node_hours", p.spot_node_hours},
          {"ondemand_node_hours", p.ondemand_node_hours},
          {"cost", p.cost},
          {"requests", p.requests},
          {"unserved", p.unserved},
          {"unserved_share", p.requests > 0 ? p.unserved / p.requests : 0},
          {"underprovisioned_minutes", p.underprovisioned_s / 60},
          {"underprovisioned_share", p.UnderprovisionedShare()},
          {"peak_nodes", p.peak_nodes},
          {"peak_rps", p.peak_rps},
          {"scale_outs", p.scale_outs},
          {"scale_ins", p.scale_ins},
          {"interruptions", p.interruptions},
          {"cost_per_million_requests", p.requests > p.unserved ? p.cost / ((p.requests - p.unserved) / 1e6) : 0}};
}

}  // namespace

namespace {

std::string_view AdjustName(PolicyConfig::Adjust a) {
  switch (a) {
    case PolicyConfig::Adjust::kChangeInCapacity: return "ChangeInCapacity";
    case PolicyConfig::Adjust::kPercentChangeInCapacity: return "PercentChangeInCapacity";
    case PolicyConfig::Adjust::kExactCapacity: return "ExactCapacity";
  }
  return "ChangeInCapacity";
}

// Step adjustments as the fleet file writes them: an infinite bound left out.
nlohmann::json StepsToJson(const std::vector<StepAdjustment>& steps) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& s : steps) {
    nlohmann::json j{{"adjustment", s.adjustment}};
    if (std::isfinite(s.lower)) j["lower"] = s.lower;
    if (std::isfinite(s.upper)) j["upper"] = s.upper;
    a.push_back(j);
  }
  return a;
}

}  // namespace

// Every key the policy's type reads, defaults included, so that a setting
// can be applied from this object alone (the fleet file's `policy:`).
nlohmann::json PolicyToJson(const PolicyConfig& c) {
  nlohmann::json j{{"type", TypeName(c.type)}, {"period_s", c.period_s}};
  switch (c.type) {
    case PolicyType::kThreshold:
      j.update({{"high", c.high}, {"low", c.low}, {"step_out", c.step_out}, {"step_in", c.step_in}, {"cooldown_s", c.cooldown_s},
                {"cooldown_start", c.cooldown_start == PolicyConfig::CooldownStart::kReady ? "ready" : "decision"}});
      break;
    case PolicyType::kTargetTracking:
      j.update({{"target", c.target}, {"tolerance", c.tolerance}, {"scale_down_window_s", c.scale_down_window_s},
                {"scale_up_window_s", c.scale_up_window_s}, {"up_pods", c.up_pods}, {"up_percent", c.up_percent},
                {"up_period_s", c.up_period_s}, {"down_percent", c.down_percent}, {"down_period_s", c.down_period_s},
                {"scale_to_zero", c.scale_to_zero}});
      break;
    case PolicyType::kStep:
      j.update({{"high", c.high}, {"low", c.low}, {"warmup_s", c.warmup_s}, {"adjustment_type", AdjustName(c.adjust)},
                {"min_adjustment_magnitude", c.min_adjustment_magnitude}, {"out_steps", StepsToJson(c.out_steps)},
                {"in_steps", StepsToJson(c.in_steps)}});
      break;
    case PolicyType::kRequestRate:
      j.update({{"target_rps", c.target_rps}, {"upscale_delay_s", c.upscale_delay_s}, {"downscale_delay_s", c.downscale_delay_s},
                {"qps_window_s", c.qps_window_s}});
      break;
    case PolicyType::kNone:
      break;
  }
  return j;
}

nlohmann::json SimResultToJson(const SimResult& r, const Fleet& fleet, Currency currency, double slo, Lang lang) {
  nlohmann::json pools = nlohmann::json::array();
  nlohmann::json statics = nlohmann::json::array();
  for (size_t i = 0; i < r.pools.size(); ++i) {
    nlohmann::json p = PoolToJson(r.pools[i]);
    if (i < fleet.pools.size()) {
      p["offer"] = i < fleet.offers.size() ? fleet.offers[i] : "";
      p["policy"] = PolicyToJson(fleet.pools[i].policy);
      p["min_nodes"] = fleet.pools[i].min_nodes;
      p["max_nodes"] = fleet.pools[i].max_nodes;
      p["capacity_rps"] = fleet.pools[i].capacity_rps;
      p["price_hour"] = fleet.pools[i].price_hour;
    }
    pools.push_back(p);
    statics.push_back({{"name", r.pools[i].name}, {"nodes", r.pools[i].static_nodes}, {"cost", r.pools[i].static_cost}});
  }
  return {{"start", FormatUtc(r.start)},
          {"end", FormatUtc(r.end)},
          {"tick_s", r.tick_s},
          {"currency", std::string(CurrencyCode(currency))},
          {"pools", pools},
          {"total_cost", r.total_cost},
          {"requests", r.requests},
          {"unserved", r.unserved},
          {"cost_per_million_requests", r.CostPerMillion()},
          {"slo", {{"max_underprovisioned_share", slo}, {"met", r.slo_met}}},
          {"static_fleet", {{"total_cost", r.static_cost},
                            {"cost_per_million_requests", r.requests > 0 ? r.static_cost / (r.requests / 1e6) : 0},
                            {"pools", statics}}},
          {"assumptions", MessagesJson(fleet.assumptions, lang)}};
}

nlohmann::json TuneResultsToJson(const std::vector<TuneResult>& results, Currency currency, double slo) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : results) {
    nlohmann::json j{{"pool", t.pool}, {"tried", t.tried}, {"within_slo", t.met}, {"found", t.found},
                     {"original", PoolToJson(t.original)}};
    if (t.found) {
      j["best"] = PoolToJson(t.result);
      j["policy"] = PolicyToJson(t.best.policy);
      j["min_nodes"] = t.best.min_nodes;
      j["changes"] = t.changes;
    }
    a.push_back(j);
  }
  return {{"currency", std::string(CurrencyCode(currency))}, {"slo", {{"max_underprovisioned_share", slo}}}, {"pools", a}};
}

nlohmann::json TimelineToJson(const std::vector<TimelineRow>& timeline) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& t : timeline) rows.push_back({t.t, t.pool, t.demand_rps, t.capacity_rps, t.ready, t.booting, t.desired});
  return {{"columns", {"t", "pool", "demand_rps", "capacity_rps", "ready", "booting", "desired"}}, {"rows", rows}};
}

}  // namespace gpuscout
