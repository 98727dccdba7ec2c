// RunPod: its GraphQL API's gpuTypes (secure and community cloud prices per
// GPU-hour, on demand and spot), one POST. Sent with the RUNPOD_API_KEY
// environment variable's key when set; an answer of 401/403 says one is needed.
// Fields (per GPU-hour): https://docs.rs/runpod-sdk/latest/runpod_sdk/model/struct.GpuInfo.html;
// RunPod's REST catalog (/v2/catalog/gpus) asks a bearer key too:
// https://docs.runpod.io/api-reference-v2/catalog/list-gpu-types.md
#pragma once

#include "refresh/per_gpu.h"

namespace gpuscout {

inline constexpr const char* kRunPodBase = "https://api.runpod.io";

// The rates of one answer; malformed JSON, GraphQL errors or a field of the
// wrong type fail with exit 2 naming `url`.
Result<std::vector<GpuRate>> ReadRunPodGpuTypes(const std::string& body, const std::string& url, const GpuTable& gpus);

Result<VendorPrices> FetchRunPod(const FetchContext& ctx);

}  // namespace gpuscout
