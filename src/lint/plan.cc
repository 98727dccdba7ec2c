#include "lint/plan.h"

#include <set>

#include "autoscale/fleet.h"
#include "base/strings.h"
#include "base/yaml_reader.h"
#include "workload/request_yaml.h"

namespace gpuscout {
namespace {

int LineOf(const YAML::Node& n) { return static_cast<int>(n.Mark().line) + 1; }

Result<PlanOffer> ReadOffer(const YamlReader& rd, const YAML::Node& o) {
  GS_CHECK(rd.Keys(o, "offers[]", {"vendor", "instance", "region", "count", "purchase", "hours_per_month", "months"}));
  PlanOffer po;
  po.line = LineOf(o);
  for (const char* need : {"vendor", "instance"}) {
    if (!o[need]) return rd.At(o, std::string("offers[].") + need, "missing");
  }
  GS_TRY(vendor, rd.Text(o["vendor"], "offers[].vendor"));
  GS_TRY(instance, rd.Text(o["instance"], "offers[].instance"));
  po.vendor = ToLower(vendor);
  po.instance = instance;
  if (o["region"]) {
    GS_TRY(region, rd.Text(o["region"], "offers[].region"));
    po.region = region;
  }
  if (o["count"]) {
    GS_TRY(count, rd.Number(o["count"], "offers[].count"));
    if (count < 1 || count > 4096) return rd.At(o["count"], "offers[].count", "expected 1 to 4096");
    po.count = static_cast<int>(count);
  }
  if (o["purchase"]) {
    GS_TRY(p, rd.Text(o["purchase"], "offers[].purchase"));
    po.purchase = p;
  }
  if (o["hours_per_month"]) {
    GS_TRY(h, rd.Number(o["hours_per_month"], "offers[].hours_per_month"));
    if (h <= 0 || h > 730) return rd.At(o["hours_per_month"], "offers[].hours_per_month", "expected above 0, at most 730");
    po.hours_per_month = h;
  }
  if (o["months"]) {
    GS_TRY(m, rd.Number(o["months"], "offers[].months"));
    if (m <= 0 || m > 120) return rd.At(o["months"], "offers[].months", "expected above 0, at most 120");
    po.months = m;
  }
  return po;
}

Result<void> ReadOs(const YamlReader& rd, const YAML::Node& os, Plan& plan) {
  plan.os_line = LineOf(os);
  GS_CHECK(rd.Keys(os, "os", {"distribution", "version", "kernel"}));
  if (os["distribution"]) {
    GS_TRY(d, rd.Text(os["distribution"], "os.distribution"));
    plan.os_distribution = ToLower(d);
  }
  if (os["version"]) {
    GS_TRY(v, rd.Text(os["version"], "os.version"));
    plan.os_version = v;
  }
  if (os["kernel"]) {
    GS_TRY(k, rd.Text(os["kernel"], "os.kernel"));
    plan.kernel = k;
  }
  return {};
}

// driver, cuda, compiler and framework.
Result<void> ReadStack(const YamlReader& rd, const YAML::Node& root, Plan& plan) {
  if (auto d = root["driver"]) {
    plan.driver_line = LineOf(d);
    GS_TRY(v, rd.Version(d, "driver"));
    plan.driver = v;
  }
  if (auto c = root["cuda"]) {
    plan.cuda_line = LineOf(c);
    GS_TRY(v, rd.Version(c, "cuda"));
    plan.cuda = v;
  }
  if (auto c = root["compiler"]) {
    plan.compiler_line = LineOf(c);
    GS_CHECK(rd.Keys(c, "compiler", {"gcc"}));
    if (c["gcc"]) {
      GS_TRY(v, rd.Version(c["gcc"], "compiler.gcc"));
      plan.gcc = v;
    }
  }
  if (auto f = root["framework"]) {
    GS_TRY(v, rd.Text(f, "framework"));
    plan.framework = v;
  }
  return {};
}

Result<void> ReadNetwork(const YamlReader& rd, const YAML::Node& n, Plan& plan) {
  plan.network_line = LineOf(n);
  GS_CHECK(rd.Keys(n, "network", {"sriov", "rdma", "placement_group", "zones"}));
  if (n["sriov"]) {
    GS_TRY(b, rd.Bool(n["sriov"], "network.sriov"));
    plan.sriov = b;
  }
  if (n["rdma"]) {
    GS_TRY(v, rd.Text(n["rdma"], "network.rdma"));
    plan.rdma = ToLower(v);
    if (plan.rdma != "none" && plan.rdma != "efa" && plan.rdma != "erdma" && plan.rdma != "infiniband" && plan.rdma != "roce") {
      return rd.At(n["rdma"], "network.rdma", "expected none, efa, erdma, infiniband or roce");
    }
  }
  if (n["placement_group"]) {
    GS_TRY(b, rd.Bool(n["placement_group"], "network.placement_group"));
    plan.placement_group = b;
  }
  if (auto z = n["zones"]) {
    if (!z.IsSequence()) return rd.At(z, "network.zones", "expected a list of zones");
    for (const auto& zone : z) {
      GS_TRY(name, rd.Text(zone, "network.zones[]"));
      plan.zones.push_back(name);
    }
  }
  return {};
}

Result<void> ReadCheckpointing(const YamlReader& rd, const YAML::Node& c, Plan& plan) {
  plan.checkpoint_line = LineOf(c);
  plan.checkpoint_stated = true;
  if (c.IsScalar() && (ToLower(c.as<std::string>()) == "none" || ToLower(c.as<std::string>()) == "false")) {
    plan.checkpoint_minutes = 0;
    return {};
  }
  GS_CHECK(rd.Keys(c, "checkpointing", {"interval_minutes"}));
  if (!c["interval_minutes"]) return rd.At(c, "checkpointing.interval_minutes", "missing (or write checkpointing: none)");
  GS_TRY(m, rd.Number(c["interval_minutes"], "checkpointing.interval_minutes"));
  if (m < 0) return rd.At(c["interval_minutes"], "checkpointing.interval_minutes", "negative");
  plan.checkpoint_minutes = m;
  return {};
}

// Any key of a one-pool `scale` fleet; ResolveFleet checks the values.
Result<PlanFleet> ReadFleet(const YamlReader& rd, const YAML::Node& f) {
  std::set<std::string> keys = {"trace", "slo", "tick_s", "seed"};
  keys.insert(kFleetPoolKeys.begin(), kFleetPoolKeys.end());
  GS_CHECK(rd.Keys(f, "fleet", keys));
  PlanFleet fl;
  fl.node = f;
  fl.line = LineOf(f);
  if (f["max_nodes"]) {
    GS_TRY(v, rd.Integer(f["max_nodes"], "fleet.max_nodes", 0, 1 << 20));
    fl.max_nodes = v;
  }
  if (f["capacity_rps"]) {
    GS_TRY(v, rd.Number(f["capacity_rps"], "fleet.capacity_rps"));
    fl.capacity_rps = v;
  }
  if (f["cooldown_s"]) {
    GS_TRY(v, rd.Number(f["cooldown_s"], "fleet.cooldown_s"));
    fl.cooldown_s = v;
  }
  fl.has_schedule = f["schedule"] && f["schedule"].IsSequence() && f["schedule"].size() > 0;
  if (f["trace"]) {
    GS_TRY(v, rd.Text(f["trace"], "fleet.trace"));
    fl.trace = v;
  }
  return fl;
}

Result<void> ReadSections(const YamlReader& rd, const YAML::Node& root, Plan& plan) {
  if (auto w = root["workload"]) {
    plan.workload_line = LineOf(w);
    GS_TRY(r, ReadWorkloadYaml(rd, w, "workload", &plan.workload_marks));
    plan.workload = r;
  }
  if (auto offers = root["offers"]) {
    if (!offers.IsSequence()) return rd.At(offers, "offers", "expected a list of offers");
    for (const auto& o : offers) {
      GS_TRY(po, ReadOffer(rd, o));
      plan.offers.push_back(po);
    }
  }
  if (auto os = root["os"]) GS_CHECK(ReadOs(rd, os, plan));
  GS_CHECK(ReadStack(rd, root, plan));
  if (auto n = root["network"]) GS_CHECK(ReadNetwork(rd, n, plan));
  if (auto c = root["checkpointing"]) GS_CHECK(ReadCheckpointing(rd, c, plan));
  if (auto j = root["job_hours"]) {
    GS_TRY(h, rd.Number(j, "job_hours"));
    if (h <= 0) return rd.At(j, "job_hours", "expected above 0");
    plan.job_hours = h;
  }
  if (auto f = root["fleet"]) {
    GS_TRY(fl, ReadFleet(rd, f));
    plan.fleet = fl;
  }
  return {};
}

}  // namespace

Result<Plan> ParsePlan(const std::string& text, const std::string& file) {
  Plan plan;
  plan.file = file;
  YamlReader rd(file);
  GS_TRY(root, rd.Load(text));
  if (!root.IsMap()) return FailAt(file, 1, 1, "", "a plan is a mapping (workload:, offers:, ...)");
  GS_CHECK(rd.Keys(root, "", {"workload", "offers", "os", "driver", "cuda", "compiler", "framework", "network",
                              "checkpointing", "job_hours", "fleet"}));
  try {
    GS_CHECK(ReadSections(rd, root, plan));
  } catch (const YAML::Exception& e) {
    return rd.Thrown(e);
  }
  return plan;
}

}  // namespace gpuscout
