// The workload options `estimate` and `recommend` share (--task, --model,
// the shape, precision, parallelism, batch, dataset, inference and rendering).
#pragma once

#include <CLI/CLI.hpp>

#include "workload/estimate.h"

namespace gpuscout::cli {

void AddWorkloadOptions(CLI::App& app, EstimateRequest& request);

}  // namespace gpuscout::cli
