#include "emit/skypilot.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

// gpuscout's vendor names that are SkyPilot clouds (sky/skylet/constants.py ALL_CLOUDS).
constexpr std::array kClouds = {"aws", "gcp", "azure", "lambda", "oci", "runpod", "vast", "cudo", "fluidstack", "paperspace"};

bool IsCloud(const std::string& vendor) {
  return std::find(kClouds.begin(), kClouds.end(), vendor) != kClouds.end();
}

Doc Resources(const LaunchPlan& p) {
  Doc r;
  r["cloud"] = p.vendor;
  if (!p.region.empty()) r["region"] = p.region;
  r["instance_type"] = p.instance_type;
  r["use_spot"] = p.spot;
  if (p.disk_gb > 0) r["disk_size"] = p.disk_gb;
  return r;
}

Doc Envs(const LaunchPlan& p) {
  Doc e;
  if (!p.model.empty()) e["GPUSCOUT_MODEL"] = p.model;
  if (!p.task.empty()) e["GPUSCOUT_TASK"] = p.task;
  if (!p.gpu.empty()) e["GPUSCOUT_GPU"] = fmt::format("{}:{}", p.gpu, p.gpus_per_node);
  return e;
}

}  // namespace

Result<std::string> SkyPilotTask(const LaunchPlan& p, const std::string& summary) {
  if (!IsCloud(p.vendor)) {
    return tl::unexpected(OptionError("emit", fmt::format("SkyPilot does not launch on {}: its clouds here are {}", p.vendor,
                                                           fmt::join(kClouds, ", "))));
  }
  Doc task;
  task["name"] = p.name;
  task["resources"] = Resources(p);
  task["num_nodes"] = p.nodes;
  const Doc envs = Envs(p);
  if (envs.size() > 0) task["envs"] = envs;
  if (p.service) {
    Doc s;
    s["readiness_probe"] = "/health";
    s["replicas"] = std::max(1, p.replicas);
    task["service"] = s;
  }
  task["run"] = p.service ? "echo 'gpuscout: start the server on the port the service exposes (8080)'\n"
                          : "echo 'gpuscout: put the job here'\n";
  return EmitYaml({summary, "SkyPilot task: sky launch this-file.yaml" + std::string(p.service ? " / sky serve up" : "")},
                  {task});
}

bool LooksLikeSkyPilotTask(const YAML::Node& root) {
  return root.IsMap() && root["resources"] && (root["run"] || root["setup"] || root["num_nodes"] || root["service"]);
}

Result<LaunchPlan> ReadSkyPilotTask(const YAML::Node& root, const std::string& file) {
  LaunchPlan p;
  p.name = ScalarAt(root, {"name"});
  p.vendor = ScalarAt(root, {"resources", "cloud"});
  p.region = ScalarAt(root, {"resources", "region"});
  p.instance_type = ScalarAt(root, {"resources", "instance_type"});
  p.spot = ScalarAt(root, {"resources", "use_spot"}) == "true";
  GS_TRY(disk, IntAt(root, {"resources", "disk_size"}, 0, file));
  GS_TRY(nodes, IntAt(root, {"num_nodes"}, 1, file));
  p.disk_gb = disk;
  p.nodes = nodes;
  p.model = ScalarAt(root, {"envs", "GPUSCOUT_MODEL"});
  p.task = ScalarAt(root, {"envs", "GPUSCOUT_TASK"});
  ReadGpuCount(ScalarAt(root, {"envs", "GPUSCOUT_GPU"}), p);
  p.service = NodeAt(root, {"service"}).IsDefined();
  if (p.service) {
    GS_TRY(replicas, IntAt(root, {"service", "replicas"}, 0, file));
    GS_TRY(min_replicas, IntAt(root, {"service", "replica_policy", "min_replicas"}, replicas, file));
    p.replicas = min_replicas;
  }
  if (p.vendor.empty() || p.instance_type.empty()) {
    return FailAt(file, NodeAt(root, {"resources"}).Mark().line + 1, 1, "resources",
                  "gpuscout reads a task that names resources.cloud and resources.instance_type");
  }
  return p;
}

}  // namespace gpuscout
