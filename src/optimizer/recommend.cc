#include "optimizer/recommend.h"

#include "catalog/query.h"
#include "catalog/region_pattern.h"
#include "catalog/suspect.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/strings.h"
#include "workload/host_memory.h"
#include "workload/throughput.h"

namespace gpuscout {
namespace {

// Folds `v` into the hash `h` (the golden-ratio combine).
void Mix(size_t& h, size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); }

struct Estimated {
  MemoryBreakdown memory;
  Throughput time;
  std::optional<ReplicaCapacity> capacity;  // LLM serving at a rate: within the SLO (computed when asked)
  std::optional<ServingPoint> at_share;     // ... and each replica at its share of the rate, once sized
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


}  // namespace

std::string_view RejectName(Reject r) {
  switch (r) {
    case Reject::kFiltered: return "filtered";
    case Reject::kSoldOut: return "sold_out";
    case Reject::kTooFewGpus: return "too_few_gpus";
    case Reject::kSuspectSpot: return "suspect_spot";
    case Reject::kNotSold: return "not_sold";
    case Reject::kOneListing: return "one_listing";
    case Reject::kNoPrice: return "no_price";
    case Reject::kPrecision: return "no_precision";
    case Reject::kNoFit: return "no_fit";
    case Reject::kHostRam: return "host_too_small";
    case Reject::kNoEstimate: return "no_estimate";
    case Reject::kSlo: return "misses_slo";
    case Reject::kDeadline: return "misses_deadline";
    case Reject::kBudget: return "over_budget";
    case Reject::kCount: break;
  }
  return "?";
}

namespace {

// Options that contradict each other are refused, naming both, rather
// than one of them being ignored.
Result<void> ValidateTogether(const RecommendRequest& r) {
  if (r.workload && r.gpu_mem_gib) {
    return tl::unexpected(OptionError("gpu_mem", "[[gpu_mem]] is a bare need, and a workload ([[model]], [[task]]) sizes "
                                                 "its own memory: give one or the other (choose GPUs with [[gpu]])"));
  }
  if (r.nodes && r.max_nodes > 0) {
    return tl::unexpected(OptionError("nodes", "[[nodes]] fixes the node count and [[max_nodes]] bounds the search: give one"));
  }
  if (!r.workload && r.max_nodes > 0) {
    return tl::unexpected(OptionError("max_nodes", "[[max_nodes]] bounds the search for a workload; bare needs rent "
                                                   "[[nodes]] nodes (default 1) of [[gpus]] GPUs each"));
  }
  const bool spot_asked = r.purchases.empty() || std::count(r.purchases.begin(), r.purchases.end(), Purchase::kSpot) > 0;
  if (r.spot == SpotPolicy::kOnly && !spot_asked) {
    return tl::unexpected(OptionError("spot", "[[spot]] only asks for spot prices, but [[purchase]] leaves spot out"));
  }
  if (r.spot == SpotPolicy::kNever && r.purchases == std::vector<Purchase>{Purchase::kSpot}) {
    return tl::unexpected(OptionError("spot", "[[spot]] never removes the only option [[purchase]] asks for (spot)"));
  }
  return {};
}

// Latency bounds size a server for a rate: they need the rate.
Result<void> ValidateServing(const RecommendRequest& r) {
  const bool rate = r.workload && r.workload->rps;
  if ((r.ttft_ms || r.tpot_ms) && !rate) {
    return tl::unexpected(OptionError(r.ttft_ms ? "ttft_ms" : "tpot_ms", "a latency bound sizes a server for [[rps]]: give it"));
  }
  if (r.workload && r.workload->task == "serve" && !rate) {
    return tl::unexpected(OptionError("rps", "--task serve sizes a server for a request rate: give [[rps]]"));
  }
  for (const auto& [v, name] : {std::pair{r.ttft_ms, "ttft_ms"}, std::pair{r.tpot_ms, "tpot_ms"}}) {
    if (v && !(*v > 0 && *v <= 1e7)) return tl::unexpected(OptionError(name, fmt::format("{} is out of range", *v)));
  }
  return {};
}

Result<void> Validate(const RecommendRequest& r) {
  GS_CHECK(ValidateServing(r));
  if (!r.workload && !r.gpu_mem_gib && !r.gpus) {
    return tl::unexpected(OptionError("model", "give a workload ([[model]], [[task]] ...) or bare needs ([[gpu_mem]] GB, [[gpus]] N, [[hours]] H)"));
  }
  for (auto [v, name] : {std::pair{r.gpu_mem_gib, "gpu_mem"}, std::pair{r.hours, "hours"},
                         std::pair{r.deadline_hours, "deadline"}, std::pair{r.budget, "budget"}}) {
    if (v && !(*v > 0 && *v < 1e9)) return tl::unexpected(OptionError(name, fmt::format("{} is out of range: expected above 0", *v)));
  }
  if (r.gpus && (*r.gpus < 1 || *r.gpus > 1024)) return tl::unexpected(OptionError("gpus", "expected 1 to 1024 GPUs per node"));
  if (r.nodes && (*r.nodes < 1 || *r.nodes > 1024)) return tl::unexpected(OptionError("nodes", "expected 1 to 1024"));
  if (r.max_nodes < 0 || r.max_nodes > 1024) return tl::unexpected(OptionError("max_nodes", "expected 1 to 1024"));
  if (r.top < 1) return tl::unexpected(OptionError("top", "expected 1 or more"));
  return ValidateTogether(r);
}

// The request, resolved once: the workload (the hardware is per candidate),
// the node counts to try, and the filters.
struct SearchSpace {
  bool bare = true;
  Workload base;
  Workload base_fp16;  // `base` on GPUs without bf16 (V100, T4) when no precision was chosen
  LayoutFreedom free;  // the layout dimensions the request left to the search
  bool spreads = false;           // training and HPC may spread over nodes
  bool pipelines = false;         // LLM serving: pipeline stages over nodes when one is too small
  bool stream = false;            // streaming sizes the node count from the sessions
  bool serving = false;           // inference or streams: on demand unless spot is chosen
  SpotPolicy spot = SpotPolicy::kAllow;  // the request's, or the task's default
  bool timed_by_dataset = false;  // the job's hours come from the estimate
  bool at_rate = false;           // LLM serving sized for the workload's rps within `slo`
  LatencySlo slo;
  ServingEfficiency efficiency;   // the engine's, for `at_rate`
  int min_nodes = 1, max_nodes = 1;  // the node counts tried
  int max_stream_nodes = 1024;
  int node_counts() const { return max_nodes - min_nodes + 1; }
  double fixed_hours = 1;
  std::vector<Purchase> purchases;
  std::set<std::string> vendors, gpu_names;
  std::optional<RegionPattern> region;
};

Result<SearchSpace> Space(const Catalog& catalog, const Estimator& estimator, const RecommendRequest& r, Recommendation& out) {
  SearchSpace s;
  GS_TRY(region, CompileRegion(catalog, r.region_regex));
  s.region = std::move(region);
  s.bare = !r.workload.has_value();
  if (!s.bare) {
    GS_TRY(w, estimator.ResolveWorkload(*r.workload));
    s.base = std::move(w);
    s.free = FreedomOf(*r.workload);
    if (s.base.task == Task::kRender && s.base.frames <= 0) {
      return tl::unexpected(OptionError("frames", "rendering needs [[frames]] to price the job"));
    }
  }
  s.base_fp16 = s.base;
  if (!s.base.precision_chosen && s.base.precision == Precision::kBf16) s.base_fp16.precision = Precision::kFp16;
  const Workload& b = s.base;
  s.spreads = !s.bare && (IsTraining(b.task) || b.task == Task::kHpc);
  s.stream = !s.bare && b.task == Task::kStream;
  if (s.stream && r.nodes) {
    return tl::unexpected(OptionError("nodes", "a stream takes as many nodes as its [[sessions]] need; bound them with [[max_nodes]]"));
  }
  s.pipelines = !s.bare && b.task == Task::kInfer && b.model.kind == ModelKind::kLlm && s.free.pipeline;
  s.max_nodes = s.stream ? 1 : r.max_nodes > 0 ? r.max_nodes : (s.spreads || s.pipelines ? 4 : 1);
  if (r.nodes) s.min_nodes = s.max_nodes = *r.nodes;
  s.max_stream_nodes = r.max_nodes > 0 ? r.max_nodes : 1024;
  s.timed_by_dataset = !s.bare && ((IsTraining(b.task) && (b.tokens > 0 || b.samples > 0)) ||
                                   (b.task == Task::kRender && b.frames > 0) || b.task == Task::kHpc);
  if (s.timed_by_dataset && r.hours) {
    return tl::unexpected(OptionError("hours", "[[hours]] prices a fixed time, and this job's hours come from its "
                                               "dataset ([[tokens]], [[samples]], [[frames]] or the reference run): give one"));
  }
  s.fixed_hours = r.hours.value_or(1);
  s.at_rate = !s.bare && b.rps > 0;
  if (s.at_rate) {
    s.slo = {r.ttft_ms.value_or(0) / 1e3, r.tpot_ms.value_or(0) / 1e3};
    s.efficiency = estimator.serving().Of(b.engine);
    out.assumptions.push_back(Message("rec.serving_rate").With("rps", b.rps).With("prompt", b.prompt_tokens)
                                  .With("output", b.output_tokens).With("engine", EngineName(b.engine)));
  }
  if (!s.at_rate && IsContinuousServing(b) && !s.bare) out.assumptions.push_back(Message("rec.serving_hint"));
  s.serving = s.stream || (!s.bare && (b.task == Task::kInfer || b.task == Task::kCnnInfer));
  s.spot = r.spot.value_or(s.serving ? SpotPolicy::kNever : SpotPolicy::kAllow);
  if (s.serving && !r.spot) {
    out.assumptions.push_back(Message(s.stream ? "rec.stream_no_spot" : "rec.serving_no_spot"));
  }
  if (!s.bare && !s.timed_by_dataset) {
    out.assumptions.push_back(r.hours ? Message("rec.hours").With("hours", *r.hours) : Message("rec.one_hour"));
  }
  s.purchases = r.purchases;
  if (s.purchases.empty()) s.purchases.assign(std::begin(kAllPurchases), std::end(kAllPurchases));
  s.vendors.insert(r.vendors.begin(), r.vendors.end());
  for (auto* g : r.gpu_filter) s.gpu_names.insert(g->name);
  return s;
}

// Training and HPC nodes run in lockstep; a stream's nodes carry sessions
// of their own.
SpotParams SpotParamsFor(const RecommendRequest& r, const SearchSpace& s) {
  SpotParams p = r.spot_params;
  p.independent_instances = s.serving;
  if (s.serving) p.spare_instances = 1;
  return p;
}

// One offer at one node count: what the job needs and takes there.
struct Sizing {
  int priced_nodes = 1;
  double hours = 0;
  double need_gib = 0;
  LayoutChoice layout;
  bool time_known = true;
  // LLM serving at a rate.
  int replicas = 0;
  ServingPoint point;  // each replica at its share of the rate
};

// The estimates of one offer x node count, the layout chosen.
struct Chosen {
  const Estimated* estimate = nullptr;
  LayoutChoice layout;
};

// The hardware a layout choice depends on: offers that share it (zones,
// regions, and other instance types with the same GPUs, memory and
// network) share the choice.
struct HardwareKey {
  const GpuSpec* gpu;
  int per_node, nodes;
  double memory;
  Network network;
  double network_gbps;
  bool operator==(const HardwareKey& o) const {
    return std::tie(gpu, per_node, nodes, memory, network, network_gbps) ==
           std::tie(o.gpu, o.per_node, o.nodes, o.memory, o.network, o.network_gbps);
  }
};

struct HardwareKeyHash {
  size_t operator()(const HardwareKey& k) const {
    size_t h = std::hash<const void*>()(k.gpu);
    Mix(h, std::bit_cast<size_t>(k.memory));
    Mix(h, std::bit_cast<size_t>(k.network_gbps));
    Mix(h, static_cast<size_t>(k.per_node) | static_cast<size_t>(k.nodes) << 20 | static_cast<size_t>(k.network) << 40);
    return h;
  }
};

// One node's estimate does not depend on the network between nodes, so it
// is keyed without it.
HardwareKey HardwareKeyOf(const Hardware& hw) {
  const bool alone = hw.nodes == 1;
  return {hw.gpu, hw.gpus_per_node, hw.nodes, hw.memory_gib, alone ? Network::kNone : hw.network,
          alone ? 0 : hw.network_gbps};
}

// One estimate: the hardware, the precision and the layout.
struct Key {
  HardwareKey hw;
  Precision precision;
  LayoutChoice layout;
  bool operator==(const Key& o) const {
    const LayoutChoice& a = layout;
    const LayoutChoice& b = o.layout;
    return hw == o.hw && precision == o.precision &&
           std::tie(a.tensor_parallel, a.zero_stage, a.recompute, a.offload, a.pipeline_parallel) ==
               std::tie(b.tensor_parallel, b.zero_stage, b.recompute, b.offload, b.pipeline_parallel);
  }
};

struct KeyHash {
  size_t operator()(const Key& k) const {
    size_t h = HardwareKeyHash()(k.hw);
    const LayoutChoice& l = k.layout;
    Mix(h, static_cast<size_t>(l.tensor_parallel) | static_cast<size_t>(l.pipeline_parallel) << 24 |
               static_cast<size_t>(l.zero_stage) << 48);
    Mix(h, static_cast<size_t>(k.precision) | static_cast<size_t>(l.recompute) << 8 | static_cast<size_t>(l.offload) << 16);
    return h;
  }
};

// Every offer x node count x purchase option, estimated and priced.
class Search {
 public:
  Search(const Estimator& estimator, const RecommendRequest& r, const SearchSpace& s)
      : estimator_(estimator), r_(r), s_(s), spot_params_(SpotParamsFor(r, s)), pricer_(r.job_terms, r.rate),
        group_(static_cast<size_t>(s.max_nodes) * std::size(kAllPurchases)) {}

  Result<void> Run(const Catalog& catalog);
  void Report(Recommendation& out) const;

  std::vector<Candidate> feasible;
  // The cheapest candidate that only the deadline, or only the budget, rules out.
  std::optional<Candidate> deadline_only, budget_only;
  // LLM serving at a rate: the least TTFT and TPOT a replica rejected for the SLO reaches.
  std::optional<double> least_ttft, least_tpot;
  // The cheapest offer (on demand, per hour) rejected for the SLO, and its latency at a trickle.
  struct SloMiss {
    const Offer* offer = nullptr;
    double price_usd = 0;
    ServingPoint trickle;
  };
  std::optional<SloMiss> cheapest_slo_miss;
  bool saw_usd = false, saw_cny = false;

 private:
  void Reject(enum Reject why, size_t n = 1) { rejected_[static_cast<size_t>(why)] += n; }
  size_t PerNodeCount() const { return s_.purchases.size(); }
  void Flush();
  std::optional<Sizing> SizeBare(const Offer& o, int nodes);
  std::optional<Sizing> SizeWorkload(const Offer& o, const GpuSpec* gpu, int nodes);
  bool SizeForRate(const Offer& o, const Hardware& hw, const Chosen& chosen, Sizing& size);
  Estimated& EstimateFor(const Workload& w, const Hardware& hw);
  const ReplicaCapacity& CapacityOf(const Workload& w, const Hardware& hw);
  double LayoutRate(const Workload& w, const Hardware& hw);
  const std::vector<std::vector<Workload>>& TiersFor(bool fp16, int gpus_per_node, int nodes);
  std::optional<Chosen> Choose(const GpuSpec* gpu, const Hardware& hw);
  void Price(const Offer& o, int nodes, const Sizing& size);

  const Estimator& estimator_;
  const RecommendRequest& r_;
  const SearchSpace& s_;
  SpotParams spot_params_;
  JobPricer pricer_;  // the whole job's terms, each offer's prices looked up once
  std::unordered_map<Key, Estimated, KeyHash> cache_;
  std::map<std::tuple<bool, int, int>, std::vector<std::vector<Workload>>> tiers_;
  std::array<size_t, static_cast<size_t>(Reject::kCount)> rejected_{};
  size_t evaluated_ = 0;
  // Offers come sorted by vendor, instance type, region, zone: the regions
  // and zones of one instance type are consecutive. Its best region and zone
  // per (node count, purchase) is kept here and flushed when the type
  // changes: the others take the same hours at a higher price, so they can
  // be neither its row in the table nor on the Pareto front (ties keep the
  // first in catalog order, as the ranking would).
  std::vector<std::optional<Candidate>> group_;
  const Offer* group_offer_ = nullptr;
  std::array<bool, std::size(kAllPurchases)> sold_{};  // by the group's vendor: VendorSells
  // The layout chosen per hardware (pointing into cache_, whose elements
  // stay put); nullopt: nothing fits.
  std::unordered_map<HardwareKey, std::optional<Chosen>, HardwareKeyHash> chosen_;
};

void Search::Flush() {
  for (auto& slot : group_) {
    if (slot) feasible.push_back(*slot);
    slot.reset();
  }
}

Result<void> Search::Run(const Catalog& catalog) {
  for (const Offer& o : catalog.offers()) {
    if (r_.work_budget.Spent()) return tl::unexpected(r_.work_budget.Exceeded("recommend"));
    if (!group_offer_ || group_offer_->vendor != o.vendor || group_offer_->instance_type != o.instance_type) {
      Flush();
      group_offer_ = &o;
      for (Purchase p : kAllPurchases) sold_[static_cast<size_t>(p)] = VendorSells(o, p);
    }
    if ((!s_.vendors.empty() && !s_.vendors.count(o.vendor)) || !s_.region->Matches(o.region) ||
        (!s_.gpu_names.empty() && !s_.gpu_names.count(o.gpu))) {
      Reject(Reject::kFiltered, PerNodeCount() * static_cast<size_t>(s_.node_counts()));
      continue;
    }
    if (!o.availability.empty()) {  // sold out in its zone when the vendor's API was asked
      Reject(Reject::kSoldOut, PerNodeCount() * static_cast<size_t>(s_.node_counts()));
      continue;
    }
    if (o.gpu_count + 1e-9 < r_.gpus.value_or(s_.bare ? 1 : 0)) {  // bare needs: a whole GPU at least
      Reject(Reject::kTooFewGpus, PerNodeCount() * static_cast<size_t>(s_.node_counts()));
      continue;
    }
    const GpuSpec* gpu = catalog.gpus().Find(o.gpu);
    if (!gpu) continue;
    if (!s_.bare && s_.base.precision_chosen && !UnsupportedPrecision(*gpu, s_.base.precision).empty()) {
      Reject(Reject::kPrecision, PerNodeCount() * static_cast<size_t>(s_.node_counts()));
      continue;
    }
    for (int nodes = s_.min_nodes; nodes <= s_.max_nodes; ++nodes) {
      // A marketplace listing is one host: several are not a cluster with a network between them.
      if (nodes > 1 && (o.suspect & kMarketplace)) {
        Reject(Reject::kOneListing, PerNodeCount());
        continue;
      }
      auto size = s_.bare ? SizeBare(o, nodes) : SizeWorkload(o, gpu, nodes);
      if (size) Price(o, nodes, *size);
      // A server spreads over more nodes only when fewer cannot hold it.
      if (size && s_.pipelines) break;
    }
  }
  Flush();
  return {};
}

// Bare needs: GPUs of enough memory on the nodes asked for (the offer has
// enough GPUs per node: Run filtered on that).
std::optional<Sizing> Search::SizeBare(const Offer& o, int nodes) {
  Sizing size{nodes, s_.fixed_hours, r_.gpu_mem_gib.value_or(0), LayoutChoice{}, true, 0, {}};
  if (!o.gpu_mem_gib || *o.gpu_mem_gib + 1e-9 < size.need_gib) {
    Reject(Reject::kNoFit, PerNodeCount());
    return std::nullopt;
  }
  return size;
}

Estimated& Search::EstimateFor(const Workload& w, const Hardware& hw) {
  const Key key{HardwareKeyOf(hw), w.precision, LayoutOf(w)};
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    Estimated e;
    // A layout that does not fit is never chosen: its time is not needed.
    estimator_.Fast(w, hw, e.memory, e.time, /*time_if_unfit=*/false);
    it = cache_.emplace(key, e).first;
  }
  return it->second;
}

const std::vector<std::vector<Workload>>& Search::TiersFor(bool fp16, int gpus_per_node, int nodes) {
  const std::tuple key{fp16, gpus_per_node, nodes};
  auto it = tiers_.find(key);
  if (it == tiers_.end()) {
    it = tiers_.emplace(key, LayoutTiers(fp16 ? s_.base_fp16 : s_.base, gpus_per_node, nodes, s_.free)).first;
  }
  return it->second;
}

// LLM serving at a rate: what one replica of this layout carries within the
// SLO. Computed once per estimate.
const ReplicaCapacity& Search::CapacityOf(const Workload& w, const Hardware& hw) {
  Estimated& e = EstimateFor(w, hw);
  if (!e.capacity) {
    const ReplicaShape shape = ServingShapeOf(w, hw, e.memory);
    e.capacity = CapacityWithin(shape, s_.efficiency, std::max(1, e.memory.batch), s_.slo);
  }
  return *e.capacity;
}

// A layout's speed for the search: requests per second within the SLO for
// all its replicas when serving at a rate, else samples per second.
double Search::LayoutRate(const Workload& w, const Hardware& hw) {
  const Estimated& e = EstimateFor(w, hw);
  if (!s_.at_rate) return e.time.known ? e.time.samples_per_s : 0;
  const int replicas = hw.total_gpus() / std::max(1, w.tensor_parallel * w.pipeline_parallel);
  return CapacityOf(w, hw).rps * replicas;
}

// The fastest layout that fits (workload/layout.h), from the first tier
// with one that fits.
std::optional<Chosen> Search::Choose(const GpuSpec* gpu, const Hardware& hw) {
  const HardwareKey key = HardwareKeyOf(hw);
  if (auto it = chosen_.find(key); it != chosen_.end()) return it->second;
  // GPUs without bf16 (V100, T4) train in fp16 unless a precision was chosen.
  const auto& tiers = TiersFor(!gpu->bf16_tflops, hw.gpus_per_node, hw.nodes);
  const Workload* best = FastestThatFits(tiers, hw.total_gpus(), [&](const Workload& w, size_t) {
    const Estimated& e = EstimateFor(w, hw);
    return LayoutFit{e.memory.fits, e.memory.fits ? LayoutRate(w, hw) : 0};
  });
  std::optional<Chosen> chosen;
  // The winner's estimate is in the cache.
  if (best) chosen = Chosen{&EstimateFor(*best, hw), LayoutOf(*best)};
  chosen_.emplace(key, chosen);
  return chosen;
}

std::optional<Sizing> Search::SizeWorkload(const Offer& o, const GpuSpec* gpu, int nodes) {
  const Hardware hw = OfferHardware(o, gpu, nodes);
  const auto chosen = Choose(gpu, hw);
  if (!chosen) {
    Reject(Reject::kNoFit, PerNodeCount());
    return std::nullopt;
  }
  if (hw.host_mem_gib > 0 || hw.vcpus > 0) {
    if (!EstimateHostMemory(s_.base, hw, chosen->layout).fits()) {
      Reject(Reject::kHostRam, PerNodeCount());
      return std::nullopt;
    }
  }
  const Estimated& e = *chosen->estimate;
  Sizing size{nodes, s_.fixed_hours, e.memory.total / kGiB, chosen->layout, e.time.known, 0, {}};
  if (s_.at_rate) {
    if (!SizeForRate(o, hw, *chosen, size)) return std::nullopt;
    return size;
  }
  if (s_.timed_by_dataset) {
    if (!e.time.known || !e.time.total_hours) {
      Reject(Reject::kNoEstimate, PerNodeCount());
      return std::nullopt;
    }
    size.hours = *e.time.total_hours;
  }
  if (!s_.stream) return size;
  if (!e.time.known || e.time.sessions_per_gpu < 1) {
    Reject(Reject::kNoEstimate, PerNodeCount());
    return std::nullopt;
  }
  // A vGPU slice gets its share of the encoder.
  const int per_instance = o.gpu_count < 1 ? static_cast<int>(e.time.sessions_per_gpu * o.gpu_count + 1e-9)
                                           : e.time.sessions_per_gpu * hw.gpus_per_node;
  if (per_instance < 1) {
    Reject(Reject::kNoFit, PerNodeCount());
    return std::nullopt;
  }
  size.priced_nodes = (s_.base.stream.sessions + per_instance - 1) / per_instance;
  if (size.priced_nodes > s_.max_stream_nodes) {
    Reject(Reject::kNoFit, PerNodeCount());
    return std::nullopt;
  }
  return size;
}

// Enough copies of the node group for the rate: each replica carries at most
// what keeps it within the SLO. False (rejected) when none can.
bool Search::SizeForRate(const Offer& o, const Hardware& hw, const Chosen& chosen, Sizing& size) {
  Workload w = s_.base;
  ApplyLayout(chosen.layout, w);
  const int per_group = hw.total_gpus() / std::max(1, w.tensor_parallel * w.pipeline_parallel);
  const ReplicaCapacity& cap = CapacityOf(w, hw);
  const int groups = ReplicasFor(s_.base.rps, cap.rps * per_group);
  if (groups == 0 || groups > 4096) {
    Reject(Reject::kSlo, PerNodeCount());
    if (cap.rps <= 0) {
      least_ttft = std::min(least_ttft.value_or(1e300), cap.trickle.ttft_s);
      least_tpot = std::min(least_tpot.value_or(1e300), cap.trickle.tpot_s);
    }
    if (o.price_hour) {
      const double usd = r_.rate.Convert(*o.price_hour, o.currency, Currency::kUSD) * hw.nodes;
      if (!cheapest_slo_miss || usd < cheapest_slo_miss->price_usd) cheapest_slo_miss = SloMiss{&o, usd, cap.trickle};
    }
    return false;
  }
  size.priced_nodes = groups * hw.nodes;
  size.replicas = groups * per_group;
  // Every offer of this hardware gets the same replicas: their operating point once.
  Estimated& e = EstimateFor(w, hw);
  if (!e.at_share) {
    const ReplicaShape shape = ServingShapeOf(w, hw, e.memory);
    e.at_share = AtRate(shape, s_.efficiency, s_.base.rps / size.replicas, std::max(1, e.memory.batch));
  }
  size.point = *e.at_share;
  return true;
}

void Search::Price(const Offer& o, int nodes, const Sizing& size) {
  for (Purchase p : s_.purchases) {
    // An interruption drops requests and sessions: serving rents spot only when asked.
    if ((s_.spot == SpotPolicy::kNever && p == Purchase::kSpot) || (s_.spot == SpotPolicy::kOnly && p != Purchase::kSpot)) {
      Reject(Reject::kFiltered);
      continue;
    }
    if (!sold_[static_cast<size_t>(p)]) {  // data/purchase_options.csv
      Reject(Reject::kNotSold);
      continue;
    }
    if (p == Purchase::kSpot && SpotSuspect(o)) {  // catalog/suspect.h: not a spot price to rely on
      Reject(Reject::kSuspectSpot);
      continue;
    }
    const Usage usage = Usage::Job(size.hours);
    OptionCost c = PriceOption(o, p, usage, spot_params_, size.priced_nodes, false);
    if (!c.available) {
      Reject(Reject::kNoPrice);
      continue;
    }
    const CostParts parts = pricer_.Apply(o, usage, spot_params_, size.priced_nodes, c).parts;
    ++evaluated_;
    const double total = r_.rate.Convert(c.total, o.currency, r_.currency);
    (o.currency == Currency::kUSD ? saw_usd : saw_cny) = true;
    const bool late = r_.deadline_hours && c.wall_hours > *r_.deadline_hours + 1e-9;
    const bool dear = r_.budget && total > *r_.budget + 1e-9;
    auto make = [&] {
      Candidate cand;
      cand.offer = &o;
      cand.nodes = size.priced_nodes;
      cand.purchase = p;
      cand.price_hour = r_.rate.Convert(c.rate, o.currency, r_.currency);
      cand.hours = c.wall_hours;
      cand.work_hours = size.hours;
      cand.total_cost = total;
      cand.parts = parts.Converted(r_.rate, o.currency, r_.currency);
      cand.memory_gib = size.need_gib;
      cand.layout = size.layout;
      cand.rate_assumed = c.rate_assumed;
      cand.time_known = size.time_known;
      if (s_.at_rate) {
        cand.replicas = size.replicas;
        cand.ttft_s = size.point.ttft_s;
        cand.tpot_s = size.point.tpot_s;
        cand.latency_s = size.point.e2e_s;
        const double tokens_per_hour = s_.base.rps * s_.base.output_tokens * 3600;
        cand.cost_per_million_tokens = cand.HourlyPrice() / tokens_per_hour * 1e6;
      }
      return cand;
    };
    if (late || dear) {
      Reject(late ? Reject::kDeadline : Reject::kBudget);
      auto& keep = late ? deadline_only : budget_only;
      if (late != dear && (!keep || total <= keep->total_cost)) {
        Candidate cand = make();
        if (!keep || CheaperThan(cand, *keep)) keep = std::move(cand);
      }
      continue;
    }
    // Keep the instance type's best region and zone; build the candidate only when it wins.
    auto& slot = group_[static_cast<size_t>(nodes - 1) * std::size(kAllPurchases) + static_cast<size_t>(p)];
    if (!slot || total < slot->total_cost || (total == slot->total_cost && c.wall_hours < slot->hours)) slot = make();
  }
}

void Search::Report(Recommendation& out) const {
  out.evaluated = evaluated_;
  for (size_t i = 0; i < rejected_.size(); ++i) {
    if (rejected_[i]) out.rejected[std::string(RejectName(static_cast<enum Reject>(i)))] = rejected_[i];
  }
}

// The feasible candidates by cost (then hours, then the order they were
// made in: catalog order, node count, purchase option). Sorts small keys,
// not candidates: there are tens of thousands of them.
std::vector<const Candidate*> ByCost(const std::vector<Candidate>& feasible) {
  struct SortKey {
    bool unknown;  // candidates without a time estimate come after every estimated one
    double cost;
    double hours;
    int nodes;  // at equal cost and hours, fewer nodes
    uint32_t index;
  };
  std::vector<SortKey> keys;
  keys.reserve(feasible.size());
  for (size_t i = 0; i < feasible.size(); ++i) {
    keys.push_back({!feasible[i].time_known, feasible[i].total_cost, feasible[i].hours, feasible[i].nodes,
                    static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
    return std::tie(a.unknown, a.cost, a.hours, a.nodes, a.index) < std::tie(b.unknown, b.cost, b.hours, b.nodes, b.index);
  });
  std::vector<const Candidate*> by_cost;
  by_cost.reserve(keys.size());
  for (const auto& k : keys) by_cost.push_back(&feasible[k.index]);
  return by_cost;
}

// The best `top` rows, one per instance type; when none of them is on
// demand, the best on-demand row too, whatever its instance type (a type
// shown on spot may be the cheapest on demand as well), ranked after the
// instance types whose best row costs less.
void TopPerInstanceType(const std::vector<const Candidate*>& ranked, int top, std::vector<Candidate>& out) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const Candidate* c : ranked) {
    if (out.size() >= static_cast<size_t>(top)) break;
    if (!seen.emplace(c->offer->vendor, c->offer->instance_type).second) continue;
    out.push_back(*c);
    out.back().rank = static_cast<int>(seen.size());
  }
  for (const Candidate& c : out) {
    if (c.purchase == Purchase::kOnDemand) return;
  }
  seen.clear();
  for (const Candidate* c : ranked) {
    if (c->purchase == Purchase::kOnDemand) {
      out.push_back(*c);
      out.back().rank = static_cast<int>(seen.size()) + 1;
      return;
    }
    seen.emplace(c->offer->vendor, c->offer->instance_type);
  }
}

// The Pareto front of cost against time, and the top candidates: one row per
// instance type (its best region, node count and purchase option).
// Serving at a rate, the front is cost against a request's latency.
void Rank(const std::vector<const Candidate*>& by_cost, const RecommendRequest& r, bool at_rate, Recommendation& out) {
  double fastest = 1e300;
  for (const Candidate* c : by_cost) {
    const double t = at_rate ? c->latency_s : c->hours;
    if (t < fastest - 1e-12) {
      out.pareto.push_back(*c);
      fastest = t;
    }
  }
  if (r.objective == Objective::kPareto) {
    out.candidates = out.pareto;
  } else {
    std::vector<const Candidate*> ranked = by_cost;
    if (r.objective == Objective::kTime) {
      // Estimated first, then by hours; ties keep the cost order.
      std::stable_sort(ranked.begin(), ranked.end(), [](const Candidate* a, const Candidate* b) {
        return std::tuple(!a->time_known, a->hours, a->latency_s) < std::tuple(!b->time_known, b->hours, b->latency_s);
      });
    }
    TopPerInstanceType(ranked, r.top, out.candidates);
  }
  for (size_t i = 0; i < out.candidates.size(); ++i) {
    if (out.candidates[i].rank == 0) out.candidates[i].rank = static_cast<int>(i) + 1;
  }
}

// What relaxing one constraint would buy.
void Relax(const Search& search, const Candidate* top, const SearchSpace& s, Recommendation& out) {
  if (search.deadline_only) {
    const Candidate& c = *search.deadline_only;
    if (!top || c.total_cost < top->total_cost) {
      Relaxation x{"deadline", c.hours, std::nullopt, 0, c};
      if (top) x.instead_of = top->total_cost;
      out.relaxations.push_back(x);
    }
  }
  if (search.budget_only) {
    const Candidate& c = *search.budget_only;
    out.relaxations.push_back({"budget", c.total_cost, std::nullopt, 0, c});
  }
  if (search.feasible.empty() && search.least_ttft && s.slo.ttft_s > 0 && *search.least_ttft > s.slo.ttft_s) {
    out.relaxations.push_back({"ttft", *search.least_ttft, std::nullopt, 0, {}});
  }
  if (search.feasible.empty() && search.least_tpot && s.slo.tpot_s > 0 && *search.least_tpot > s.slo.tpot_s) {
    out.relaxations.push_back({"tpot", *search.least_tpot, std::nullopt, 0, {}});
  }
  if (search.feasible.empty() && !search.deadline_only && !search.budget_only && !search.least_ttft && s.max_nodes < 64 &&
      (s.spreads || s.pipelines) && s.min_nodes == 1) {
    out.relaxations.push_back({"max-nodes", static_cast<double>(s.max_nodes * 4), std::nullopt, s.max_nodes, {}});
  }
}

// The estimator's assumptions for the leading candidate, the cost notes.
void Assume(const Catalog& catalog, const Estimator& estimator, const SearchSpace& s, const Search& search,
            const RecommendRequest& r, Recommendation& out) {
  if (!out.candidates.empty() && !s.bare) {
    const Candidate& c = out.candidates.front();
    const Hardware hw = OfferHardware(*c.offer, catalog.gpus().Find(c.offer->gpu), c.nodes);
    Workload w = s.base;
    ApplyLayout(c.layout, w);
    (void)FitToHardware(w, hw);
    Estimate e = estimator.Run(w, hw);
    if (const Message layout = LayoutText(c.layout); !layout.empty()) {
      out.assumptions.push_back(Message("rec.layout").With("layout", layout));
    }
    for (auto& a : e.assumptions) out.assumptions.push_back(Message("rec.first_candidate").With("what", std::move(a)));
  }
  if ((search.saw_usd && search.saw_cny) || (search.saw_usd && r.currency != Currency::kUSD) ||
      (search.saw_cny && r.currency != Currency::kCNY)) {
    out.assumptions.push_back(Message("rec.converted").With("currency", CurrencyCode(r.currency)).With("rate", r.rate.Describe()));
  }
  if (const auto& miss = search.cheapest_slo_miss) {
    out.assumptions.push_back(Message("rec.slo_miss").With("vendor", miss->offer->vendor)
                                  .With("type", miss->offer->instance_type).With("gpu", miss->offer->gpu)
                                  .With("ttft_ms", miss->trickle.ttft_s * 1e3).With("tpot_ms", miss->trickle.tpot_s * 1e3));
  }
  out.assumptions.push_back(Message("rec.commitments", "data/purchase_options.csv"));
  std::vector<std::string> listings;
  for (const Candidate& c : out.candidates) {
    if (c.offer->suspect & kMarketplace) listings.push_back("#" + std::to_string(c.rank));
  }
  if (!listings.empty()) {
    out.assumptions.push_back(Message("rec.marketplace", "data/SOURCES.md#suspect-rows").With("rows", Join(listings, ", ")));
  }
  if (!s.serving && s.spot != SpotPolicy::kNever) {
    out.assumptions.push_back(Message("rec.spot", "data/facts.csv").With("restart", r.spot_params.restart_cost_s)
                                  .With("checkpoint", r.spot_params.checkpoint_cost_s));
  }
  std::vector<std::pair<const Offer*, Purchase>> shown;
  for (const Candidate& c : out.candidates) shown.emplace_back(c.offer, c.purchase);
  for (auto& m : DescribeJobTerms(shown, r.job_terms)) out.assumptions.push_back(std::move(m));
}

}  // namespace

Result<Recommendation> Recommend(const Catalog& catalog, const Estimator& estimator, const RecommendRequest& r) {
  Recommendation out;
  GS_CHECK(Validate(r));
  GS_TRY(space, Space(catalog, estimator, r, out));
  Search search(estimator, r, space);
  GS_CHECK(search.Run(catalog));
  search.Report(out);
  const std::vector<const Candidate*> by_cost = ByCost(search.feasible);
  Rank(by_cost, r, space.at_rate, out);
  Relax(search, by_cost.empty() ? nullptr : by_cost.front(), space, out);
  // The search priced without text; the shown candidates get their notes.
  for (auto& c : out.candidates) {
    c.note = std::make_shared<const Message>(
        PriceOption(*c.offer, c.purchase, Usage::Job(c.work_hours), SpotParamsFor(r, space), c.nodes, true).note);
  }
  Assume(catalog, estimator, space, search, r, out);
  std::vector<const Offer*> used;
  for (const auto* list : {&out.candidates, &out.pareto}) {
    for (const Candidate& c : *list) used.push_back(c.offer);
  }
  out.price_ages = catalog.PriceAgesOf(used, r.today, r.max_price_age_days);
  return out;
}

}  // namespace gpuscout
