// Corrections to the GPU a price sheet names for an instance type: a slice
// counted as a whole GPU (Azure NVv4), a card named by its family only (Azure's
// NCads H100 v5 are H100 NVL). data/instance_gpus.csv, one row per type with
// its source (data/SOURCES.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

class GpuTable;

struct InstanceGpu {
  std::string vendor;
  std::vector<std::string> instance_types;
  std::string gpu;      // canonical name in data/gpus.csv
  double gpu_count = 0;  // a fraction for a slice
  double gpu_mem_gib = 0;
  std::string source;
  int line = 0;
};

class InstanceGpus {
 public:
  // Errors name the file, line and column; a GPU not in `gpus` is an error.
  static Result<InstanceGpus> Parse(std::string_view text, const std::string& file, const GpuTable& gpus);

  const InstanceGpu* Find(std::string_view vendor, std::string_view instance_type) const;

 private:
  std::vector<InstanceGpu> rows_;
};

}  // namespace gpuscout
