// Device memory and PCIe bandwidth, measured through the CUDA driver API.
#pragma once

#include <functional>

#include "base/error.h"
#include "probe/cuda_api.h"

namespace gpuscout::probe {

struct CopyMeasurement {
  size_t bytes = 0;        // per copy
  int repeats = 0;
  double median_ms = 0;
  double gbps = 0;         // decimal GB/s; device-to-device counts bytes read plus written
  bool verified = false;   // the destination holds what was copied
};

struct GpuBandwidth {
  CopyMeasurement device_to_device;
  CopyMeasurement host_to_device;  // pinned host memory
  CopyMeasurement device_to_host;  // pinned host memory
};

struct GpuBandwidthOptions {
  size_t device_bytes = 1ull << 30;  // per buffer; capped at an eighth of the GPU's memory
  size_t host_bytes = 256ull << 20;
  int repeats = 20;
  // Called while host-to-device copies are in flight, so the PCIe link can be
  // read under load (links drop to a lower generation when idle).
  std::function<void()> while_busy;
  std::function<void(double)> progress;  // 0..1
};

// Copies timed with CUDA events on the default stream: a warm-up, then
// `repeats` timed copies; the median is reported.
Result<GpuBandwidth> MeasureGpuBandwidth(const CudaApi& cu, int ordinal, uint64_t total_bytes,
                                         const GpuBandwidthOptions& options);

}  // namespace gpuscout::probe
