#include "catalog/gpu_memory.h"

#include <cmath>

namespace gpuscout {

namespace {

// A figure within this share of the datasheet's or the usable one names the
// whole GPU (22.35 against 24 is 7% below); a slice is half or less.
constexpr double kSameGpu = 0.10;

bool NamesWholeGpu(double figure, const GpuSpec& spec) {
  for (const auto& ref : {spec.memory_gb, spec.usable_memory_gib}) {
    if (ref && std::abs(figure - *ref) <= kSameGpu * *ref) return true;
  }
  return false;
}

}  // namespace

void UnifyGpuMemory(std::vector<Offer>& offers, const GpuTable& gpus) {
  for (auto& o : offers) {
    if (o.gpu_count < 1 || !o.gpu_mem_gib) continue;
    const GpuSpec* spec = gpus.Find(o.gpu);
    if (!spec || !spec->usable_memory_gib || !NamesWholeGpu(*o.gpu_mem_gib, *spec)) continue;
    o.gpu_mem_gib = spec->usable_memory_gib;
  }
}

}  // namespace gpuscout
