#include "server/store.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <map>

#include <date/date.h>

namespace gpuscout {
namespace {

// Each entry brings the schema from version i to i + 1; never edited once
// released, only appended.
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
};

Error DbError(sqlite3* db, const std::string& what) {
  Error e;
  e.code = ExitCode::kEnvironment;
  e.message = what + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
  return e;
}

std::string Now() {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// A prepared statement, finalised on scope exit.
struct Stmt {
  sqlite3_stmt* s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

}  // namespace

std::string DefaultDatabasePath() {
  std::string dir;
  if (const char* home = std::getenv("GPUSCOUT_HOME"); home && *home) {
    dir = home;
  } else if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    dir = std::string(xdg) + "/gpuscout";
  } else {
    const char* h = std::getenv("HOME");
    dir = std::string(h ? h : ".") + "/.local/share/gpuscout";
  }
  return dir + "/gpuscout.db";
}

int Store::LatestSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  if (path != ":memory:") {
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  std::unique_ptr<Store> s(new Store());
  s->path_ = path;
  if (sqlite3_open_v2(path.c_str(), &s->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    Error e = DbError(s->db_, "cannot open the database " + path);
    return tl::unexpected(e);
  }
  sqlite3_busy_timeout(s->db_, 5000);
  if (path != ":memory:") {
    if (auto r = s->Exec("PRAGMA journal_mode=WAL;"); !r) return tl::unexpected(r.error());
  }
  if (auto r = s->Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"); !r) return tl::unexpected(r.error());
  if (auto r = s->Migrate(); !r) return tl::unexpected(r.error());
  return s;
}

Store::~Store() { sqlite3_close(db_); }

Result<void> Store::Exec(const std::string& sql) {
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

Result<void> Store::Migrate() {
  Stmt st;
  sqlite3_prepare_v2(db_, "PRAGMA user_version;", -1, &st.s, nullptr);
  version_ = sqlite3_step(st.s) == SQLITE_ROW ? sqlite3_column_int(st.s, 0) : 0;
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

Result<void> Store::ValidateProbeReport(const nlohmann::json& r) {
  if (!r.is_object()) return tl::unexpected(OptionError("body", "expected a probe report (JSON object)"));
  auto it = r.find("schema");
  if (it == r.end() || !it->is_string()) return tl::unexpected(OptionError("schema", "missing: expected \"gpuscout.probe/1\""));
  if (*it != "gpuscout.probe/1") return tl::unexpected(OptionError("schema", "unknown schema " + it->get<std::string>() + ": expected gpuscout.probe/1"));
  auto need = [&](const char* key, auto check, const char* what) -> Result<void> {
    auto f = r.find(key);
    if (f == r.end() || !check(*f)) return tl::unexpected(OptionError(key, std::string("missing or not ") + what));
    return {};
  };
  for (auto res : {need("started_at", [](const nlohmann::json& v) { return v.is_string(); }, "a string"),
                   need("machine", [](const nlohmann::json& v) { return v.is_object(); }, "an object"),
                   need("gpus", [](const nlohmann::json& v) { return v.is_array(); }, "an array"),
                   need("findings", [](const nlohmann::json& v) { return v.is_array(); }, "an array")}) {
    if (!res) return res;
  }
  auto c = r.find("comparison");
  if (c == r.end()) return tl::unexpected(OptionError("comparison", "missing (null when the probe compared with no offer)"));
  if (c->is_null()) return {};
  if (!c->is_object()) return tl::unexpected(OptionError("comparison", "expected an object or null"));
  for (const char* key : {"vendor", "instance_type"}) {
    auto v = c->find(key);
    if (v == c->end() || !v->is_string() || v->get<std::string>().empty()) {
      return tl::unexpected(OptionError(std::string("comparison.") + key, "missing or not a string"));
    }
  }
  auto checks = c->find("checks");
  if (checks == c->end() || !checks->is_array()) return tl::unexpected(OptionError("comparison.checks", "missing or not an array"));
  for (size_t i = 0; i < checks->size(); ++i) {
    const auto& k = (*checks)[i];
    const std::string at = "comparison.checks[" + std::to_string(i) + "]";
    if (!k.is_object()) return tl::unexpected(OptionError(at, "expected an object"));
    for (const char* key : {"what", "promised", "measured"}) {
      if (!k.contains(key) || !k[key].is_string()) return tl::unexpected(OptionError(at + "." + key, "missing or not a string"));
    }
    if (!k.contains("ok") || !k["ok"].is_boolean()) return tl::unexpected(OptionError(at + ".ok", "missing or not true/false"));
  }
  return {};
}

Result<int64_t> Store::AddProbeReport(const nlohmann::json& report) {
  if (auto v = ValidateProbeReport(report); !v) return tl::unexpected(v.error());
  std::string vendor, instance;
  if (report["comparison"].is_object()) {
    vendor = report["comparison"]["vendor"];
    instance = report["comparison"]["instance_type"];
  }
  std::lock_guard lock(mu_);
  if (auto r = Exec("BEGIN IMMEDIATE;"); !r) return tl::unexpected(r.error());
  Stmt st;
  const std::string text = report.dump();
  const std::string now = Now();
  if (sqlite3_prepare_v2(db_, "INSERT INTO probe_reports (received_at, vendor, instance_type, report) VALUES (?,?,?,?);", -1,
                         &st.s, nullptr) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 1, now.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 2, vendor.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 3, instance.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 4, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_step(st.s) != SQLITE_DONE) {
    Error e = DbError(db_, "cannot store the report");
    (void)Exec("ROLLBACK;");
    return tl::unexpected(e);
  }
  const int64_t id = sqlite3_last_insert_rowid(db_);
  if (auto r = Exec("COMMIT;"); !r) {
    (void)Exec("ROLLBACK;");
    return tl::unexpected(r.error());
  }
  return id;
}

Result<nlohmann::json> Store::ProbeReports(const std::string& vendor, const std::string& instance, int limit) {
  std::lock_guard lock(mu_);
  Stmt st;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id, received_at, vendor, instance_type, report FROM probe_reports "
                         "WHERE (?1 = '' OR vendor = ?1) AND (?2 = '' OR instance_type = ?2) ORDER BY id DESC LIMIT ?3;",
                         -1, &st.s, nullptr) != SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot read reports"));
  }
  sqlite3_bind_text(st.s, 1, vendor.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, instance.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st.s, 3, limit);
  nlohmann::json out = nlohmann::json::array();
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.s, i))); };
    out.push_back({{"id", sqlite3_column_int64(st.s, 0)},
                   {"received_at", text(1)},
                   {"vendor", text(2)},
                   {"instance_type", text(3)},
                   {"report", nlohmann::json::parse(text(4), nullptr, false)}});
  }
  return out;
}

Result<nlohmann::json> Store::ProbeSummary() {
  auto all = ProbeReports("", "", 100000);
  if (!all) return all;
  // vendor:instance -> what -> {promised, measured[], ok, failed}
  std::map<std::string, nlohmann::json> per;
  for (const auto& row : *all) {
    const auto& c = row["report"]["comparison"];
    if (!c.is_object()) continue;
    const std::string key = row["vendor"].get<std::string>() + ":" + row["instance_type"].get<std::string>();
    auto& s = per[key];
    if (s.is_null()) s = {{"vendor", row["vendor"]}, {"instance_type", row["instance_type"]}, {"reports", 0}, {"checks", nlohmann::json::object()}};
    s["reports"] = s["reports"].get<int>() + 1;
    for (const auto& k : c["checks"]) {
      auto& ck = s["checks"][k["what"].get<std::string>()];
      if (ck.is_null()) ck = {{"promised", k["promised"]}, {"measured", nlohmann::json::array()}, {"ok", 0}, {"short", 0}};
      ck["measured"].push_back(k["measured"]);
      ck[k["ok"].get<bool>() ? "ok" : "short"] = ck[k["ok"].get<bool>() ? "ok" : "short"].get<int>() + 1;
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (auto& [key, s] : per) out.push_back(s);
  return out;
}

Result<int64_t> Store::SaveScenario(const std::string& kind, const nlohmann::json& body) {
  std::lock_guard lock(mu_);
  Stmt st;
  const std::string text = body.dump(), now = Now();
  if (sqlite3_prepare_v2(db_, "INSERT INTO scenarios (created_at, kind, body) VALUES (?,?,?);", -1, &st.s, nullptr) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 1, now.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 2, kind.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text(st.s, 3, text.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK || sqlite3_step(st.s) != SQLITE_DONE) {
    return tl::unexpected(DbError(db_, "cannot store the scenario"));
  }
  return sqlite3_last_insert_rowid(db_);
}

Result<nlohmann::json> Store::Scenarios(int limit) {
  std::lock_guard lock(mu_);
  Stmt st;
  if (sqlite3_prepare_v2(db_, "SELECT id, created_at, kind, body FROM scenarios ORDER BY id DESC LIMIT ?;", -1, &st.s, nullptr) !=
      SQLITE_OK) {
    return tl::unexpected(DbError(db_, "cannot read scenarios"));
  }
  sqlite3_bind_int(st.s, 1, limit);
  nlohmann::json out = nlohmann::json::array();
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.s, i))); };
    out.push_back({{"id", sqlite3_column_int64(st.s, 0)}, {"created_at", text(1)}, {"kind", text(2)},
                   {"body", nlohmann::json::parse(text(3), nullptr, false)}});
  }
  return out;
}

}  // namespace gpuscout
