// Vendors that price by the GPU-hour (OCI, RunPod): a rate per GPU model,
// given to each of the vendor's catalog types of that model as count x rate.
// The GPU model is the catalog's (data/gpus.csv), resolved from the vendor's
// name for it; the types and their hardware are the catalog's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "refresh/vendor_fetch.h"

namespace gpuscout {

struct GpuRate {
  std::vector<const GpuSpec*> gpus;  // the catalog GPUs the vendor's name resolves to (empty: none)
  std::string name;                  // the vendor's name for it, reported when no catalog type has it
  std::string variant;               // a variant the type name carries ("SECURE", "COMMUNITY"); empty: any
  std::optional<double> on_demand;   // per GPU-hour
  std::optional<double> spot;
  std::string where;
};

// One price per catalog (type, region) of `vendor` in the context's regions
// whose GPU is the rate's (and, for a rate with a variant, whose type name
// ends in "_<variant>"). A rate matching no catalog type, or resolving to
// more than one of the vendor's GPUs, is returned under the vendor's name
// (an unknown type when joined).
std::vector<FetchedPrice> PriceByGpu(const std::string& vendor, const std::vector<GpuRate>& rates,
                                     const FetchContext& ctx);

}  // namespace gpuscout
