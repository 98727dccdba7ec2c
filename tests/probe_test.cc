// The probe against described machines (a fake System) and a fake CUDA driver
// and NVML (tests/fake_driver/, built as shared libraries and loaded with dlopen).
#include "probe/probe.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "catalog/embedded.h"
#include "compat/cuda_compat.h"
#include "probe/machine.h"
#include "probe/pci.h"
#include "test_support.h"

namespace gpuscout::probe {
namespace {

class FakeSystem final : public System {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> links;
  std::optional<std::array<uint32_t, 4>> leaf1, leaf_hv;

  std::optional<std::string> ReadFile(const std::string& p) const override {
    auto it = files.find(p);
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::vector<std::string> ListDir(const std::string& path) const override {
    std::set<std::string> names;
    std::string dir = path;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    const std::string prefix = dir + "/";
    for (const auto* m : {&files, &links}) {
      for (const auto& [p, v] : *m) {
        if (p.rfind(prefix, 0) != 0) continue;
        names.insert(p.substr(prefix.size(), p.find('/', prefix.size()) - prefix.size()));
      }
    }
    return {names.begin(), names.end()};
  }
  std::optional<std::string> ReadLink(const std::string& p) const override {
    auto it = links.find(p);
    if (it == links.end()) return std::nullopt;
    return it->second;
  }
  bool Exists(const std::string& p) const override {
    return files.count(p) || links.count(p) || !ListDir(p).empty();
  }
  std::optional<std::array<uint32_t, 4>> Cpuid(uint32_t leaf) const override {
    return leaf == 1 ? leaf1 : leaf == 0x40000000 ? leaf_hv : std::nullopt;
  }
};

uint32_t Chars(const char* four) {
  uint32_t r = 0;
  for (int i = 0; i < 4 && four[i]; ++i) r |= static_cast<uint32_t>(static_cast<unsigned char>(four[i])) << (8 * i);
  return r;
}

// A two-vCPU KVM guest on EC2 with no GPU: the machine gpuscout's CI runs on, roughly.
FakeSystem CpuOnlyEc2() {
  FakeSystem s;
  s.files["/proc/cpuinfo"] =
      "processor\t: 0\nmodel name\t: AMD EPYC 9R14\nphysical id\t: 0\ncore id\t: 0\n\n"
      "processor\t: 1\nmodel name\t: AMD EPYC 9R14\nphysical id\t: 0\ncore id\t: 1\n";
  s.files["/proc/meminfo"] = "MemTotal:       16000000 kB\nMemFree: 1 kB\n";
  s.files["/etc/os-release"] = "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
  s.files["/proc/sys/kernel/osrelease"] = "6.1.0-18-cloud-amd64\n";
  for (int cpu = 0; cpu < 2; ++cpu) {
    const std::string c = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/cache/";
    s.files[c + "index0/level"] = "1";
    s.files[c + "index0/type"] = "Data";
    s.files[c + "index0/size"] = "32K";
    s.files[c + "index0/shared_cpu_list"] = std::to_string(cpu);
    s.files[c + "index3/level"] = "3";
    s.files[c + "index3/type"] = "Unified";
    s.files[c + "index3/size"] = "32768K";
    s.files[c + "index3/shared_cpu_list"] = "0-1";
  }
  s.files["/sys/class/dmi/id/sys_vendor"] = "Amazon EC2\n";
  s.files["/sys/class/dmi/id/product_name"] = "m7a.large\n";
  s.files["/sys/bus/pci/devices/0000:00:00.0/vendor"] = "0x1d0f";  // Amazon ENA, not a GPU
  s.files["/sys/bus/pci/devices/0000:00:00.0/class"] = "0x020000";
  s.leaf1 = std::array<uint32_t, 4>{0, 0, 1u << 31, 0};
  s.leaf_hv = std::array<uint32_t, 4>{0x40000010, Chars("KVMK"), Chars("VMKV"), Chars("M")};
  return s;
}

void AddT4OnBus(FakeSystem& s, bool driver) {
  const std::string d = "/sys/bus/pci/devices/0000:17:00.0/";
  s.files[d + "vendor"] = "0x10de";
  s.files[d + "device"] = "0x1eb8";
  s.files[d + "class"] = "0x030200";
  s.files[d + "current_link_speed"] = "8.0 GT/s PCIe";
  s.files[d + "max_link_speed"] = "8.0 GT/s PCIe";
  s.files[d + "current_link_width"] = "16";
  s.files[d + "max_link_width"] = "16";
  if (driver) {
    s.links[d + "driver"] = "../../../bus/pci/drivers/nvidia";
    s.files["/proc/driver/nvidia/version"] =
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC 2024\n";
    s.files["/dev/nvidia0"] = "";
    s.files["/dev/nvidiactl"] = "";
  }
}

std::vector<CudaRelease> Compat() {
  auto c = ParseCudaCompat(embedded::CudaCompat(), "data/cuda_compat.csv");
  EXPECT_TRUE(c.has_value());
  return *c;
}

ProbeOptions FakeDriverOptions() {
  ProbeOptions o;
  o.cuda_library = FAKE_CUDA_LIBRARY;
  o.nvml_library = FAKE_NVML_LIBRARY;
  o.measure_host = false;
  o.gpu.device_bytes = 8 << 20;
  o.gpu.host_bytes = 4 << 20;
  o.gpu.repeats = 5;
  return o;
}

const Finding* FindingWithId(const ProbeReport& r, const std::string& id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

class ProbeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v : {"FAKE_CUDA_MODE", "FAKE_NVML_MODE", "FAKE_CUDA_D2D_GBPS",
                          "FAKE_CUDA_PCIE_GBPS", "FAKE_NVML_GEN_CURRENT", "FAKE_CUDA_NAME",
                          "FAKE_CUDA_CC_MAJOR", "FAKE_CUDA_CC_MINOR", "FAKE_NVML_DRIVER"}) {
      ::unsetenv(v);
    }
  }
  const Catalog& catalog = testing::RealCatalog();
};

TEST_F(ProbeTest, CpuOnlyVmIsExplainedPlainly) {
  FakeSystem s = CpuOnlyEc2();
  ProbeOptions o;
  o.measure_host = false;
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), o);
  EXPECT_EQ(r.machine.cpu_model, "AMD EPYC 9R14");
  EXPECT_EQ(r.machine.logical_cpus, 2);
  EXPECT_EQ(r.machine.physical_cores, 2);
  EXPECT_NEAR(r.machine.memory_gib, 16000000.0 / 1048576, 1e-9);
  EXPECT_EQ(r.machine.last_level_cache_bytes, 32u << 20);  // one L3 shared by both CPUs
  EXPECT_EQ(r.machine.os, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(r.machine.hypervisor.name, "KVM");
  EXPECT_EQ(r.machine.hypervisor.cloud, "Amazon EC2");
  EXPECT_EQ(r.machine.hypervisor.dmi_product_name, "m7a.large");
  EXPECT_FALSE(r.machine.container);
  EXPECT_TRUE(r.pci_gpus.empty());
  EXPECT_FALSE(r.cuda.loaded);  // no GPU on the bus: the driver libraries are not even tried
  EXPECT_NE(Render(r.summary, Lang::kEn).find("cannot be added"), std::string::npos);
  EXPECT_NE(Render(r.summary, Lang::kEn).find("gpuscout alternatives"), std::string::npos);
  EXPECT_NE(FindingWithId(r, "probe.gpu.none"), nullptr);
}

TEST_F(ProbeTest, OtherHypervisorsAndContainers) {
  FakeSystem s = CpuOnlyEc2();
  s.leaf_hv = std::array<uint32_t, 4>{0, Chars("Micr"), Chars("osof"), Chars("t Hv")};
  s.files["/sys/class/dmi/id/sys_vendor"] = "Alibaba Cloud";
  s.files["/sys/class/dmi/id/product_name"] = "Alibaba Cloud ECS";
  s.files["/proc/1/cgroup"] = "0::/kubepods/besteffort/pod123/abc\n";
  MachineInfo m = ProbeMachine(s);
  EXPECT_EQ(m.hypervisor.name, "Hyper-V");
  EXPECT_EQ(m.hypervisor.cloud, "Alibaba Cloud");
  EXPECT_TRUE(m.container);
  EXPECT_NE(m.container_evidence.find("kubepods"), std::string::npos);
  s.leaf1 = std::array<uint32_t, 4>{0, 0, 0, 0};  // bare metal: no hypervisor bit
  s.files["/sys/class/dmi/id/sys_vendor"] = "Tencent Cloud";
  s.files["/sys/class/dmi/id/product_name"] = "CVM";
  m = ProbeMachine(s);
  EXPECT_EQ(m.hypervisor.name, "none");
  EXPECT_EQ(m.hypervisor.cloud, "Tencent Cloud");
}

TEST_F(ProbeTest, GpuOnTheBusWithoutADriver) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, false);
  ProbeOptions o;
  o.measure_host = false;
  o.cuda_library = "/nonexistent/libcuda.so.1";
  o.nvml_library = "/nonexistent/libnvidia-ml.so.1";
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), o);
  ASSERT_EQ(r.pci_gpus.size(), 1u);
  EXPECT_EQ(r.pci_gpus[0].vendor, "NVIDIA");
  EXPECT_EQ(r.pci_gpus[0].driver, "");
  EXPECT_EQ(r.pci_gpus[0].max.generation, 3);
  EXPECT_FALSE(r.cuda.loaded);
  EXPECT_NE(r.cuda.error.find("cannot load"), std::string::npos);
  EXPECT_NE(FindingWithId(r, "probe.gpu.no-driver"), nullptr);
  EXPECT_NE(Render(r.summary, Lang::kEn).find("no NVIDIA driver"), std::string::npos);
}

TEST_F(ProbeTest, FakeDriverIsMeasuredExactly) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ::setenv("FAKE_CUDA_D2D_GBPS", "300", 1);
  ::setenv("FAKE_CUDA_PCIE_GBPS", "12.5", 1);
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), FakeDriverOptions());
  ASSERT_TRUE(r.cuda.initialised) << r.cuda.error;
  EXPECT_EQ(r.cuda.driver_version, 12040);
  ASSERT_TRUE(r.nvml.initialised) << r.nvml.error;
  EXPECT_EQ(r.nvml.driver_version, "550.54.15");
  ASSERT_EQ(r.gpus.size(), 1u);  // sysfs, CUDA and NVML agree on one GPU at 0000:17:00.0
  const GpuReport& g = r.gpus[0];
  EXPECT_EQ(g.name, "Tesla T4");
  EXPECT_EQ(g.catalog_gpu, "T4");
  EXPECT_EQ(g.compute_capability, 7.5);
  EXPECT_EQ(g.nvlinks_supported, 0);
  EXPECT_TRUE(g.pcie_read_under_load);
  ASSERT_TRUE(g.bandwidth.has_value()) << g.bandwidth_error;
  EXPECT_NEAR(g.bandwidth->device_to_device.gbps, 300, 0.5);
  EXPECT_NEAR(g.bandwidth->host_to_device.gbps, 12.5, 0.05);
  EXPECT_NEAR(g.bandwidth->device_to_host.gbps, 12.5, 0.05);
  EXPECT_TRUE(g.bandwidth->device_to_device.verified);
  EXPECT_TRUE(g.bandwidth->host_to_device.verified);
  EXPECT_TRUE(g.bandwidth->device_to_host.verified);
  EXPECT_EQ(g.spec_bandwidth_gbps, 320);  // the T4's spec row
  EXPECT_NEAR(*g.pcie_link_gbps, 15.75, 0.01);  // gen 3 x16
  EXPECT_EQ(FindingWithId(r, "probe.gpu.memory-bandwidth"), nullptr);  // 94% of spec
  EXPECT_EQ(FindingWithId(r, "probe.gpu.pcie-bandwidth"), nullptr);    // 79% of the link
  // Driver 550.54.15 runs CUDA up to 12.4, and CC 7.5 builds with every toolkit in the data.
  EXPECT_EQ(r.compatibility.driver_runs.back(), "12.4");
  EXPECT_EQ(r.compatibility.usable.back(), "12.4");
  for (const char* id : {"GS006", "GS007", "GS008", "GS009"}) EXPECT_EQ(FindingWithId(r, id), nullptr) << id;
  EXPECT_NE(Render(r.summary, Lang::kEn).find("1 GPU(s) working with driver 550.54.15 (CUDA 12.4)"), std::string::npos);
}

TEST_F(ProbeTest, ShortfallsAreFlagged) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ::setenv("FAKE_CUDA_D2D_GBPS", "200", 1);  // 62% of the T4's 320 GB/s
  ::setenv("FAKE_CUDA_PCIE_GBPS", "5", 1);   // 32% of gen 3 x16
  ::setenv("FAKE_NVML_GEN_CURRENT", "1", 1); // trained at gen 1 under load
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), FakeDriverOptions());
  EXPECT_NE(FindingWithId(r, "probe.gpu.memory-bandwidth"), nullptr);
  EXPECT_NE(FindingWithId(r, "probe.gpu.pcie-bandwidth"), nullptr);
  const Finding* gen = FindingWithId(r, "probe.gpu.pcie-gen");
  ASSERT_NE(gen, nullptr);
  EXPECT_NE(Render(gen->message, Lang::kEn).find("gen 1 while the link supports gen 3 (read under load)"), std::string::npos)
      << Render(gen->message, Lang::kEn);
}

TEST_F(ProbeTest, CorruptCopyIsAnError) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ::setenv("FAKE_CUDA_MODE", "corrupt", 1);
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), FakeDriverOptions());
  ASSERT_TRUE(r.gpus[0].bandwidth.has_value());
  EXPECT_FALSE(r.gpus[0].bandwidth->device_to_device.verified);
  EXPECT_NE(FindingWithId(r, "probe.gpu.copy-wrong"), nullptr);
}

// Each allocation is checked before the next is made: the second one failing
// names itself, not a later step run on a null buffer.
TEST_F(ProbeTest, AFailedAllocationStopsTheMeasurementAndIsNamed) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ::setenv("FAKE_CUDA_MODE", "oom_second", 1);
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), FakeDriverOptions());
  EXPECT_FALSE(r.gpus[0].bandwidth.has_value());
  EXPECT_NE(r.gpus[0].bandwidth_error.find("cuMemAlloc (destination)"), std::string::npos) << r.gpus[0].bandwidth_error;
}

TEST_F(ProbeTest, StubLibraryIsRecognised) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ::setenv("FAKE_CUDA_MODE", "stub", 1);
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), FakeDriverOptions());
  EXPECT_TRUE(r.cuda.loaded);
  EXPECT_FALSE(r.cuda.initialised);
  EXPECT_EQ(r.cuda.init_result, 34);
  EXPECT_NE(r.cuda.error.find("CUDA_ERROR_STUB_LIBRARY (34)"), std::string::npos) << r.cuda.error;
  EXPECT_NE(r.cuda.error.find("stub"), std::string::npos);
  EXPECT_FALSE(r.gpus[0].bandwidth.has_value());
  EXPECT_NE(FindingWithId(r, "probe.cuda.init"), nullptr);
}

TEST_F(ProbeTest, FailedInitialisationIsReported) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ::setenv("FAKE_CUDA_MODE", "init_fail", 1);
  ::setenv("FAKE_NVML_MODE", "init_fail", 1);
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), FakeDriverOptions());
  EXPECT_EQ(r.cuda.init_result, 100);
  EXPECT_NE(r.cuda.error.find("no CUDA device"), std::string::npos);
  EXPECT_TRUE(r.nvml.loaded);
  EXPECT_FALSE(r.nvml.initialised);
  EXPECT_NE(r.nvml.error.find("Driver Not Loaded (9)"), std::string::npos) << r.nvml.error;
  // The sysfs view survives: the GPU is still listed, with its link.
  ASSERT_EQ(r.gpus.size(), 1u);
  EXPECT_EQ(r.gpus[0].pcie_gen_max, 3);
}

TEST_F(ProbeTest, ComparedWithTheCatalogsPromise) {
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  ProbeOptions o = FakeDriverOptions();
  o.vendor = "aws";
  o.instance_type = "g4dn.xlarge";  // 1x T4, 4 vCPUs, 16 GiB
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), o);
  ASSERT_TRUE(r.comparison.has_value());
  std::map<std::string, bool> ok;
  for (const auto& c : r.comparison->checks) ok[c.what] = c.ok;
  EXPECT_TRUE(ok["GPU count"]);
  EXPECT_TRUE(ok["GPU model"]);
  EXPECT_TRUE(ok["GPU memory per GPU (GiB)"]);  // 15 GiB reported for a 16 GiB T4
  EXPECT_FALSE(ok["vCPUs"]);                    // the fake machine has 2, g4dn.xlarge 4
  EXPECT_NE(FindingWithId(r, "probe.offer.shortfall"), nullptr);
  o.instance_type = "no-such-type";
  r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), o);
  EXPECT_NE(FindingWithId(r, "probe.offer.unknown"), nullptr);
}

TEST(Compat, VoltaCannotBuildWithCuda13) {
  auto c = JudgeCompatibility(Compat(), "580.65.06", 7.0);
  EXPECT_EQ(c.can_target.back(), "12.9");
  EXPECT_EQ(c.usable.back(), "12.9");
  EXPECT_EQ(c.driver_runs.back(), "13.0");
}

TEST_F(ProbeTest, TheMachinesStackGoesThroughLintsRules) {
  // CentOS 7 with CUDA 13.0 installed, on a T4 whose driver is 550: lint's
  // GS006 (driver too old for 13.0) and GS008 (CentOS 7 with CUDA 13) apply.
  FakeSystem s = CpuOnlyEc2();
  AddT4OnBus(s, true);
  s.files["/etc/os-release"] = "NAME=\"CentOS Linux\"\nID=\"centos\"\nVERSION_ID=\"7\"\nPRETTY_NAME=\"CentOS Linux 7 (Core)\"\n";
  s.files["/usr/local/cuda/version.json"] = "{\n  \"cuda\" : {\n    \"name\" : \"CUDA SDK\",\n    \"version\" : \"13.0.1\"\n  }\n}\n";
  ProbeOptions o = FakeDriverOptions();
  o.measure_gpu = false;
  ProbeReport r = RunProbe(s, catalog, testing::RealEstimator(), Compat(), o);
  EXPECT_EQ(r.cuda_toolkit, "13.0.1");
  EXPECT_EQ(r.machine.os_id, "centos");
  ASSERT_NE(FindingWithId(r, "GS006"), nullptr);
  EXPECT_NE(Render(FindingWithId(r, "GS006")->message, Lang::kEn).find("550.54.15"), std::string::npos);
  ASSERT_NE(FindingWithId(r, "GS008"), nullptr);
  EXPECT_EQ(FindingWithId(r, "GS008")->severity, "error");
  ASSERT_NE(FindingWithId(r, "GS009"), nullptr);  // CentOS 7's assumed GCC 4.8.5, marked uncited
  EXPECT_NE(Render(FindingWithId(r, "GS009")->message, Lang::kEn).find("uncited"), std::string::npos);
}

TEST(Compat, VersionsCompareNumerically) {
  EXPECT_LT(CompareVersions("525.60.13", "525.125.06"), 0);
  EXPECT_GT(CompareVersions("580", "575.51.03"), 0);
  EXPECT_EQ(CompareVersions("550.54.15", "550.54.15"), 0);
  auto c = JudgeCompatibility(Compat(), "470.42.01", 8.0);
  EXPECT_EQ(c.driver_runs.back(), "11.4");
}

TEST(Pci, GenerationsAndLinkRates) {
  EXPECT_EQ(PcieGeneration("32.0 GT/s PCIe"), 5);
  EXPECT_EQ(PcieGeneration("8 GT/s"), 3);
  EXPECT_EQ(PcieGeneration("2.5 GT/s PCIe"), 1);
  EXPECT_FALSE(PcieGeneration("Unknown").has_value());
  EXPECT_NEAR(PcieLinkGBps(5, 16), 63.015, 0.01);
  EXPECT_NEAR(PcieLinkGBps(4, 16), 31.508, 0.01);
  EXPECT_NEAR(PcieLinkGBps(2, 8), 4.0, 1e-9);
  EXPECT_EQ(ParseCacheSize("32768K"), 32u << 20);
}

TEST(DeviceNames, DriverNamesResolveToCatalogGpus) {
  const auto& g = testing::RealGpus();
  auto name = [&](const char* n, double mem) {
    const GpuSpec* s = g.ResolveDeviceName(n, mem);
    return s ? s->name : std::string("?");
  };
  EXPECT_EQ(name("NVIDIA H100 80GB HBM3", 79.6), "H100");
  EXPECT_EQ(name("NVIDIA H100 PCIe", 79.6), "H100-PCIe");
  EXPECT_EQ(name("NVIDIA H200", 140.4), "H200");
  EXPECT_EQ(name("NVIDIA A100-SXM4-80GB", 79.2), "A100-80GB");
  EXPECT_EQ(name("NVIDIA A100-SXM4-40GB", 39.4), "A100-40GB");
  EXPECT_EQ(name("Tesla V100-SXM2-32GB", 31.7), "V100-32GB");
  EXPECT_EQ(name("NVIDIA A10G", 22.3), "A10G");
  EXPECT_EQ(name("NVIDIA L40S", 44.5), "L40S");
  EXPECT_EQ(name("Tesla T4", 14.6), "T4");
  EXPECT_EQ(name("Matrox G200", 0.01), "?");
}

}  // namespace
}  // namespace gpuscout::probe
