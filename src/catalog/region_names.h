// The vendors' own Chinese names of their regions (data/region_names.csv),
// shown beside the region IDs in --lang zh output: 华北2（北京） cn-beijing.
#pragma once

#include <string>

namespace gpuscout {

// The vendor's Chinese name of `region`, or empty when the table has none.
const std::string& RegionNameZh(const std::string& vendor, const std::string& region);

}  // namespace gpuscout
