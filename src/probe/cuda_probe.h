// What the CUDA driver says: whether it initialises, its version, the devices.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "probe/cuda_api.h"

namespace gpuscout::probe {

struct CudaDevice {
  int ordinal = 0;
  std::string name;
  uint64_t total_bytes = 0;
  int cc_major = 0;
  int cc_minor = 0;
  int multiprocessors = 0;
  std::string pci_address;  // 0000:17:00.0, to match sysfs and NVML
};

struct CudaStatus {
  std::string library;
  bool loaded = false;       // the library opened and has every symbol
  bool initialised = false;  // cuInit(0) succeeded
  int init_result = 0;
  std::string error;         // why not, in words, with the CUresult
  int driver_version = 0;    // cuDriverGetVersion: 12040 = the driver runs CUDA <= 12.4
  std::vector<CudaDevice> devices;
};

// Loads `library`, initialises it and lists its devices. Never fails: what
// went wrong is in the status.
CudaStatus ProbeCuda(const std::string& library, std::shared_ptr<const CudaApi>* api_out);

// "12.4" from 12040.
std::string CudaVersionText(int version);

}  // namespace gpuscout::probe
