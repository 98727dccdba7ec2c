// Probe reports and saved scenarios in SQLite: one file (WAL mode), a
// versioned schema brought up to date by migrations on open, each upload one
// transaction. Reports are checked before they are stored; a malformed one is
// rejected whole.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <string>

#include "base/error.h"

struct sqlite3;

namespace gpuscout {

class Store {
 public:
  // Creates the file (and its folder) when missing. ":memory:" for tests.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const { return version_; }
  static int LatestSchemaVersion();

  // Checks a probe report (gpuscout.probe/1): errors name the field (400).
  static Result<void> ValidateProbeReport(const nlohmann::json& report);
  Result<int64_t> AddProbeReport(const nlohmann::json& report);
  // Newest first; empty filters match everything.
  Result<nlohmann::json> ProbeReports(const std::string& vendor, const std::string& instance, int limit);
  // Per instance type: reports, and for each check promised against what was measured.
  Result<nlohmann::json> ProbeSummary();

  Result<int64_t> SaveScenario(const std::string& kind, const nlohmann::json& body);
  Result<nlohmann::json> Scenarios(int limit);

 private:
  Store() = default;
  Result<void> Exec(const std::string& sql);
  Result<void> Migrate();

  sqlite3* db_ = nullptr;
  int version_ = 0;
  std::string path_;
  std::mutex mu_;
};

// The default database: $GPUSCOUT_HOME or $XDG_DATA_HOME/gpuscout or
// ~/.local/share/gpuscout, file gpuscout.db.
std::string DefaultDatabasePath();

}  // namespace gpuscout
