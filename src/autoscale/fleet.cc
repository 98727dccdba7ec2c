#include "autoscale/fleet.h"

#include <fmt/format.h>

#include <filesystem>

#include "base/atomic_file.h"
#include "base/strings.h"
#include "base/yaml_reader.h"
#include "cost/spot.h"
#include "workload/request_yaml.h"
#include "workload/throughput.h"

namespace gpuscout {
namespace {

}  // namespace

const std::set<std::string> kFleetPoolKeys = {
    "name",      "offer",   "price",  "currency", "purchase",  "capacity_rps", "model", "slo",
    "min_nodes", "max_nodes", "boot_s", "share",  "trace",     "queue_s",      "cooldown_s",
    "interruptions_per_day", "fallback", "policy", "schedule", "timezone"};

namespace {

int LineOfNode(const YAML::Node& n) { return static_cast<int>(n.Mark().line) + 1; }

Result<double> Percent(const YamlReader& rd, const YAML::Node& n, const std::string& field) {
  GS_TRY(text, rd.Text(n, field));
  auto v = ParseShare(text);
  if (!v) return rd.At(n, field, "expected a share such as 0.1% or 0.001");
  return *v;
}

Result<int> Int(const YamlReader& rd, const YAML::Node& n, const std::string& field, double lo, double hi) {
  GS_TRY(v, rd.Number(n, field, lo, hi));
  if (v != static_cast<double>(static_cast<int64_t>(v))) return rd.At(n, field, "expected a whole number");
  return static_cast<int>(v);
}

Result<CronSpec> Cron(const YamlReader& rd, const YAML::Node& n, const std::string& field) {
  GS_TRY(text, rd.Text(n, field));
  auto c = ParseCron(text);
  if (!c) return rd.At(n, field, c.error().message);
  return *c;
}

Result<std::vector<StepAdjustment>> Steps(const YamlReader& rd, const YAML::Node& n, const std::string& field) {
  if (!n.IsSequence() || n.size() == 0) return rd.At(n, field, "expected a list of {lower, upper, adjustment}");
  std::vector<StepAdjustment> out;
  for (const auto& s : n) {
    GS_CHECK(rd.Keys(s, field + "[]", {"lower", "upper", "adjustment"}));
    StepAdjustment a;
    a.lower = -std::numeric_limits<double>::infinity();
    a.upper = std::numeric_limits<double>::infinity();
    if (s["lower"]) {
      GS_TRY(v, rd.Number(s["lower"], field + "[].lower"));
      a.lower = v;
    }
    if (s["upper"]) {
      GS_TRY(v, rd.Number(s["upper"], field + "[].upper"));
      a.upper = v;
    }
    if (!s["adjustment"]) return rd.At(s, field + "[].adjustment", "missing");
    GS_TRY(adj, rd.Number(s["adjustment"], field + "[].adjustment"));
    a.adjustment = adj;
    if (!(a.lower < a.upper)) return rd.At(s, field + "[]", "lower must be below upper");
    out.push_back(a);
  }
  return out;
}

// A step policy's adjustment type and its out_steps / in_steps.
Result<void> ParseStepAdjustments(const YamlReader& rd, const YAML::Node& n, const std::string& pre, PolicyConfig& c) {
  if (n["adjustment_type"]) {
    GS_TRY(a, rd.Text(n["adjustment_type"], pre + "policy.adjustment_type"));
    if (a == "ChangeInCapacity") c.adjust = PolicyConfig::Adjust::kChangeInCapacity;
    else if (a == "PercentChangeInCapacity") c.adjust = PolicyConfig::Adjust::kPercentChangeInCapacity;
    else if (a == "ExactCapacity") c.adjust = PolicyConfig::Adjust::kExactCapacity;
    else return rd.At(n["adjustment_type"], pre + "policy.adjustment_type", "expected ChangeInCapacity, PercentChangeInCapacity or ExactCapacity");
  }
  if (!n["out_steps"] && !n["in_steps"]) return rd.At(n, pre + "policy.out_steps", "a step policy needs out_steps and/or in_steps");
  if (n["out_steps"]) {
    GS_TRY(s, Steps(rd, n["out_steps"], pre + "policy.out_steps"));
    c.out_steps = s;
  }
  if (n["in_steps"]) {
    GS_TRY(s, Steps(rd, n["in_steps"], pre + "policy.in_steps"));
    c.in_steps = s;
  }
  return {};
}

// The options where a policy departs from, or goes beyond, the real
// controller's default: the threshold policy's cooldown start, HPA's
// scale-to-zero gate.
Result<void> ParseOptions(const YamlReader& rd, const YAML::Node& n, const std::string& pre, PolicyConfig& c) {
  if (n["cooldown_start"]) {
    GS_TRY(v, rd.Text(n["cooldown_start"], pre + "policy.cooldown_start"));
    if (v == "ready") c.cooldown_start = PolicyConfig::CooldownStart::kReady;
    else if (v == "decision") c.cooldown_start = PolicyConfig::CooldownStart::kDecision;
    else return rd.At(n["cooldown_start"], pre + "policy.cooldown_start", "expected ready (AWS: when the launched nodes are in service) or decision");
  }
  if (n["scale_to_zero"]) {
    GS_TRY(v, rd.Bool(n["scale_to_zero"], pre + "policy.scale_to_zero"));
    c.scale_to_zero = v;
  }
  return {};
}

Result<PolicyConfig> ParsePolicy(const YamlReader& rd, const YAML::Node& n, std::optional<int> cooldown, const std::string& pre) {
  PolicyConfig c;
  if (!n.IsMap()) return rd.At(n, pre + "policy", "expected a mapping with a type");
  if (!n["type"]) return rd.At(n, pre + "policy.type", "missing: threshold, target-tracking, step or request-rate");
  GS_TRY(type, rd.Text(n["type"], pre + "policy.type"));
  std::set<std::string> keys = {"type", "period_s"};
  if (type == "threshold") {
    c.type = PolicyType::kThreshold;
    keys.insert({"high", "low", "step_out", "step_in", "cooldown_s", "cooldown_start"});
  } else if (type == "target-tracking") {
    c.type = PolicyType::kTargetTracking;
    c.period_s = 15;
    keys.insert({"target", "tolerance", "scale_down_window_s", "scale_up_window_s", "up_pods", "up_percent",
                 "up_period_s", "down_percent", "down_period_s", "scale_to_zero"});
  } else if (type == "step") {
    c.type = PolicyType::kStep;
    keys.insert({"high", "low", "adjustment_type", "out_steps", "in_steps", "min_adjustment_magnitude", "warmup_s"});
  } else if (type == "request-rate") {
    c.type = PolicyType::kRequestRate;
    c.period_s = 20;
    keys.insert({"target_rps", "upscale_delay_s", "downscale_delay_s", "qps_window_s"});
  } else {
    auto near = Closest(type, {"threshold", "target-tracking", "step", "request-rate"});
    return rd.At(n["type"], pre + "policy.type", "unknown policy '" + type + "': threshold, target-tracking, step or request-rate" +
                                               (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?"));
  }
  GS_CHECK(rd.Keys(n, pre + "policy", keys));
  if (cooldown) c.cooldown_s = *cooldown;
  auto num = [&](const char* key, double& out, double lo, double hi) -> Result<void> {
    if (!n[key]) return {};
    GS_TRY(v, rd.Number(n[key], pre + "policy." + key, lo, hi));
    out = v;
    return {};
  };
  auto whole = [&](const char* key, int& out, double lo, double hi) -> Result<void> {
    if (!n[key]) return {};
    GS_TRY(v, Int(rd, n[key], pre + "policy." + key, lo, hi));
    out = v;
    return {};
  };
  for (auto r : {whole("period_s", c.period_s, 1, 3600), num("high", c.high, 0, 100), num("low", c.low, 0, 100),
                 whole("step_out", c.step_out, 1, 10000), whole("step_in", c.step_in, 1, 10000),
                 whole("cooldown_s", c.cooldown_s, 0, 86400), num("target", c.target, 0.01, 100),
                 num("tolerance", c.tolerance, 0, 1), whole("scale_down_window_s", c.scale_down_window_s, 0, 3600),
                 whole("scale_up_window_s", c.scale_up_window_s, 0, 3600), whole("up_pods", c.up_pods, 0, 100000),
                 whole("up_percent", c.up_percent, 0, 100000), whole("up_period_s", c.up_period_s, 1, 1800),
                 whole("down_percent", c.down_percent, 0, 100), whole("down_period_s", c.down_period_s, 1, 1800),
                 whole("min_adjustment_magnitude", c.min_adjustment_magnitude, 0, 10000),
                 whole("warmup_s", c.warmup_s, 0, 86400), num("target_rps", c.target_rps, 1e-6, 1e9),
                 whole("upscale_delay_s", c.upscale_delay_s, 0, 86400),
                 whole("downscale_delay_s", c.downscale_delay_s, 0, 86400),
                 whole("qps_window_s", c.qps_window_s, 0, 86400)}) {
    if (!r) return tl::unexpected(r.error());
  }
  GS_CHECK(ParseOptions(rd, n, pre, c));
  if ((c.type == PolicyType::kThreshold || c.type == PolicyType::kStep) && !(c.low < c.high)) {
    return rd.At(n, pre + "policy.low", fmt::format("low {:g} must be below high {:g}", c.low, c.high));
  }
  if (c.type == PolicyType::kStep) GS_CHECK(ParseStepAdjustments(rd, n, pre, c));
  if (c.type == PolicyType::kRequestRate && !n["target_rps"]) {
    return rd.At(n, pre + "policy.target_rps", "missing: requests/s one replica should take");
  }
  return c;
}

Result<Schedule> ParseSchedule(const YamlReader& rd, const YAML::Node& n, const YAML::Node& tz, const std::string& pre) {
  Schedule s;
  if (tz) {
    GS_TRY(name, rd.Text(tz, pre + "timezone"));
    auto zone = FindTimeZone(name);
    if (!zone) return rd.At(tz, pre + "timezone", zone.error().message);
    s.zone = *zone;
    s.zone_name = name;
  }
  if (!n) return s;
  if (!n.IsSequence()) return rd.At(n, pre + "schedule", "expected a list of entries ({cron, min_nodes} or {start, end, min_nodes})");
  for (const auto& e : n) {
    GS_CHECK(rd.Keys(e, pre + "schedule[]", {"cron", "start", "end", "min_nodes", "desired"}));
    ScheduleEntry entry;
    entry.line = static_cast<int>(e.Mark().line) + 1;
    if (e["cron"]) {
      if (e["start"] || e["end"]) return rd.At(e, pre + "schedule[].cron", "an entry is an action (cron) or a window (start, end), not both");
      GS_TRY(c, Cron(rd, e["cron"], pre + "schedule[].cron"));
      entry.cron = c;
    } else if (e["start"] && e["end"]) {
      GS_TRY(a, Cron(rd, e["start"], pre + "schedule[].start"));
      GS_TRY(b, Cron(rd, e["end"], pre + "schedule[].end"));
      entry.start = a;
      entry.end = b;
    } else {
      return rd.At(e, pre + "schedule[]", "expected cron (an action) or start and end (a window)");
    }
    if (e["min_nodes"]) {
      GS_TRY(v, Int(rd, e["min_nodes"], pre + "schedule[].min_nodes", 0, 100000));
      entry.min_nodes = v;
    }
    if (e["desired"]) {
      if (!entry.cron) return rd.At(e["desired"], pre + "schedule[].desired", "a window keeps min_nodes; desired is for actions (cron)");
      GS_TRY(v, Int(rd, e["desired"], pre + "schedule[].desired", 0, 100000));
      entry.desired = v;
    }
    if (!entry.min_nodes && !entry.desired) return rd.At(e, pre + "schedule[].min_nodes", "missing: min_nodes (or desired for an action)");
    s.entries.push_back(std::move(entry));
  }
  return s;
}

}  // namespace

Result<Fleet> ParseFleet(const std::string& text, const std::string& file, const FleetContext& ctx) {
  YamlReader rd(file);
  GS_TRY(root, rd.Load(text));
  if (!root.IsMap()) return FailAt(file, 1, 1, "", "a fleet is a mapping (pools:, trace:, slo: ...)");
  return ParseFleetNode(rd, root, ctx, "");
}

namespace {

// Reads the pools of one fleet file: each part of a pool in its own method.
class PoolReader {
 public:
  PoolReader(const YamlReader& rd, const FleetContext& ctx, Fleet& fleet, std::string where, bool flat)
      : rd_(rd), ctx_(ctx), fleet_(fleet), where_(std::move(where)), flat_(flat) {}

  Result<SimPool> Read(const YAML::Node& n, size_t index);

 private:
  std::string Key(const std::string& k) const { return where_.empty() ? k : where_ + "." + k; }
  std::string Prefix() const { return where_.empty() ? "" : where_ + "."; }
  Result<const Offer*> ReadOffer(const YAML::Node& o, SimPool& p);
  Result<const Offer*> ReadPrice(const YAML::Node& n, SimPool& p);
  Result<void> ReadCapacity(const YAML::Node& n, const Offer* offer, SimPool& p);
  Result<void> CapacityWithinSlo(const YAML::Node& slo, const Workload& w, const Hardware& hw, const Estimate& e,
                                 const Offer& offer, SimPool& p);
  Result<void> ReadBounds(const YAML::Node& n, SimPool& p);
  Result<void> CheckScaleToZero(const YAML::Node& n, SimPool& p);
  Result<void> ReadSpot(const YAML::Node& n, SimPool& p);
  Result<void> ReadPoolTrace(const YAML::Node& n, SimPool& p);

  const YamlReader& rd_;
  const FleetContext& ctx_;
  Fleet& fleet_;
  std::string where_;
  bool flat_;
  std::string vendor_;  // the pool's offer's, for its spot defaults
};

std::string PathBeside(const std::string& file, const std::string& p) {
  const std::filesystem::path path(p);
  return (path.is_relative() ? std::filesystem::path(file).parent_path() / path : path).string();
}

// An instance type in the catalog: the cheapest zone for the pool's purchase
// option when the region (or zone) is not named.
Result<const Offer*> PoolReader::ReadOffer(const YAML::Node& o, SimPool& p) {
  GS_CHECK(rd_.Keys(o, Key("offer"), {"vendor", "instance", "region"}));
  for (const char* need : {"vendor", "instance"}) {
    if (!o[need]) return rd_.At(o, Key("offer") + "." + need, "missing");
  }
  GS_TRY(vendor, rd_.Text(o["vendor"], Key("offer.vendor")));
  GS_TRY(instance, rd_.Text(o["instance"], Key("offer.instance")));
  std::string region;
  if (o["region"]) {
    GS_TRY(r, rd_.Text(o["region"], Key("offer.region")));
    region = r;
  }
  const PriceKind kind = p.spot ? PriceKind::kSpot : PriceKind::kOnDemand;
  const Offer* offer = CheapestZone(ctx_.catalog->Zones(vendor, instance, region), kind, ctx_.rate);
  if (!offer || !(p.spot ? offer->spot_price_hour : offer->price_hour)) {
    return rd_.At(o, Key("offer"), fmt::format("no {}offer {} from '{}'{} in the catalog", p.spot ? "spot-priced " : "",
                                               instance, vendor, region.empty() ? "" : " in " + region));
  }
  vendor_ = offer->vendor;
  p.price_hour = ctx_.rate.Convert(p.spot ? *offer->spot_price_hour : *offer->price_hour, offer->currency, ctx_.currency);
  p.ondemand_price_hour = offer->price_hour ? ctx_.rate.Convert(*offer->price_hour, offer->currency, ctx_.currency) : p.price_hour;
  fleet_.pool_offers.push_back(offer);
  fleet_.offers.push_back(fmt::format("{}:{} ({}{})", offer->vendor, offer->instance_type, offer->region,
                                      offer->zone.empty() ? "" : "/" + offer->zone));
  return offer;
}

// Purchase and price: an offer, a price per node-hour, or the context's default.
Result<const Offer*> PoolReader::ReadPrice(const YAML::Node& n, SimPool& p) {
  if (n["purchase"]) {
    GS_TRY(v, rd_.Text(n["purchase"], Key("purchase")));
    if (v != "on-demand" && v != "spot") return rd_.At(n["purchase"], Key("purchase"), "expected on-demand or spot");
    p.spot = v == "spot";
  }
  if (n["offer"]) return ReadOffer(n["offer"], p);
  if (n["price"]) {
    GS_TRY(v, rd_.Number(n["price"], Key("price"), 0, 1e6));
    Currency cur = Currency::kUSD;
    if (n["currency"]) {
      GS_TRY(c, rd_.Text(n["currency"], Key("currency")));
      auto parsed = ParseCurrency(c);
      if (!parsed) return rd_.At(n["currency"], Key("currency"), "expected USD or CNY");
      cur = *parsed;
    }
    p.price_hour = p.ondemand_price_hour = ctx_.rate.Convert(v, cur, ctx_.currency);
    fleet_.pool_offers.push_back(nullptr);
    fleet_.offers.push_back(fmt::format("{:g} {}/h", v, CurrencyCode(cur)));
    return nullptr;
  }
  if (!ctx_.default_price_hour) return rd_.At(n, Key("offer"), "missing: an offer {vendor, instance, region} or a price per node-hour");
  p.price_hour = p.ondemand_price_hour = *ctx_.default_price_hour;
  fleet_.pool_offers.push_back(nullptr);
  fleet_.offers.push_back(ctx_.default_price_source);
  return nullptr;
}

// Capacity: given, or estimated for a model on the offer's hardware.
Result<void> PoolReader::ReadCapacity(const YAML::Node& n, const Offer* offer, SimPool& p) {
  if (n["capacity_rps"]) {
    GS_TRY(v, rd_.Number(n["capacity_rps"], Key("capacity_rps"), 1e-6, 1e9));
    p.capacity_rps = v;
    return {};
  }
  if (!n["model"]) return rd_.At(n, Key("capacity_rps"), "missing: requests/s one node serves (or model: to estimate it)");
  const YAML::Node& m = n["model"];
  if (!offer) return rd_.At(m, Key("model"), "capacity from a model needs an offer (its GPUs)");
  FieldMarks marks;
  GS_TRY(er, ReadWorkloadYaml(rd_, m, Key("model"), &marks));
  er.offer = offer->vendor + ":" + offer->instance_type;
  if (n["slo"] && !er.concurrency) er.concurrency = 0;  // within an SLO, the batch is what the load keeps in flight
  auto resolved = ctx_.estimator->Resolve(er);
  if (!resolved) return tl::unexpected(PlaceWorkloadError(resolved.error(), rd_.file(), Key("model"), marks, LineOfNode(m)));
  const Estimate e = ctx_.estimator->Run(resolved->first, resolved->second);
  if (!e.memory.fits) return rd_.At(m, Key("model"), "does not fit " + offer->instance_type + ": " + Render(e.why_not, Lang::kEn));
  if (!e.throughput.known || e.throughput.samples_per_s <= 0) {
    return rd_.At(m, Key("model"), "no throughput estimate on " + offer->instance_type);
  }
  p.capacity_rps = e.throughput.samples_per_s;
  if (n["slo"]) return CapacityWithinSlo(n["slo"], resolved->first, resolved->second, e, *offer, p);
  fleet_.assumptions.push_back(Message("fleet.capacity").With("pool", p.name).With("rps", p.capacity_rps)
                                   .With("model", resolved->first.model.name).With("offer", offer->instance_type));
  return {};
}

// `slo: {ttft_ms, tpot_ms}` on an LLM pool: a node carries what its
// replicas serve within those bounds (workload/serving.h), not their most.
Result<void> PoolReader::CapacityWithinSlo(const YAML::Node& slo, const Workload& w, const Hardware& hw,
                                           const Estimate& e, const Offer& offer, SimPool& p) {
  GS_CHECK(rd_.Keys(slo, Key("slo"), {"ttft_ms", "tpot_ms"}));
  if (!IsContinuousServing(w)) {
    return rd_.At(slo, Key("slo"), "latency bounds apply to an LLM served with continuous batching (engine vllm, sglang or tensorrt-llm)");
  }
  LatencySlo bounds;
  if (slo["ttft_ms"]) {
    GS_TRY(v, rd_.Number(slo["ttft_ms"], Key("slo.ttft_ms"), 1e-3, 1e7));
    bounds.ttft_s = v / 1e3;
  }
  if (slo["tpot_ms"]) {
    GS_TRY(v, rd_.Number(slo["tpot_ms"], Key("slo.tpot_ms"), 1e-3, 1e7));
    bounds.tpot_s = v / 1e3;
  }
  const ReplicaShape shape = ServingShapeOf(w, hw, e.memory);
  const ReplicaCapacity cap =
      CapacityWithin(shape, ctx_.estimator->serving().Of(w.engine), std::max(1, e.memory.batch), bounds);
  if (cap.rps <= 0) {
    return rd_.At(slo, Key("slo"), fmt::format("no load meets it on {}: even a trickle of requests gets TTFT {:.0f} ms, TPOT {:.1f} ms",
                                               offer.instance_type, cap.trickle.ttft_s * 1e3, cap.trickle.tpot_s * 1e3));
  }
  p.capacity_rps = cap.rps * std::max(1, hw.total_gpus() / shape.gpus());
  fleet_.assumptions.push_back(Message("fleet.capacity_slo").With("pool", p.name).With("rps", p.capacity_rps)
                                   .With("model", w.model.name).With("offer", offer.instance_type)
                                   .With("ttft_ms", bounds.ttft_s * 1e3).With("tpot_ms", bounds.tpot_s * 1e3));
  return {};
}

// Kubernetes' HPA keeps at least one replica (minReplicas defaults to 1)
// unless the HPAScaleToZero feature gate is on: min_nodes 0 under a
// target-tracking policy needs policy.scale_to_zero, and a pool that gives
// no min_nodes starts from HPA's 1.
Result<void> PoolReader::CheckScaleToZero(const YAML::Node& n, SimPool& p) {
  if (p.policy.type != PolicyType::kTargetTracking || p.min_nodes > 0 || p.policy.scale_to_zero) return {};
  if (!n["min_nodes"]) {
    p.min_nodes = 1;
    return {};
  }
  return rd_.At(n["min_nodes"], Key("min_nodes"),
                "0 under a target-tracking (HPA) policy needs policy.scale_to_zero: true (Kubernetes' HPAScaleToZero "
                "feature gate); without it HPA keeps at least 1");
}

// Node bounds, boot time, share of the traffic and queueing.
Result<void> PoolReader::ReadBounds(const YAML::Node& n, SimPool& p) {
  if (n["min_nodes"]) {
    GS_TRY(v, Int(rd_, n["min_nodes"], Key("min_nodes"), 0, 100000));
    p.min_nodes = v;
  }
  if (!n["max_nodes"]) return rd_.At(n, Key("max_nodes"), "missing: the most nodes the pool may have");
  GS_TRY(max_nodes, Int(rd_, n["max_nodes"], Key("max_nodes"), 1, 100000));
  p.max_nodes = max_nodes;
  if (p.min_nodes > p.max_nodes) {
    return rd_.At(n["min_nodes"], Key("min_nodes"), fmt::format("min_nodes {} is above max_nodes {}", p.min_nodes, p.max_nodes));
  }
  p.boot_s = kDefaultBootS;
  if (n["boot_s"]) {
    GS_TRY(v, Int(rd_, n["boot_s"], Key("boot_s"), 0, 86400));
    p.boot_s = v;
  } else {
    fleet_.assumptions.push_back(Message("fleet.boot").With("pool", p.name).With("s", kDefaultBootS));
  }
  if (n["share"]) {
    GS_TRY(v, rd_.Number(n["share"], Key("share"), 0, 1000));
    p.share = v;
  }
  if (n["queue_s"]) {
    GS_TRY(v, rd_.Number(n["queue_s"], Key("queue_s"), 0, 86400));
    p.queue_s = v;
  }
  return {};
}

// Spot interruptions and the on-demand fallback.
Result<void> PoolReader::ReadSpot(const YAML::Node& n, SimPool& p) {
  if (n["interruptions_per_day"]) {
    if (!p.spot) return rd_.At(n["interruptions_per_day"], Key("interruptions_per_day"), "only spot pools are interrupted");
    GS_TRY(v, rd_.Number(n["interruptions_per_day"], Key("interruptions_per_day"), 0, 1000));
    p.interruptions_per_node_hour = v / 24;
  } else if (p.spot) {
    p.interruptions_per_node_hour = DefaultInterruptionsPerDay(vendor_) / 24;
    fleet_.assumptions.push_back(Message("fleet.spot", "data/facts.csv").With("pool", p.name));
  }
  if (!n["fallback"]) return {};
  const YAML::Node& f = n["fallback"];
  if (!p.spot) return rd_.At(f, Key("fallback"), "on-demand fallback is for spot pools");
  GS_CHECK(rd_.Keys(f, Key("fallback"), {"base_ondemand", "dynamic"}));
  SpotFallback fb;
  if (f["base_ondemand"]) {
    GS_TRY(v, Int(rd_, f["base_ondemand"], Key("fallback.base_ondemand"), 0, 100000));
    fb.base_ondemand = v;
  }
  if (f["dynamic"]) {
    GS_TRY(v, rd_.Bool(f["dynamic"], Key("fallback.dynamic")));
    fb.dynamic = v;
  }
  p.fallback = fb;
  return {};
}

// A pool's own trace (a one-pool fleet's trace is the fleet's).
Result<void> PoolReader::ReadPoolTrace(const YAML::Node& n, SimPool& p) {
  if (!n["trace"] || flat_) return {};
  if (!ctx_.read_files) return rd_.At(n["trace"], Key("trace"), "trace files cannot be read here: send the trace's CSV");
  GS_TRY(t, rd_.Text(n["trace"], Key("trace")));
  const std::string path = PathBeside(rd_.file(), t);
  auto text = ReadInputFile(path);
  if (!text) return rd_.At(n["trace"], Key("trace"), text.error().message);
  GS_TRY(trace, ParseTrace(*text, path));
  fleet_.pool_traces.push_back(std::make_unique<Trace>(std::move(trace)));
  p.trace = fleet_.pool_traces.back().get();
  return {};
}

Result<SimPool> PoolReader::Read(const YAML::Node& n, size_t index) {
  if (!flat_) GS_CHECK(rd_.Keys(n, where_, kFleetPoolKeys));
  SimPool p;
  vendor_.clear();
  p.name = flat_ ? "pool" : fmt::format("pool{}", index + 1);
  if (n["name"]) {
    GS_TRY(v, rd_.Text(n["name"], Key("name")));
    p.name = v;
  }
  GS_TRY(offer, ReadPrice(n, p));
  GS_CHECK(ReadCapacity(n, offer, p));
  GS_CHECK(ReadBounds(n, p));
  GS_CHECK(ReadPoolTrace(n, p));
  std::optional<int> cooldown;
  if (n["cooldown_s"]) {
    GS_TRY(v, Int(rd_, n["cooldown_s"], Key("cooldown_s"), 0, 86400));
    cooldown = v;
  }
  GS_CHECK(ReadSpot(n, p));
  if (n["policy"]) {
    GS_TRY(pol, ParsePolicy(rd_, n["policy"], cooldown, Prefix()));
    p.policy = pol;
  } else if (cooldown) {
    // The form lint reads: a cooldown alone means AWS simple scaling at its defaults.
    p.policy.type = PolicyType::kThreshold;
    p.policy.cooldown_s = *cooldown;
  }
  GS_CHECK(CheckScaleToZero(n, p));
  GS_TRY(schedule, ParseSchedule(rd_, n["schedule"], n["timezone"], Prefix()));
  p.schedule = std::move(schedule);
  return p;
}

// The fleet's own keys: trace, slo, tick_s, seed.
Result<void> ReadFleetKeys(const YamlReader& rd, const YAML::Node& root, const std::string& prefix, Fleet& fleet) {
  auto at = [&](const std::string& k) { return prefix.empty() ? k : prefix + "." + k; };
  if (root["trace"]) {
    GS_TRY(t, rd.Text(root["trace"], at("trace")));
    fleet.trace_path = PathBeside(rd.file(), t);
  }
  if (auto slo = root["slo"]) {
    GS_CHECK(rd.Keys(slo, at("slo"), {"max_underprovisioned"}));
    if (slo["max_underprovisioned"]) {
      GS_TRY(v, Percent(rd, slo["max_underprovisioned"], at("slo.max_underprovisioned")));
      fleet.slo_underprovisioned = v;
    }
  }
  if (root["tick_s"]) {
    GS_TRY(v, Int(rd, root["tick_s"], at("tick_s"), 1, 3600));
    fleet.tick_s = v;
  }
  if (root["seed"]) {
    GS_TRY(v, Int(rd, root["seed"], at("seed"), 0, 2e9));
    fleet.seed = static_cast<uint64_t>(v);
  }
  return {};
}

Result<Fleet> ReadFleetNode(const YamlReader& rd, const YAML::Node& root, const FleetContext& ctx, const std::string& prefix) {
  Fleet fleet;
  fleet.file = rd.file();
  if (!root.IsMap()) return rd.At(root, prefix, "a fleet is a mapping (pools:, trace:, slo: ...)");
  // One pool may be written at the top level (the form `lint` reads).
  std::set<std::string> top = {"pools", "trace", "slo", "tick_s", "seed"};
  const bool flat = !root["pools"];
  if (flat) top.insert(kFleetPoolKeys.begin(), kFleetPoolKeys.end());
  GS_CHECK(rd.Keys(root, prefix, top));
  GS_CHECK(ReadFleetKeys(rd, root, prefix, fleet));
  std::vector<YAML::Node> pools;
  if (flat) {
    pools.push_back(root);
  } else {
    const std::string at = prefix.empty() ? "pools" : prefix + ".pools";
    if (!root["pools"].IsSequence() || root["pools"].size() == 0) return rd.At(root["pools"], at, "expected a list of pools");
    for (const auto& p : root["pools"]) pools.push_back(p);
  }
  PoolReader reader(rd, ctx, fleet, flat ? prefix : (prefix.empty() ? "pools[]" : prefix + ".pools[]"), flat);
  for (size_t i = 0; i < pools.size(); ++i) {
    GS_TRY(p, reader.Read(pools[i], i));
    fleet.pools.push_back(std::move(p));
  }
  return fleet;
}

}  // namespace

Result<Fleet> ParseFleetNode(const YamlReader& rd, const YAML::Node& root, const FleetContext& ctx, const std::string& prefix) {
  try {
    return ReadFleetNode(rd, root, ctx, prefix);
  } catch (const YAML::Exception& e) {
    return rd.Thrown(e);
  }
}

}  // namespace gpuscout
