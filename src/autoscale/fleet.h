// The fleet file (YAML, docs/scale.md): pools with an offer or a price,
// capacity per node (requests/s, or from `estimate` for a model), bounds,
// boot time, a policy and a schedule. Every error names file, line and key.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "autoscale/simulator.h"
#include "base/yaml_reader.h"
#include "autoscale/trace.h"
#include "base/money.h"
#include "catalog/catalog.h"
#include "workload/estimate.h"

namespace gpuscout {

struct Fleet {
  std::string file;
  std::string trace_path;  // resolved against the fleet file's folder; empty: none named
  std::vector<SimPool> pools;
  std::vector<std::string> offers;  // per pool: "vendor:instance (region)" or "price"
  std::vector<const Offer*> pool_offers;  // per pool: the catalog's offer, null when priced by a price
  std::vector<std::unique_ptr<Trace>> pool_traces;  // owned traces that pools point to
  std::optional<double> slo_underprovisioned;
  std::optional<int> tick_s;
  std::optional<uint64_t> seed;
  std::vector<Message> assumptions;
};

struct FleetContext {
  const Catalog* catalog = nullptr;
  const Estimator* estimator = nullptr;
  Currency currency = Currency::kUSD;
  ExchangeRate rate;
  bool read_files = true;  // false: pools may not name trace files (the server)
  // A pool with neither offer nor price costs this (a lint plan's first offer).
  std::optional<double> default_price_hour;
  std::string default_price_source;
};

// Default boot time, launch to ready: 300 s (a GPU VM's launch, driver and a
// model load; measure your own and set boot_s).
inline constexpr int kDefaultBootS = 300;
// Spot interruptions when a spot pool does not state its rate: the cost
// model's default per node (DefaultInterruptionsPerDay, src/cost/spot.h), so
// that `scale` and `recommend` price spot the same way.

Result<Fleet> ParseFleet(const std::string& text, const std::string& file, const FleetContext& ctx);
// The same for a node inside another file (a lint plan's `fleet:`); errors
// name `prefix.key` at the node's own line.
Result<Fleet> ParseFleetNode(const YamlReader& rd, const YAML::Node& node, const FleetContext& ctx, const std::string& prefix);

// The keys of a pool (and of a one-pool fleet written flat).
extern const std::set<std::string> kFleetPoolKeys;

}  // namespace gpuscout
