#include "history/sqlite_history.h"

#include <sqlite3.h>

#include <filesystem>

#include "base/env.h"

namespace gpuscout {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS prices ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  vendor TEXT NOT NULL, instance_type TEXT NOT NULL, region TEXT NOT NULL, zone TEXT NOT NULL,"
    "  purchase TEXT NOT NULL, price REAL NOT NULL, currency TEXT NOT NULL,"
    "  as_of TEXT NOT NULL, origin TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS prices_series ON prices (vendor, instance_type, region, zone, purchase, as_of, id);";

struct Stmt {
  sqlite3_stmt* s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

Error DbError(sqlite3* db, const std::string& what) {
  return Error{ExitCode::kEnvironment, what + ": " + (db ? sqlite3_errmsg(db) : "cannot open"), "", 0, 0, "", false, false};
}

void Bind(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), -1, SQLITE_TRANSIENT); }

std::string Column(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

std::string DefaultPriceHistoryPath() { return Env::System().DataDir() + "/price_history.db"; }

Result<std::unique_ptr<PriceHistory>> SqlitePriceHistory::Open(const std::string& path, const std::vector<Offer>& snapshot,
                                                               const std::vector<PriceOrigin>& origins) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::unique_ptr<SqlitePriceHistory> h(new SqlitePriceHistory());
  h->path_ = path;
  if (sqlite3_open_v2(path.c_str(), &h->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(h->db_, "cannot open the price history " + path));
  }
  sqlite3_busy_timeout(h->db_, 5000);
  GS_CHECK(h->Exec("PRAGMA journal_mode=WAL;"));
  GS_CHECK(h->Exec(kSchema));
  GS_CHECK(h->SeedIfEmpty([&] { return SnapshotPoints(snapshot, origins); }));
  return std::unique_ptr<PriceHistory>(std::move(h));
}

SqlitePriceHistory::~SqlitePriceHistory() { sqlite3_close(db_); }

Result<void> SqlitePriceHistory::Exec(const char* sql) const {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    Error e{ExitCode::kEnvironment, std::string("price history: ") + (msg ? msg : "error") + " (" + path_ + ")",
            "", 0, 0, "", false, false};
    sqlite3_free(msg);
    return tl::unexpected(e);
  }
  return {};
}

Result<bool> SqlitePriceHistory::Empty() const {
  Stmt any;
  if (sqlite3_prepare_v2(db_, "SELECT EXISTS (SELECT 1 FROM prices);", -1, &any.s, nullptr) != SQLITE_OK ||
      sqlite3_step(any.s) != SQLITE_ROW) {
    return tl::unexpected(DbError(db_, "cannot read the price history " + path_));
  }
  return sqlite3_column_int64(any.s, 0) == 0;
}

// One write transaction (BEGIN IMMEDIATE: two processes seeding at once
// take turns, and the second finds the first's points).
Result<size_t> SqlitePriceHistory::Write(const std::function<Result<size_t>()>& insert, bool only_if_empty) {
  GS_CHECK(Exec("BEGIN IMMEDIATE;"));
  auto write = [&]() -> Result<size_t> {
    if (only_if_empty) {
      GS_TRY(empty, Empty());
      if (!empty) return size_t{0};
    }
    return insert();
  };
  Result<size_t> added = write();
  if (!added) {
    (void)Exec("ROLLBACK;");
    return added;
  }
  GS_CHECK(Exec("COMMIT;"));
  return added;
}

Result<size_t> SqlitePriceHistory::Insert(const std::vector<PricePoint>& points) {
  Stmt last, insert;
  const char* last_sql =
      "SELECT price, currency FROM prices WHERE vendor=? AND instance_type=? AND region=? AND zone=? AND purchase=? "
      "ORDER BY as_of DESC, id DESC LIMIT 1;";
  const char* insert_sql =
      "INSERT INTO prices (vendor, instance_type, region, zone, purchase, price, currency, as_of, origin) "
      "VALUES (?,?,?,?,?,?,?,?,?);";
  if (sqlite3_prepare_v2(db_, last_sql, -1, &last.s, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, insert_sql, -1, &insert.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot write the price history " + path_));
  }
  size_t added = 0;
  for (const PricePoint& p : points) {
    const std::string* key[] = {&p.vendor, &p.instance_type, &p.region, &p.zone, &p.purchase};
    sqlite3_reset(last.s);
    for (int i = 0; i < 5; ++i) Bind(last.s, i + 1, *key[i]);
    if (sqlite3_step(last.s) == SQLITE_ROW && sqlite3_column_double(last.s, 0) == p.price && Column(last.s, 1) == p.currency) {
      continue;  // unchanged since the series' last point
    }
    sqlite3_reset(insert.s);
    for (int i = 0; i < 5; ++i) Bind(insert.s, i + 1, *key[i]);
    sqlite3_bind_double(insert.s, 6, p.price);
    Bind(insert.s, 7, p.currency);
    Bind(insert.s, 8, p.as_of);
    Bind(insert.s, 9, p.origin);
    if (sqlite3_step(insert.s) != SQLITE_DONE) return tl::unexpected(DbError(db_, "cannot write the price history " + path_));
    ++added;
  }
  return added;
}

Result<std::vector<PricePoint>> SqlitePriceHistory::Points(const HistoryQuery& q) const {
  Stmt st;
  const char* sql =
      "SELECT vendor, instance_type, region, zone, purchase, price, currency, as_of, origin FROM prices "
      "WHERE vendor=? AND lower(instance_type)=lower(?) AND (?='' OR region=?) AND (?='' OR as_of='' OR as_of>=?) "
      "ORDER BY region, zone, purchase, as_of, id;";
  if (sqlite3_prepare_v2(db_, sql, -1, &st.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot read the price history " + path_));
  }
  const std::string* binds[] = {&q.vendor, &q.instance_type, &q.region, &q.region, &q.since, &q.since};
  for (int i = 0; i < 6; ++i) Bind(st.s, i + 1, *binds[i]);
  std::vector<PricePoint> out;
  int rc;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    out.push_back({Column(st.s, 0), Column(st.s, 1), Column(st.s, 2), Column(st.s, 3), Column(st.s, 4),
                   sqlite3_column_double(st.s, 5), Column(st.s, 6), Column(st.s, 7), Column(st.s, 8)});
  }
  if (rc != SQLITE_DONE) return tl::unexpected(DbError(db_, "cannot read the price history " + path_));
  return out;
}

}  // namespace gpuscout
