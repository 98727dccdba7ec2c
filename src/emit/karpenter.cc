#include "emit/karpenter.h"

#include <fmt/format.h>

#include <cstdlib>

#include "emit/yaml_out.h"

namespace gpuscout {

namespace {

constexpr const char* kInstanceKey = "node.kubernetes.io/instance-type";
constexpr const char* kCapacityKey = "karpenter.sh/capacity-type";

Doc Requirement(const char* key, const std::string& value) {
  Doc r;
  r["key"] = key;
  r["operator"] = "In";
  r["values"].push_back(value);
  return r;
}

}  // namespace

Result<std::string> KarpenterNodePool(const ScalingPlan& p, const std::string& summary) {
  Doc ref;
  if (p.vendor == "aws") {
    ref["group"] = "karpenter.k8s.aws";
    ref["kind"] = "EC2NodeClass";
  } else if (p.vendor == "azure") {
    ref["group"] = "karpenter.azure.com";
    ref["kind"] = "AKSNodeClass";
  } else {
    return tl::unexpected(OptionError("emit", fmt::format("Karpenter provisions nodes on aws and azure, not {} (pool '{}')",
                                                           p.vendor.empty() ? "a pool priced without an offer" : p.vendor, p.name)));
  }
  ref["name"] = "default";
  Doc n;
  n["apiVersion"] = "karpenter.sh/v1";
  n["kind"] = "NodePool";
  n["metadata"]["name"] = p.name;
  if (!p.region.empty()) n["metadata"]["annotations"]["gpuscout.dev/region"] = p.region;
  Doc& spec = n["spec"];
  spec["template"]["spec"]["nodeClassRef"] = ref;
  spec["template"]["spec"]["requirements"].push_back(Requirement(kInstanceKey, p.instance_type));
  spec["template"]["spec"]["requirements"].push_back(Requirement(kCapacityKey, p.spot ? "spot" : "on-demand"));
  spec["limits"]["nvidia.com/gpu"] = std::max(1, p.gpus_per_node) * p.max_nodes;
  spec["disruption"]["consolidationPolicy"] = "WhenEmptyOrUnderutilized";
  spec["disruption"]["consolidateAfter"] = fmt::format("{}s", p.policy.scale_down_window_s);
  return EmitYaml({summary, "Karpenter NodePool: the cluster's region is the NodeClass's; nodeClassRef names a NodeClass "
                            "called default"},
                  {n});
}

Result<ScalingPlan> ReadKarpenterNodePool(const std::vector<YAML::Node>& docs, const std::string& file) {
  for (const YAML::Node& d : docs) {
    if (ScalarAt(d, {"kind"}) != "NodePool") continue;
    ScalingPlan p;
    p.name = ScalarAt(d, {"metadata", "name"});
    p.region = ScalarAt(d, {"metadata", "annotations", "gpuscout.dev/region"});
    const std::string group = ScalarAt(d, {"spec", "template", "spec", "nodeClassRef", "group"});
    p.vendor = group == "karpenter.k8s.aws" ? "aws" : group == "karpenter.azure.com" ? "azure" : "";
    const YAML::Node reqs = NodeAt(d, {"spec", "template", "spec", "requirements"});
    if (reqs.IsDefined() && reqs.IsSequence()) {
      for (const auto& r : reqs) {
        const YAML::Node values = NodeAt(r, {"values"});
        const std::string first = values.IsDefined() && values.IsSequence() && values.size() ? values[0].as<std::string>("") : "";
        if (ScalarAt(r, {"key"}) == kInstanceKey) p.instance_type = first;
        if (ScalarAt(r, {"key"}) == kCapacityKey) p.spot = first == "spot";
      }
    }
    GS_TRY(gpus, IntAt(d, {"spec", "limits", "nvidia.com/gpu"}, 0, file));
    p.max_nodes = gpus;  // GPUs; the caller divides by the GPUs per node it knows
    p.policy.scale_down_window_s = std::atoi(ScalarAt(d, {"spec", "disruption", "consolidateAfter"}).c_str());
    return p;
  }
  return FailAt(file, 1, 1, "kind", "no NodePool in the file");
}

}  // namespace gpuscout
