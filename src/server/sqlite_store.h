// The store in one SQLite file (WAL mode, synchronous=FULL): the default,
// for one user on one machine. PRAGMA user_version is the schema version.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "server/store.h"

struct sqlite3;

namespace gpuscout {

class SqliteStore final : public Store {
 public:
  // Creates the file (and its folder) when missing. ":memory:" for tests.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  int schema_version() const override { return version_; }
  std::string backend() const override { return "sqlite"; }
  Result<void> Ready() override;
  Result<Stored> AddProbeReport(const nlohmann::json& report, const std::string& idempotency_key = "") override;
  Result<StorePage> ProbeReports(const ReportFilter& filter) override;
  Result<nlohmann::json> ProbeSummary() override;
  Result<void> EachReport(size_t newest, const ReportVisitor& each) override;
  Result<Stored> SaveScenario(const std::string& kind, const nlohmann::json& body) override;
  Result<StorePage> Scenarios(int limit, std::optional<int64_t> before = std::nullopt) override;

 private:
  SqliteStore() = default;
  Result<void> Exec(const std::string& sql);
  Result<void> Migrate();
  Result<Stored> Insert(const char* sql, const std::vector<std::optional<std::string>>& values, const std::string& what);
  Result<std::optional<int64_t>> FindByKey(const std::string& key);

  sqlite3* db_ = nullptr;
  int version_ = 0;
  std::string path_;
  std::mutex mu_;
};

}  // namespace gpuscout
