// `recommend --emit` and `scale tune --emit`: the chosen answer as the file
// a launcher or an autoscaler takes (src/emit/).
#pragma once

#include <string>
#include <vector>

#include "autoscale/fleet.h"
#include "autoscale/tune.h"
#include "base/error.h"
#include "emit/plans.h"
#include "optimizer/recommend.h"

namespace gpuscout {

// skypilot, dstack, k8s: the first candidate; errors name the option `emit`.
Result<std::string> EmitRecommendation(const std::string& format, const Recommendation& rec, const RecommendRequest& r);
// hpa, keda, karpenter: one document per tuned pool.
Result<std::string> EmitTuned(const std::string& format, const std::vector<TuneResult>& results, const Fleet& fleet);

LaunchPlan LaunchPlanOf(const Candidate& c, const RecommendRequest& r);
ScalingPlan ScalingPlanOf(const TuneResult& t, const Offer* offer);

}  // namespace gpuscout
