#include "emit/kubernetes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

constexpr const char* kInstanceLabel = "node.kubernetes.io/instance-type";
constexpr const char* kRegionLabel = "topology.kubernetes.io/region";
constexpr const char* kAppLabel = "app.kubernetes.io/name";

struct SpotLabel {
  const char* vendor;
  const char* key;
  const char* value;
};
// The label each managed Kubernetes puts on its spot nodes: EKS managed node
// groups, GKE, AKS spot node pools.
constexpr SpotLabel kSpotLabels[] = {{"aws", "eks.amazonaws.com/capacityType", "SPOT"},
                                     {"gcp", "cloud.google.com/gke-spot", "true"},
                                     {"azure", "kubernetes.azure.com/scalesetpriority", "spot"}};

Doc Container(const LaunchPlan& p) {
  Doc c;
  c["name"] = p.name;
  c["image"] = "nvcr.io/nvidia/cuda:12.4.1-runtime-ubuntu22.04";
  Doc limits;
  limits["nvidia.com/gpu"] = std::max(1, p.gpus_per_node);
  c["resources"]["limits"] = limits;
  if (p.disk_gb > 0) c["resources"]["requests"]["ephemeral-storage"] = fmt::format("{}G", p.disk_gb);
  if (p.service) {
    Doc port;
    port["containerPort"] = 8000;
    c["ports"].push_back(port);
    c["readinessProbe"]["httpGet"]["path"] = "/health";
    c["readinessProbe"]["httpGet"]["port"] = 8000;
  }
  return c;
}

Doc PodSpec(const LaunchPlan& p) {
  Doc spec;
  spec["nodeSelector"][kInstanceLabel] = p.instance_type;
  if (!p.region.empty()) spec["nodeSelector"][kRegionLabel] = p.region;
  Doc gpu_taint;
  gpu_taint["key"] = "nvidia.com/gpu";
  gpu_taint["operator"] = "Exists";
  gpu_taint["effect"] = "NoSchedule";
  spec["tolerations"].push_back(gpu_taint);
  for (const auto& s : kSpotLabels) {
    if (!p.spot || p.vendor != s.vendor) continue;
    spec["nodeSelector"][s.key] = s.value;
    if (std::string(s.vendor) == "azure") {  // AKS taints its spot nodes
      Doc t;
      t["key"] = s.key;
      t["operator"] = "Equal";
      t["value"] = s.value;
      t["effect"] = "NoSchedule";
      spec["tolerations"].push_back(t);
    }
  }
  if (!p.service) spec["restartPolicy"] = "Never";
  spec["containers"].push_back(Container(p));
  return spec;
}

Doc Metadata(const LaunchPlan& p) {
  Doc m;
  m["name"] = p.name;
  m["labels"][kAppLabel] = p.name;
  m["annotations"]["gpuscout.dev/vendor"] = p.vendor;
  if (!p.gpu.empty()) m["annotations"]["gpuscout.dev/gpu"] = fmt::format("{}:{}", p.gpu, p.gpus_per_node);
  if (!p.model.empty()) m["annotations"]["gpuscout.dev/model"] = p.model;
  if (!p.task.empty()) m["annotations"]["gpuscout.dev/task"] = p.task;
  if (p.disk_gb > 0) m["annotations"]["gpuscout.dev/disk-gb"] = std::to_string(p.disk_gb);
  return m;
}

}  // namespace

Result<std::string> KubernetesWorkload(const LaunchPlan& p, const std::string& summary) {
  if (p.service && p.nodes > 1) {
    return tl::unexpected(OptionError("emit", fmt::format("each replica spans {} nodes (pipeline stages), and a Deployment runs one pod per replica: "
                                                           "emit skypilot (num_nodes per replica), or pick a node that holds the model", p.nodes)));
  }
  Doc doc;
  doc["apiVersion"] = p.service ? "apps/v1" : "batch/v1";
  doc["kind"] = p.service ? "Deployment" : "Job";
  doc["metadata"] = Metadata(p);
  Doc tmpl;
  tmpl["metadata"]["labels"][kAppLabel] = p.name;
  tmpl["spec"] = PodSpec(p);
  if (p.service) {
    doc["spec"]["replicas"] = std::max(1, p.replicas);
    doc["spec"]["selector"]["matchLabels"][kAppLabel] = p.name;
  } else {
    doc["spec"]["completions"] = p.nodes;
    doc["spec"]["parallelism"] = p.nodes;
    doc["spec"]["completionMode"] = "Indexed";
    doc["spec"]["backoffLimit"] = 0;
  }
  doc["spec"]["template"] = tmpl;
  return EmitYaml({summary, "Kubernetes: kubectl apply -f this-file.yaml (nodes of the instance type must join the cluster: "
                            "a node group, or gpuscout scale tune --emit karpenter)"},
                  {doc});
}

bool HasKubernetesWorkload(const std::vector<YAML::Node>& docs) {
  return std::any_of(docs.begin(), docs.end(), [](const YAML::Node& d) {
    const std::string kind = ScalarAt(d, {"kind"});
    return kind == "Deployment" || kind == "Job";
  });
}

Result<LaunchPlan> ReadKubernetesWorkload(const std::vector<YAML::Node>& docs, const std::string& file) {
  for (const YAML::Node& d : docs) {
    const std::string kind = ScalarAt(d, {"kind"});
    if (kind != "Deployment" && kind != "Job") continue;
    LaunchPlan p;
    p.service = kind == "Deployment";
    p.name = ScalarAt(d, {"metadata", "name"});
    GS_TRY(replicas, IntAt(d, {"spec", "replicas"}, 1, file));
    GS_TRY(nodes, IntAt(d, {"spec", "parallelism"}, 1, file));
    p.replicas = p.service ? replicas : 0;
    p.nodes = p.service ? 1 : nodes;
    const YAML::Node spec = NodeAt(d, {"spec", "template", "spec"});
    const YAML::Node selector = NodeAt(spec, {"nodeSelector"});
    p.instance_type = ScalarAt(selector, {kInstanceLabel});
    p.region = ScalarAt(selector, {kRegionLabel});
    p.vendor = ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/vendor"});
    for (const auto& s : kSpotLabels) {
      if (ScalarAt(selector, {s.key}) != s.value) continue;
      p.spot = true;
      if (p.vendor.empty()) p.vendor = s.vendor;
    }
    p.model = ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/model"});
    p.task = ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/task"});
    p.disk_gb = std::atoi(ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/disk-gb"}).c_str());
    ReadGpuCount(ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/gpu"}), p);  // the limits below set the count
    const YAML::Node containers = NodeAt(spec, {"containers"});
    if (containers.IsDefined() && containers.IsSequence() && containers.size() > 0) {
      GS_TRY(gpus, IntAt(containers[0], {"resources", "limits", "nvidia.com/gpu"}, 0, file));
      p.gpus_per_node = gpus;
    }
    if (p.instance_type.empty()) {
      return FailAt(file, d.Mark().line + 1, 1, "nodeSelector",
                    "gpuscout reads a workload pinned to an instance type (nodeSelector " + std::string(kInstanceLabel) + ")");
    }
    return p;
  }
  return FailAt(file, 1, 1, "kind", "no Deployment or Job in the file");
}

}  // namespace gpuscout
