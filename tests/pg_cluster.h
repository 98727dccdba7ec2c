// A throwaway PostgreSQL cluster for the tests (issue #21): Debian's
// initdb and pg_ctl in a temporary folder, listening on 127.0.0.1 at a free
// port, run as the unprivileged `postgres` user when the tests run as root
// (PostgreSQL refuses root), trust authentication on loopback only, fsync
// off (a test cluster). One per test process, stopped at exit; each test
// takes a fresh database.
#pragma once

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <glob.h>
#include <stdexcept>
#include <string>

namespace gpuscout::testing {

class PgCluster {
 public:
  // The process's cluster, started on first use; throws when PostgreSQL's
  // programs are missing (scripts/install-deps installs them).
  static PgCluster& Get() {
    static PgCluster cluster;
    return cluster;
  }
  ~PgCluster() {
    try {
      Stop();
    } catch (const std::exception&) {
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  int port() const { return port_; }
  // A new, empty database and its URL.
  std::string NewDatabase() {
    static std::atomic<int> n{0};
    const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(n++);
    Sql("CREATE DATABASE " + name);
    return Url(name);
  }
  std::string Url(const std::string& db) const { return "postgresql://gpuscout@127.0.0.1:" + std::to_string(port_) + "/" + db; }
  void Sql(const std::string& sql) const {
    Run(bin_ + "/psql -q -h 127.0.0.1 -p " + std::to_string(port_) + " -U gpuscout -d postgres -c \"" + sql + "\"");
  }
  // For the outage tests: the server stopped and started on the same data.
  void Stop() {
    if (running_) Run(As() + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop >/dev/null");
    running_ = false;
  }
  void Start() {
    if (running_) return;
    Run(As() + bin_ + "/pg_ctl -D " + dir_ + "/data -w -l " + dir_ + "/log -o \"-c listen_addresses=127.0.0.1 -p " +
        std::to_string(port_) + " -k " + dir_ + " -c fsync=off -c max_connections=200\" start >/dev/null");
    running_ = true;
  }

 private:
  PgCluster() {
    glob_t g{};
    if (::glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) != 0 || g.gl_pathc == 0) {
      throw std::runtime_error("no /usr/lib/postgresql/*/bin/initdb: run scripts/install-deps (postgresql)");
    }
    bin_ = std::filesystem::path(g.gl_pathv[g.gl_pathc - 1]).parent_path().string();
    ::globfree(&g);
    char tmpl[] = "/tmp/gpuscout-pg-XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    if (::geteuid() == 0) {
      const passwd* pw = ::getpwnam("postgres");
      if (!pw) throw std::runtime_error("running as root and no postgres user to run PostgreSQL as");
      if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("chown " + dir_);
      as_ = "runuser -u postgres -- ";
    }
    port_ = FreePort();
    Run(As() + bin_ + "/initdb -D " + dir_ + "/data -U gpuscout -A trust --no-sync -E UTF8 >/dev/null");
    Start();
  }
  const std::string& As() const { return as_; }
  static void Run(const std::string& cmd) {
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
  }
  static int FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(fd);
      throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
  }

  std::string bin_, dir_, as_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace gpuscout::testing
