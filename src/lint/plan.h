// A deployment plan (YAML, docs/plan.md): the workload, the offers chosen,
// the software stack, networking and checkpointing. Every section remembers
// its line, so findings can name it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "workload/estimate.h"
#include "workload/request_yaml.h"

namespace gpuscout {

struct PlanOffer {
  int line = 0;
  std::string vendor;
  std::string instance;
  std::string region;
  int count = 1;  // instances (nodes)
  std::string purchase = "on-demand";
  std::optional<double> hours_per_month;
  std::optional<double> months;
};

struct PlanFleet {
  int line = 0;
  std::optional<int> max_nodes;
  std::optional<double> capacity_rps;  // per node
  std::optional<double> cooldown_s;
  bool has_schedule = false;
  std::string trace;  // CSV of timestamp,rps (the scale format's trace)
  YAML::Node node;    // the whole block: a one-pool `scale` fleet (ResolveFleet reads it)
};

struct Plan {
  std::string file;
  int workload_line = 0;
  std::optional<EstimateRequest> workload;
  FieldMarks workload_marks;  // where each workload key was written
  std::vector<PlanOffer> offers;
  int os_line = 0;
  std::string os_distribution;  // centos, rhel, ubuntu, debian ...
  std::string os_version;
  std::string kernel;
  int driver_line = 0;
  std::string driver;
  int cuda_line = 0;
  std::string cuda;
  int compiler_line = 0;
  std::string gcc;
  std::string framework;
  int network_line = 0;
  std::optional<bool> sriov;
  std::string rdma;  // none, efa, erdma, infiniband
  std::optional<bool> placement_group;
  std::vector<std::string> zones;
  int checkpoint_line = 0;
  std::optional<double> checkpoint_minutes;  // nullopt: not stated; <= 0: none
  bool checkpoint_stated = false;
  std::optional<double> job_hours;
  std::optional<PlanFleet> fleet;
};

// Parses a plan; bad YAML, an unknown key or a bad value fail with file,
// line and column (exit 2).
Result<Plan> ParsePlan(const std::string& text, const std::string& file);

}  // namespace gpuscout
