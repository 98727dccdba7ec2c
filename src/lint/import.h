// Plans written for the tools that run them (issue #20): `gpuscout lint`
// reads a SkyPilot task YAML, or Kubernetes manifests (a Deployment or Job,
// with an HPA for the scaling), as a plan. The instance, region, node count
// and spot come from the file; the model and task from gpuscout's own
// annotations or envs when present; CUDA and the OS from an NVIDIA CUDA
// image's tag; the scaling from the HPA. Findings name the file's lines.
#pragma once

#include <string>

#include "base/error.h"
#include "catalog/catalog.h"
#include "lint/plan.h"

namespace gpuscout {

// A gpuscout plan (docs/plan.md), or a file of another tool as one; errors
// name the file, line and key.
Result<Plan> ReadAnyPlan(const std::string& text, const std::string& file, const Catalog& catalog);

}  // namespace gpuscout
