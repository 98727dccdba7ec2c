#include "history/price_series.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace gpuscout {

std::vector<PriceSeries> GroupSeries(const std::vector<PricePoint>& points) {
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<PricePoint>> by_zone;
  for (const PricePoint& p : points) by_zone[{p.region, p.purchase, p.zone}].push_back(p);
  std::map<std::string, PriceSeries> merged;  // by region, purchase and the points' values
  for (auto& [key, pts] : by_zone) {
    std::string id = std::get<0>(key) + '\x1f' + std::get<1>(key);
    for (const PricePoint& p : pts) id += fmt::format("\x1f{}={}{}", p.as_of, p.price, p.currency);
    PriceSeries& s = merged[id];
    if (s.points.empty()) {
      s.region = std::get<0>(key);
      s.purchase = std::get<1>(key);
      s.points = pts;
    }
    if (!std::get<2>(key).empty()) s.zones.push_back(std::get<2>(key));
  }
  std::vector<PriceSeries> out;
  for (auto& [id, s] : merged) {
    std::vector<double> prices;
    for (const PricePoint& p : s.points) prices.push_back(p.price);
    s.summary = Summarise(prices);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace gpuscout
