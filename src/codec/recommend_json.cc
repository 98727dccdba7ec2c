#include "codec/recommend_json.h"

#include "catalog/suspect.h"
#include "codec/catalog_json.h"
#include "codec/message_json.h"

#include <fmt/format.h>

namespace gpuscout {

nlohmann::json CandidateCore(const Candidate& c, Currency currency, Lang lang);

double PricePerGpuHour(const Candidate& c) {
  const double gpus = c.offer->gpu_count * c.nodes;
  return gpus > 0 ? c.HourlyPrice() / gpus : 0;
}

nlohmann::json CandidateToJson(const Candidate& c, Currency currency, Lang lang) {
  nlohmann::json j = CandidateCore(c, currency, lang);
  if (c.replicas > 0) {
    const double hourly = c.HourlyPrice();
    j["replicas"] = c.replicas;
    j["tp"] = c.layout.tensor_parallel;
    j["pp"] = c.layout.pipeline_parallel;
    j["ttft_ms"] = c.ttft_s * 1e3;
    j["tpot_ms"] = c.tpot_s * 1e3;
    j["latency_s"] = c.latency_s;
    j["cost_per_hour"] = hourly;
    j["cost_per_month"] = hourly * kHoursPerMonth;
    j["cost_per_million_tokens"] = c.cost_per_million_tokens;
  }
  return j;
}

nlohmann::json CandidateCore(const Candidate& c, Currency currency, Lang lang) {
  return {{"vendor", c.offer->vendor},
          {"instance_type", c.offer->instance_type},
          {"region", c.offer->region},
          {"zone", c.offer->zone.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.offer->zone)},
          {"gpu", c.offer->gpu},
          {"gpu_count", c.offer->gpu_count},
          {"marketplace", (c.offer->suspect & kMarketplace) != 0},
          {"nodes", c.nodes},
          {"layout",
           {{"tensor_parallel", c.layout.tensor_parallel},
            {"pipeline_parallel", c.layout.pipeline_parallel},
            {"zero_stage", c.layout.zero_stage},
            {"offload", c.layout.offload ? "cpu" : "none"},
            {"recompute", std::string(RecomputeName(c.layout.recompute))}}},
          {"purchase", std::string(PurchaseName(c.purchase))},
          {"price_hour", c.purchase == Purchase::kMonthly ? nlohmann::json(nullptr) : nlohmann::json(c.price_hour)},
          {"price_month", c.purchase == Purchase::kMonthly ? nlohmann::json(c.price_hour) : nlohmann::json(nullptr)},
          {"price_assumed", c.rate_assumed},
          {"hours", c.hours},
          {"total_cost", c.total_cost},
          {"cost_split", CostPartsJson(c.parts)},
          {"currency", std::string(CurrencyCode(currency))},
          {"fits", c.fits},
          {"rank", c.rank},
          {"time_estimated", c.time_known},
          {"price_per_gpu_hour", PricePerGpuHour(c)},
          {"memory_gib_per_gpu", c.memory_gib},
          {"note", c.note ? MessageJson(*c.note, lang) : nlohmann::json(nullptr)},
          {"source", c.offer->source}};
}

namespace {

Message Money(double v, Currency c) { return Message("money.amount").With("v", v).With("cur", CurrencyCode(c)); }

}  // namespace

Message RelaxationMessage(const Relaxation& x, Currency currency) {
  const Candidate& c = x.candidate;
  if (x.constraint == "deadline" && x.instead_of) {
    return Message("relax.deadline_saves").With("hours", x.value).With("pct", 100 * (1 - c.total_cost / *x.instead_of))
        .With("cost", Money(c.total_cost, currency)).With("instead", Money(*x.instead_of, currency));
  }
  if (x.constraint == "deadline") {
    return Message("relax.deadline_allows").With("hours", x.value).With("vendor", c.offer->vendor)
        .With("type", c.offer->instance_type).With("cost", Money(c.total_cost, currency));
  }
  if (x.constraint == "budget") {
    return Message("relax.budget").With("budget", Money(x.value, currency)).With("vendor", c.offer->vendor)
        .With("type", c.offer->instance_type).With("purchase", PurchaseName(c.purchase)).With("hours", c.hours);
  }
  if (x.constraint == "ttft" || x.constraint == "tpot") {
    return Message("relax." + x.constraint).With("ms", x.value * 1e3);
  }
  return Message("relax.nodes").With("nodes", x.nodes_tried).With("max", x.value);
}

Message SetupMessage(const Candidate& c) {
  const Message layout = LayoutText(c.layout);
  return Message(c.nodes == 1 ? "rec.setup_one_node" : "rec.setup_nodes").With("nodes", c.nodes)
      .With("gpus", c.offer->gpu_count).With("layout", layout.empty() ? Message() : Message("rec.setup_layout").With("layout", layout));
}

Message VerdictMessage(const Recommendation& r, Currency currency) {
  if (r.candidates.empty()) return Message();
  const Candidate& best = r.candidates.front();
  Message also;
  if (best.purchase != Purchase::kOnDemand) {
    for (const Candidate& c : r.candidates) {
      if (c.purchase != Purchase::kOnDemand) continue;
      also = Message("rec.verdict_on_demand").With("cost", Money(c.total_cost, currency))
                 .With("pct", 100 * (c.total_cost / best.total_cost - 1));
      break;
    }
  }
  const Message layout = LayoutText(best.layout);
  if (best.replicas > 0) {
    const double hourly = best.HourlyPrice();
    return Message("rec.verdict_serving").With("nodes", best.nodes).With("type", best.offer->instance_type)
        .With("gpus", best.offer->gpu_count).With("gpu", best.offer->gpu)
        .With("each", best.nodes > 1 ? Message("rec.verdict_each") : Message())
        .With("layout", layout.empty() ? Message() : Message("rec.setup_layout").With("layout", layout))
        .With("purchase", Word("purchase." + std::string(PurchaseName(best.purchase)))).With("vendor", best.offer->vendor)
        .With("region", best.offer->region).With("replicas", best.replicas).With("hour", Money(hourly, currency))
        .With("month", Money(hourly * kHoursPerMonth, currency))
        .With("million", Money(best.cost_per_million_tokens, currency)).With("ttft_ms", best.ttft_s * 1e3)
        .With("tpot_ms", best.tpot_s * 1e3);
  }
  return Message("rec.verdict").With("nodes", best.nodes).With("type", best.offer->instance_type)
      .With("gpus", best.offer->gpu_count).With("gpu", best.offer->gpu)
      .With("each", best.nodes > 1 ? Message("rec.verdict_each") : Message())
      .With("layout", layout.empty() ? Message() : Message("rec.setup_layout").With("layout", layout))
      .With("purchase", Word("purchase." + std::string(PurchaseName(best.purchase)))).With("vendor", best.offer->vendor)
      .With("region", best.offer->region).With("cost", Money(best.total_cost, currency)).With("hours", best.hours)
      .With("also", also);
}

std::string RelaxationText(const Relaxation& x, Currency currency, Lang lang) {
  return Render(RelaxationMessage(x, currency), lang);
}

nlohmann::json RecommendationToJson(const Recommendation& r, Currency currency, Lang lang) {
  nlohmann::json j;
  j["candidates"] = nlohmann::json::array();
  for (const auto& c : r.candidates) j["candidates"].push_back(CandidateToJson(c, currency, lang));
  j["pareto"] = nlohmann::json::array();
  for (const auto& c : r.pareto) j["pareto"].push_back(CandidateToJson(c, currency, lang));
  j["rejected"] = r.rejected;
  j["verdict"] = MessageJson(VerdictMessage(r, currency), lang);
  j["relaxations"] = nlohmann::json::array();
  for (const auto& x : r.relaxations) {
    j["relaxations"].push_back({{"constraint", x.constraint},
                                {"message", RelaxationText(x, currency, Lang::kEn)},
                                {"value", x.value},
                                {"candidate", x.candidate.offer ? CandidateToJson(x.candidate, currency, lang) : nlohmann::json(nullptr)}});
  }
  j["evaluated"] = r.evaluated;
  j["assumptions"] = MessagesJson(r.assumptions, lang);
  j["assumption_details"] = MessageDetailsJson(r.assumptions);
  j["price_ages"] = PriceAgesToJson(r.price_ages);
  return j;
}

nlohmann::json CostPartsJson(const CostParts& p) {
  return {{"compute", p.compute}, {"interruption", p.interruption}, {"storage", p.storage}, {"egress", p.egress},
          {"discount", p.discount}};
}

nlohmann::json OptionCostToJson(const OptionCost& c, Currency currency, Lang lang) {
  nlohmann::json j = {{"purchase", std::string(PurchaseName(c.purchase))},
                      {"available", c.available},
                      {"currency", std::string(CurrencyCode(currency))}};
  if (!c.available) {
    j["why_not"] = std::string(Tr(lang, c.why_not));
    return j;
  }
  j["rate"] = c.rate;
  j["rate_unit"] = c.purchase == Purchase::kMonthly ? "month" : "hour";
  j["rate_assumed"] = c.rate_assumed;
  j["total"] = c.total;
  j["effective_hourly"] = c.effective_hourly;
  j["wall_hours"] = c.wall_hours;
  j["break_even_hours_per_month"] =
      c.break_even_hours_per_month ? nlohmann::json(*c.break_even_hours_per_month) : nlohmann::json(nullptr);
  j["note"] = MessageJson(c.note, lang);
  return j;
}

}  // namespace gpuscout
