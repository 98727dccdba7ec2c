#include "server/postgres_history.h"

#include <map>
#include <tuple>

#include "codec/json_text.h"
#include "server/pg_statement.h"

namespace gpuscout {
namespace {

// Any number taken by gpuscout alone: history writers take turns under it.
constexpr long long kHistoryLock = 7'215'020'002;

// The batch as one JSON array, in order. A point equal to the previous one
// of its series in the batch is dropped here; the first of each series is
// compared with the stored series' last point by the statement ("first").
nlohmann::json Batch(const std::vector<PricePoint>& points) {
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, const PricePoint*> last;
  nlohmann::json rows = nlohmann::json::array();
  for (const PricePoint& p : points) {
    auto [at, first] = last.try_emplace(Key{p.vendor, p.instance_type, p.region, p.zone, p.purchase}, &p);
    if (!first && at->second->price == p.price && at->second->currency == p.currency) continue;
    at->second = &p;
    rows.push_back({{"i", rows.size()}, {"vendor", p.vendor}, {"instance_type", p.instance_type}, {"region", p.region},
                    {"zone", p.zone}, {"purchase", p.purchase}, {"price", p.price}, {"currency", p.currency},
                    {"as_of", p.as_of}, {"origin", p.origin}, {"first", first}});
  }
  return rows;
}

constexpr const char* kInsert =
    "INSERT INTO price_points (vendor, instance_type, region, zone, purchase, price, currency, as_of, origin) "
    "SELECT n.vendor, n.instance_type, n.region, n.zone, n.purchase, n.price, n.currency, n.as_of, n.origin "
    "FROM json_to_recordset($1::json) AS n(i bigint, vendor text, instance_type text, region text, zone text, purchase text, "
    "price float8, currency text, as_of text, origin text, first boolean) "
    "WHERE NOT (n.first AND EXISTS (SELECT 1 FROM (SELECT p.price, p.currency FROM price_points p "
    "  WHERE p.vendor = n.vendor AND p.instance_type = n.instance_type AND p.region = n.region AND p.zone = n.zone "
    "  AND p.purchase = n.purchase ORDER BY p.as_of DESC, p.id DESC LIMIT 1) l "
    "  WHERE l.price = n.price AND l.currency = n.currency)) "
    "ORDER BY n.i";

// Under the lock, inside the caller's transaction; the batch is built only
// when it is to be inserted.
Result<size_t> InsertBatch(PGconn* conn, const std::function<std::string()>& batch, bool only_if_empty) {
  pg::PgResult lock, any, ins;
  GS_CHECK(pg::Run(conn, "SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(kHistoryLock)},
                   "cannot write the price history", lock));
  if (only_if_empty) {
    GS_CHECK(pg::Run(conn, "SELECT EXISTS (SELECT 1 FROM price_points)", {}, "cannot read the price history", any));
    if (pg::Value(any.r, 0) == "t") return size_t{0};
  }
  GS_CHECK(pg::Run(conn, kInsert, {batch()}, "cannot write the price history", ins));
  return static_cast<size_t>(std::atoll(PQcmdTuples(ins.r)));
}

}  // namespace

Result<size_t> PostgresPriceHistory::Append(const std::vector<PricePoint>& points) {
  return Write([&] { return JsonText(Batch(points)); }, false);
}

Result<size_t> PostgresPriceHistory::SeedIfEmpty(const PointSource& make) {
  return Write([&] { return JsonText(Batch(make())); }, true);
}

Result<size_t> PostgresPriceHistory::Write(const std::function<std::string()>& batch, bool only_if_empty) {
  Result<size_t> added = size_t{0};
  auto ran = store_.WithConnection([&](PGconn* conn) -> Result<void> {
    added = pg::InTransaction(conn, "cannot write the price history", [&] { return InsertBatch(conn, batch, only_if_empty); });
    if (!added) return tl::unexpected(added.error());
    return {};
  });
  if (!ran) return tl::unexpected(ran.error());
  return added;
}

Result<std::vector<PricePoint>> PostgresPriceHistory::Points(const HistoryQuery& q) const {
  std::vector<PricePoint> out;
  GS_CHECK(store_.WithConnection([&](PGconn* conn) {
    return pg::Stream(conn,
                      "SELECT vendor, instance_type, region, zone, purchase, price, currency, as_of, origin FROM price_points "
                      "WHERE vendor = $1 AND lower(instance_type) = lower($2) AND ($3 = '' OR region = $3) "
                      "AND ($4 = '' OR as_of = '' OR as_of >= $4) ORDER BY region, zone, purchase, as_of, id",
                      {q.vendor, q.instance_type, q.region, q.since}, "cannot read the price history", [&](PGresult* r) {
                        out.push_back({pg::Value(r, 0), pg::Value(r, 1), pg::Value(r, 2), pg::Value(r, 3), pg::Value(r, 4),
                                       std::strtod(PQgetvalue(r, 0, 5), nullptr), pg::Value(r, 6), pg::Value(r, 7),
                                       pg::Value(r, 8)});
                        return true;
                      });
  }));
  return out;
}

}  // namespace gpuscout
