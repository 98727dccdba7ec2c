// The GPU of each instance family, for the vendors whose APIs describe an
// instance type's GPU count but not its model (Tencent's, Alibaba's):
// data/vendor_families.csv, each row citing the vendor's documentation.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "base/error.h"
#include "catalog/gpu_spec.h"

namespace gpuscout {

class VendorFamilies {
 public:
  static Result<VendorFamilies> Parse(std::string_view csv, const std::string& file, const GpuTable& gpus);
  // The embedded table (data/vendor_families.csv), read once.
  static const VendorFamilies& Embedded(const GpuTable& gpus);

  // The GPU of `family` ("PNV4") in `gpus`, or nullptr when the table has no
  // row for it.
  const GpuSpec* GpuOf(const std::string& vendor, const std::string& family, const GpuTable& gpus) const;

 private:
  // GPU names, not pointers: a table outlives the catalog it was checked against.
  std::map<std::pair<std::string, std::string>, std::string> rows_;
};

}  // namespace gpuscout
