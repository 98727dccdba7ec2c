// gpuscout probe as a library call: look at the machine, measure, judge.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "workload/estimate.h"
#include "probe/report.h"
#include "probe/system.h"

namespace gpuscout::probe {

struct ProbeOptions {
  bool measure_gpu = true;
  bool measure_host = true;
  GpuBandwidthOptions gpu;
  HostBandwidthOptions host;
  std::vector<std::string> net_targets;  // host:port
  NetOptions net;
  std::string instance_type;  // compare with this catalog offer ...
  std::string vendor;         // ... of this vendor
  std::string cuda_library;   // default CudaLibraryName()
  std::string nvml_library;   // default NvmlLibraryName()
  std::function<void(const std::string& stage, double fraction)> progress;
};

// `compat` is the CUDA compatibility table; `catalog` gives the GPU specs and
// the offer to compare with. The machine's software stack is checked with
// lint's compatibility rules (GS006-GS009), as a plan stating it would be.
ProbeReport RunProbe(const System& sys, const Catalog& catalog, const Estimator& estimator,
                     const std::vector<CudaRelease>& compat, const ProbeOptions& options);

// The CUDA toolkit installed at /usr/local/cuda ("12.4.1"), or empty.
std::string InstalledCudaToolkit(const System& sys);

// Compares the report with an offer's promises (GPU model and count, GPU
// memory, vCPUs, host memory, memory bandwidth, PCIe link).
Result<Comparison> CompareWithOffer(const ProbeReport& report, const Catalog& catalog,
                                    const std::string& vendor, const std::string& instance_type);

}  // namespace gpuscout::probe
