#include "codec/recommend_json.h"
#include "codec/message_json.h"

#include <fmt/format.h>

namespace gpuscout {

nlohmann::json CandidateToJson(const Candidate& c, Currency currency, Lang lang) {
  return {{"vendor", c.offer->vendor},
          {"instance_type", c.offer->instance_type},
          {"region", c.offer->region},
          {"zone", c.offer->zone.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.offer->zone)},
          {"gpu", c.offer->gpu},
          {"gpu_count", c.offer->gpu_count},
          {"nodes", c.nodes},
          {"purchase", std::string(PurchaseName(c.purchase))},
          {"price_hour", c.purchase == Purchase::kMonthly ? nlohmann::json(nullptr) : nlohmann::json(c.price_hour)},
          {"price_month", c.purchase == Purchase::kMonthly ? nlohmann::json(c.price_hour) : nlohmann::json(nullptr)},
          {"price_assumed", c.rate_assumed},
          {"hours", c.hours},
          {"total_cost", c.total_cost},
          {"currency", std::string(CurrencyCode(currency))},
          {"fits", c.fits},
          {"memory_gib_per_gpu", c.memory_gib},
          {"note", MessageJson(c.note, lang)},
          {"source", c.offer->source}};
}

namespace {

std::string MoneyText(double v, Currency c) { return fmt::format("{:.2f} {}", v, CurrencyCode(c)); }

}  // namespace

std::string RelaxationText(const Relaxation& x, Currency currency, Lang lang) {
  const bool zh = lang == Lang::kZh;
  const Candidate& c = x.candidate;
  if (x.constraint == "deadline" && x.instead_of) {
    const double saved = 100 * (1 - c.total_cost / *x.instead_of);
    return zh ? fmt::format("截止时间放宽到 {:.1f} 小时可省 {:.0f}%（{}，而非 {}）", x.value, saved, MoneyText(c.total_cost, currency),
                            MoneyText(*x.instead_of, currency))
              : fmt::format("a {:.1f} h deadline saves {:.0f}% ({} instead of {})", x.value, saved,
                            MoneyText(c.total_cost, currency), MoneyText(*x.instead_of, currency));
  }
  if (x.constraint == "deadline") {
    return zh ? fmt::format("截止时间放宽到 {:.1f} 小时可选 {} {}，{}", x.value, c.offer->vendor, c.offer->instance_type,
                            MoneyText(c.total_cost, currency))
              : fmt::format("a {:.1f} h deadline allows {} {} for {}", x.value, c.offer->vendor, c.offer->instance_type,
                            MoneyText(c.total_cost, currency));
  }
  if (x.constraint == "budget") {
    return zh ? fmt::format("预算提高到 {} 可选 {} {} {}（{:.1f} 小时）", MoneyText(x.value, currency), c.offer->vendor,
                            c.offer->instance_type, PurchaseName(c.purchase), c.hours)
              : fmt::format("a budget of {} allows {} {} {} ({:.1f} h)", MoneyText(x.value, currency), c.offer->vendor,
                            c.offer->instance_type, PurchaseName(c.purchase), c.hours);
  }
  return zh ? fmt::format("{} 个节点内放不下：试试 --max-nodes {:g}、--zero 3 或 --task lora/qlora", x.nodes_tried, x.value)
            : fmt::format("nothing fits on {} node(s): try --max-nodes {:g}, --zero 3, or --task lora/qlora", x.nodes_tried,
                          x.value);
}

nlohmann::json RecommendationToJson(const Recommendation& r, Currency currency, Lang lang) {
  nlohmann::json j;
  j["candidates"] = nlohmann::json::array();
  for (const auto& c : r.candidates) j["candidates"].push_back(CandidateToJson(c, currency, lang));
  j["pareto"] = nlohmann::json::array();
  for (const auto& c : r.pareto) j["pareto"].push_back(CandidateToJson(c, currency, lang));
  j["rejected"] = r.rejected;
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
  return j;
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
