// libpq statements as the PostgreSQL store and history run them: results
// freed on scope exit, text parameters, errors that tell a lost database
// (`unavailable`, HTTP 503) from a failed statement, and rows streamed one
// at a time.
#pragma once

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace gpuscout::pg {

using Params = std::vector<std::optional<std::string>>;  // nullopt: NULL

struct PgResult {
  PGresult* r = nullptr;
  ~PgResult() { PQclear(r); }
};

// The database cannot be reached (503 with Retry-After).
Error Unavailable(const std::string& what, PGconn* conn);
// A failed statement: a lost connection is `unavailable`, the rest carry
// the database's own message (500).
Error StatementError(const std::string& what, PGconn* conn, PGresult* r);

// One statement with text parameters.
Result<void> Run(PGconn* conn, const char* sql, const Params& params, const std::string& what, PgResult& out);
// A transaction around `work`: committed when it succeeds, rolled back when not.
template <typename Work>
auto InTransaction(PGconn* conn, const std::string& what, Work work) -> decltype(work()) {
  PgResult begin;
  GS_CHECK(Run(conn, "BEGIN", {}, what, begin));
  auto out = work();
  if (!out) {
    PQclear(PQexec(conn, "ROLLBACK"));
    return out;
  }
  PgResult commit;
  GS_CHECK(Run(conn, "COMMIT", {}, what, commit));
  return out;
}

// Row `row`'s column as a string (binary-safe).
std::string Value(PGresult* r, int column, int row = 0);

// Rows read one at a time (libpq's single-row mode): memory holds a page or
// a summary, never the table. `row` returns false to ignore the rest.
template <typename Row>
Result<void> Stream(PGconn* conn, const char* sql, const Params& params, const std::string& what, Row row) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  if (!PQsendQueryParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0) ||
      !PQsetSingleRowMode(conn)) {
    return tl::unexpected(StatementError(what, conn, nullptr));
  }
  bool wanted = true;
  std::optional<Error> error;
  while (PGresult* r = PQgetResult(conn)) {
    PgResult held{r};
    const ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_SINGLE_TUPLE && wanted) {
      wanted = row(r);
    } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && !error) {
      error = StatementError(what, conn, r);
    }
  }
  if (error) return tl::unexpected(*error);
  return {};
}

}  // namespace gpuscout::pg
