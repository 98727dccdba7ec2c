#include "refresh/vendor_families.h"

#include "base/csv.h"
#include "base/strings.h"
#include "catalog/embedded.h"

namespace gpuscout {

Result<VendorFamilies> VendorFamilies::Parse(std::string_view csv, const std::string& file, const GpuTable& gpus) {
  GS_TRY(t, ParseCsv(csv, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  const char* need[] = {"vendor", "family", "gpu", "source"};
  size_t at[4];
  for (size_t i = 0; i < 4; ++i) {
    auto c = t.Find(need[i]);
    if (!c) return FailAt(file, 1, 1, need[i], "missing column");
    at[i] = *c;
  }
  VendorFamilies out;
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    const GpuSpec* gpu = gpus.Find(row.Text(at[2]));
    if (!gpu) return tl::unexpected(row.ErrorAt(at[2], "gpu", "unknown GPU '" + row.Text(at[2]) + "' (data/gpus.csv)"));
    if (Trim(row.Text(at[3])).empty()) return tl::unexpected(row.ErrorAt(at[3], "source", "missing: where the mapping comes from"));
    out.rows_[{ToLower(row.Text(at[0])), ToLower(row.Text(at[1]))}] = gpu->name;
  }
  return out;
}

const VendorFamilies& VendorFamilies::Embedded(const GpuTable& gpus) {
  // The table is checked by a test; a broken one maps nothing rather than stopping a refresh.
  static const VendorFamilies table = [&] {
    auto parsed = Parse(embedded::VendorFamilies(), "data/vendor_families.csv", gpus);
    return parsed ? std::move(*parsed) : VendorFamilies{};
  }();
  return table;
}

const GpuSpec* VendorFamilies::GpuOf(const std::string& vendor, const std::string& family, const GpuTable& gpus) const {
  auto it = rows_.find({ToLower(vendor), ToLower(family)});
  return it == rows_.end() ? nullptr : gpus.Find(it->second);
}

}  // namespace gpuscout
