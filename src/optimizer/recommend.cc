#include "optimizer/recommend.h"

#include "catalog/region_pattern.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "base/strings.h"

namespace gpuscout {
namespace {

struct Key {
  const GpuSpec* gpu;
  int per_node;
  int nodes;
  double memory;
  Precision precision;
  Network network;
  double network_gbps;
  bool operator<(const Key& o) const {
    return std::tie(gpu, per_node, nodes, memory, precision, network, network_gbps) <
           std::tie(o.gpu, o.per_node, o.nodes, o.memory, o.precision, o.network, o.network_gbps);
  }
};

struct Estimated {
  MemoryBreakdown memory;
  Throughput time;
};

bool CandidateKeyLess(const Candidate& a, const Candidate& b) {
  if (a.offer != b.offer) {
    // Offers are stored sorted by vendor, instance type, region and zone.
    return a.offer < b.offer;
  }
  return std::tie(a.nodes, a.purchase) < std::tie(b.nodes, b.purchase);
}

bool CheaperThan(const Candidate& a, const Candidate& b) {
  if (a.total_cost != b.total_cost) return a.total_cost < b.total_cost;
  if (a.hours != b.hours) return a.hours < b.hours;
  return CandidateKeyLess(a, b);
}


std::string Money(double v, Currency c) { return fmt::format("{:.2f} {}", v, CurrencyCode(c)); }

}  // namespace

std::string_view RejectName(Reject r) {
  switch (r) {
    case Reject::kFiltered: return "filtered";
    case Reject::kNoPrice: return "no price";
    case Reject::kNoFit: return "does not fit memory";
    case Reject::kNoEstimate: return "no speed figure for the GPU";
    case Reject::kDeadline: return "misses the deadline";
    case Reject::kBudget: return "over budget";
  }
  return "?";
}

Result<Recommendation> Recommend(const Catalog& catalog, const Estimator& estimator, const RecommendRequest& r) {
  Recommendation out;
  const bool bare = !r.workload.has_value();
  if (bare && !r.gpu_mem_gib && !r.gpus) {
    return tl::unexpected(OptionError("--model", "give a workload (--model, --task ...) or bare needs (--gpu-mem GB, --gpus N, --hours H)"));
  }
  for (auto [v, name] : {std::pair{r.gpu_mem_gib, "--gpu-mem"}, std::pair{r.hours, "--hours"},
                         std::pair{r.deadline_hours, "--deadline"}, std::pair{r.budget, "--budget"}}) {
    if (v && !(*v > 0 && *v < 1e9)) return tl::unexpected(OptionError(name, fmt::format("{} is out of range: expected above 0", *v)));
  }
  if (r.gpus && (*r.gpus < 1 || *r.gpus > 100000)) return tl::unexpected(OptionError("--gpus", "expected 1 to 100000"));
  if (r.max_nodes < 0 || r.max_nodes > 1024) return tl::unexpected(OptionError("--max-nodes", "expected 1 to 1024"));
  if (r.top < 1) return tl::unexpected(OptionError("--top", "expected 1 or more"));
  auto region = RegionPattern::Compile(r.region_regex);
  if (!region) return tl::unexpected(region.error());

  // The workload, resolved once (the GPU is per candidate).
  Workload base;
  bool precision_given = false;
  if (!bare) {
    EstimateRequest er = *r.workload;
    precision_given = !er.precision.empty();
    er.gpu = "H100";
    er.offer.clear();
    er.gpus = 1;
    er.nodes = 1;
    auto resolved = estimator.Resolve(er);
    if (!resolved) return tl::unexpected(resolved.error());
    base = resolved->first;
    if (base.task == Task::kRender && base.frames <= 0) {
      return tl::unexpected(OptionError("--frames", "rendering needs --frames to price the job"));
    }
  }
  Workload base_fp16 = base;
  base_fp16.precision = Precision::kFp16;
  const bool spreads = !bare && (IsTraining(base.task) || base.task == Task::kHpc);
  // Streaming sizes the node count from the sessions: one pass per offer.
  const bool stream = !bare && base.task == Task::kStream;
  const int max_nodes = stream ? 1 : r.max_nodes > 0 ? r.max_nodes : (spreads ? 4 : 1);
  const int max_stream_nodes = r.max_nodes > 0 ? r.max_nodes : 1024;
  const bool timed_by_dataset = !bare && ((IsTraining(base.task) && (base.tokens > 0 || base.samples > 0)) ||
                                          (base.task == Task::kRender && base.frames > 0) || base.task == Task::kHpc);
  const double fixed_hours = r.hours.value_or(1);
  if (stream && r.spot == SpotPolicy::kAllow) {
    out.assumptions.push_back("spot left out: an interruption drops the sessions on the node (--spot only to see spot prices)");
  }
  if (!bare && !timed_by_dataset) {
    out.assumptions.push_back(r.hours ? fmt::format("priced for {} hours of use (--hours)", *r.hours)
                                      : std::string("no dataset (--tokens, --samples) or --hours given: priced for 1 hour"));
  }
  std::vector<Purchase> purchases = r.purchases;
  if (purchases.empty()) purchases.assign(std::begin(kAllPurchases), std::end(kAllPurchases));
  std::set<std::string> vendors(r.vendors.begin(), r.vendors.end());
  std::set<std::string> gpu_names;
  for (auto* g : r.gpu_filter) gpu_names.insert(g->name);

  std::map<Key, Estimated> cache;
  std::vector<Candidate> feasible;
  feasible.reserve(catalog.offers().size() * static_cast<size_t>(max_nodes) / 2);
  std::vector<Candidate> deadline_only, budget_only;
  std::array<size_t, 6> rejected{};
  auto reject = [&](Reject why, size_t n = 1) { rejected[static_cast<size_t>(why)] += n; };
  bool saw_usd = false, saw_cny = false;
  // Offers come sorted by vendor, instance type, region, zone: the zones of
  // one region are consecutive. The best zone per (node count, purchase) of
  // the region being read is kept here and flushed when the region changes.
  std::vector<std::optional<Candidate>> group(static_cast<size_t>(max_nodes) * std::size(kAllPurchases));
  const Offer* group_offer = nullptr;
  auto flush = [&] {
    for (auto& slot : group) {
      if (slot) feasible.push_back(*slot);
      slot.reset();
    }
  };
  // The previous offer's estimate per node count: consecutive offers (zones,
  // regions of one instance type) share their hardware.
  std::vector<std::optional<Key>> last_key(static_cast<size_t>(max_nodes));
  std::vector<const Estimated*> last_estimate(static_cast<size_t>(max_nodes), nullptr);

  for (const Offer& o : catalog.offers()) {
    if (r.work_budget.Spent()) return tl::unexpected(r.work_budget.Exceeded("recommend"));
    if (!group_offer || group_offer->vendor != o.vendor || group_offer->instance_type != o.instance_type ||
        group_offer->region != o.region) {
      flush();
      group_offer = &o;
    }
    const size_t per_offer = purchases.size() * static_cast<size_t>(max_nodes);
    if ((!vendors.empty() && !vendors.count(o.vendor)) || !region->Matches(o.region) ||
        (!gpu_names.empty() && !gpu_names.count(o.gpu))) {
      reject(Reject::kFiltered, per_offer);
      continue;
    }
    const GpuSpec* gpu = catalog.gpus().Find(o.gpu);
    if (!gpu) continue;
    const int per_node = std::max(1, static_cast<int>(o.gpu_count));
    for (int nodes = 1; nodes <= max_nodes; ++nodes) {
      int priced_nodes = nodes;
      bool fits = true;
      double hours = fixed_hours;
      double need_gib = 0;
      if (bare) {
        // Bare needs: enough GPUs of enough memory on the fewest nodes.
        const int want = r.gpus.value_or(1);
        const int nodes_needed = (want + per_node - 1) / per_node;
        if (nodes != nodes_needed || o.gpu_count < 1) {
          if (nodes == 1) {
            // Counted once per offer, whatever node count it would take.
            if (nodes_needed > max_nodes || o.gpu_count < 1) reject(Reject::kNoFit, purchases.size());
          }
          continue;
        }
        need_gib = r.gpu_mem_gib.value_or(0);
        fits = o.gpu_mem_gib && *o.gpu_mem_gib + 1e-9 >= need_gib;
      } else {
        // GPUs without bf16 (V100, T4) train in fp16 unless a precision was given.
        const Workload& w = !precision_given && base.precision == Precision::kBf16 && !gpu->bf16_tflops ? base_fp16 : base;
        Hardware hw;
        hw.gpu = gpu;
        hw.gpus_per_node = per_node;
        hw.nodes = nodes;
        hw.memory_gib = o.gpu_count < 1 && o.gpu_mem_gib ? *o.gpu_mem_gib : 0;
        ApplyOfferNetwork(o, hw);
        if (w.tensor_parallel > 1 && hw.total_gpus() % w.tensor_parallel != 0) {
          reject(Reject::kNoFit, purchases.size());
          continue;
        }
        const Key key{gpu, per_node, nodes, hw.memory_gib, w.precision, hw.network, hw.network_gbps};
        auto& lk = last_key[static_cast<size_t>(nodes - 1)];
        if (!lk || key < *lk || *lk < key) {
          auto it = cache.find(key);
          if (it == cache.end()) {
            Estimated e;
            estimator.Fast(w, hw, e.memory, e.time);
            it = cache.emplace(key, e).first;
          }
          lk = key;
          last_estimate[static_cast<size_t>(nodes - 1)] = &it->second;
        }
        const Estimated& e = *last_estimate[static_cast<size_t>(nodes - 1)];
        fits = e.memory.fits;
        need_gib = e.memory.total / kGiB;
        if (fits && timed_by_dataset) {
          if (!e.time.known || !e.time.total_hours) {
            reject(Reject::kNoEstimate, purchases.size());
            continue;
          }
          hours = *e.time.total_hours;
        }
        if (fits && stream) {
          if (!e.time.known || e.time.sessions_per_gpu < 1) {
            reject(Reject::kNoEstimate, purchases.size());
            continue;
          }
          // A vGPU slice gets its share of the encoder.
          const int per_instance = o.gpu_count < 1 ? static_cast<int>(e.time.sessions_per_gpu * o.gpu_count + 1e-9)
                                                   : e.time.sessions_per_gpu * per_node;
          if (per_instance < 1) {
            reject(Reject::kNoFit, purchases.size());
            continue;
          }
          priced_nodes = (base.stream.sessions + per_instance - 1) / per_instance;
          if (priced_nodes > max_stream_nodes) {
            reject(Reject::kNoFit, purchases.size());
            continue;
          }
        }
      }
      if (!fits) {
        reject(Reject::kNoFit, purchases.size());
        continue;
      }
      for (Purchase p : purchases) {
        // An interruption drops an interactive session: streams rent spot only when asked (--spot only).
        if ((r.spot == SpotPolicy::kNever && p == Purchase::kSpot) || (r.spot == SpotPolicy::kOnly && p != Purchase::kSpot) ||
            (stream && r.spot == SpotPolicy::kAllow && p == Purchase::kSpot)) {
          reject(Reject::kFiltered);
          continue;
        }
        const OptionCost c = PriceOption(o, p, Usage::Job(hours), r.spot_params, priced_nodes, false);
        if (!c.available) {
          reject(Reject::kNoPrice);
          continue;
        }
        ++out.evaluated;
        const double total = r.rate.Convert(c.total, o.currency, r.currency);
        (o.currency == Currency::kUSD ? saw_usd : saw_cny) = true;
        const bool late = r.deadline_hours && c.wall_hours > *r.deadline_hours + 1e-9;
        const bool dear = r.budget && total > *r.budget + 1e-9;
        auto make = [&] {
          Candidate cand;
          cand.offer = &o;
          cand.nodes = priced_nodes;
          cand.purchase = p;
          cand.price_hour = r.rate.Convert(c.rate, o.currency, r.currency);
          cand.hours = c.wall_hours;
          cand.work_hours = hours;
          cand.total_cost = total;
          cand.memory_gib = need_gib;
          cand.rate_assumed = c.rate_assumed;
          return cand;
        };
        if (late || dear) {
          reject(late ? Reject::kDeadline : Reject::kBudget);
          if (late && !dear) deadline_only.push_back(make());
          if (dear && !late) budget_only.push_back(make());
          continue;
        }
        // Keep the region's best zone; build the candidate only when it wins.
        auto& slot = group[static_cast<size_t>(nodes - 1) * std::size(kAllPurchases) + static_cast<size_t>(p)];
        if (!slot || total < slot->total_cost || (total == slot->total_cost && c.wall_hours < slot->hours)) {
          slot = make();
        }
      }
    }
  }

  flush();
  for (size_t i = 0; i < rejected.size(); ++i) {
    if (rejected[i]) out.rejected[std::string(RejectName(static_cast<Reject>(i)))] = rejected[i];
  }
  // Sort small keys, not candidates: tens of thousands of them. Ties keep
  // the order candidates were made in: catalog order (vendor, instance type,
  // region, zone), then node count and purchase option.
  struct SortKey {
    double cost;
    double hours;
    uint32_t index;
  };
  std::vector<SortKey> keys;
  keys.reserve(feasible.size());
  for (size_t i = 0; i < feasible.size(); ++i) {
    keys.push_back({feasible[i].total_cost, feasible[i].hours, static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
    return std::tie(a.cost, a.hours, a.index) < std::tie(b.cost, b.hours, b.index);
  });
  std::vector<const Candidate*> by_cost;
  by_cost.reserve(keys.size());
  for (const auto& k : keys) by_cost.push_back(&feasible[k.index]);
  // The Pareto front of cost against time: cheapest first, each faster than all before.
  double fastest = 1e300;
  for (const Candidate* c : by_cost) {
    if (c->hours < fastest - 1e-12) {
      out.pareto.push_back(*c);
      fastest = c->hours;
    }
  }
  if (r.objective == Objective::kPareto) {
    out.candidates = out.pareto;
  } else {
    std::vector<const Candidate*> ranked = by_cost;
    if (r.objective == Objective::kTime) {
      std::stable_sort(ranked.begin(), ranked.end(),
                       [](const Candidate* a, const Candidate* b) { return a->hours < b->hours; });
    }
    // One row per instance type: its best region, node count and purchase option.
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const Candidate* c : ranked) {
      if (out.candidates.size() == static_cast<size_t>(r.top)) break;
      if (seen.emplace(c->offer->vendor, c->offer->instance_type).second) out.candidates.push_back(*c);
    }
  }
  if (out.candidates.size() > static_cast<size_t>(r.top)) out.candidates.resize(static_cast<size_t>(r.top));

  // What relaxing one constraint would buy.
  const Candidate* top = by_cost.empty() ? nullptr : by_cost.front();
  if (!deadline_only.empty()) {
    const Candidate& c = *std::min_element(deadline_only.begin(), deadline_only.end(), CheaperThan);
    if (!top || c.total_cost < top->total_cost) {
      out.relaxations.push_back(
          {"deadline",
           top ? fmt::format("a {:.1f} h deadline saves {:.0f}% ({} instead of {})", c.hours,
                             100 * (1 - c.total_cost / top->total_cost), Money(c.total_cost, r.currency),
                             Money(top->total_cost, r.currency))
               : fmt::format("a {:.1f} h deadline allows {} {} for {}", c.hours, c.offer->vendor, c.offer->instance_type,
                             Money(c.total_cost, r.currency)),
           c});
    }
  }
  if (!budget_only.empty()) {
    const Candidate& c = *std::min_element(budget_only.begin(), budget_only.end(), CheaperThan);
    out.relaxations.push_back({"budget",
                               fmt::format("a budget of {} allows {} {} {} ({:.1f} h)", Money(c.total_cost, r.currency),
                                           c.offer->vendor, c.offer->instance_type, PurchaseName(c.purchase), c.hours),
                               c});
  }
  if (feasible.empty() && deadline_only.empty() && budget_only.empty() && max_nodes < 64 && spreads) {
    out.relaxations.push_back({"max-nodes", fmt::format("nothing fits on {} node(s): try --max-nodes {}, --zero 3, or --task lora/qlora",
                                                        max_nodes, max_nodes * 4), {}});
  }

  // Assumptions: the estimator's for the leading candidate, and the cost notes.
  if (!out.candidates.empty() && !bare) {
    const Candidate& c = out.candidates.front();
    Workload w = base;
    const GpuSpec* gpu = catalog.gpus().Find(c.offer->gpu);
    if (!precision_given && w.precision == Precision::kBf16 && !gpu->bf16_tflops) w.precision = Precision::kFp16;
    Hardware hw;
    hw.gpu = gpu;
    hw.gpus_per_node = std::max(1, static_cast<int>(c.offer->gpu_count));
    hw.nodes = c.nodes;
    ApplyOfferNetwork(*c.offer, hw);
    Estimate e = estimator.Run(w, hw);
    for (auto& a : e.assumptions) out.assumptions.push_back("estimate for the first candidate: " + a);
  }
  for (auto& c : out.candidates) {
    // The search priced without text; the shown candidates get their notes.
    c.note = PriceOption(*c.offer, c.purchase, Usage::Job(c.work_hours), r.spot_params, c.nodes, true).note;
  }
  if ((saw_usd && saw_cny) || (saw_usd && r.currency != Currency::kUSD) || (saw_cny && r.currency != Currency::kCNY)) {
    out.assumptions.push_back("prices converted to " + std::string(CurrencyCode(r.currency)) + " at " + r.rate.Describe());
  }
  out.assumptions.push_back("commitments (reserved, savings plans, monthly) are charged for their whole term; discounts "
                            "without a published price are assumptions (data/SOURCES.md, src/cost/purchase.h)");
  out.assumptions.push_back(fmt::format("spot: interruptions at the default rate (AWS Spot Instance Advisor's top band, "
                                        "20% a month) unless --interruptions-per-day; checkpoint interval by Daly; restart "
                                        "{:.0f} s, checkpoint {:.0f} s; the notice before an interruption (AWS 2 min, GCP "
                                        "and Azure 30 s) is not used to checkpoint on notice, so spot costs are on the "
                                        "safe side",
                                        r.spot_params.restart_cost_s, r.spot_params.checkpoint_cost_s));
  return out;
}

}  // namespace gpuscout
