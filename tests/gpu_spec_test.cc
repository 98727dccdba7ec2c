#include "catalog/gpu_spec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/csv.h"

#include "source_files.h"

namespace gpuscout {
namespace {

using testing::RealGpus;

std::string Resolve(std::string_view raw, std::optional<double> mem = std::nullopt,
                    bool pcie = false) {
  auto r = RealGpus().ResolveSource(raw, mem, pcie);
  if (r.excluded) return "excluded:" + r.excluded->kind;
  return r.spec ? r.spec->name : "?";
}

TEST(GpuSpec, CanonicalNamesAreUniqueAndFollowThePattern) {
  std::set<std::string> seen;
  for (const auto& s : RealGpus().specs()) {
    EXPECT_TRUE(seen.insert(s.name).second) << s.name;
    EXPECT_EQ(s.name.find(' '), std::string::npos) << s.name;
    EXPECT_FALSE(s.family.empty()) << s.name;
    EXPECT_FALSE(s.source.empty()) << s.name;
  }
  for (const char* n : {"V100-16GB", "V100-32GB", "T4", "A10", "A10G", "L4", "L40S", "A100-40GB",
                        "A100-80GB", "A100-40GB-PCIe", "A100-80GB-PCIe", "H100", "H100-PCIe",
                        "H200", "RTX-A6000", "RTX-6000-Ada", "MI300X"}) {
    EXPECT_NE(RealGpus().Find(n), nullptr) << n;
  }
}

TEST(GpuSpec, FiguresMatchThePublishedSpecTable) {
  // Spot checks against ../shared/data/gpus.csv (NVIDIA datasheet figures).
  const GpuSpec* a100 = RealGpus().Find("A100-80GB");
  ASSERT_NE(a100, nullptr);
  EXPECT_EQ(a100->memory_gb, 80);
  EXPECT_EQ(a100->memory_bandwidth_gbps, 2039);
  EXPECT_EQ(a100->bf16_tflops, 312);
  EXPECT_EQ(a100->compute_capability, "8.0");
  const GpuSpec* h100 = RealGpus().Find("H100");
  EXPECT_EQ(h100->fp16_tflops, 989);
  EXPECT_EQ(h100->pcie_gen, 5);
  // The A10G is AWS's variant: Baseten's table, not the A10's datasheet.
  EXPECT_EQ(RealGpus().Find("A10G")->fp16_tflops, 70);
  EXPECT_EQ(RealGpus().Find("A10")->fp16_tflops, 125);
  // H100 NVL is its own card, not the SXM module.
  EXPECT_EQ(RealGpus().Find("H100-NVL")->memory_gb, 94);
  EXPECT_EQ(RealGpus().Find("H100-NVL")->memory_bandwidth_gbps, 3900);
}

TEST(GpuSpec, SourceNamesResolveByMemoryAndForm) {
  EXPECT_EQ(Resolve("A100", 40), "A100-40GB");     // AWS p4d
  EXPECT_EQ(Resolve("A100", 80), "A100-80GB");     // AWS p4de (SkyPilot says just "A100")
  EXPECT_EQ(Resolve("A100"), "A100-40GB");         // SkyPilot's A100 means 40 GB
  EXPECT_EQ(Resolve("A100-80GB"), "A100-80GB");
  EXPECT_EQ(Resolve("A100", 80, true), "A100-80GB-PCIe");  // Cudo a100-pci, RunPod "A100 PCIe"
  EXPECT_EQ(Resolve("NVIDIA A100-NVLINK-40G", 40), "A100-40GB");  // Tencent GT4
  EXPECT_EQ(Resolve("Tesla V100-NVLINK-32G", 32), "V100-32GB");   // Tencent GN10X
  EXPECT_EQ(Resolve("V100", 32), "V100-32GB");
  EXPECT_EQ(Resolve("V100", 16), "V100-16GB");
  EXPECT_EQ(Resolve("Tesla T4 (1/4 vGPU)"), "T4");
  EXPECT_EQ(Resolve("T4g"), "T4");  // AWS g5g
  EXPECT_EQ(Resolve("H100-MEGA"), "H100");
  EXPECT_EQ(Resolve("H100", 80, true), "H100-PCIe");
  EXPECT_EQ(Resolve("A6000"), "RTX-A6000");
  EXPECT_EQ(Resolve("NVIDIA A10G"), "A10G");
  EXPECT_EQ(Resolve("A10", 2), "A10");  // an Alibaba vGPU slice keeps the card's name
  EXPECT_EQ(Resolve("NVIDIA RTX PRO 6000 Blackwell"), "RTX-PRO-6000");
}

TEST(GpuSpec, NonGpuAcceleratorsAreExcludedNotUnknown) {
  EXPECT_EQ(Resolve("tpu-v5p-8"), "excluded:TPU");
  EXPECT_EQ(Resolve("Inferentia2"), "excluded:ASIC");
  EXPECT_EQ(Resolve("AWS Trainium"), "excluded:ASIC");
  EXPECT_EQ(Resolve("Virtex UltraScale (VU9P)"), "excluded:FPGA");
  EXPECT_EQ(Resolve("Quantum Flux 9000"), "?");
}

TEST(GpuSpec, UserNamesMatchCaseInsensitivelyAndFamiliesMatchAllSizes) {
  auto one = RealGpus().MatchUser("a100-80gb");
  ASSERT_TRUE(one.has_value());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0]->name, "A100-80GB");
  auto family = RealGpus().MatchUser("A100");
  ASSERT_TRUE(family.has_value());
  std::set<std::string> names;
  for (auto* s : *family) names.insert(s->name);
  EXPECT_EQ(names, (std::set<std::string>{"A100-40GB", "A100-80GB", "A100-40GB-PCIe",
                                          "A100-80GB-PCIe"}));
  auto alias = RealGpus().MatchUser("rtxa6000");
  ASSERT_TRUE(alias.has_value());
  EXPECT_EQ((*alias)[0]->name, "RTX-A6000");
}

// Issue #14: the H100 forms are three cards. SXM names never reach the NVL
// card, the NVL card is a known name, and memory picks it from a bare "H100".
TEST(GpuSpec, H100FormsResolveToTheirOwnCard) {
  auto one = [](std::string_view q) {
    auto m = RealGpus().MatchUser(q);
    return m && m->size() == 1 ? (*m)[0]->name : std::string("?");
  };
  EXPECT_EQ(one("H100 SXM"), "H100");
  EXPECT_EQ(one("H100-SXM"), "H100");
  EXPECT_EQ(one("h100 sxm5"), "H100");
  EXPECT_EQ(one("H100 NVL"), "H100-NVL");
  EXPECT_EQ(one("h100nvl"), "H100-NVL");
  EXPECT_EQ(one("H100 PCIe"), "H100-PCIe");
  EXPECT_EQ(Resolve("H100_NVL", 93.58), "H100-NVL");  // Vast's listing
  EXPECT_EQ(Resolve("H100", 94), "H100-NVL");         // memory decides
  EXPECT_EQ(Resolve("H100", 80), "H100");
  const GpuSpec* driver = RealGpus().ResolveDeviceName("NVIDIA H100 NVL", 93.6);
  ASSERT_NE(driver, nullptr);
  EXPECT_EQ(driver->name, "H100-NVL");
  auto typo = RealGpus().MatchUser("H100 NVLL");
  ASSERT_FALSE(typo.has_value());
  EXPECT_NE(typo.error().message.find("did you mean"), std::string::npos) << typo.error().message;
}

// `gpus --missing` is empty: every GPU an offer names has the figures an
// estimate needs, and the check itself notices a gap.
TEST(GpuSpec, EveryOfferGpuHasItsSpeedFigures) {
  std::set<std::string> offered;
  for (const auto& o : testing::RealCatalog().offers()) offered.insert(o.gpu);
  EXPECT_GE(offered.size(), 40u);
  for (const auto& name : offered) {
    const GpuSpec* s = RealGpus().Find(name);
    ASSERT_NE(s, nullptr) << name;
    EXPECT_TRUE(MissingFigures(*s).empty()) << name;
  }
  GpuSpec gap = *RealGpus().Find("B200");
  gap.memory_bandwidth_gbps.reset();
  gap.fp16_tflops.reset();
  gap.bf16_tflops.reset();
  EXPECT_EQ(MissingFigures(gap), (std::vector<std::string_view>{"memory_bandwidth_gbps", "fp16_tensor_tflops"}));
  GpuSpec p40 = *RealGpus().Find("P40");  // no 16-bit path: FP32 stands in
  EXPECT_FALSE(HasFast16Bit(p40));
  EXPECT_TRUE(MissingFigures(p40).empty());
  EXPECT_TRUE(HasFast16Bit(*RealGpus().Find("P100")));
}

TEST(GpuSpec, UnknownUserNameSuggestsTheClosest) {
  auto r = RealGpus().MatchUser("A100-80G");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ExitCode::kBadInput);
  EXPECT_EQ(r.error().field, "gpu");
  EXPECT_NE(r.error().message.find("did you mean A100-80GB,"), std::string::npos)
      << r.error().message;
}

TEST(GpuSpec, BadSpecTableIsRejectedWithLine) {
  auto t = GpuTable::Parse("name,family,aliases,memory_gb\nX,X,,80\nY,Y,,lots\n", "g.csv",
                           "name_prefix,kind,reason\n", "e.csv");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().Format(), "g.csv:3:6: memory_gb: not a number: 'lots'");
}

// The typed GPU facts (issue #13): complete, and consistent with each other.
TEST(GpuFacts, EveryGpuHasItsTypedFacts) {
  for (const GpuSpec& g : testing::RealGpus().specs()) {
    SCOPED_TRACE(g.name);
    EXPECT_FALSE(g.generation.empty());
    if (g.vendor == "NVIDIA") {
      EXPECT_FALSE(g.compute_capability.empty());  // Kepler to Blackwell
    }
    const bool fp8_generation = g.generation == "ada" || g.generation == "hopper" || g.generation == "blackwell" ||
                                g.generation == "cdna3";
    EXPECT_EQ(g.fp8, fp8_generation);
    if (g.IsPcieVariant()) {
      EXPECT_FALSE(g.gpu_link_gbps.has_value());  // a bridge is not a node's fabric
    }
  }
  EXPECT_EQ(testing::RealGpus().Find("H100")->gpu_link_gbps, 900);
  EXPECT_EQ(testing::RealGpus().Find("B200")->compute_capability, "10.0");
  EXPECT_EQ(testing::RealGpus().Find("K80")->compute_capability, "3.7");
}

// graphics agrees with AWS's own tag: the 'graphics' workload in the GpuInfo
// of every AWS row (an independent source: the vendor's API, via SkyPilot).
TEST(GpuFacts, GraphicsAgreesWithAwsWorkloadTags) {
  size_t checked = 0;
  for (const char* file : {"vms_gpu_extract.csv", "vms_p_family_extract.csv"}) {
    auto table = ParseCsv(testing::SourceText(std::string("data/sources/aws/") + file), file);
    ASSERT_TRUE(table.has_value());
    const size_t name = *table->Find("AcceleratorName"), info = *table->Find("GpuInfo");
    for (const auto& rec : table->rows) {
      const Resolution r = testing::RealGpus().ResolveSource(rec.fields[name].value, std::nullopt, false);
      if (!r.spec) continue;
      const bool tagged = rec.fields[info].value.find("'graphics'") != std::string::npos;
      EXPECT_EQ(r.spec->graphics, tagged) << rec.fields[name].value;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

// Issue #20: AWS listed an L4 at 22.35 GiB and GCP at 24; the catalog keeps
// one figure per GPU (the smaller published one, data/SOURCES.md), so the
// same GPU fits the same job on every vendor. Slices keep their own.
TEST(GpuMemory, OneFigurePerGpuOnEveryVendor) {
  std::map<std::string, std::set<double>> figures;
  for (const auto& o : testing::RealCatalog().offers()) {
    if (o.gpu_count < 1 || !o.gpu_mem_gib) continue;
    figures[o.gpu].insert(*o.gpu_mem_gib);
  }
  for (const auto& [gpu, mems] : figures) {
    if (gpu == "RTX-3060") continue;  // 8 and 12 GB cards under one name: GA106 and GA104 boards, both sold
    EXPECT_EQ(mems.size(), 1u) << gpu << ": " << mems.size() << " figures";
  }
  EXPECT_EQ(figures["L4"], (std::set<double>{22.35}));
  EXPECT_EQ(figures["L40S"], (std::set<double>{44.7}));
  EXPECT_EQ(figures["H100"], (std::set<double>{79.65}));
  EXPECT_EQ(*RealGpus().Find("L4")->UsableMemoryGib(), 22.35);
  EXPECT_EQ(*RealGpus().Find("A100-80GB")->UsableMemoryGib(), 80);  // no smaller figure published
  bool slice = false;
  for (const auto& o : testing::RealCatalog().offers()) {
    slice |= o.gpu == "L4" && o.gpu_count < 1 && o.gpu_mem_gib && *o.gpu_mem_gib < 12;
  }
  EXPECT_TRUE(slice) << "the L4 slices keep their own memory";
}

}  // namespace
}  // namespace gpuscout
