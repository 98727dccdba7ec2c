#include "codec/alternatives_json.h"

namespace gpuscout {

nlohmann::json AlternativesToJson(const AlternativesAnswer& a, Currency currency) {
  nlohmann::json j;
  j["cpu_gflops"] = a.cpu_gflops;
  j["cpu_bandwidth_gbps"] = a.cpu_bandwidth_gbps;
  j["cpu_measured"] = a.cpu_measured;
  j["recommendation"] = a.recommendation;
  j["options"] = nlohmann::json::array();
  for (const auto& o : a.options) {
    nlohmann::json x = {{"name", o.name},
                        {"applicable", o.applicable},
                        {"fits", o.fits},
                        {"offer", o.offer.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.offer)},
                        {"why", o.why.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.why)},
                        {"assumptions", o.assumptions}};
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
