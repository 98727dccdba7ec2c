#include "server/pg_statement.h"

namespace gpuscout::pg {

Error Unavailable(const std::string& what, PGconn* conn) {
  Error e;
  e.code = ExitCode::kEnvironment;
  e.unavailable = true;
  std::string detail = conn ? PQerrorMessage(conn) : "";
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  e.message = what + ": the database is unreachable" + (detail.empty() ? "" : " (" + detail + ")");
  return e;
}

Error StatementError(const std::string& what, PGconn* conn, PGresult* r) {
  if (PQstatus(conn) != CONNECTION_OK) return Unavailable(what, conn);
  Error e;
  e.code = ExitCode::kEnvironment;
  std::string detail = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  while (!detail.empty() && detail.back() == '\n') detail.pop_back();
  e.message = what + ": " + detail;
  return e;
}

Result<void> Run(PGconn* conn, const char* sql, const Params& params, const std::string& what, PgResult& out) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  out.r = PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
  const ExecStatusType st = PQresultStatus(out.r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return tl::unexpected(StatementError(what, conn, out.r));
  return {};
}

std::string Value(PGresult* r, int column, int row) {
  return std::string(PQgetvalue(r, row, column), static_cast<size_t>(PQgetlength(r, row, column)));
}

}  // namespace gpuscout::pg
