// GPUs on the PCI bus, read from sysfs: present even when no driver is loaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "probe/system.h"

namespace gpuscout::probe {

struct PciLink {
  std::optional<int> generation;  // from the link speed: 8 GT/s = 3, 16 = 4, 32 = 5
  std::optional<int> width;       // lanes
  double gt_per_s = 0;
};

struct PciGpu {
  std::string address;  // 0000:17:00.0
  std::string vendor;   // NVIDIA, AMD
  std::string vendor_id;  // 0x10de
  std::string device_id;  // 0x2335
  std::string class_id;   // 0x030200
  std::string driver;     // nvidia, amdgpu, vfio-pci ... or empty: no driver bound
  PciLink current;
  PciLink max;
};

std::vector<PciGpu> ProbePciGpus(const System& sys);

// The PCIe generation for a link speed text ("16.0 GT/s PCIe", "8 GT/s").
std::optional<int> PcieGeneration(const std::string& speed, double* gt_per_s = nullptr);

// Usable bandwidth of one direction of a link in GB/s (decimal), after line
// coding: 8b/10b up to gen 2, 128b/130b from gen 3. Gen 5 x16 = 63.0 GB/s.
double PcieLinkGBps(int generation, int width);

// The driver's own version line, /proc/driver/nvidia/version; empty when absent.
struct NvidiaDriverFiles {
  std::string version_line;   // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15 ..."
  std::string version;        // "550.54.15"
  std::vector<std::string> device_nodes;  // /dev/nvidia0, /dev/nvidiactl ...
};
NvidiaDriverFiles ProbeNvidiaDriverFiles(const System& sys);

}  // namespace gpuscout::probe
