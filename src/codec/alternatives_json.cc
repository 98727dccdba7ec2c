#include "codec/alternatives_json.h"
#include "codec/message_json.h"

#include <fmt/format.h>

namespace gpuscout {

std::string RecommendationText(const AlternativesAnswer& a, Currency currency, Lang lang) {
  const bool zh = lang == Lang::kZh;
  if (!a.cheapest) return zh ? "没有满足约束的方案" : "no option meets the constraints";
  const Alternative& p = a.options[*a.cheapest];
  const auto cur = CurrencyCode(currency);
  std::string text = zh ? fmt::format("{}最便宜：{}（{:.1f} {}，{:.0f} ms，每月 {:.0f} {}）", a.within_slo ? "满足延迟目标的方案中" : "",
                                      p.name, p.throughput, p.throughput_unit, p.latency_ms, p.monthly_cost, cur)
                        : fmt::format("cheapest{}: {} ({:.1f} {}, {:.0f} ms, {:.0f} {} a month)",
                                      a.within_slo ? " within the latency objective" : "", p.name, p.throughput,
                                      p.throughput_unit, p.latency_ms, p.monthly_cost, cur);
  if (a.fastest) {
    const Alternative& f = a.options[*a.fastest];
    text += zh ? fmt::format("；最快：{}（{:.1f} {}，每月 {:.0f} {}）", f.name, f.throughput, f.throughput_unit, f.monthly_cost, cur)
               : fmt::format("; fastest: {} ({:.1f} {}, {:.0f} {} a month)", f.name, f.throughput, f.throughput_unit,
                             f.monthly_cost, cur);
  }
  return text;
}

nlohmann::json AlternativesToJson(const AlternativesAnswer& a, Currency currency, Lang lang) {
  nlohmann::json j;
  j["cpu_gflops"] = a.cpu_gflops;
  j["cpu_bandwidth_gbps"] = a.cpu_bandwidth_gbps;
  j["cpu_measured"] = a.cpu_measured;
  j["recommendation"] = RecommendationText(a, currency, Lang::kEn);
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
