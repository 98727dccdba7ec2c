// Facts several rules need, computed one way.
#pragma once

#include <optional>
#include <string>

#include "cost/purchase.h"
#include "lint/rule.h"

namespace gpuscout {

// Nodes of a training job across the plan's offers (0 when not training).
int TrainingNodes(const LintContext& ctx);
// The all-reduce share of step time with `net` between the nodes.
double CommShare(const LintContext& ctx, const ResolvedOffer& r, Network net);

// The data/cuda_compat.csv row for "12.4" (or "12.4.1"); the N.x row when the
// minor release is not listed.
const CudaRelease* Release(const LintContext& ctx, const std::string& cuda);

// Host GCC bounds by CUDA release, from the notes of data/cuda_compat.csv
// (SPACK-CUDA, NV-RN-TABLES): minimum 5 (11.0-11.3), 6 (from 11.4); below
// 10 (11.0), 11.2 (11.4-11.5), 12 (11.6-11.8), 13 (12.0-12.3), 14 (12.4-12.8),
// 15 (12.9), 16 (13.x).
struct GccBounds {
  double min;
  std::optional<double> below;
};
GccBounds Gcc(const std::string& cuda);
double GccNumber(const std::string& gcc);  // "11.4.0" -> 11.4
bool IsEl7(const Plan& p);                 // RHEL or CentOS 7

std::optional<Purchase> PurchaseOf(const ResolvedOffer& r);

// Inference-class GPUs: low-power PCIe cards sold for inference (T4, L4,
// A10/A10G, P4), as their vendor positions them.
bool InferenceClass(const GpuSpec& g);
// Price per PFLOP-hour of 16-bit tensor peak.
std::optional<double> PricePerPflopHour(const Offer& o, const GpuSpec& g);

// The fleet has a requests/s trace to check against.
bool HaveTrace(const LintContext& ctx);

}  // namespace gpuscout
