// Rendering answers as an aligned text table or CSV.
#pragma once

#include "base/i18n.h"
#include "catalog/freshness.h"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace gpuscout::cli {

struct TextTable {
  std::vector<std::string> keys;     // machine names: CSV header
  std::vector<std::string> headers;  // shown in the text table (translated)
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;  // per column; numbers right-aligned

  void PrintText(std::ostream& out) const;
  void PrintCsv(std::ostream& out) const;
};

// A progress bar for a terminal: "\r[#####...............] label"; and the
// line that wipes it.
std::string ProgressLine(double fraction, std::string_view label);
std::string ClearProgressLine();

// Columns a terminal needs for a UTF-8 string (CJK characters take two).
size_t DisplayWidth(const std::string& s);

// Per vendor, how old the prices an answer used are; then one warning line
// naming the vendors whose prices are stale.
void PrintPriceAges(std::ostream& out, const std::vector<PriceAge>& ages, int max_days, Lang lang);

// "1.234" with up to `digits` decimals, trailing zeros removed; "-" when missing.
std::string Fixed(double v, int digits);
// A region as a table shows it: in Chinese output, the vendor's own name
// beside the ID where data/region_names.csv has one ("华北2（北京） cn-beijing").
std::string RegionCell(const std::string& vendor, const std::string& region, Lang lang);

}  // namespace gpuscout::cli
