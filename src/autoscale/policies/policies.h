// One factory per policy file; MakePolicy (policy.cc) picks among them.
#pragma once

#include <memory>

#include "autoscale/policy.h"

namespace gpuscout {

std::unique_ptr<Policy> MakeThreshold(const PolicyConfig& c);
std::unique_ptr<Policy> MakeTargetTracking(const PolicyConfig& c);
std::unique_ptr<Policy> MakeStep(const PolicyConfig& c);
std::unique_ptr<Policy> MakeRequestRate(const PolicyConfig& c);

}  // namespace gpuscout
