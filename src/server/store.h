// Probe reports and saved scenarios in SQLite: one file (WAL mode), a
// versioned schema brought up to date by migrations on open, each upload one
// transaction. Reports are checked before they are stored; a malformed one is
// rejected whole. Work per call is bounded: a row is at most kMaxRowBytes,
// listings are pages of at most kMaxPageRows (codec/request_json.h) rows or
// kMaxPageBytes of documents read with a cursor, the summary
// is aggregated by SQLite row by row, and a stored row that no longer parses
// is skipped (and logged), never fatal.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

struct sqlite3;

namespace gpuscout {

// One page of a listing, newest first; `next_before` is the cursor for the
// next (older) page, absent on the last.
struct StorePage {
  nlohmann::json rows = nlohmann::json::array();
  std::optional<int64_t> next_before;
};

// The result of an upload: its id, and whether an earlier upload with the
// same idempotency key had stored it already.
struct Stored {
  int64_t id = 0;
  bool replayed = false;
};

struct ReportFilter {
  std::string vendor, instance;  // empty: any
  int limit = 50;
  std::optional<int64_t> before;  // only ids below this (the cursor)
};

class Store {
 public:
  static constexpr size_t kMaxRowBytes = 256 * 1024;  // one report or scenario as stored
  static constexpr size_t kMaxPageBytes = 4 << 20;  // documents in one page (a page ends after the row that passes it)
  static constexpr size_t kMaxIdempotencyKey = 128;
  // Creates the file (and its folder) when missing. ":memory:" for tests.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const { return version_; }
  static int LatestSchemaVersion();

  // Checks a probe report (gpuscout.probe/1): errors name the field (400).
  static Result<void> ValidateProbeReport(const nlohmann::json& report);
  // `idempotency_key` (may be empty): a second upload with the same key
  // stores nothing and answers the first one's id. A report larger than
  // kMaxRowBytes is refused (field "body").
  Result<Stored> AddProbeReport(const nlohmann::json& report, const std::string& idempotency_key = "");
  Result<StorePage> ProbeReports(const ReportFilter& filter);
  // Per instance type: reports, and for each check the promise, the newest
  // kSummaryMeasured measured values, ok and short counts.
  static constexpr int kSummaryMeasured = 20;
  Result<nlohmann::json> ProbeSummary();

  Result<Stored> SaveScenario(const std::string& kind, const nlohmann::json& body);
  Result<StorePage> Scenarios(int limit, std::optional<int64_t> before = std::nullopt);

 private:
  Store() = default;
  Result<void> Exec(const std::string& sql);
  Result<void> Migrate();
  Result<Stored> Insert(const char* sql, const std::vector<std::optional<std::string>>& values, const std::string& what);
  Result<std::optional<int64_t>> FindByKey(const std::string& key);

  sqlite3* db_ = nullptr;
  int version_ = 0;
  std::string path_;
  std::mutex mu_;
};

// The default database: $GPUSCOUT_HOME or $XDG_DATA_HOME/gpuscout or
// ~/.local/share/gpuscout, file gpuscout.db.
std::string DefaultDatabasePath();

}  // namespace gpuscout
