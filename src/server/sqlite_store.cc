#include "server/sqlite_store.h"

#include "base/env.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <date/date.h>

#include "codec/json_text.h"
#include "codec/request_json.h"

namespace gpuscout {
namespace {

// Each entry brings the schema from version i to i + 1; never edited once
// released, only appended (postgres_store.cc keeps the same steps).
const char* const kMigrations[] = {
    // 1: probe reports.
    "CREATE TABLE probe_reports ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  received_at TEXT NOT NULL,"
    "  vendor TEXT NOT NULL DEFAULT '',"
    "  instance_type TEXT NOT NULL DEFAULT '',"
    "  report TEXT NOT NULL);"
    "CREATE INDEX probe_reports_offer ON probe_reports (vendor, instance_type);",
    // 2: saved scenarios (requests a team wants to keep).
    "CREATE TABLE scenarios ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  created_at TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  body TEXT NOT NULL);",
    // 3: idempotent uploads: a retried upload carries the key of the first.
    "ALTER TABLE probe_reports ADD COLUMN idempotency_key TEXT;"
    "CREATE UNIQUE INDEX probe_reports_idempotency ON probe_reports (idempotency_key) WHERE idempotency_key IS NOT NULL;",
    // 4: shared price refreshes (used by the PostgreSQL store; kept here so that both schemas step together).
    "CREATE TABLE refresh_lease (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL, until TEXT NOT NULL);"
    "CREATE TABLE catalog_files (vendor TEXT PRIMARY KEY, generation INTEGER NOT NULL, published_at TEXT NOT NULL, body TEXT NOT NULL);",
    // 5: the team's price history (used by the PostgreSQL store; one user's
    // history is price_history.db, which the CLI shares: history/sqlite_history.h).
    "CREATE TABLE price_points ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  vendor TEXT NOT NULL, instance_type TEXT NOT NULL, region TEXT NOT NULL, zone TEXT NOT NULL, purchase TEXT NOT NULL,"
    "  price REAL NOT NULL, currency TEXT NOT NULL, as_of TEXT NOT NULL, origin TEXT NOT NULL);",
};

Error DbError(sqlite3* db, const std::string& what) {
  Error e;
  e.code = ExitCode::kEnvironment;
  e.message = what + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
  return e;
}

std::string Now() { return FormatUtc(Env::System().Now()); }

static_assert(std::size(kMigrations) == 5, "the migrations of both back ends step together (store.cc)");

// A prepared statement, finalised on scope exit.
struct Stmt {
  sqlite3_stmt* s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

}  // namespace

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  if (path != ":memory:") {
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->path_ = path;
  if (sqlite3_open_v2(path.c_str(), &s->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    Error e = DbError(s->db_, "cannot open the database " + path);
    return tl::unexpected(e);
  }
  sqlite3_busy_timeout(s->db_, 5000);
  if (path != ":memory:") {
    GS_CHECK(s->Exec("PRAGMA journal_mode=WAL;"));
  }
  // FULL: each commit is on disk before the 2xx goes out (NORMAL in WAL mode
  // survives a killed process but can lose the last commits at power loss).
  GS_CHECK(s->Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"));
  GS_CHECK(s->Migrate());
  return std::unique_ptr<Store>(std::move(s));
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

Result<void> SqliteStore::Exec(const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    Error e;
    e.code = ExitCode::kEnvironment;
    e.message = std::string("database: ") + (msg ? msg : "error") + " (" + path_ + ")";
    sqlite3_free(msg);
    return tl::unexpected(e);
  }
  return {};
}

Result<void> SqliteStore::Migrate() {
  Stmt st;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version;", -1, &st.s, nullptr) != SQLITE_OK || sqlite3_step(st.s) != SQLITE_ROW) {
    return tl::unexpected(DbError(db_, "cannot read the schema version of " + path_));
  }
  version_ = sqlite3_column_int(st.s, 0);
  if (version_ > LatestSchemaVersion()) {
    Error e;
    e.code = ExitCode::kEnvironment;
    e.message = "the database " + path_ + " has schema version " + std::to_string(version_) +
                ", newer than this gpuscout knows (" + std::to_string(LatestSchemaVersion()) + ")";
    return tl::unexpected(e);
  }
  while (version_ < LatestSchemaVersion()) {
    // Each step and its version number in one transaction.
    const std::string sql = std::string("BEGIN IMMEDIATE;") + kMigrations[version_] +
                            "PRAGMA user_version=" + std::to_string(version_ + 1) + ";COMMIT;";
    if (auto r = Exec(sql); !r) {
      (void)Exec("ROLLBACK;");
      return r;
    }
    ++version_;
  }
  return {};
}

Result<std::optional<int64_t>> SqliteStore::FindByKey(const std::string& key) {
  Stmt st;
  if (sqlite3_prepare_v2(db_, "SELECT id FROM probe_reports WHERE idempotency_key = ?;", -1, &st.s, nullptr) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 1, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot look up the Idempotency-Key"));
  }
  const int rc = sqlite3_step(st.s);
  if (rc == SQLITE_ROW) return std::optional<int64_t>(sqlite3_column_int64(st.s, 0));
  if (rc != SQLITE_DONE) return tl::unexpected(DbError(db_, "cannot look up the Idempotency-Key"));
  return std::optional<int64_t>();
}

// One INSERT; values bound in order, nullopt as NULL. The caller holds mu_.
Result<Stored> SqliteStore::Insert(const char* sql, const std::vector<std::optional<std::string>>& values, const std::string& what) {
  Stmt st;
  bool ok = sqlite3_prepare_v2(db_, sql, -1, &st.s, nullptr) == SQLITE_OK;
  for (size_t i = 0; ok && i < values.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    const auto& v = values[i];
    ok = (v ? sqlite3_bind_text(st.s, at, v->c_str(), static_cast<int>(v->size()), SQLITE_TRANSIENT)
            : sqlite3_bind_null(st.s, at)) == SQLITE_OK;
  }
  if (!ok || sqlite3_step(st.s) != SQLITE_DONE) return tl::unexpected(DbError(db_, "cannot store the " + what));
  return Stored{sqlite3_last_insert_rowid(db_), false};
}

Result<Stored> SqliteStore::AddProbeReport(const nlohmann::json& report, const std::string& idempotency_key) {
  GS_TRY(up, PrepareReport(report, idempotency_key));
  const std::string& text = up.text;
  const std::string& vendor = up.vendor;
  const std::string& instance = up.instance;
  std::lock_guard lock(mu_);
  GS_CHECK(Exec("BEGIN IMMEDIATE;"));
  Result<std::optional<int64_t>> earlier = std::optional<int64_t>();
  if (!idempotency_key.empty()) earlier = FindByKey(idempotency_key);
  Result<Stored> out = Stored{};
  if (!earlier) {
    out = tl::unexpected(earlier.error());
  } else if (*earlier) {
    out = Stored{**earlier, true};
  } else {
    out = Insert("INSERT INTO probe_reports (received_at, vendor, instance_type, report, idempotency_key) VALUES (?,?,?,?,?);",
                 {Now(), vendor, instance, text,
                  idempotency_key.empty() ? std::nullopt : std::optional(idempotency_key)},
                 "report");
  }
  if (!out) {
    (void)Exec("ROLLBACK;");
    return out;
  }
  if (auto r = Exec("COMMIT;"); !r) {
    (void)Exec("ROLLBACK;");
    return tl::unexpected(r.error());
  }
  return out;
}

namespace {

// The text of column i ("" for NULL).
std::string Column(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

// Reads the rows of a listing into pages (PageBuilder); a failing step is
// an error, not a short page.
Result<StorePage> ReadPage(sqlite3* db, sqlite3_stmt* s, int limit, const std::vector<std::string>& names, const char* table) {
  PageBuilder page(limit, names, table);
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    std::vector<std::string> columns;
    for (int i = 1; i < static_cast<int>(names.size()); ++i) columns.push_back(Column(s, i));
    if (!page.Add(sqlite3_column_int64(s, 0), columns)) return page.Finish();
  }
  if (step != SQLITE_DONE) return tl::unexpected(DbError(db, std::string("cannot read ") + table));
  return page.Finish();
}

}  // namespace

Result<StorePage> SqliteStore::ProbeReports(const ReportFilter& f) {
  std::lock_guard lock(mu_);
  Stmt st;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id, received_at, vendor, instance_type, report FROM probe_reports "
                         "WHERE (?1 = '' OR vendor = ?1) AND (?2 = '' OR instance_type = ?2) AND id < ?3 "
                         "ORDER BY id DESC LIMIT ?4;",
                         -1, &st.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot read reports"));
  }
  const int limit = std::clamp(f.limit, 1, kMaxPageRows);
  sqlite3_bind_text(st.s, 1, f.vendor.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, f.instance.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st.s, 3, f.before.value_or(INT64_MAX));
  sqlite3_bind_int(st.s, 4, limit + 1);
  return ReadPage(db_, st.s, limit, {"id", "received_at", "vendor", "instance_type", "report"}, "probe_reports");
}

Result<nlohmann::json> SqliteStore::ProbeSummary() {
  std::lock_guard lock(mu_);
  // One row per check of every stored comparison, newest first, read one at
  // a time: memory holds the summary, never the reports.
  Stmt st;
  if (sqlite3_prepare_v2(db_,
                         "SELECT r.vendor, r.instance_type, r.id, json_extract(c.value, '$.what'), "
                         "json_extract(c.value, '$.promised'), json_extract(c.value, '$.measured'), json_extract(c.value, '$.ok') "
                         "FROM probe_reports r, "
                         "json_each(CASE WHEN json_valid(r.report) THEN r.report ELSE '{}' END, '$.comparison.checks') c "
                         "WHERE r.vendor != '' ORDER BY r.id DESC;",
                         -1, &st.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot summarise reports"));
  }
  SummaryBuilder summary;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    summary.Add(Column(st.s, 0), Column(st.s, 1), sqlite3_column_int64(st.s, 2), Column(st.s, 3), Column(st.s, 4),
                Column(st.s, 5), sqlite3_column_int(st.s, 6) != 0);
  }
  // A step that fails part-way is an error, not a summary of the rows before it.
  if (rc != SQLITE_DONE) return tl::unexpected(DbError(db_, "cannot summarise reports"));
  return summary.Finish();
}

Result<void> SqliteStore::EachReport(size_t newest, const ReportVisitor& each) {
  std::lock_guard lock(mu_);
  Stmt st;
  if (sqlite3_prepare_v2(db_, "SELECT vendor, instance_type, report FROM probe_reports WHERE vendor != '' ORDER BY id DESC LIMIT ?1;",
                         -1, &st.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot read reports"));
  }
  sqlite3_bind_int64(st.s, 1, static_cast<sqlite3_int64>(newest));
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    auto report = ParseJson(Column(st.s, 2), "report");
    if (report && !each(Column(st.s, 0), Column(st.s, 1), *report)) return {};
  }
  if (rc != SQLITE_DONE) return tl::unexpected(DbError(db_, "cannot read reports"));
  return {};
}

Result<Stored> SqliteStore::SaveScenario(const std::string& kind, const nlohmann::json& body) {
  GS_TRY(text, PrepareScenario(body));
  std::lock_guard lock(mu_);
  return Insert("INSERT INTO scenarios (created_at, kind, body) VALUES (?,?,?);", {Now(), kind, text}, "scenario");
}

Result<void> SqliteStore::Ready() {
  std::lock_guard lock(mu_);
  return Exec("SELECT 1;");
}

Result<StorePage> SqliteStore::Scenarios(int limit, std::optional<int64_t> before) {
  std::lock_guard lock(mu_);
  Stmt st;
  if (sqlite3_prepare_v2(db_, "SELECT id, created_at, kind, body FROM scenarios WHERE id < ?1 ORDER BY id DESC LIMIT ?2;", -1,
                         &st.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot read scenarios"));
  }
  limit = std::clamp(limit, 1, kMaxPageRows);
  sqlite3_bind_int64(st.s, 1, before.value_or(INT64_MAX));
  sqlite3_bind_int(st.s, 2, limit + 1);
  return ReadPage(db_, st.s, limit, {"id", "created_at", "kind", "body"}, "scenarios");
}

}  // namespace gpuscout
