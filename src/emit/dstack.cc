#include "emit/dstack.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

// gpuscout's vendor names that are dstack backends.
constexpr std::array kBackends = {"aws", "gcp", "azure", "lambda", "oci", "runpod", "vastai", "cudo"};

std::string Backend(const std::string& vendor) { return vendor == "vast" ? "vastai" : vendor; }
std::string Vendor(const std::string& backend) { return backend == "vastai" ? "vast" : backend; }

Doc One(const std::string& value) {
  Doc n = Doc::array();
  n.push_back(value);
  return n;
}

}  // namespace

Result<std::string> DstackConfiguration(const LaunchPlan& p, const std::string& summary) {
  if (p.service && p.nodes > 1) {
    return tl::unexpected(OptionError("emit", fmt::format("each replica spans {} nodes (pipeline stages), and a dstack service runs one node per replica: "
                                                           "emit skypilot (num_nodes per replica), or pick a node that holds the model", p.nodes)));
  }
  const std::string backend = Backend(p.vendor);
  if (std::find(kBackends.begin(), kBackends.end(), backend) == kBackends.end()) {
    return tl::unexpected(OptionError("emit", fmt::format("dstack has no {} backend: its backends here are {}", p.vendor,
                                                           fmt::join(kBackends, ", "))));
  }
  Doc c;
  c["type"] = p.service ? "service" : "task";
  c["name"] = p.name;
  if (!p.service) c["nodes"] = p.nodes;
  if (p.service) {
    c["port"] = 8000;
    c["replicas"] = std::max(1, p.replicas);
  }
  Doc cmds = Doc::array();
  cmds.push_back(p.service ? "echo 'gpuscout: start the server on port 8000'" : "echo 'gpuscout: put the job here'");
  c["commands"] = cmds;
  Doc env;
  if (!p.model.empty()) env["GPUSCOUT_MODEL"] = p.model;
  if (!p.task.empty()) env["GPUSCOUT_TASK"] = p.task;
  if (env.size() > 0) c["env"] = env;
  Doc r;
  if (!p.gpu.empty()) r["gpu"] = fmt::format("{}:{}", p.gpu, p.gpus_per_node);
  if (p.disk_gb > 0) r["disk"] = fmt::format("{}GB", p.disk_gb);
  if (r.size() > 0) c["resources"] = r;
  c["backends"] = One(backend);
  if (!p.region.empty()) c["regions"] = One(p.region);
  c["instance_types"] = One(p.instance_type);
  c["spot_policy"] = p.spot ? "spot" : "on-demand";
  return EmitYaml({summary, "dstack run configuration: dstack apply -f this-file.dstack.yml"}, {c});
}

Result<LaunchPlan> ReadDstackConfiguration(const YAML::Node& root, const std::string& file) {
  LaunchPlan p;
  const std::string type = ScalarAt(root, {"type"});
  if (type != "task" && type != "service") return FailAt(file, 1, 1, "type", "gpuscout reads a dstack task or service");
  p.service = type == "service";
  p.name = ScalarAt(root, {"name"});
  GS_TRY(nodes, IntAt(root, {"nodes"}, 1, file));
  GS_TRY(replicas, IntAt(root, {"replicas"}, 0, file));
  p.nodes = nodes;
  p.replicas = replicas;
  auto first = [&](const char* key) {
    const YAML::Node n = NodeAt(root, {key});
    return n.IsDefined() && n.IsSequence() && n.size() > 0 && n[0].IsScalar() ? n[0].Scalar() : std::string();
  };
  p.vendor = Vendor(first("backends"));
  p.region = first("regions");
  p.instance_type = first("instance_types");
  p.spot = ScalarAt(root, {"spot_policy"}) == "spot";
  p.model = ScalarAt(root, {"env", "GPUSCOUT_MODEL"});
  p.task = ScalarAt(root, {"env", "GPUSCOUT_TASK"});
  ReadGpuCount(ScalarAt(root, {"resources", "gpu"}), p);
  const std::string disk = ScalarAt(root, {"resources", "disk"});
  p.disk_gb = std::atoi(disk.c_str());
  if (p.vendor.empty() || p.instance_type.empty()) {
    return FailAt(file, 1, 1, "instance_types", "gpuscout reads a configuration that names backends and instance_types");
  }
  return p;
}

}  // namespace gpuscout
