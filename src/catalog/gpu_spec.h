// The GPU spec table (data/gpus.csv) and name resolution: one canonical name
// per GPU model and memory size, with the aliases clouds and users write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

struct GpuSpec {
  std::string name;    // canonical: V100-32GB, A100-80GB-PCIe, H100, T4 ...
  std::string family;  // A100, H100, V100 ...: what a bare "A100" matches
  std::vector<std::string> aliases;
  std::string vendor;
  std::string architecture;
  std::string compute_capability;  // "8.0"; empty when unpublished (AMD, some SKUs)
  std::optional<double> memory_gb;
  std::string memory_type;
  std::optional<double> memory_bandwidth_gbps;
  std::optional<double> fp32_tflops;
  std::optional<double> tf32_tflops;
  std::optional<double> fp16_tflops;
  std::optional<double> bf16_tflops;
  std::optional<double> int8_tops;
  std::optional<double> tdp_w;
  std::string interconnect;
  std::optional<int> pcie_gen;
  std::string form_factor;
  std::string source;  // IDs from data/SOURCES.md; CATALOG-MEM = memory only, from offers
  std::string notes;
  // Typed facts (data/SOURCES.md, "GPU facts"), read by the estimators instead
  // of parsing the free text above.
  std::string generation;               // volta, turing, ampere, ada, hopper, blackwell, cdna3 ...
  std::optional<double> gpu_link_gbps;  // GPU-to-GPU fabric inside a node (NVLink), GB/s both directions; none: PCIe
  std::optional<int> gpu_link_gpus;     // GPUs that fabric joins when not a whole node (2 for a bridge)
  bool fp8 = false;                     // 8-bit floating-point tensor rate (Ada, Hopper, Blackwell, CDNA 3)
  bool graphics = false;                // sold for graphics and visualisation (display pipeline, video encoder)
  // What CUDA can allocate where it is less than memory_gb (ECC's share of
  // GDDR6, a decimal capacity): GiB. Every whole-GPU offer carries it.
  std::optional<double> usable_memory_gib;

  // The memory a job can fill, GiB: usable_memory_gib, else memory_gb.
  std::optional<double> UsableMemoryGib() const { return usable_memory_gib ? usable_memory_gib : memory_gb; }

  bool IsPcieVariant() const;
};

// False for NVIDIA cards before Volta except the P100: no tensor cores and
// FP16 at a fraction of the FP32 rate, so 16-bit work runs at the FP32 rate.
bool HasFast16Bit(const GpuSpec& spec);

// The figures an estimate needs that `spec` lacks, by their gpus.csv column:
// memory, bandwidth and FP32 always; a 16-bit rate on GPUs built with one
// (tensor cores from Volta, matrix or packed-math units on AMD). Empty: the
// GPU's speed is known. `gpus --missing` lists offer GPUs where it is not.
std::vector<std::string_view> MissingFigures(const GpuSpec& spec);

// A name seen in a price source that is an accelerator but not a GPU.
struct Exclusion {
  std::string name_prefix;  // compact key prefix
  std::string kind;         // TPU, ASIC, FPGA ...
  std::string reason;
};

// What a source's accelerator name resolves to.
struct Resolution {
  const GpuSpec* spec = nullptr;       // set when it is a known GPU
  const Exclusion* excluded = nullptr;  // set when it is a known non-GPU accelerator
};

class GpuTable {
 public:
  static Result<GpuTable> Parse(std::string_view gpus_csv, const std::string& gpus_file,
                                std::string_view exclusions_csv, const std::string& excl_file);

  const std::vector<GpuSpec>& specs() const { return specs_; }
  const GpuSpec* Find(std::string_view canonical) const;  // exact canonical name

  // Resolves a source's GPU name. `memory_gib` (per GPU, when the source says)
  // picks the memory size within a family; `pcie` says the source marks the
  // offer as a PCIe card. Neither set: the first spec row the name matches.
  Resolution ResolveSource(std::string_view raw, std::optional<double> memory_gib,
                           bool pcie) const;

  // Resolves the name a driver reports ("NVIDIA H100 80GB HBM3", "Tesla
  // V100-SXM2-16GB", "NVIDIA A100-SXM4-80GB") by the longest family name it
  // starts with, then memory and form. nullptr when no family matches.
  const GpuSpec* ResolveDeviceName(std::string_view name, std::optional<double> memory_gib) const;

  // Resolves what a user typed: a canonical name (case-insensitive), an alias,
  // or a family ("A100" = every A100). Error with "did you mean" otherwise.
  Result<std::vector<const GpuSpec*>> MatchUser(std::string_view query) const;

 private:
  // Each spec's names reduced by GpuKey once at Parse, index-aligned with specs_.
  struct Keys {
    std::string name;
    std::string family;
    std::vector<std::string> aliases;
  };

  std::vector<GpuSpec> specs_;
  std::vector<Keys> keys_;
  std::vector<Exclusion> exclusions_;
};

// The key both sides of a name comparison are reduced to: lower-case letters
// and digits, with vendor words (nvidia, tesla, amd ...) and "(...)" removed.
std::string GpuKey(std::string_view name);

}  // namespace gpuscout
