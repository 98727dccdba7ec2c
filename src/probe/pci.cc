#include "probe/pci.h"

#include <cmath>

#include "base/strings.h"

namespace gpuscout::probe {

std::optional<int> PcieGeneration(const std::string& speed, double* gt_per_s) {
  auto words = Split(Trim(speed), ' ');
  if (words.empty()) return std::nullopt;
  auto gt = ParseDouble(words[0]);
  if (!gt) return std::nullopt;
  if (gt_per_s) *gt_per_s = *gt;
  // PCIe 1.0 2.5, 2.0 5, 3.0 8, 4.0 16, 5.0 32, 6.0 64 GT/s.
  const double rates[] = {2.5, 5, 8, 16, 32, 64};
  for (int g = 0; g < 6; ++g) {
    if (std::abs(*gt - rates[g]) < 0.01) return g + 1;
  }
  return std::nullopt;
}

double PcieLinkGBps(int generation, int width) {
  const double rates[] = {2.5, 5, 8, 16, 32, 64};
  if (generation < 1 || generation > 6 || width <= 0) return 0;
  const double gt = rates[generation - 1];
  const double coding = generation <= 2 ? 8.0 / 10.0 : 128.0 / 130.0;
  return gt * coding * width / 8.0;
}

std::vector<PciGpu> ProbePciGpus(const System& sys) {
  std::vector<PciGpu> out;
  const std::string root = "/sys/bus/pci/devices/";
  for (const auto& addr : sys.ListDir(root)) {
    const std::string dir = root + addr + "/";
    const std::string vendor = ToLower(ReadTrimmed(sys, dir + "vendor"));
    if (vendor != "0x10de" && vendor != "0x1002") continue;
    const std::string cls = ToLower(ReadTrimmed(sys, dir + "class"));
    // 0x0300 VGA, 0x0302 3D controller, 0x0380 other display, 0x1200 processing accelerator.
    const std::string base = cls.size() >= 6 ? cls.substr(0, 6) : cls;
    if (base != "0x0300" && base != "0x0302" && base != "0x0380" && base != "0x1200") continue;
    PciGpu g;
    g.address = addr;
    g.vendor_id = vendor;
    g.vendor = vendor == "0x10de" ? "NVIDIA" : "AMD";
    g.device_id = ToLower(ReadTrimmed(sys, dir + "device"));
    g.class_id = cls;
    if (auto link = sys.ReadLink(dir + "driver")) {
      const auto slash = link->rfind('/');
      g.driver = slash == std::string::npos ? *link : link->substr(slash + 1);
    }
    g.current.generation = PcieGeneration(ReadTrimmed(sys, dir + "current_link_speed"),
                                          &g.current.gt_per_s);
    g.max.generation = PcieGeneration(ReadTrimmed(sys, dir + "max_link_speed"), &g.max.gt_per_s);
    if (auto w = ParseDouble(ReadTrimmed(sys, dir + "current_link_width"))) {
      g.current.width = static_cast<int>(*w);
    }
    if (auto w = ParseDouble(ReadTrimmed(sys, dir + "max_link_width"))) {
      g.max.width = static_cast<int>(*w);
    }
    out.push_back(std::move(g));
  }
  return out;
}

NvidiaDriverFiles ProbeNvidiaDriverFiles(const System& sys) {
  NvidiaDriverFiles d;
  if (auto text = sys.ReadFile("/proc/driver/nvidia/version")) {
    d.version_line = Trim(Split(*text, '\n')[0]);
    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 ..."
    for (const auto& w : Split(d.version_line, ' ')) {
      if (w.size() >= 5 && std::isdigit(static_cast<unsigned char>(w[0])) &&
          w.find('.') != std::string::npos) {
        d.version = w;
        break;
      }
    }
  }
  for (const auto& name : sys.ListDir("/dev")) {
    if (StartsWith(name, "nvidia")) d.device_nodes.push_back("/dev/" + name);
  }
  return d;
}

}  // namespace gpuscout::probe
