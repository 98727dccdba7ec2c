#include "probe/compat.h"

#include <fmt/format.h>

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout::probe {

Result<std::vector<CudaRelease>> ParseCudaCompat(std::string_view text, const std::string& file) {
  auto t = ParseCsv(text, file);
  if (!t) return tl::unexpected(t.error());
  if (!t->errors.empty()) return tl::unexpected(t->errors.front());
  const char* names[] = {"cuda_version", "min_linux_driver", "supported_compute_capabilities_min",
                         "supported_compute_capabilities_max", "notes", "source"};
  size_t at[6];
  for (size_t i = 0; i < 6; ++i) {
    auto c = t->Find(names[i]);
    if (!c) return FailAt(file, 1, 1, names[i], "missing column");
    at[i] = *c;
  }
  std::vector<CudaRelease> out;
  for (const auto& rec : t->rows) {
    CsvRow row(*t, rec);
    CudaRelease r;
    const std::string v = rec.fields[at[0]].value;
    r.family = v.find(".x") != std::string::npos;
    r.version = r.family ? v.substr(0, v.find(".x") + 2) : v;
    r.min_driver = rec.fields[at[1]].value;
    auto lo = row.Number(at[2], names[2]);
    auto hi = row.Number(at[3], names[3]);
    if (!lo) return tl::unexpected(lo.error());
    if (!hi) return tl::unexpected(hi.error());
    r.cc_min = *lo;
    r.cc_max = *hi;
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

std::optional<Finding> JudgeOperatingSystem(const std::string& os_id, const std::string& version_id,
                                            const std::string& pretty_name) {
  const bool el = os_id == "centos" || os_id == "rhel" || os_id == "scientific" || os_id == "ol";
  if (!el || !(version_id == "7" || StartsWith(version_id, "7."))) return std::nullopt;
  return Finding{
      "probe.compat.os", "warning",
      pretty_name + ": the CUDA 12.4 Linux install guide still covers RHEL / CentOS 7, the 12.6 "
                    "guide no longer does (12.5 unread), and CUDA 13 does not support CentOS 7; "
                    "the release notes also cap the host GCC by CUDA version",
      "stay on CUDA 12.4 or older with a supported host compiler, or move to an OS the CUDA "
      "release you need supports (Rocky/RHEL 8+, Ubuntu 22.04+)"};
}

CompatVerdict JudgeCompatibility(const std::vector<CudaRelease>& releases,
                                 const std::string& driver, std::optional<double> cc,
                                 const std::string& gpu_name) {
  CompatVerdict v;
  v.driver_version = driver;
  v.compute_capability = cc;
  const CudaRelease* newest = nullptr;
  const CudaRelease* newest_for_cc = nullptr;
  for (const auto& r : releases) {
    if (r.family) continue;
    newest = &r;
    const bool runs = !driver.empty() && CompareVersions(driver, r.min_driver) >= 0;
    const bool targets = cc && *cc >= r.cc_min - 1e-9 && *cc <= r.cc_max + 1e-9;
    if (runs) v.driver_runs.push_back(r.version);
    if (targets) {
      v.can_target.push_back(r.version);
      newest_for_cc = &r;
    }
    if (runs && targets) v.usable.push_back(r.version);
  }
  if (cc && newest && *cc < newest->cc_min) {
    v.findings.push_back(
        {"probe.compat.cc-too-old", "warning",
         fmt::format("{} has compute capability {:.1f}; CUDA {} builds for {:.1f} to {:.1f} only, "
                     "so the newest toolkit that can compile for it is CUDA {}",
                     gpu_name, *cc, newest->version, newest->cc_min, newest->cc_max,
                     newest_for_cc ? newest_for_cc->version : "none in the data"),
         fmt::format("pin CUDA {} (and frameworks built for it), or rent a GPU of compute "
                     "capability {:.1f} or later",
                     newest_for_cc ? newest_for_cc->version : "an older release", newest->cc_min)});
  }
  if (cc && newest && *cc > newest->cc_max) {
    v.findings.push_back({"probe.compat.cc-unknown", "info",
                          fmt::format("compute capability {:.1f} is newer than any toolkit in the "
                                      "data (CUDA {} tops out at {:.1f})",
                                      *cc, newest->version, newest->cc_max),
                          "update data/cuda_compat.csv"});
  }
  if (!driver.empty() && newest && CompareVersions(driver, newest->min_driver) < 0) {
    v.findings.push_back(
        {"probe.compat.driver-behind", "info",
         fmt::format("driver {} runs CUDA toolkits up to {}; CUDA {} needs driver {} or later",
                     driver, v.driver_runs.empty() ? "none in the data" : v.driver_runs.back(),
                     newest->version, newest->min_driver),
         "update the NVIDIA driver if you need a newer CUDA (or use the toolkit your driver runs)"});
  }
  if (!driver.empty() && v.driver_runs.empty()) {
    v.findings.push_back({"probe.compat.driver-too-old", "error",
                          "driver " + driver + " is older than every CUDA 11+ toolkit requires",
                          "install an R450 or later driver"});
  }
  return v;
}

}  // namespace gpuscout::probe
