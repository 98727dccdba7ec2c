// A price history's points grouped into series: one per region and purchase
// option, zones whose points are the same shown as one series.
#pragma once

#include <string>
#include <vector>

#include "history/price_history.h"

namespace gpuscout {

struct PriceSeries {
  std::string region;
  std::vector<std::string> zones;  // empty: priced per region
  std::string purchase;
  std::vector<PricePoint> points;  // oldest first
  SeriesSummary summary;
};

std::vector<PriceSeries> GroupSeries(const std::vector<PricePoint>& points);

}  // namespace gpuscout
