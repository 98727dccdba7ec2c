#include "history/price_history.h"

#include <algorithm>

#include "base/money.h"
#include "base/statistics.h"

namespace gpuscout {

std::vector<PricePoint> PointsOf(const Offer& o, const std::string& as_of, const std::string& origin) {
  std::vector<PricePoint> out;
  const std::pair<const char*, const std::optional<double>*> prices[] = {
      {"on-demand", &o.price_hour}, {"spot", &o.spot_price_hour}, {"reserved", &o.reserved_hour},
      {"monthly", &o.monthly_price}};
  for (const auto& [purchase, price] : prices) {
    if (!*price) continue;
    out.push_back({o.vendor, o.instance_type, o.region, o.zone, purchase, **price,
                   std::string(CurrencyCode(o.currency)), as_of, origin});
  }
  return out;
}

std::vector<PricePoint> SnapshotPoints(const std::vector<Offer>& snapshot, const std::vector<PriceOrigin>& origins) {
  std::vector<PricePoint> points;
  for (const Offer& o : snapshot) {
    const PriceOrigin* origin = o.price_origin < origins.size() ? &origins[o.price_origin] : nullptr;
    for (PricePoint& p : PointsOf(o, origin ? origin->as_of : "", origin ? "snapshot: " + origin->source : "snapshot")) {
      points.push_back(std::move(p));
    }
  }
  return points;
}

Result<size_t> PriceHistory::Record(const std::vector<Offer>& offers, const std::string& as_of, const std::string& origin) {
  std::vector<PricePoint> points;
  for (const Offer& o : offers) {
    for (PricePoint& p : PointsOf(o, as_of, origin)) points.push_back(std::move(p));
  }
  return Append(points);
}

SeriesSummary Summarise(const std::vector<double>& prices) {
  SeriesSummary s;
  if (prices.empty()) return s;
  const auto [min, max] = std::minmax_element(prices.begin(), prices.end());
  s.min = *min;
  s.max = *max;
  s.median = Median(prices);
  s.first = prices.front();
  s.last = prices.back();
  s.change = s.last - s.first;
  if (s.first > 0) s.change_pct = 100.0 * s.change / s.first;
  return s;
}

}  // namespace gpuscout
