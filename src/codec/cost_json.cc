#include "codec/cost_json.h"

#include "codec/recommend_json.h"

#include "codec/catalog_json.h"
#include "codec/message_json.h"

namespace gpuscout {
namespace {

nlohmann::json Opt(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json CostToJson(const CostAnswer& a, Lang lang) {
  const std::string cur(CurrencyCode(a.currency));
  if (!a.regions.empty()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : a.regions) {
      j.push_back({{"region", r.offer->region},
                   {"price_hour", Opt(r.price_hour)},
                   {"vs_cheapest_pct", Opt(r.vs_cheapest_pct)},
                   {"spot_price_hour", Opt(r.spot_price_hour)},
                   {"currency", cur},
                   {"source", r.offer->source}});
    }
    return j;
  }
  nlohmann::json j;
  j["vendor"] = a.offer->vendor;
  j["instance_type"] = a.offer->instance_type;
  j["region"] = a.offer->region;
  j["zone"] = a.offer->zone;
  j["hours_per_month"] = a.args.job_hours ? nlohmann::json(nullptr) : nlohmann::json(a.args.hours_per_month);
  j["months"] = a.args.job_hours ? nlohmann::json(nullptr) : nlohmann::json(a.args.months);
  j["job_hours"] = a.args.job_hours ? nlohmann::json(*a.args.job_hours) : nlohmann::json(nullptr);
  j["source"] = a.offer->source;
  j["price_ages"] = PriceAgesToJson(a.price_ages);
  j["options"] = nlohmann::json::array();
  for (size_t i = 0; i < a.options.size(); ++i) {
    nlohmann::json o = OptionCostToJson(a.options[i], a.currency, lang);
    if (a.options[i].available && i < a.parts.size()) o["cost_split"] = CostPartsJson(a.parts[i]);
    j["options"].push_back(std::move(o));
  }
  j["terms"] = MessagesJson(a.terms, lang);
  j["term_details"] = MessageDetailsJson(a.terms);
  return j;
}

}  // namespace gpuscout
