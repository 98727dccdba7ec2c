// The prices gpuscout has seen, kept over time: every refresh and import
// appends what it stored (one point per vendor, instance type, region, zone
// and purchase option), skipping a point whose price has not changed since
// the series' last one. The embedded snapshot seeds the first points.
// SQLite, one file in the user's data folder (price_history.db).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/freshness.h"
#include "catalog/offer.h"

struct sqlite3;

namespace gpuscout {

// $GPUSCOUT_HOME/price_history.db (or the XDG data folder's).
std::string DefaultPriceHistoryPath();

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
  // Opens (creating) the file; seeds it from `snapshot` when it is new.
  static Result<std::unique_ptr<PriceHistory>> Open(const std::string& path, const std::vector<Offer>& snapshot,
                                                    const std::vector<PriceOrigin>& origins);
  ~PriceHistory();
  PriceHistory(const PriceHistory&) = delete;
  PriceHistory& operator=(const PriceHistory&) = delete;

  // Appends each offer's prices (as of `as_of`, from `origin`) in one
  // transaction; returns how many points were new (unchanged ones are skipped).
  Result<size_t> Record(const std::vector<Offer>& offers, const std::string& as_of, const std::string& origin);

  // Every point of the series matching `q`, oldest first within each series.
  Result<std::vector<PricePoint>> Points(const HistoryQuery& q) const;

 private:
  PriceHistory() = default;
  Result<void> Exec(const char* sql) const;
  Result<void> Seed(const std::vector<Offer>& snapshot, const std::vector<PriceOrigin>& origins);
  Result<size_t> Append(const std::vector<PricePoint>& points);

  sqlite3* db_ = nullptr;
  std::string path_;
};

// The points one offer's prices make.
std::vector<PricePoint> PointsOf(const Offer& o, const std::string& as_of, const std::string& origin);

// One series' figures: what `prices history` sums up.
struct SeriesSummary {
  double min = 0, median = 0, max = 0;
  double first = 0, last = 0;
  double change = 0;                    // last - first
  std::optional<double> change_pct;     // of the first
};
SeriesSummary Summarise(const std::vector<double>& prices_oldest_first);

}  // namespace gpuscout
