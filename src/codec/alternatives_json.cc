#include "codec/alternatives_json.h"
#include "codec/message_json.h"

#include <fmt/format.h>

namespace gpuscout {

Message RecommendationMessage(const AlternativesAnswer& a, Currency currency) {
  if (!a.cheapest) return Message("altrec.none");
  const Alternative& p = a.options[*a.cheapest];
  const std::string cur(CurrencyCode(currency));
  Message m = Message(a.within_slo ? "altrec.cheapest_within_slo" : "altrec.cheapest").With("name", p.name)
                  .With("throughput", p.throughput).With("unit", p.throughput_unit).With("ms", p.latency_ms)
                  .With("monthly", p.monthly_cost).With("cur", cur);
  if (!a.fastest) return m.With("fastest", Message());
  const Alternative& f = a.options[*a.fastest];
  return m.With("fastest", Message("altrec.fastest").With("name", f.name).With("throughput", f.throughput)
                               .With("unit", f.throughput_unit).With("monthly", f.monthly_cost).With("cur", cur));
}

std::string RecommendationText(const AlternativesAnswer& a, Currency currency, Lang lang) {
  return Render(RecommendationMessage(a, currency), lang);
}

nlohmann::json AlternativesToJson(const AlternativesAnswer& a, Currency currency, Lang lang) {
  nlohmann::json j;
  j["cpu_gflops"] = a.cpu_gflops;
  j["cpu_bandwidth_gbps"] = a.cpu_bandwidth_gbps;
  j["cpu_measured"] = a.cpu_measured;
  j["recommendation"] = RecommendationText(a, currency, lang);
  j["options"] = nlohmann::json::array();
  for (const auto& o : a.options) {
    nlohmann::json x = {{"name", o.name},
                        {"applicable", o.applicable},
                        {"fits", o.fits},
                        {"offer", o.offer.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.offer)},
                        {"why", MessageJson(o.why, lang)},
                        {"assumptions", MessagesJson(o.assumptions, lang)},
                        {"assumption_details", MessageDetailsJson(o.assumptions)}};
    if (o.applicable && o.fits) {
      x["latency_ms"] = o.latency_ms;
      x["throughput"] = o.throughput;
      x["throughput_unit"] = o.throughput_unit;
      x["monthly_cost"] = o.monthly_cost;
      x["currency"] = std::string(CurrencyCode(currency));
    }
    j["options"].push_back(x);
  }
  return j;
}

}  // namespace gpuscout
