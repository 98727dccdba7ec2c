#include "lint/import.h"

#include <fmt/format.h>

#include <regex>
#include <set>

#include "emit/hpa.h"
#include "emit/kubernetes.h"
#include "emit/skypilot.h"
#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

// What an imported file says, with the line of each part.
struct Imported {
  LaunchPlan launch;
  std::optional<ScalingPlan> scaling;
  std::string image;  // the first container's image
  int offer_line = 1, fleet_line = 1;
};

// The vendor of an instance type the file does not name one for.
Result<std::string> VendorOf(const Imported& in, const Catalog& catalog, const std::string& file) {
  if (!in.launch.vendor.empty()) return in.launch.vendor;
  std::set<std::string> vendors;
  for (const auto& o : catalog.offers()) {
    if (o.instance_type == in.launch.instance_type) vendors.insert(o.vendor);
  }
  if (vendors.size() == 1) return *vendors.begin();
  return FailAt(file, in.offer_line, 1, "nodeSelector",
                vendors.empty() ? "instance type " + in.launch.instance_type + " is in no vendor's catalog"
                                : fmt::format("instance type {} is sold by {}: name the vendor in the annotation gpuscout.dev/vendor",
                                              in.launch.instance_type, fmt::join(vendors, ", ")));
}

// CUDA and the OS from an NVIDIA CUDA image's tag: cuda:12.4.1-runtime-ubuntu22.04.
void StackFromImage(const std::string& image, YAML::Node& plan) {
  static const std::regex tag(R"(cuda:(\d+\.\d+)(?:\.\d+)?-[a-z-]*?(ubuntu|rockylinux|ubi)(\d+(?:\.\d+)?))");
  std::smatch m;
  if (!std::regex_search(image, m, tag)) return;
  plan["cuda"] = m[1].str();
  plan["os"]["distribution"] = m[2].str() == "ubuntu" ? "ubuntu" : "rhel";
  plan["os"]["version"] = m[3].str();
}

YAML::Node FleetOf(const ScalingPlan& s) {
  YAML::Node f;
  f["min_nodes"] = s.min_nodes;
  f["max_nodes"] = s.max_nodes;
  if (s.capacity_rps > 0) f["capacity_rps"] = s.capacity_rps;
  YAML::Node p;
  p["type"] = "target-tracking";
  p["target"] = s.policy.target;
  p["scale_up_window_s"] = s.policy.scale_up_window_s;
  p["scale_down_window_s"] = s.policy.scale_down_window_s;
  p["up_pods"] = s.policy.up_pods;
  p["up_percent"] = s.policy.up_percent;
  p["up_period_s"] = s.policy.up_period_s;
  p["down_percent"] = s.policy.down_percent;
  p["down_period_s"] = s.policy.down_period_s;
  f["policy"] = p;
  return f;
}

// The plan YAML the imported file stands for.
Result<std::string> PlanYaml(const Imported& in, const std::string& vendor) {
  const LaunchPlan& l = in.launch;
  YAML::Node plan;
  if (!l.model.empty()) {
    plan["workload"]["model"] = l.model;
    plan["workload"]["task"] = l.task.empty() ? (l.service ? "infer" : "finetune") : l.task;
  }
  YAML::Node offer;
  offer["vendor"] = vendor;
  offer["instance"] = l.instance_type;
  if (!l.region.empty()) offer["region"] = l.region;
  offer["count"] = l.service ? std::max(1, l.replicas) * std::max(1, l.nodes) : std::max(1, l.nodes);
  offer["purchase"] = l.spot ? "spot" : "on-demand";
  plan["offers"].push_back(offer);
  StackFromImage(in.image, plan);
  if (in.scaling) plan["fleet"] = FleetOf(*in.scaling);
  YAML::Emitter e;
  e << plan;
  return std::string(e.c_str()) + "\n";
}

// The line of `key` in the mapping `map` (a block value's own mark is its
// first child's line); 1 when absent.
int KeyLine(const YAML::Node& map, const std::string& key) {
  if (!map.IsDefined() || !map.IsMap()) return 1;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->first.Mark().line + 1;
  }
  return 1;
}

Result<std::optional<Imported>> Recognise(const std::vector<YAML::Node>& docs, const std::string& file) {
  Imported in;
  if (docs.size() == 1 && LooksLikeSkyPilotTask(docs.front())) {
    GS_TRY(launch, ReadSkyPilotTask(docs.front(), file));
    in.launch = std::move(launch);
    in.offer_line = KeyLine(docs.front(), "resources");
    return std::optional<Imported>(std::move(in));
  }
  if (!HasKubernetesWorkload(docs)) return std::optional<Imported>{};
  GS_TRY(launch, ReadKubernetesWorkload(docs, file));
  in.launch = std::move(launch);
  for (const auto& d : docs) {
    const std::string kind = ScalarAt(d, {"kind"});
    if (kind == "Deployment" || kind == "Job") {
      in.offer_line = KeyLine(NodeAt(d, {"spec", "template", "spec"}), "nodeSelector");
      const YAML::Node containers = NodeAt(d, {"spec", "template", "spec", "containers"});
      if (containers.IsDefined() && containers.IsSequence() && containers.size() > 0) in.image = ScalarAt(containers[0], {"image"});
    }
    if (kind == "HorizontalPodAutoscaler") in.fleet_line = KeyLine(d, "spec");
  }
  if (HasHorizontalPodAutoscaler(docs)) {
    GS_TRY(scaling, ReadHorizontalPodAutoscaler(docs, file));
    in.scaling = std::move(scaling);
  }
  return std::optional<Imported>(std::move(in));
}

}  // namespace

Result<Plan> ReadAnyPlan(const std::string& text, const std::string& file, const Catalog& catalog) {
  auto docs = LoadYamlDocuments(text, file);
  if (!docs) return ParsePlan(text, file);  // the plan reader's own syntax error
  GS_TRY(imported, Recognise(*docs, file));
  if (!imported) return ParsePlan(text, file);
  GS_TRY(vendor, VendorOf(*imported, catalog, file));
  GS_TRY(yaml, PlanYaml(*imported, vendor));
  auto plan = ParsePlan(yaml, file);
  if (!plan) {
    Error e = plan.error();
    e.line = imported->offer_line;
    e.column = 1;
    return tl::unexpected(e);
  }
  // Findings name the imported file's lines.
  plan->workload_line = imported->offer_line;
  for (auto& o : plan->offers) o.line = imported->offer_line;
  plan->os_line = plan->cuda_line = plan->driver_line = plan->compiler_line = plan->network_line = plan->checkpoint_line =
      imported->offer_line;
  if (plan->fleet) plan->fleet->line = imported->fleet_line;
  return plan;
}

}  // namespace gpuscout
