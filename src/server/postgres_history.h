// The team's price history in the PostgreSQL store (issue #21): every
// replica reads the same series, the replica holding the refresh lease
// appends, and replicas starting together seed it once. Each write is one
// transaction under an advisory lock; a batch travels as one JSON document
// and is inserted by one statement, so seeding the snapshot's ~10,600
// points is one round trip, not 10,600.
#pragma once

#include "history/price_history.h"
#include "server/postgres_store.h"

namespace gpuscout {

class PostgresPriceHistory final : public PriceHistory {
 public:
  explicit PostgresPriceHistory(PostgresStore& store) : store_(store) {}

  Result<size_t> Append(const std::vector<PricePoint>& points) override;
  Result<size_t> SeedIfEmpty(const PointSource& make) override;
  Result<std::vector<PricePoint>> Points(const HistoryQuery& q) const override;

 private:
  // `batch` makes the JSON document of the points; called only when they
  // are to be inserted.
  Result<size_t> Write(const std::function<std::string()>& batch, bool only_if_empty);

  PostgresStore& store_;
};

}  // namespace gpuscout
