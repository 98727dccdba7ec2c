// Probe reports and saved scenarios: one interface, two back ends. SQLite
// (sqlite_store: one file, WAL mode) is the default for one user; PostgreSQL
// (postgres_store: libpq, a connection pool) is the store a team's replicas
// share (`serve --db postgresql://...`). Both keep one versioned schema
// brought up to date by migrations on open, each upload one transaction,
// reports checked before they are stored (a malformed one is rejected
// whole). Work per call is bounded: a row is at most kMaxRowBytes, listings
// are pages of at most kMaxPageRows (codec/request_json.h) rows or
// kMaxPageBytes of documents, the summary is aggregated row by row, and a
// stored row that no longer parses is skipped (and logged), never fatal.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/error.h"
#include "history/price_history.h"

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
  static constexpr int kSummaryMeasured = 20;
  // "postgresql://user@host:port/db" (or postgres://): PostgreSQL, the
  // password from libpq's PGPASSWORD, PGPASSFILE or ~/.pgpass, never the URL;
  // anything else is a SQLite file, created with its folder when missing
  // (":memory:" for tests).
  static Result<std::unique_ptr<Store>> Open(const std::string& target);
  static bool IsPostgresUrl(const std::string& target);
  virtual ~Store() = default;

  virtual int schema_version() const = 0;
  virtual std::string backend() const = 0;  // sqlite, postgresql
  static int LatestSchemaVersion();
  // /readyz: the database answers and its schema is this version's.
  virtual Result<void> Ready() = 0;

  // Checks a probe report (gpuscout.probe/1): errors name the field (400).
  static Result<void> ValidateProbeReport(const nlohmann::json& report);
  // `idempotency_key` (may be empty): a second upload with the same key
  // stores nothing and answers the first one's id. A report larger than
  // kMaxRowBytes is refused (field "body"). A 2xx means it is committed.
  virtual Result<Stored> AddProbeReport(const nlohmann::json& report, const std::string& idempotency_key = "") = 0;
  virtual Result<StorePage> ProbeReports(const ReportFilter& filter) = 0;
  // Per instance type: reports, and for each check the promise, the newest
  // kSummaryMeasured measured values, ok and short counts.
  virtual Result<nlohmann::json> ProbeSummary() = 0;
  // The newest `newest` reports that name an offer, newest first, each
  // parsed (a row that no longer parses is skipped); `each` returns false
  // to stop. Memory holds one report at a time.
  using ReportVisitor = std::function<bool(const std::string& vendor, const std::string& instance, const nlohmann::json& report)>;
  virtual Result<void> EachReport(size_t newest, const ReportVisitor& each) = 0;
  virtual Result<Stored> SaveScenario(const std::string& kind, const nlohmann::json& body) = 0;
  virtual Result<StorePage> Scenarios(int limit, std::optional<int64_t> before = std::nullopt) = 0;

  // Shared price refreshes (issue #21): one replica refreshes at a time and
  // publishes the vendors' refreshed files; the others load them. A lease
  // (not a lock held by a connection) so that a replica that dies while
  // refreshing hands over when it expires. SQLite serves one process: it
  // always grants the lease and shares nothing.
  struct CatalogFile {
    std::string vendor, text;
  };
  struct CatalogFiles {
    int64_t generation = 0;
    std::vector<CatalogFile> files;
  };
  virtual Result<bool> TakeRefreshLease(const std::string& /*holder*/, int /*seconds*/) { return true; }
  virtual Result<int64_t> PublishCatalogFiles(const std::vector<CatalogFile>& /*files*/) { return 0; }
  // Every vendor's newest file when any is newer than `generation`.
  virtual Result<std::optional<CatalogFiles>> CatalogFilesSince(int64_t /*generation*/) {
    return std::optional<CatalogFiles>{};
  }

  // The team's price history, kept in the store so that every replica
  // answers /v1/prices/history alike, seeded with `seed` when empty
  // (PostgreSQL). Null for SQLite: one user's history is price_history.db,
  // which the CLI's refreshes and imports write too.
  virtual Result<std::unique_ptr<PriceHistory>> StoredPriceHistory(const PriceHistory::PointSource& /*seed*/) {
    return std::unique_ptr<PriceHistory>();
  }

 protected:
  Store() = default;
  // What both back ends check before a write: the report, its key and size.
  struct Upload {
    std::string text, vendor, instance;
  };
  static Result<Upload> PrepareReport(const nlohmann::json& report, const std::string& idempotency_key);
  static Result<std::string> PrepareScenario(const nlohmann::json& body);
};

// The rows of a page as both back ends read them: the id, text columns, and
// last the stored JSON document, which is skipped (logged) when it no
// longer parses. Add returns false once the page is full (the next row
// starts the next page).
class PageBuilder {
 public:
  PageBuilder(int limit, std::vector<std::string> names, std::string table)
      : limit_(limit), names_(std::move(names)), table_(std::move(table)) {}
  bool Add(int64_t id, const std::vector<std::string>& columns);
  StorePage Finish() { return std::move(page_); }

 private:
  int limit_;
  std::vector<std::string> names_;
  std::string table_;
  StorePage page_;
  int rows_ = 0;
  size_t bytes_ = 0;
  int64_t last_id_ = 0;
};

// The summary from rows (vendor, instance type, report id, what, promised,
// measured, ok), newest report first.
class SummaryBuilder {
 public:
  void Add(const std::string& vendor, const std::string& instance, int64_t id, const std::string& what,
           const std::string& promised, const std::string& measured, bool ok);
  nlohmann::json Finish();

 private:
  std::map<std::string, nlohmann::json> per_;
  std::map<std::string, std::set<int64_t>> ids_;
};

// The default database: $GPUSCOUT_HOME or $XDG_DATA_HOME/gpuscout or
// ~/.local/share/gpuscout, file gpuscout.db.
std::string DefaultDatabasePath();

}  // namespace gpuscout
