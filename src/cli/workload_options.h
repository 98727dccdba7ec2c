// The workload options `estimate` and `recommend` share (--task, --model,
// the shape, precision, parallelism, batch, dataset, inference and rendering).
#pragma once

#include <CLI/CLI.hpp>

#include "workload/estimate.h"

namespace gpuscout::cli {

// Registered from the field table (workload/request_fields.h).
void AddWorkloadOptions(CLI::App& app, EstimateRequest& request);
// estimate's own hardware: --gpu, --offer, --gpus, --nodes.
void AddHardwareOptions(CLI::App& app, EstimateRequest& request);

}  // namespace gpuscout::cli
