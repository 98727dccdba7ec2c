// The fleet file with `scale tune`'s best settings applied (`tune --write`).
#pragma once

#include <string>
#include <vector>

#include "autoscale/tune.h"
#include "base/error.h"

namespace gpuscout {

// `fleet_text` (the fleet file as given) with each tuned pool's min_nodes
// and full policy (PolicyToJson's keys) written in; a pool-level
// cooldown_s is folded into the policy. Comments are not kept (yaml-cpp
// does not read them). Pools are matched by position. Relative `trace`
// paths, read from `from_dir`, are rewritten to hold from `to_dir`.
Result<std::string> TunedFleetYaml(const std::string& fleet_text, const std::vector<TuneResult>& results,
                                   const std::string& from_dir, const std::string& to_dir);

}  // namespace gpuscout
