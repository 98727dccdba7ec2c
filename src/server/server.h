// `gpuscout serve`: every capability as a REST API (the CLI's JSON, from the
// same codecs), the probe report collection, metrics, an OpenAPI document and
// the web page, on cpp-httplib.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/budget.h"
#include "base/error.h"
#include "catalog/catalog.h"
#include "compat/cuda_compat.h"
#include "history/price_history.h"
#include "server/answer_cache.h"
#include "server/metrics.h"
#include "server/store.h"
#include "workload/estimate.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace gpuscout {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port (tests)
  std::string token;                      // empty: no authentication
  size_t max_body_bytes = 4u << 20;       // 4 MiB: a year's trace at one-minute resolution fits
  size_t max_query_bytes = 4096;
  int timeout_s = 10;                     // reading one whole request (headers and body); one write
  int threads = 0;                        // 0: 96 (one per open connection)
  int per_client = 32;                    // connections one address may hold at once; 0: no cap
  std::chrono::milliseconds compute{10000};  // wall-clock budget of one recommend or simulate request (503 beyond)
  size_t cache_entries = 256;             // answers kept for repeated questions; 0: none
};

struct ServerDeps {
  const Catalog* catalog = nullptr;
  const Estimator* estimator = nullptr;
  const std::vector<CudaRelease>* compat = nullptr;
  Store* store = nullptr;
  PriceHistory* history = nullptr;  // GET /v1/prices/history; null: no points for anything (404)
};

// The catalog requests are answered from, and the estimator made from it:
// replaced whole when a background refresh loads new prices. A request holds
// the one it started with until it finishes.
struct LiveCatalog {
  std::shared_ptr<const Catalog> catalog;
  std::shared_ptr<const Estimator> estimator;
  uint64_t generation = 0;  // 0: the catalog the server started with
};

// The last background refresh of one vendor (serve --refresh-every).
struct RefreshStatus {
  std::string vendor;
  std::string at;       // ISO 8601 UTC
  bool ok = false;
  size_t offers = 0;    // stored
  std::string error;    // when not ok: why (the vendor kept its prices)
};

// What a handler answers: a status and a JSON body, or text.
struct Answer {
  int status = 200;
  nlohmann::json json;
  std::string text;          // used when not empty
  std::string content_type;  // for text
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
};

struct Route {
  std::string method;  // GET, POST
  std::string path;
  std::string summary;
  std::function<Answer(const httplib::Request&)> handler;
  bool open = false;  // answered without the token (the page, /healthz)
  bool cacheable = false;  // a deterministic answer: kept in the answer cache
};

class GuardedHttpServer;

class Server {
 public:
  Server(ServerDeps deps, ServerOptions options);
  ~Server();

  // Binds the socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop(); requests in flight finish first.
  void Run();
  void Stop();

  const std::vector<Route>& routes() const { return routes_; }

  // Answers from now on come from `catalog` (requests in flight finish on the
  // old one) and the answer cache starts afresh.
  void SwapCatalog(std::shared_ptr<const Catalog> catalog, std::shared_ptr<const Estimator> estimator);
  // Reported in /healthz and /metrics.
  void SetRefreshStatus(const std::vector<RefreshStatus>& status);
  std::shared_ptr<const LiveCatalog> Live() const;
  // The raw HTTP response to the raw request bytes, without a socket: what
  // the HTTP fuzz target drives.
  std::string Respond(std::string_view request);
  nlohmann::json OpenApi() const;

 private:
  // The routes, by kind (routes.cc); each handler is a method.
  void AddRoutes();
  void AddServiceRoutes();
  void AddCatalogRoutes();
  void AddAnswerRoutes();
  void AddStoreRoutes();
  Answer MetricsAnswer() const;
  Answer Offers(const httplib::Request& req) const;
  Answer Vendors(const httplib::Request& req) const;
  Answer PriceHistoryAnswer(const httplib::Request& req) const;
  Answer Estimate(const nlohmann::json& body) const;
  Answer RecommendOffers(const nlohmann::json& body) const;
  Answer Cost(const nlohmann::json& body) const;
  Answer Scale(const nlohmann::json& body) const;
  Answer Lint(const nlohmann::json& body) const;
  Answer Alternatives(const nlohmann::json& body) const;
  Answer StoreProbeReport(const httplib::Request& req) const;
  Answer SaveScenario(const httplib::Request& req) const;
  void Register(const Route& r);
  void AddErrorHandlers();
  bool Authorized(const httplib::Request& req) const;
  Budget ComputeBudget() const { return Budget(options_.compute); }
  nlohmann::json RefreshJson() const;
  std::string RefreshMetrics() const;

  ServerDeps deps_;
  ServerOptions options_;
  std::unique_ptr<GuardedHttpServer> http_;
  std::vector<Route> routes_;
  Metrics metrics_;
  AnswerCache cache_;
  mutable std::mutex live_mu_;
  std::shared_ptr<const LiveCatalog> live_;
  std::map<std::string, RefreshStatus> refresh_;  // by vendor, under live_mu_
};

// A JSON error body naming the field: {"error": {"field", "message", "line"?}}:
// 400 for bad input, 503 with Retry-After for work over its time budget, 500
// for a failed environment.
Answer ErrorAnswer(const Error& e);

}  // namespace gpuscout
