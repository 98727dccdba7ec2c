#include "server/postgres_store.h"

#include <algorithm>
#include <chrono>

#include "base/env.h"
#include "codec/json_text.h"
#include "codec/request_json.h"
#include "server/pg_statement.h"
#include "server/postgres_history.h"

namespace gpuscout {

using pg::PgResult;
using pg::Run;
using pg::StatementError;
using pg::Stream;
using pg::Unavailable;
using pg::Value;

namespace {

// The same steps as sqlite_store.cc's, in PostgreSQL's dialect: version i to
// i + 1, never edited once released, only appended. JSON columns keep the
// document as uploaded (json, not jsonb, which would reorder its keys).
const char* const kMigrations[] = {
    // 1: probe reports.
    "CREATE TABLE probe_reports ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  received_at TEXT NOT NULL,"
    "  vendor TEXT NOT NULL DEFAULT '',"
    "  instance_type TEXT NOT NULL DEFAULT '',"
    "  report JSON NOT NULL);"
    "CREATE INDEX probe_reports_offer ON probe_reports (vendor, instance_type);",
    // 2: saved scenarios.
    "CREATE TABLE scenarios ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  created_at TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  body JSON NOT NULL);",
    // 3: idempotent uploads.
    "ALTER TABLE probe_reports ADD COLUMN idempotency_key TEXT;"
    "CREATE UNIQUE INDEX probe_reports_idempotency ON probe_reports (idempotency_key) WHERE idempotency_key IS NOT NULL;",
    // 4: shared price refreshes: the lease and the refreshed files.
    "CREATE TABLE refresh_lease (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL, until TEXT NOT NULL);"
    "CREATE TABLE catalog_files (vendor TEXT PRIMARY KEY, generation BIGINT NOT NULL, published_at TEXT NOT NULL, body TEXT NOT NULL);",
    // 5: the team's price history (postgres_history.cc). Byte order (C) as
    // SQLite compares, so both back ends list series alike.
    "CREATE TABLE price_points ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  vendor TEXT COLLATE \"C\" NOT NULL, instance_type TEXT COLLATE \"C\" NOT NULL,"
    "  region TEXT COLLATE \"C\" NOT NULL, zone TEXT COLLATE \"C\" NOT NULL, purchase TEXT COLLATE \"C\" NOT NULL,"
    "  price DOUBLE PRECISION NOT NULL, currency TEXT NOT NULL, as_of TEXT COLLATE \"C\" NOT NULL, origin TEXT NOT NULL);"
    "CREATE INDEX price_points_series ON price_points (vendor, instance_type, region, zone, purchase, as_of, id);"
    "CREATE INDEX price_points_type ON price_points (vendor, lower(instance_type));",
};
static_assert(std::size(kMigrations) == 5, "the migrations of both back ends step together (store.cc)");

// Any number taken by gpuscout alone: the lock replicas migrate under.
constexpr long long kMigrationLock = 7'215'020'001;

std::string Now() { return FormatUtc(Env::System().Now()); }

std::string WithTimeouts(const std::string& url) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=3&application_name=gpuscout";
}

}  // namespace

// A connection of the pool for one call; broken ones are closed, not reused.
class PostgresStore::Lease {
 public:
  Lease(PostgresStore& store, PGconn* conn) : store_(store), conn_(conn) {}
  ~Lease() { store_.Release(conn_, PQstatus(conn_) != CONNECTION_OK); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  PGconn* get() const { return conn_; }

 private:
  PostgresStore& store_;
  PGconn* conn_;
};

Result<std::unique_ptr<Store>> PostgresStore::Open(const std::string& url, int pool) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    const std::string message = err ? err : "not a connection URL";
    PQfreemem(err);
    return tl::unexpected(OptionError("db", "cannot read " + url + ": " + message));
  }
  bool password = false;
  for (auto* o = opts; o->keyword; ++o) password |= std::string(o->keyword) == "password" && o->val && *o->val;
  PQconninfoFree(opts);
  if (password) {
    return tl::unexpected(OptionError("db", "the URL carries a password, which would show in ps and in logs: put it in "
                                            "PGPASSFILE, ~/.pgpass or PGPASSWORD"));
  }
  std::unique_ptr<PostgresStore> s(new PostgresStore());
  s->url_ = WithTimeouts(url);
  s->max_ = std::clamp(pool, 1, 256);
  GS_CHECK(s->Migrate());
  return std::unique_ptr<Store>(std::move(s));
}

PostgresStore::~PostgresStore() {
  for (PGconn* c : idle_) PQfinish(c);
}

// A connection within max_: an idle one (reset when the database went away
// since), or a new one; waits up to 5 s for one to be released.
Result<PGconn*> PostgresStore::Acquire() {
  PGconn* conn = nullptr;
  {
    std::unique_lock lock(mu_);
    if (!freed_.wait_for(lock, std::chrono::seconds(5), [&] { return !idle_.empty() || open_ < max_; })) {
      Error e = Unavailable("every one of the " + std::to_string(max_) + " database connections is busy", nullptr);
      return tl::unexpected(e);
    }
    if (!idle_.empty()) {
      conn = idle_.back();
      idle_.pop_back();
    } else {
      ++open_;
    }
  }
  if (!conn) {
    conn = PQconnectdb(url_.c_str());
    // The server's notices ("already exists, skipping") are not the operator's business.
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  }
  if (PQstatus(conn) != CONNECTION_OK) PQreset(conn);
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e = Unavailable("cannot connect", conn);
    Release(conn, true);
    return tl::unexpected(e);
  }
  return conn;
}

void PostgresStore::Release(PGconn* conn, bool broken) {
  std::lock_guard lock(mu_);
  if (broken) {
    PQfinish(conn);
    --open_;
  } else {
    idle_.push_back(conn);
  }
  freed_.notify_one();
}

// Every replica starting together runs this; the advisory lock lets one
// migrate while the others wait, then find the schema current.
Result<void> PostgresStore::Migrate() {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  auto step = [&](const std::string& sql) -> Result<void> {
    PgResult r;
    r.r = PQexec(conn, sql.c_str());
    const ExecStatusType st = PQresultStatus(r.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return tl::unexpected(StatementError("cannot migrate the schema", conn, r.r));
    return {};
  };
  return pg::InTransaction(conn, "cannot migrate the schema", [&]() -> Result<void> {
    GS_CHECK(step("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ");"
                  "CREATE TABLE IF NOT EXISTS gpuscout_schema (version INTEGER NOT NULL);"
                  "INSERT INTO gpuscout_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM gpuscout_schema);"));
    PgResult v;
    GS_CHECK(Run(conn, "SELECT version FROM gpuscout_schema", {}, "cannot read the schema version", v));
    version_ = std::atoi(PQgetvalue(v.r, 0, 0));
    if (version_ > LatestSchemaVersion()) {
      return Fail(ExitCode::kEnvironment, "the database has schema version " + std::to_string(version_) +
                                              ", newer than this gpuscout knows (" + std::to_string(LatestSchemaVersion()) + ")");
    }
    for (; version_ < LatestSchemaVersion(); ++version_) {
      GS_CHECK(step(std::string(kMigrations[version_]) + "UPDATE gpuscout_schema SET version = " + std::to_string(version_ + 1) + ";"));
    }
    return {};
  });
}

Result<void> PostgresStore::Ready() {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  PgResult r;
  GS_CHECK(Run(conn, "SELECT version FROM gpuscout_schema", {}, "cannot read the schema version", r));
  const int version = PQntuples(r.r) == 1 ? std::atoi(PQgetvalue(r.r, 0, 0)) : -1;
  if (version != LatestSchemaVersion()) {
    return tl::unexpected(Unavailable("the schema is at version " + std::to_string(version) + ", not " +
                                          std::to_string(LatestSchemaVersion()) + " (migrations not current)",
                                      nullptr));
  }
  return {};
}

Result<Stored> PostgresStore::AddProbeReport(const nlohmann::json& report, const std::string& idempotency_key) {
  GS_TRY(up, PrepareReport(report, idempotency_key));
  const std::optional<std::string> key = idempotency_key.empty() ? std::nullopt : std::optional(idempotency_key);
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  // One statement, committed on return: a retry with the same key that races
  // this one finds the row instead of storing a second.
  PgResult ins;
  GS_CHECK(Run(conn,
               "INSERT INTO probe_reports (received_at, vendor, instance_type, report, idempotency_key) "
               "VALUES ($1, $2, $3, $4::json, $5) ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL "
               "DO NOTHING RETURNING id",
               {Now(), up.vendor, up.instance, up.text, key}, "cannot store the report", ins));
  if (PQntuples(ins.r) == 1) return Stored{std::atoll(PQgetvalue(ins.r, 0, 0)), false};
  PgResult earlier;
  GS_CHECK(Run(conn, "SELECT id FROM probe_reports WHERE idempotency_key = $1", {key}, "cannot look up the Idempotency-Key", earlier));
  if (PQntuples(earlier.r) != 1) return tl::unexpected(StatementError("cannot look up the Idempotency-Key", conn, nullptr));
  return Stored{std::atoll(PQgetvalue(earlier.r, 0, 0)), true};
}

namespace {

Result<StorePage> ReadPage(PGconn* conn, const char* sql, const std::vector<std::optional<std::string>>& params, int limit,
                           std::vector<std::string> names, const char* table) {
  PageBuilder page(limit, names, table);
  GS_CHECK(Stream(conn, sql, params, std::string("cannot read ") + table, [&](PGresult* r) {
    std::vector<std::string> columns;
    for (int i = 1; i < PQnfields(r); ++i) columns.push_back(Value(r, i));
    return page.Add(std::atoll(PQgetvalue(r, 0, 0)), columns);
  }));
  return page.Finish();
}

}  // namespace

Result<StorePage> PostgresStore::ProbeReports(const ReportFilter& f) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  const int limit = std::clamp(f.limit, 1, kMaxPageRows);
  return ReadPage(conn,
                  "SELECT id, received_at, vendor, instance_type, report FROM probe_reports "
                  "WHERE ($1 = '' OR vendor = $1) AND ($2 = '' OR instance_type = $2) AND id < $3::bigint "
                  "ORDER BY id DESC LIMIT $4::int",
                  {f.vendor, f.instance, std::to_string(f.before.value_or(INT64_MAX)), std::to_string(limit + 1)}, limit,
                  {"id", "received_at", "vendor", "instance_type", "report"}, "probe_reports");
}

Result<nlohmann::json> PostgresStore::ProbeSummary() {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  SummaryBuilder summary;
  GS_CHECK(Stream(conn,
                  "SELECT r.vendor, r.instance_type, r.id, c->>'what', c->>'promised', c->>'measured', "
                  "COALESCE(c->>'ok' = 'true', false) FROM probe_reports r, LATERAL json_array_elements("
                  "CASE WHEN json_typeof(r.report->'comparison'->'checks') = 'array' THEN r.report->'comparison'->'checks' "
                  "ELSE '[]'::json END) c WHERE r.vendor <> '' ORDER BY r.id DESC",
                  {}, "cannot summarise reports", [&](PGresult* r) {
                    summary.Add(Value(r, 0), Value(r, 1), std::atoll(PQgetvalue(r, 0, 2)), Value(r, 3), Value(r, 4), Value(r, 5),
                                Value(r, 6) == "t");
                    return true;
                  }));
  return summary.Finish();
}

Result<void> PostgresStore::EachReport(size_t newest, const ReportVisitor& each) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  return Stream(conn, "SELECT vendor, instance_type, report FROM probe_reports WHERE vendor <> '' ORDER BY id DESC LIMIT $1::bigint",
                {std::to_string(newest)}, "cannot read reports", [&](PGresult* r) {
                  auto report = ParseJson(Value(r, 2), "report");
                  return !report || each(Value(r, 0), Value(r, 1), *report);
                });
}

// One statement: the lease is free, expired, or already this holder's.
Result<bool> PostgresStore::TakeRefreshLease(const std::string& holder, int seconds) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  const int64_t now = Env::System().Now();
  PgResult r;
  GS_CHECK(Run(conn,
               "INSERT INTO refresh_lease (id, holder, until) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE "
               "SET holder = $1, until = $2 WHERE refresh_lease.until < $3 OR refresh_lease.holder = $1 RETURNING holder",
               {holder, FormatUtc(now + seconds), FormatUtc(now)}, "cannot take the refresh lease", r));
  return PQntuples(r.r) == 1;
}

// Every file in one transaction, under one new generation.
Result<int64_t> PostgresStore::PublishCatalogFiles(const std::vector<CatalogFile>& files) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  return pg::InTransaction(conn, "cannot publish the refreshed prices", [&]() -> Result<int64_t> {
    PgResult gen;
    GS_CHECK(Run(conn, "SELECT COALESCE(MAX(generation), 0) + 1 FROM catalog_files", {}, "cannot publish", gen));
    const std::string generation = PQgetvalue(gen.r, 0, 0);
    for (const auto& f : files) {
      PgResult up;
      GS_CHECK(Run(conn,
                   "INSERT INTO catalog_files (vendor, generation, published_at, body) VALUES ($1, $2::bigint, $3, $4) "
                   "ON CONFLICT (vendor) DO UPDATE SET generation = $2::bigint, published_at = $3, body = $4",
                   {f.vendor, generation, Now(), f.text}, "cannot publish the refreshed prices", up));
    }
    return std::atoll(generation.c_str());
  });
}

Result<void> PostgresStore::WithConnection(const std::function<Result<void>(PGconn*)>& work) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  return work(conn);
}

Result<std::unique_ptr<PriceHistory>> PostgresStore::StoredPriceHistory(const PriceHistory::PointSource& seed) {
  auto history = std::make_unique<PostgresPriceHistory>(*this);
  GS_CHECK(history->SeedIfEmpty(seed));
  return std::unique_ptr<PriceHistory>(std::move(history));
}

Result<std::optional<Store::CatalogFiles>> PostgresStore::CatalogFilesSince(int64_t generation) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  PgResult r;
  GS_CHECK(Run(conn, "SELECT vendor, generation, body FROM catalog_files WHERE (SELECT MAX(generation) FROM catalog_files) > $1::bigint",
               {std::to_string(generation)}, "cannot read the refreshed prices", r));
  if (PQntuples(r.r) == 0) return std::optional<CatalogFiles>{};
  CatalogFiles out;
  for (int i = 0; i < PQntuples(r.r); ++i) {
    out.generation = std::max<int64_t>(out.generation, std::atoll(PQgetvalue(r.r, i, 1)));
    out.files.push_back({PQgetvalue(r.r, i, 0), std::string(PQgetvalue(r.r, i, 2), static_cast<size_t>(PQgetlength(r.r, i, 2)))});
  }
  return std::optional<CatalogFiles>(std::move(out));
}

Result<Stored> PostgresStore::SaveScenario(const std::string& kind, const nlohmann::json& body) {
  GS_TRY(text, PrepareScenario(body));
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  PgResult r;
  GS_CHECK(Run(conn, "INSERT INTO scenarios (created_at, kind, body) VALUES ($1, $2, $3::json) RETURNING id", {Now(), kind, text},
               "cannot store the scenario", r));
  return Stored{std::atoll(PQgetvalue(r.r, 0, 0)), false};
}

Result<StorePage> PostgresStore::Scenarios(int limit, std::optional<int64_t> before) {
  GS_TRY(conn, Acquire());
  Lease lease(*this, conn);
  limit = std::clamp(limit, 1, kMaxPageRows);
  return ReadPage(conn, "SELECT id, created_at, kind, body FROM scenarios WHERE id < $1::bigint ORDER BY id DESC LIMIT $2::int",
                  {std::to_string(before.value_or(INT64_MAX)), std::to_string(limit + 1)}, limit, {"id", "created_at", "kind", "body"},
                  "scenarios");
}

}  // namespace gpuscout
