#include "service/emit_plan.h"

#include <fmt/format.h>

#include <algorithm>

#include "cost/purchase.h"
#include "emit/dstack.h"
#include "emit/hpa.h"
#include "emit/karpenter.h"
#include "emit/keda.h"
#include "emit/kubernetes.h"
#include "emit/skypilot.h"

namespace gpuscout {

namespace {

std::string Summary(const Candidate& c, Currency currency) {
  return fmt::format("gpuscout recommend, rank 1: {} x {} {} ({} x {}) in {}, {}, {:.2f} {} for {:.1f} h", c.nodes, c.offer->vendor,
                     c.offer->instance_type, c.offer->gpu_count, c.offer->gpu, c.offer->region, PurchaseName(c.purchase),
                     c.total_cost, CurrencyCode(currency), c.hours);
}

// The cron windows of a pool's schedule; actions have no window to give.
Result<std::vector<ScalingWindow>> Windows(const SimPool& pool) {
  std::vector<ScalingWindow> out;
  for (const auto& e : pool.schedule.entries) {
    if (!e.start || !e.end) {
      return tl::unexpected(OptionError("emit", fmt::format("pool '{}': the schedule's one-off action at line {} has no "
                                                            "window (start, end) to give KEDA's cron scaler",
                                                            pool.name, e.line)));
    }
    out.push_back({e.start->text, e.end->text, e.min_nodes.value_or(0)});
  }
  return out;
}

}  // namespace

LaunchPlan LaunchPlanOf(const Candidate& c, const RecommendRequest& r) {
  LaunchPlan p;
  const Offer& o = *c.offer;
  p.vendor = o.vendor;
  p.region = o.region;
  p.instance_type = o.instance_type;
  p.gpu = o.gpu;
  p.gpus_per_node = static_cast<int>(o.gpu_count);
  p.nodes = c.nodes;
  p.spot = c.purchase == Purchase::kSpot;
  p.disk_gb = static_cast<int>(r.job_terms.disk_gb);
  p.service = c.replicas > 0;
  p.replicas = c.replicas;
  if (r.workload) {
    p.model = r.workload->model;
    p.task = r.workload->task;
  }
  p.name = Dns1123Label(p.model.empty() ? "gpuscout-" + o.instance_type : p.model + "-" + p.task);
  if (p.service) p.nodes = std::max(1, c.nodes / std::max(1, c.replicas));  // nodes per replica (pipeline stages)
  return p;
}

ScalingPlan ScalingPlanOf(const TuneResult& t, const Offer* offer) {
  ScalingPlan p;
  const SimPool& pool = t.best;
  p.name = Dns1123Label(pool.name);
  if (offer) {
    p.vendor = offer->vendor;
    p.region = offer->region;
    p.instance_type = offer->instance_type;
    p.gpus_per_node = static_cast<int>(offer->gpu_count);
  }
  p.spot = pool.spot;
  p.min_nodes = pool.min_nodes;
  p.max_nodes = pool.max_nodes;
  p.capacity_rps = pool.capacity_rps;
  p.policy = pool.policy;
  p.time_zone = pool.schedule.zone_name;
  return p;
}

Result<std::string> EmitRecommendation(const std::string& format, const Recommendation& rec, const RecommendRequest& r) {
  if (rec.candidates.empty()) return tl::unexpected(OptionError("emit", "nothing to emit: no candidate meets the constraints"));
  const Candidate& c = rec.candidates.front();
  const LaunchPlan plan = LaunchPlanOf(c, r);
  const std::string summary = Summary(c, r.currency);
  if (format == "skypilot") return SkyPilotTask(plan, summary);
  if (format == "dstack") return DstackConfiguration(plan, summary);
  if (format == "k8s") return KubernetesWorkload(plan, summary);
  return tl::unexpected(OptionError("emit", "expected skypilot, dstack or k8s, got '" + format + "'"));
}

Result<std::string> EmitTuned(const std::string& format, const std::vector<TuneResult>& results, const Fleet& fleet) {
  if (format != "hpa" && format != "keda" && format != "karpenter") {
    return tl::unexpected(OptionError("emit", "expected hpa, keda or karpenter, got '" + format + "'"));
  }
  std::string out;
  for (size_t i = 0; i < results.size(); ++i) {
    const TuneResult& t = results[i];
    if (!t.found) return tl::unexpected(OptionError("emit", "pool '" + t.pool + "': no setting met the SLO; nothing to emit"));
    ScalingPlan plan = ScalingPlanOf(t, i < fleet.pool_offers.size() ? fleet.pool_offers[i] : nullptr);
    const std::string summary = fmt::format("gpuscout scale tune, pool '{}': {}", t.pool, fmt::join(t.changes, "; "));
    Result<std::string> doc = std::string();
    if (format == "hpa") {
      doc = HorizontalPodAutoscaler(plan, summary);
    } else if (format == "keda") {
      GS_TRY(windows, Windows(t.best));
      plan.windows = std::move(windows);
      doc = KedaScaledObject(plan, summary);
    } else {
      doc = KarpenterNodePool(plan, summary);
    }
    if (!doc) return tl::unexpected(doc.error());
    out += (out.empty() ? "" : "---\n") + *doc;
  }
  return out;
}

}  // namespace gpuscout
