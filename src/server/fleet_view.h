// The fleet view (issue #21): the probe reports a team's machines uploaded,
// grouped by vendor and instance type: how many machines reported, how many
// failed a check of their own, the driver and CUDA versions they run, and
// for each promised figure the median and the worst machine's measurement.
// An instance type whose median machine falls short of a promise is flagged.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace gpuscout {

class FleetView {
 public:
  // One stored report (newest first or in any order).
  void Add(const std::string& vendor, const std::string& instance, const nlohmann::json& report);
  // [{vendor, instance_type, reports, failing, drivers {version: n}, cuda {version: n},
  //   checks [{what, promised, median, worst, worst_share, short, reports}], underperforms, short_checks []}]
  nlohmann::json Finish() const;

 private:
  struct Check {
    std::string promised;
    std::vector<std::string> measured;
    int short_count = 0;
  };
  struct Type {
    int reports = 0, failing = 0;
    std::map<std::string, int> drivers, cuda;
    std::map<std::string, Check> checks;
    std::vector<std::string> order;  // checks in the order first seen
  };
  std::map<std::pair<std::string, std::string>, Type> types_;
};

}  // namespace gpuscout
