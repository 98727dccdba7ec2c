// gpuscout serve: the REST API and the web page, on 127.0.0.1 by default.
#include <fmt/format.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <thread>

#include "base/atomic_file.h"
#include "base/env.h"
#include "base/strings.h"
#include "catalog/embedded.h"
#include "cli/commands.h"
#include "cli/serve_refresh.h"
#include "server/server.h"

namespace gpuscout::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string db;
  std::string token_file;
  double max_body_kb = 4096;
  int timeout_s = 10;
  int threads = 0;
  int per_client = 32;
  int compute_s = 10;
  int drain_s = 20;
  int cache = 256;
  double refresh_every_h = 0;
  std::string refresh_vendor;
  std::string refresh_region;
  std::string refresh_endpoint;
};

std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& item : Split(text, ',')) {
    if (!Trim(item).empty()) out.push_back(Trim(item));
  }
  return out;
}

// --refresh-every: hours in range, and only over the user's catalog folder.
Result<void> CheckRefreshEvery(const Context& ctx, const ServeArgs& a) {
  if (a.refresh_every_h != 0 && !(a.refresh_every_h >= 0.001 && a.refresh_every_h <= 8760)) {
    return tl::unexpected(OptionError("refresh_every", "expected hours, 0.001 to 8760 (0: no background refresh)"));
  }
  if (a.refresh_every_h > 0 && !ctx.options.catalog_dir.empty()) {
    return tl::unexpected(OptionError("refresh_every", "refreshes the user's catalog folder; not with --catalog"));
  }
  return {};
}

// Memory: glibc gives each thread that allocates its own arena and keeps
// what was freed in it; with ~100 worker threads RSS climbs to gigabytes
// under mixed load. Two arenas bound that at a small cost in contention.
void BoundAllocatorArenas() { mallopt(M_ARENA_MAX, 2); }

// --refresh-every's loop; on PostgreSQL the replicas share one refresh
// (serve_refresh.h), each named by its host and pid for the lease.
RefreshLoopOptions RefreshOptionsFor(const ServeArgs& a, Store& store, PriceHistory& history) {
  RefreshLoopOptions ro{a.refresh_every_h, CommaList(a.refresh_vendor), CommaList(a.refresh_region), a.refresh_endpoint};
  ro.history = &history;
  if (store.backend() == "postgresql") {
    char host[256] = "";
    ::gethostname(host, sizeof(host) - 1);
    ro.store = &store;
    ro.holder = std::string(host) + ":" + std::to_string(::getpid());
  }
  return ro;
}

CommandResult RunServe(Context& ctx, const ServeArgs& a) {
  ServerOptions o;
  const auto colon = a.listen.rfind(':');
  auto port = colon == std::string::npos ? std::nullopt : ParseDouble(a.listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535 || *port != static_cast<int>(*port)) {
    return tl::unexpected(OptionError("listen", "expected ADDR:PORT, e.g. 127.0.0.1:8080"));
  }
  o.host = a.listen.substr(0, colon);
  o.port = static_cast<int>(*port);
  if (!(a.max_body_kb >= 1 && a.max_body_kb <= 1 << 20)) return tl::unexpected(OptionError("max_body_kb", "expected 1 to 1048576"));
  o.max_body_bytes = static_cast<size_t>(a.max_body_kb * 1024);
  if (a.timeout_s < 1 || a.timeout_s > 3600) return tl::unexpected(OptionError("timeout_s", "expected 1 to 3600"));
  o.timeout_s = a.timeout_s;
  if (a.threads < 0 || a.threads > 4096) return tl::unexpected(OptionError("threads", "expected 1 to 4096"));
  o.threads = a.threads;
  if (a.per_client < 0 || a.per_client > 100000) return tl::unexpected(OptionError("max_conns_per_client", "expected 0 to 100000"));
  o.per_client = a.per_client;
  if (a.compute_s < 1 || a.compute_s > 3600) return tl::unexpected(OptionError("compute_s", "expected 1 to 3600"));
  o.compute = std::chrono::seconds(a.compute_s);
  if (a.drain_s < 1 || a.drain_s > 3600) return tl::unexpected(OptionError("drain_s", "expected 1 to 3600"));
  if (a.cache < 0 || a.cache > 100000) return tl::unexpected(OptionError("cache", "expected 0 to 100000 answers"));
  o.cache_entries = static_cast<size_t>(a.cache);
  if (!a.token_file.empty()) {
    GS_TRY(t, ReadFile(a.token_file));
    o.token = Trim(t);
    if (o.token.empty()) return tl::unexpected(OptionError("token_file", a.token_file + " is empty"));
  }
  GS_CHECK(CheckRefreshEvery(ctx, a));
  GS_TRY(catalog, ctx.GetCatalog());
  GS_TRY(estimator, ctx.GetEstimator());
  GS_TRY(compat, ctx.GetCompat());
  // --db, else GPUSCOUT_DB_URL, else the SQLite file in the data folder.
  const std::string db = !a.db.empty() ? a.db : Env::System().Var("GPUSCOUT_DB_URL").value_or(DefaultDatabasePath());
  GS_TRY(store, Store::Open(db));
  GS_TRY(history, OpenPriceHistory(*store));

  BoundAllocatorArenas();
  // SIGTERM and SIGINT go to one thread that stops the server; requests in
  // flight finish before Run returns.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  Server server(ServerDeps{catalog, estimator, compat, store.get(), history.get()}, o);
  GS_TRY(bound, server.Bind());
  *ctx.err << fmt::format("gpuscout serve: http://{}:{}/ ({} database {}, schema v{}{})\n", o.host, bound, store->backend(), db,
                          store->schema_version(), o.token.empty() ? "" : ", bearer token required")
           << std::flush;
  // A stop wakes every connection at once and compute is budgeted, so the
  // drain is short; should anything still hold on after --drain-s, the
  // process exits anyway (every stored write is already committed).
  const int drain_s = a.drain_s;
  std::thread waiter([&server, set, drain_s] {
    int sig = 0;
    sigwait(&set, &sig);
    server.Stop();
    std::thread([drain_s] {
      std::this_thread::sleep_for(std::chrono::seconds(drain_s));
      std::fprintf(stderr, "gpuscout serve: requests still running after %d s; exiting\n", drain_s);
      std::_Exit(0);
    }).detach();
  });
  std::optional<RefreshLoop> refresher;
  if (a.refresh_every_h > 0) {
    refresher.emplace(server, RefreshOptionsFor(a, *store, *history));
    refresher->Start();
  }
  server.Run();
  if (refresher) refresher->Stop();
  // Run also returns if the socket fails; wake the waiter either way.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  *ctx.err << "gpuscout serve: stopped\n";
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("serve", "The REST API (/v1/..., /openapi.json, /metrics) and the web page at /");
  auto a = std::make_shared<ServeArgs>();
  sub->add_option("--listen", a->listen, "ADDR:PORT to listen on (port 0: any free port)")->capture_default_str();
  sub->add_option("--db", a->db,
                  "The store of probe reports and scenarios: a SQLite file (default: the user's data folder), or "
                  "postgresql://USER@HOST:PORT/DB shared by replicas (also GPUSCOUT_DB_URL; the password from PGPASSFILE, "
                  "~/.pgpass or PGPASSWORD)");
  sub->add_option("--token-file", a->token_file, "File holding a bearer token every /v1 request must carry");
  sub->add_option("--max-body-kb", a->max_body_kb, "Largest request body, KiB")->capture_default_str();
  sub->add_option("--timeout-s", a->timeout_s, "Seconds to read one whole request (headers and body), or to write once")
      ->capture_default_str();
  sub->add_option("--threads", a->threads, "Worker threads, one per open connection (default 96)");
  sub->add_option("--max-conns-per-client", a->per_client, "Connections one client address may hold at once (0: no cap)")
      ->capture_default_str();
  sub->add_option("--compute-s", a->compute_s, "Seconds one recommend or simulation request may compute before a 503")
      ->capture_default_str();
  sub->add_option("--drain-s", a->drain_s, "Seconds a stop waits for requests in flight before exiting")->capture_default_str();
  sub->add_option("--cache", a->cache, "Answers kept for repeated questions (0: none)")->capture_default_str();
  sub->add_option("--refresh-every", a->refresh_every_h,
                  "Hours between background price refreshes (catalog refresh), the first at start; 0: none")
      ->capture_default_str();
  sub->add_option("--refresh-vendor", a->refresh_vendor, "Vendors the background refresh fetches (default: all)");
  sub->add_option("--refresh-region", a->refresh_region, "Regions it fetches (default: the catalog's)");
  sub->add_option("--refresh-endpoint", a->refresh_endpoint, "Base URL replacing the vendors' APIs (a mirror)");
  out.emplace_back(sub, [&ctx, a] { return RunServe(ctx, *a); });
}

}  // namespace gpuscout::cli
