// The workload options `estimate` and `recommend` share (--task, --model,
// the shape, precision, parallelism, batch, dataset, inference and rendering).
#pragma once

#include <CLI/CLI.hpp>

#include "service/job_terms.h"
#include "workload/estimate.h"

namespace gpuscout::cli {

// Registered from the field table (workload/request_fields.h).
void AddWorkloadOptions(CLI::App& app, EstimateRequest& request);
// estimate's own hardware: --gpu, --offer, --gpus, --nodes.
void AddHardwareOptions(CLI::App& app, EstimateRequest& request);
// The whole job's extras `recommend` and `cost` share: --disk-gb, --egress-gb, --discount.
void AddJobTermOptions(CLI::App* app, JobTermArgs& job);

}  // namespace gpuscout::cli
