// What gpuscout decided, in the shape the launchers and autoscalers take it
// (issue #20): one launch (recommend's chosen candidate) and one scaling
// pool (scale tune's best setting). Each emitter writes one of these as the
// tool's own file and reads it back, so that a round trip can be checked
// and `lint` can read the tools' files.
#pragma once

#include <string>
#include <vector>

#include "autoscale/policy.h"

namespace gpuscout {

struct LaunchPlan {
  std::string name;  // the job or service: a DNS-1123 label
  std::string vendor, region, instance_type, gpu;
  int gpus_per_node = 0;
  int nodes = 1;
  bool spot = false;
  int disk_gb = 0;  // 0: the tool's default
  bool service = false;
  int replicas = 0;  // a service's
  std::string model, task;  // the workload as gpuscout names it (empty: not stated)
  bool operator==(const LaunchPlan&) const = default;
};

// A cron window of a schedule: from `start` to `end` at least `min_nodes`.
struct ScalingWindow {
  std::string start, end;  // five-field cron expressions
  int min_nodes = 0;
  bool operator==(const ScalingWindow&) const = default;
};

struct ScalingPlan {
  std::string name;  // the Deployment it scales
  std::string vendor, region, instance_type;
  int gpus_per_node = 0;
  bool spot = false;
  int min_nodes = 0, max_nodes = 1;
  double capacity_rps = 0;  // one replica's requests/s: the metric's scale
  PolicyConfig policy;      // target-tracking (HPA) settings
  std::string time_zone = "UTC";
  std::vector<ScalingWindow> windows;
};

// A name Kubernetes and the launchers accept: lower case, digits and '-',
// at most 63 characters, starting and ending with a letter or digit.
std::string Dns1123Label(const std::string& text);

// "L40S:1" into the plan's gpu and gpus_per_node; other text leaves them.
void ReadGpuCount(const std::string& text, LaunchPlan& plan);

}  // namespace gpuscout
