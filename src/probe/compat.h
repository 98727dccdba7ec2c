// Driver, CUDA and compute capability against the CUDA compatibility data
// (data/cuda_compat.csv: NVIDIA's release-note tables and CMake's per-toolkit
// architecture lists, cited in data/SOURCES.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace gpuscout::probe {

struct CudaRelease {
  std::string version;  // "12.4"; "12.x" for the minor-version-compatibility rows
  bool family = false;  // a "N.x" row
  std::string min_driver;
  double cc_min = 0;
  double cc_max = 0;
  std::string notes;
  std::string source;
};

Result<std::vector<CudaRelease>> ParseCudaCompat(std::string_view text, const std::string& file);

// -1, 0, 1 comparing dotted numeric versions ("550.54.15" vs "525.60.13").
int CompareVersions(const std::string& a, const std::string& b);

struct Finding {
  std::string id;        // probe.gpu.no-driver, probe.compat.cc-too-old ...
  std::string severity;  // error, warning, info
  std::string message;   // with the evidence in numbers
  std::string fix;
};

struct CompatVerdict {
  std::string driver_version;
  std::optional<double> compute_capability;
  std::vector<std::string> driver_runs;  // toolkits whose minimum driver is met
  std::vector<std::string> can_target;   // toolkits that can build for this CC
  std::vector<std::string> usable;       // both
  std::vector<Finding> findings;
};

// Operating systems the data says CUDA releases dropped: RHEL / CentOS 7 is
// in the CUDA 12.4 Linux install guide and gone from 12.6's, and CUDA 13 does
// not support CentOS 7 (data/cuda_compat.csv, sources NV-INSTALL-12.4,
// NV-INSTALL-12.6, PT-114287). Nothing is said of releases the data lacks.
std::optional<Finding> JudgeOperatingSystem(const std::string& os_id, const std::string& version_id,
                                            const std::string& pretty_name);

// `driver_version` empty: no driver; `cc` nullopt: no GPU or unknown.
CompatVerdict JudgeCompatibility(const std::vector<CudaRelease>& releases,
                                 const std::string& driver_version, std::optional<double> cc,
                                 const std::string& gpu_name);

}  // namespace gpuscout::probe
