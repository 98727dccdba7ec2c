#include "lint/lint.h"

#include <algorithm>
#include <filesystem>

#include "base/atomic_file.h"

#include "base/strings.h"
#include "base/yaml_reader.h"
#include "cost/purchase.h"
#include "lint/rules/rules.h"

namespace gpuscout {

const std::vector<RuleInfo>& LintRules() {
  static const std::vector<RuleInfo> rules = {
      {"GS001", "memory-does-not-fit", CheckMemoryFit},
      {"GS002", "memory-headroom", CheckMemoryHeadroom},
      {"GS003", "network-no-rdma", CheckNetworkRdma},
      {"GS004", "network-no-sriov", CheckNetworkSriov},
      {"GS005", "network-zones", CheckNetworkZones},
      {"GS006", "compat-driver", CheckCompatDriver},
      {"GS007", "compat-cuda-cc", CheckCompatCudaCc},
      {"GS008", "compat-os", CheckCompatOs},
      {"GS009", "compat-compiler", CheckCompatCompiler},
      {"GS010", "cost-spot-checkpoint", CheckCostSpotCheckpoint},
      {"GS011", "cost-commitment", CheckCostCommitment},
      {"GS012", "cost-region", CheckCostRegion},
      {"GS013", "cost-no-price", CheckCostNoPrice},
      {"GS014", "fit-training-gpu", CheckFitTrainingGpu},
      {"GS015", "fit-render-gpu", CheckFitRenderGpu},
      {"GS016", "scale-capacity", CheckScaleCapacity},
      {"GS017", "scale-cooldown", CheckScaleCooldown},
      {"GS018", "scale-no-schedule", CheckScaleSchedule},
      {"GS019", "data-pipeline", CheckDataPipeline},
      {"GS020", "scale-slo", CheckScaleSlo},
      {"GS021", "compat-precision", CheckCompatPrecision},
      {"GS022", "serving-spot-no-spare", CheckServingSpotSpare},
      {"GS023", "cost-idle-commitment", CheckCostIdleCommitment},
  };
  return rules;
}

std::optional<double> PlanHours(const LintContext& ctx, const ResolvedOffer& r) {
  if (ctx.plan.job_hours) return ctx.plan.job_hours;
  if (r.plan->hours_per_month && r.plan->months) return *r.plan->hours_per_month * *r.plan->months;
  if (r.estimate && r.estimate->throughput.total_hours) return r.estimate->throughput.total_hours;
  return std::nullopt;
}

Result<std::vector<ResolvedOffer>> ResolvePlan(const Plan& plan, const Catalog& catalog, const Estimator& estimator) {
  std::vector<ResolvedOffer> out;
  int total_nodes = 0;
  for (const auto& po : plan.offers) total_nodes += po.count;
  for (const auto& po : plan.offers) {
    ResolvedOffer r;
    r.plan = &po;
    const auto all = catalog.Zones(po.vendor, po.instance);
    r.offer = CheapestZone(po.region.empty() ? all : catalog.Zones(po.vendor, po.instance, po.region), PriceKind::kOnDemand,
                           ExchangeRate{});
    std::vector<std::string> regions;
    for (const Offer* o : all) regions.push_back(o->region);
    if (!r.offer) {
      std::sort(regions.begin(), regions.end());
      regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
      return FailAt(plan.file, po.line, 1, "offers[].instance",
                    regions.empty() ? "no offer " + po.instance + " from '" + po.vendor + "' in the catalog"
                                    : po.instance + " is not offered in '" + po.region + "'; regions: " + Join(regions, ", "));
    }
    r.gpu = catalog.gpus().Find(r.offer->gpu);
    if (!ParsePurchase(po.purchase)) {
      return FailAt(plan.file, po.line, 1, "offers[].purchase",
                    "unknown purchase option '" + po.purchase + "': on-demand, spot, reserved-1y, reserved-3y, savings-1y, savings-3y, monthly");
    }
    if (plan.workload) {
      EstimateRequest req = *plan.workload;
      req.offer = po.vendor + ":" + r.offer->instance_type;
      req.nodes = total_nodes;
      if (!plan.rdma.empty()) req.network = plan.rdma == "none" ? "tcp" : plan.rdma;
      auto resolved = estimator.Resolve(req);
      if (!resolved && resolved.error().field == "precision") {  // a finding (GS021), not a stop
        r.unsupported_precision = resolved.error().message;
        out.push_back(std::move(r));
        continue;
      }
      if (!resolved) {
        return tl::unexpected(PlaceWorkloadError(resolved.error(), plan.file, "workload", plan.workload_marks, plan.workload_line));
      }
      r.workload = resolved->first;
      r.hardware = resolved->second;
      r.estimate = estimator.Run(resolved->first, resolved->second);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::optional<Fleet>> ResolveFleet(const Plan& plan, const Catalog& catalog, const Estimator& estimator,
                                          const std::vector<ResolvedOffer>& offers) {
  if (!plan.fleet || !plan.fleet->node) return std::optional<Fleet>{};
  // A partial fleet (lint reads what is written) is not simulated.
  const YAML::Node& n = plan.fleet->node;
  if (!n["max_nodes"] || !(n["capacity_rps"] || (n["model"] && n["offer"]))) return std::optional<Fleet>{};
  FleetContext fc;
  fc.catalog = &catalog;
  fc.estimator = &estimator;
  fc.read_files = false;  // the trace is the plan's fleet.trace, read by LoadFleetTrace
  if (!offers.empty() && offers.front().offer->price_hour) {
    const Offer& o = *offers.front().offer;
    fc.default_price_hour = fc.rate.Convert(*o.price_hour, o.currency, Currency::kUSD);
    fc.default_price_source = o.vendor + ":" + o.instance_type + " (" + o.region + ")";
  }
  if (!fc.default_price_hour && !plan.fleet->node["price"] && !plan.fleet->node["offer"]) {
    return std::optional<Fleet>{};  // nothing to price it with: the simulation rule stays silent
  }
  YamlReader rd(plan.file);
  GS_TRY(fleet, ParseFleetNode(rd, plan.fleet->node, fc, "fleet"));
  return std::optional<Fleet>(std::move(fleet));
}

Result<std::optional<Trace>> LoadFleetTrace(const Plan& plan) {
  if (!plan.fleet || plan.fleet->trace.empty()) return std::optional<Trace>{};
  std::filesystem::path path(plan.fleet->trace);
  if (path.is_relative()) path = std::filesystem::path(plan.file).parent_path() / path;
  auto text = ReadInputFile(path.string());
  if (!text) {
    Error e = text.error();
    e.message = plan.file + ":" + std::to_string(plan.fleet->line) + ": fleet.trace: " + e.message;
    return tl::unexpected(e);
  }
  GS_TRY(trace, ParseTrace(*text, path.string()));
  return std::optional<Trace>{std::move(trace)};
}

std::vector<LintFinding> RunLint(const LintContext& ctx) {
  std::vector<LintFinding> findings;
  for (const auto& rule : LintRules()) rule.check(ctx, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const LintFinding& a, const LintFinding& b) {
    return std::tie(a.line, a.id) < std::tie(b.line, b.id);
  });
  return findings;
}

}  // namespace gpuscout
