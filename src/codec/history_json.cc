#include "codec/history_json.h"

namespace gpuscout {
namespace {

nlohmann::json SeriesJson(const PriceSeries& s) {
  nlohmann::json points = nlohmann::json::array();
  for (const PricePoint& p : s.points) {
    points.push_back({{"as_of", p.as_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.as_of)},
                      {"price", p.price},
                      {"origin", p.origin}});
  }
  const SeriesSummary& m = s.summary;
  return {{"region", s.region},
          {"zones", s.zones},
          {"purchase", s.purchase},
          {"currency", s.points.empty() ? "" : s.points.front().currency},
          {"points", points},
          {"min", m.min},
          {"median", m.median},
          {"max", m.max},
          {"change", m.change},
          {"change_pct", m.change_pct ? nlohmann::json(*m.change_pct) : nlohmann::json(nullptr)}};
}

}  // namespace

nlohmann::json PriceHistoryToJson(const std::string& vendor, const std::string& instance_type,
                                  const std::vector<PriceSeries>& series) {
  nlohmann::json j = {{"vendor", vendor}, {"instance_type", instance_type}, {"series", nlohmann::json::array()}};
  for (const PriceSeries& s : series) j["series"].push_back(SeriesJson(s));
  return j;
}

}  // namespace gpuscout
