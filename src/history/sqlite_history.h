// One user's price history: SQLite, one file in the data folder
// (price_history.db), shared by the CLI (`catalog refresh`, `catalog import`,
// `prices history`) and a `serve` on a SQLite store.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "history/price_history.h"

struct sqlite3;

namespace gpuscout {

// $GPUSCOUT_HOME/price_history.db (or the XDG data folder's).
std::string DefaultPriceHistoryPath();

class SqlitePriceHistory final : public PriceHistory {
 public:
  // Opens (creating) the file; seeds it from `snapshot` when it is new.
  static Result<std::unique_ptr<PriceHistory>> Open(const std::string& path, const std::vector<Offer>& snapshot,
                                                    const std::vector<PriceOrigin>& origins);
  ~SqlitePriceHistory() override;
  SqlitePriceHistory(const SqlitePriceHistory&) = delete;
  SqlitePriceHistory& operator=(const SqlitePriceHistory&) = delete;

  Result<size_t> Append(const std::vector<PricePoint>& points) override {
    return Write([&] { return Insert(points); }, false);
  }
  Result<size_t> SeedIfEmpty(const PointSource& make) override { return Write([&] { return Insert(make()); }, true); }
  Result<std::vector<PricePoint>> Points(const HistoryQuery& q) const override;

 private:
  SqlitePriceHistory() = default;
  Result<void> Exec(const char* sql) const;
  Result<bool> Empty() const;
  Result<size_t> Write(const std::function<Result<size_t>()>& insert, bool only_if_empty);
  Result<size_t> Insert(const std::vector<PricePoint>& points);

  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace gpuscout
