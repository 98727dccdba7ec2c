#include "history/price_history.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "base/env.h"
#include "base/money.h"
#include "base/statistics.h"

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

std::vector<PricePoint> PointsOf(const Offer& o, const std::string& as_of, const std::string& origin) {
  std::vector<PricePoint> out;
  const std::pair<const char*, const std::optional<double>*> prices[] = {
      {"on-demand", &o.price_hour}, {"spot", &o.spot_price_hour}, {"reserved", &o.reserved_hour},
      {"monthly", &o.monthly_price}};
  for (const auto& [purchase, price] : prices) {
    if (!*price) continue;
    out.push_back({o.vendor, o.instance_type, o.region, o.zone, purchase, **price,
                   std::string(CurrencyCode(o.currency)), as_of, origin});
  }
  return out;
}

Result<std::unique_ptr<PriceHistory>> PriceHistory::Open(const std::string& path, const std::vector<Offer>& snapshot,
                                                         const std::vector<PriceOrigin>& origins) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::unique_ptr<PriceHistory> h(new PriceHistory());
  h->path_ = path;
  if (sqlite3_open_v2(path.c_str(), &h->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(h->db_, "cannot open the price history " + path));
  }
  sqlite3_busy_timeout(h->db_, 5000);
  GS_CHECK(h->Exec("PRAGMA journal_mode=WAL;"));
  GS_CHECK(h->Exec(kSchema));
  GS_CHECK(h->Seed(snapshot, origins));
  return h;
}

PriceHistory::~PriceHistory() { sqlite3_close(db_); }

Result<void> PriceHistory::Exec(const char* sql) const {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    Error e{ExitCode::kEnvironment, std::string("price history: ") + (msg ? msg : "error") + " (" + path_ + ")",
            "", 0, 0, "", false, false};
    sqlite3_free(msg);
    return tl::unexpected(e);
  }
  return {};
}

// A new file gets the embedded snapshot's prices as each series' first point.
Result<void> PriceHistory::Seed(const std::vector<Offer>& snapshot, const std::vector<PriceOrigin>& origins) {
  Stmt count;
  if (sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM prices;", -1, &count.s, nullptr) != SQLITE_OK ||
      sqlite3_step(count.s) != SQLITE_ROW) {
    return tl::unexpected(DbError(db_, "cannot read the price history " + path_));
  }
  if (sqlite3_column_int64(count.s, 0) > 0) return {};
  std::vector<PricePoint> points;
  for (const Offer& o : snapshot) {
    const PriceOrigin* origin = o.price_origin < origins.size() ? &origins[o.price_origin] : nullptr;
    for (PricePoint& p : PointsOf(o, origin ? origin->as_of : "", origin ? "snapshot: " + origin->source : "snapshot")) {
      points.push_back(std::move(p));
    }
  }
  GS_TRY(added, Append(points));
  (void)added;
  return {};
}

Result<size_t> PriceHistory::Record(const std::vector<Offer>& offers, const std::string& as_of,
                                    const std::string& origin) {
  std::vector<PricePoint> points;
  for (const Offer& o : offers) {
    for (PricePoint& p : PointsOf(o, as_of, origin)) points.push_back(std::move(p));
  }
  return Append(points);
}

Result<size_t> PriceHistory::Append(const std::vector<PricePoint>& points) {
  GS_CHECK(Exec("BEGIN IMMEDIATE;"));
  Stmt last, insert;
  const char* last_sql =
      "SELECT price, currency FROM prices WHERE vendor=? AND instance_type=? AND region=? AND zone=? AND purchase=? "
      "ORDER BY as_of DESC, id DESC LIMIT 1;";
  const char* insert_sql =
      "INSERT INTO prices (vendor, instance_type, region, zone, purchase, price, currency, as_of, origin) "
      "VALUES (?,?,?,?,?,?,?,?,?);";
  if (sqlite3_prepare_v2(db_, last_sql, -1, &last.s, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, insert_sql, -1, &insert.s, nullptr) != SQLITE_OK) {
    (void)Exec("ROLLBACK;");
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
    if (sqlite3_step(insert.s) != SQLITE_DONE) {
      Error e = DbError(db_, "cannot write the price history " + path_);
      (void)Exec("ROLLBACK;");
      return tl::unexpected(e);
    }
    ++added;
  }
  GS_CHECK(Exec("COMMIT;"));
  return added;
}

Result<std::vector<PricePoint>> PriceHistory::Points(const HistoryQuery& q) const {
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

SeriesSummary Summarise(const std::vector<double>& prices) {
  SeriesSummary s;
  if (prices.empty()) return s;
  const auto [min, max] = std::minmax_element(prices.begin(), prices.end());
  s.min = *min;
  s.max = *max;
  s.median = Median(prices);
  s.first = prices.front();
  s.last = prices.back();
  s.change = s.last - s.first;
  if (s.first > 0) s.change_pct = 100.0 * s.change / s.first;
  return s;
}

}  // namespace gpuscout
