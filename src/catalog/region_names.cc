#include "catalog/region_names.h"

#include <map>
#include <utility>

#include "base/csv.h"
#include "catalog/embedded.h"

namespace gpuscout {
namespace {

using Names = std::map<std::pair<std::string, std::string>, std::string>;

// The embedded table; a row it cannot read is skipped (a test checks the file).
Names Load() {
  Names out;
  auto t = ParseCsv(embedded::RegionNames(), "data/region_names.csv");
  if (!t) return out;
  const auto vendor = t->Find("vendor"), region = t->Find("region"), zh = t->Find("name_zh");
  if (!vendor || !region || !zh) return out;
  for (const auto& rec : t->rows) {
    out[{rec.fields[*vendor].value, rec.fields[*region].value}] = rec.fields[*zh].value;
  }
  return out;
}

}  // namespace

const std::string& RegionNameZh(const std::string& vendor, const std::string& region) {
  static const Names names = Load();
  static const std::string none;
  auto it = names.find({vendor, region});
  return it == names.end() ? none : it->second;
}

}  // namespace gpuscout
