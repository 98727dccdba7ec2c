// One memory figure per GPU model, whichever vendor rents it (issue #20):
// AWS lists an L4 at the 22.35 GiB CUDA can allocate, GCP at the datasheet's
// 24 GB. A memory fit must not pass on one vendor and fail on the other.
#pragma once

#include <vector>

#include "catalog/gpu_spec.h"
#include "catalog/offer.h"

namespace gpuscout {

// Sets gpu_mem_gib to the GPU's usable_memory_gib on every offer of a whole
// GPU (one or more) whose figure is that GPU's, as datasheet or as usable;
// slices (a fraction of a GPU, or a figure well below) keep their own.
void UnifyGpuMemory(std::vector<Offer>& offers, const GpuTable& gpus);

}  // namespace gpuscout
