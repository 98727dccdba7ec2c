// The CUDA compatibility data (data/cuda_compat.csv)
// (data/cuda_compat.csv: NVIDIA's release-note tables and CMake's per-toolkit
// architecture lists, cited in data/SOURCES.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace gpuscout {

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

struct CompatVerdict {
  std::string driver_version;
  std::optional<double> compute_capability;
  std::vector<std::string> driver_runs;  // toolkits whose minimum driver is met
  std::vector<std::string> can_target;   // toolkits that can build for this CC
  std::vector<std::string> usable;       // both
};

// Which toolkits the driver runs and which can build for the GPU.
// `driver_version` empty: no driver; `cc` nullopt: no GPU or unknown. The
// pitfalls themselves are lint's rules GS006-GS009 (src/lint/rules/).
CompatVerdict JudgeCompatibility(const std::vector<CudaRelease>& releases,
                                 const std::string& driver_version, std::optional<double> cc);

}  // namespace gpuscout
