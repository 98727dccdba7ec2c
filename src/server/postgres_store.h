// The store in PostgreSQL, shared by any number of `serve` replicas (issue
// #21): libpq, a bounded pool of connections per replica, migrations run
// once under an advisory lock when replicas start together, every write one
// statement or transaction committed before the 2xx, and a lost database an
// `unavailable` error (HTTP 503 with Retry-After) from which the pool
// reconnects by itself.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/store.h"

struct pg_conn;

namespace gpuscout {

class PostgresStore final : public Store {
 public:
  static constexpr int kDefaultPool = 8;
  // Refuses a URL that carries a password (it would show in `ps` and in
  // logs): libpq reads it from PGPASSWORD, PGPASSFILE or ~/.pgpass.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, int pool = kDefaultPool);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  int schema_version() const override { return version_; }
  std::string backend() const override { return "postgresql"; }
  Result<void> Ready() override;
  Result<Stored> AddProbeReport(const nlohmann::json& report, const std::string& idempotency_key = "") override;
  Result<StorePage> ProbeReports(const ReportFilter& filter) override;
  Result<nlohmann::json> ProbeSummary() override;
  Result<void> EachReport(size_t newest, const ReportVisitor& each) override;
  Result<Stored> SaveScenario(const std::string& kind, const nlohmann::json& body) override;
  Result<StorePage> Scenarios(int limit, std::optional<int64_t> before = std::nullopt) override;
  Result<bool> TakeRefreshLease(const std::string& holder, int seconds) override;
  Result<int64_t> PublishCatalogFiles(const std::vector<CatalogFile>& files) override;
  Result<std::optional<CatalogFiles>> CatalogFilesSince(int64_t generation) override;
  Result<std::unique_ptr<PriceHistory>> StoredPriceHistory(const PriceHistory::PointSource& seed) override;

  // Runs `work` on a connection of the pool, returned to it afterwards
  // (closed when broken): for the history in postgres_history.cc.
  Result<void> WithConnection(const std::function<Result<void>(pg_conn*)>& work);

  class Lease;  // a pooled connection, returned on scope exit

 private:
  PostgresStore() = default;
  Result<pg_conn*> Acquire();
  void Release(pg_conn* conn, bool broken);
  Result<void> Migrate();

  std::string url_;
  int version_ = 0;
  int max_ = kDefaultPool;
  int open_ = 0;
  std::vector<pg_conn*> idle_;
  std::mutex mu_;
  std::condition_variable freed_;
};

}  // namespace gpuscout
