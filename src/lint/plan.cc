#include "lint/plan.h"

#include <set>

#include "autoscale/fleet.h"
#include "base/strings.h"
#include "base/yaml_reader.h"

namespace gpuscout {

Result<Plan> ParsePlan(const std::string& text, const std::string& file) {
  Plan plan;
  plan.file = file;
  YamlReader rd(file);
  auto loaded = rd.Load(text);
  if (!loaded) return tl::unexpected(loaded.error());
  YAML::Node root = *loaded;
  if (!root.IsMap()) return FailAt(file, 1, 1, "", "a plan is a mapping (workload:, offers:, ...)");
  if (auto k = rd.Keys(root, "", {"workload", "offers", "os", "driver", "cuda", "compiler", "framework", "network",
                                  "checkpointing", "job_hours", "fleet"});
      !k) {
    return tl::unexpected(k.error());
  }
  try {
    if (auto w = root["workload"]) {
      plan.workload_line = static_cast<int>(w.Mark().line) + 1;
      if (auto k = rd.Keys(w, "workload", {"task", "model", "params_b", "layers", "hidden", "heads", "kv_heads", "vocab",
                                           "precision", "zero", "fsdp", "recompute", "attention", "tp", "seq_len",
                                           "micro_batch", "global_batch", "lora_rank", "tokens", "samples", "epochs",
                                           "prompt_tokens", "output_tokens", "concurrency", "frames",
                                           "seconds_per_frame", "reference_gpu", "sample_kb", "storage", "storage_gbps"});
          !k) {
        return tl::unexpected(k.error());
      }
      EstimateRequest r;
      for (const auto& kv : w) {
        const std::string key = kv.first.as<std::string>();
        const YAML::Node& v = kv.second;
        const std::string field = "workload." + key;
        auto text_of = [&]() { return rd.Text(v, field); };
        auto num = [&]() { return rd.Number(v, field); };
        if (key == "task" || key == "model" || key == "precision" || key == "fsdp" || key == "recompute" ||
            key == "attention" || key == "reference_gpu" || key == "storage") {
          GS_TRY(s, text_of());
          if (key == "task") r.task = s;
          else if (key == "model") r.model = s;
          else if (key == "precision") r.precision = s;
          else if (key == "fsdp") r.fsdp = s;
          else if (key == "recompute") r.recompute = s;
          else if (key == "attention") r.attention = s;
          else if (key == "storage") r.storage = s;
          else r.reference_gpu = s;
          continue;
        }
        static const std::set<std::string> kWhole = {"layers", "hidden", "heads", "kv_heads", "vocab", "zero", "tp",
                                                     "seq_len", "micro_batch", "global_batch", "lora_rank",
                                                     "prompt_tokens", "output_tokens", "concurrency"};
        int i = 0;
        if (kWhole.count(key)) {
          GS_TRY(whole, rd.Integer(v, field, 0, 1 << 30));
          i = whole;
        }
        GS_TRY(x, num());
        if (key == "params_b") r.params_b = x;
        else if (key == "layers") r.layers = i;
        else if (key == "hidden") r.hidden = i;
        else if (key == "heads") r.heads = i;
        else if (key == "kv_heads") r.kv_heads = i;
        else if (key == "vocab") r.vocab = i;
        else if (key == "zero") r.zero = i;
        else if (key == "tp") r.tensor_parallel = i;
        else if (key == "seq_len") r.seq_len = i;
        else if (key == "micro_batch") r.micro_batch = i;
        else if (key == "global_batch") r.global_batch = i;
        else if (key == "lora_rank") r.lora_rank = i;
        else if (key == "tokens") r.tokens = x;
        else if (key == "samples") r.samples = x;
        else if (key == "epochs") r.epochs = x;
        else if (key == "prompt_tokens") r.prompt_tokens = i;
        else if (key == "output_tokens") r.output_tokens = i;
        else if (key == "concurrency") r.concurrency = i;
        else if (key == "frames") r.frames = x;
        else if (key == "seconds_per_frame") r.seconds_per_frame = x;
        else if (key == "sample_kb") r.sample_kb = x;
        else if (key == "storage_gbps") r.storage_gbps = x;
      }
      plan.workload = r;
    }
    if (auto offers = root["offers"]) {
      if (!offers.IsSequence()) return rd.At(offers, "offers", "expected a list of offers");
      for (const auto& o : offers) {
        if (auto k = rd.Keys(o, "offers[]", {"vendor", "instance", "region", "count", "purchase", "hours_per_month", "months"});
            !k) {
          return tl::unexpected(k.error());
        }
        PlanOffer po;
        po.line = static_cast<int>(o.Mark().line) + 1;
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
        plan.offers.push_back(po);
      }
    }
    if (auto os = root["os"]) {
      plan.os_line = static_cast<int>(os.Mark().line) + 1;
      if (auto k = rd.Keys(os, "os", {"distribution", "version", "kernel"}); !k) return tl::unexpected(k.error());
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
    }
    if (auto d = root["driver"]) {
      plan.driver_line = static_cast<int>(d.Mark().line) + 1;
      GS_TRY(v, rd.Version(d, "driver"));
      plan.driver = v;
    }
    if (auto c = root["cuda"]) {
      plan.cuda_line = static_cast<int>(c.Mark().line) + 1;
      GS_TRY(v, rd.Version(c, "cuda"));
      plan.cuda = v;
    }
    if (auto c = root["compiler"]) {
      plan.compiler_line = static_cast<int>(c.Mark().line) + 1;
      if (auto k = rd.Keys(c, "compiler", {"gcc"}); !k) return tl::unexpected(k.error());
      if (c["gcc"]) {
        GS_TRY(v, rd.Version(c["gcc"], "compiler.gcc"));
        plan.gcc = v;
      }
    }
    if (auto f = root["framework"]) {
      GS_TRY(v, rd.Text(f, "framework"));
      plan.framework = v;
    }
    if (auto n = root["network"]) {
      plan.network_line = static_cast<int>(n.Mark().line) + 1;
      if (auto k = rd.Keys(n, "network", {"sriov", "rdma", "placement_group", "zones"}); !k) return tl::unexpected(k.error());
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
    }
    if (auto c = root["checkpointing"]) {
      plan.checkpoint_line = static_cast<int>(c.Mark().line) + 1;
      plan.checkpoint_stated = true;
      if (c.IsScalar() && (ToLower(c.as<std::string>()) == "none" || ToLower(c.as<std::string>()) == "false")) {
        plan.checkpoint_minutes = 0;
      } else {
        if (auto k = rd.Keys(c, "checkpointing", {"interval_minutes"}); !k) return tl::unexpected(k.error());
        if (!c["interval_minutes"]) return rd.At(c, "checkpointing.interval_minutes", "missing (or write checkpointing: none)");
        GS_TRY(m, rd.Number(c["interval_minutes"], "checkpointing.interval_minutes"));
        if (m < 0) return rd.At(c["interval_minutes"], "checkpointing.interval_minutes", "negative");
        plan.checkpoint_minutes = m;
      }
    }
    if (auto j = root["job_hours"]) {
      GS_TRY(h, rd.Number(j, "job_hours"));
      if (h <= 0) return rd.At(j, "job_hours", "expected above 0");
      plan.job_hours = h;
    }
    if (auto f = root["fleet"]) {
      // Any key of a one-pool `scale` fleet; ResolveFleet checks the values.
      std::set<std::string> keys = {"trace", "slo", "tick_s", "seed"};
      keys.insert(kFleetPoolKeys.begin(), kFleetPoolKeys.end());
      if (auto k = rd.Keys(f, "fleet", keys); !k) return tl::unexpected(k.error());
      PlanFleet fl;
      fl.node = f;
      fl.line = static_cast<int>(f.Mark().line) + 1;
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
      plan.fleet = fl;
    }
  } catch (const YAML::Exception& e) {
    return FailAt(file, e.mark.line + 1, e.mark.column + 1, "", e.msg);
  }
  return plan;
}

}  // namespace gpuscout
