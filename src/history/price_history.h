// The prices gpuscout has seen, kept over time: every refresh and import
// appends what it stored (one point per vendor, instance type, region, zone
// and purchase option), skipping a point whose price has not changed since
// the series' last one. The embedded snapshot seeds the first points.
// One interface, two back ends: one user's history is a SQLite file in the
// data folder (sqlite_history.h, shared by the CLI and a one-user `serve`);
// a team's replicas keep theirs in the PostgreSQL store
// (server/postgres_history.h, issue #21).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/freshness.h"
#include "catalog/offer.h"

namespace gpuscout {

struct PricePoint {
  std::string vendor, instance_type, region, zone;
  std::string purchase;  // on-demand, spot, reserved, monthly
  double price = 0;
  std::string currency;
  std::string as_of;     // ISO 8601 date or date-time; empty: the snapshot's sheet has no date
  std::string origin;    // snapshot, import or refresh, and where from
};

struct HistoryQuery {
  std::string vendor;
  std::string instance_type;  // matched without regard to case
  std::string region;         // empty: every region
  std::string since;          // YYYY-MM-DD; empty: from the first point
};

class PriceHistory {
 public:
  virtual ~PriceHistory() = default;

  // Appends each offer's prices (as of `as_of`, from `origin`) in one
  // transaction; returns how many points were new (unchanged ones are skipped).
  Result<size_t> Record(const std::vector<Offer>& offers, const std::string& as_of, const std::string& origin);

  // `points` in one transaction, in order, each skipped when its price and
  // currency equal its series' last point (an earlier one of `points`
  // included); returns how many were stored.
  virtual Result<size_t> Append(const std::vector<PricePoint>& points) = 0;
  // Appends the points `make` builds only when the history holds none (and
  // builds them only then): the first open seeds from the snapshot, and
  // replicas that start together seed it once.
  using PointSource = std::function<std::vector<PricePoint>()>;
  virtual Result<size_t> SeedIfEmpty(const PointSource& make) = 0;
  // Every point of the series matching `q`, ordered by region, zone,
  // purchase option, then oldest first.
  virtual Result<std::vector<PricePoint>> Points(const HistoryQuery& q) const = 0;

 protected:
  PriceHistory() = default;
};

// The points one offer's prices make.
std::vector<PricePoint> PointsOf(const Offer& o, const std::string& as_of, const std::string& origin);
// The snapshot's prices, each as of its sheet's date: a new history's seed.
std::vector<PricePoint> SnapshotPoints(const std::vector<Offer>& snapshot, const std::vector<PriceOrigin>& origins);

// One series' figures: what `prices history` sums up.
struct SeriesSummary {
  double min = 0, median = 0, max = 0;
  double first = 0, last = 0;
  double change = 0;                    // last - first
  std::optional<double> change_pct;     // of the first
};
SeriesSummary Summarise(const std::vector<double>& prices_oldest_first);

}  // namespace gpuscout
