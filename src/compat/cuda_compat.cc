#include "compat/cuda_compat.h"

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout {

Result<std::vector<CudaRelease>> ParseCudaCompat(std::string_view text, const std::string& file) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  const char* names[] = {"cuda_version", "min_linux_driver", "supported_compute_capabilities_min",
                         "supported_compute_capabilities_max", "notes", "source"};
  size_t at[6];
  for (size_t i = 0; i < 6; ++i) {
    auto c = t.Find(names[i]);
    if (!c) return FailAt(file, 1, 1, names[i], "missing column");
    at[i] = *c;
  }
  std::vector<CudaRelease> out;
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    CudaRelease r;
    const std::string v = rec.fields[at[0]].value;
    r.family = v.find(".x") != std::string::npos;
    r.version = r.family ? v.substr(0, v.find(".x") + 2) : v;
    r.min_driver = rec.fields[at[1]].value;
    GS_TRY(lo, row.Number(at[2], names[2]));
    GS_TRY(hi, row.Number(at[3], names[3]));
    r.cc_min = lo;
    r.cc_max = hi;
    r.notes = rec.fields[at[4]].value;
    r.source = rec.fields[at[5]].value;
    out.push_back(std::move(r));
  }
  return out;
}

int CompareVersions(const std::string& a, const std::string& b) {
  auto pa = Split(a, '.');
  auto pb = Split(b, '.');
  for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    const double x = i < pa.size() ? ParseDouble(pa[i]).value_or(0) : 0;
    const double y = i < pb.size() ? ParseDouble(pb[i]).value_or(0) : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

CompatVerdict JudgeCompatibility(const std::vector<CudaRelease>& releases, const std::string& driver,
                                 std::optional<double> cc) {
  CompatVerdict v;
  v.driver_version = driver;
  v.compute_capability = cc;
  for (const auto& r : releases) {
    if (r.family) continue;
    const bool runs = !driver.empty() && CompareVersions(driver, r.min_driver) >= 0;
    const bool targets = cc && *cc >= r.cc_min - 1e-9 && *cc <= r.cc_max + 1e-9;
    if (runs) v.driver_runs.push_back(r.version);
    if (targets) v.can_target.push_back(r.version);
    if (runs && targets) v.usable.push_back(r.version);
  }
  return v;
}

}  // namespace gpuscout
