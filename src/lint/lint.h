// gpuscout lint as a library call: a plan in, findings out.
#pragma once

#include <vector>

#include "lint/rule.h"

namespace gpuscout {

// Every rule: id, name, check (the table the CLI lists with --rules).
const std::vector<RuleInfo>& LintRules();

// Resolves the plan's offers against the catalog and estimates the workload
// on each; an unknown offer or a bad workload fails naming the plan's line.
Result<std::vector<ResolvedOffer>> ResolvePlan(const Plan& plan, const Catalog& catalog, const Estimator& estimator);

// The fleet's trace (fleet.trace, relative to the plan's folder); nullopt
// when the plan names none. A bad trace fails naming its file and line.
Result<std::optional<Trace>> LoadFleetTrace(const Plan& plan);

// The plan's `fleet:` read as a one-pool `scale` fleet, priced at the first
// offer's on-demand price; nullopt without a fleet or when it lacks
// max_nodes or a capacity. Bad values fail naming the plan's line and
// `fleet.key` (exit 2).
Result<std::optional<Fleet>> ResolveFleet(const Plan& plan, const Catalog& catalog, const Estimator& estimator,
                                          const std::vector<ResolvedOffer>& offers);

// Runs every rule; findings sorted by line, then rule id.
std::vector<LintFinding> RunLint(const LintContext& ctx);

}  // namespace gpuscout
