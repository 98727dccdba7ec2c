#include "server/server.h"

#include <httplib.h>

#include <chrono>
#include <set>

#include "codec/alternatives_json.h"
#include "server/api_schemas.h"
#include "codec/catalog_json.h"
#include "codec/cost_json.h"
#include "codec/estimate_json.h"
#include "codec/json_text.h"
#include "codec/lint_json.h"
#include "codec/recommend_json.h"
#include "codec/request_json.h"
#include "codec/scale_json.h"
#include "base/strings.h"
#include "catalog/vendor_summary.h"
#include "lint/lint.h"
#include "lint/plan.h"
#include "server/assets.h"
#include "server/guarded_http.h"
#include "server/http_answer.h"

namespace gpuscout {
namespace {

}  // namespace

Answer ErrorAnswer(const Error& e) {
  nlohmann::json err = {{"message", e.Message(false)}};
  err["field"] = e.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(ApiFieldName(e.field));
  if (!e.file.empty()) err["file"] = e.file;
  if (e.line > 0) err["line"] = e.line;
  if (e.column > 0) err["column"] = e.column;
  if (e.over_budget) return Answer{503, {{"error", err}}, "", "", {{"Retry-After", "5"}}};
  if (e.unavailable) return Answer{503, {{"error", err}}, "", "", {{"Retry-After", "2"}}};
  const int status = e.code == ExitCode::kEnvironment ? 500 : 400;
  return Answer{status, {{"error", err}}, "", "", {}};
}

namespace {

ConnectionLimits LimitsOf(const ServerOptions& o) {
  ConnectionLimits l;
  l.request_deadline = std::chrono::seconds(o.timeout_s);
  l.io = std::chrono::seconds(o.timeout_s);
  l.per_client = o.per_client;
  return l;
}

// Equal strings in time that depends only on the expected one's length, so
// the answer's timing does not tell a client how much of a token it guessed.
bool SameSecret(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(expected[i]) ^
                                              static_cast<unsigned char>(i < given.size() ? given[i] : 0)));
  }
  return diff == 0;
}

}  // namespace

Server::Server(ServerDeps deps, ServerOptions options)
    : deps_(deps),
      options_(std::move(options)),
      http_(std::make_unique<GuardedHttpServer>(LimitsOf(options_))),
      cache_(options_.cache_entries) {
  // The catalog and estimator the server starts with are the caller's (not owned).
  auto first = std::make_shared<LiveCatalog>();
  first->catalog = std::shared_ptr<const Catalog>(deps_.catalog, [](const Catalog*) {});
  first->estimator = std::shared_ptr<const Estimator>(deps_.estimator, [](const Estimator*) {});
  live_ = std::move(first);
  http_->set_payload_max_length(options_.max_body_bytes);
  // Headers and body go out in two writes: without TCP_NODELAY, Nagle and the
  // client's delayed ACK hold every keep-alive response for ~40 ms.
  http_->set_tcp_nodelay(true);
  // A worker thread serves one open connection at a time (threads block,
  // they do not spin); the per-client cap keeps any one address to a third.
  const size_t n = static_cast<size_t>(options_.threads > 0 ? options_.threads : 96);
  http_->new_task_queue = [n] { return new httplib::ThreadPool(n); };
  AddErrorHandlers();
  AddRoutes();
}

void Server::AddErrorHandlers() {
  http_->set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(JsonText({{"error", {{"message", what}, {"field", nullptr}}}}), "application/json");
    metrics_.Observe(req.path, 500, 0);
  });
  http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error
    const std::string msg = res.status == 404   ? "no route " + req.method + " " + req.path + " (GET /openapi.json lists them)"
                            : res.status == 413 ? "the body is larger than the server's limit"
                                                : "request refused";
    // The path is the client's bytes: JsonText replaces what is not UTF-8.
    res.set_content(JsonText({{"error", {{"message", msg}, {"field", nullptr}}}}), "application/json");
  });
}

bool Server::Authorized(const httplib::Request& req) const {
  return options_.token.empty() || SameSecret(req.get_header_value("Authorization"), "Bearer " + options_.token);
}

Server::~Server() = default;

void Server::Register(const Route& r) {
  routes_.push_back(r);
  const Route route = r;
  auto handler = [this, route](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    Answer a;
    if (req.target.size() > options_.max_query_bytes) {
      a = BadField("query", "the request line is longer than " + std::to_string(options_.max_query_bytes) + " bytes");
      a.status = 414;
    } else if (!route.open && !Authorized(req)) {
      a = JsonAnswer({{"error", {{"message", "missing or wrong bearer token (Authorization: Bearer ...)"}, {"field", "Authorization"}}}}, 401);
    } else if (route.cacheable) {
      // Between refreshes the catalog is fixed: the same question has the same answer.
      const std::string key = std::to_string(Live()->generation) + " " + route.method + " " + req.target + "\n" + req.body;
      if (auto hit = cache_.Get(key)) {
        res.status = 200;
        res.set_header("X-Cache", "hit");
        res.set_content(*hit, "application/json");
        metrics_.Observe(route.method + " " + route.path, 200,
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return;
      }
      a = route.handler(req);
      if (a.status == 200 && a.text.empty()) {
        a.text = JsonText(a.json);
        a.content_type = "application/json";
        cache_.Put(key, a.text);
        res.set_header("X-Cache", "miss");
      }
    } else {
      a = route.handler(req);
    }
    res.status = a.status;
    for (const auto& [name, value] : a.headers) res.set_header(name, value);
    if (!a.text.empty()) {
      res.set_content(a.text, a.content_type);
    } else {
      // Replace invalid UTF-8 a client sent rather than fail on it.
      res.set_content(JsonText(a.json), "application/json");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.Observe(route.method + " " + route.path, a.status, seconds);
  };
  if (r.method == "GET") http_->Get(r.path, handler);
  else http_->Post(r.path, handler);
}

Result<int> Server::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = http_->BindAny(options_.host);
  } else if (!http_->Bind(options_.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return Fail(ExitCode::kEnvironment, "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                                            " (in use by another program, or not an address of this machine)");
  }
  return port;
}

void Server::Run() { http_->listen_after_bind(); }

void Server::Stop() { http_->Stop(); }

std::string Server::Respond(std::string_view request) { return http_->ServeBytes(request); }

nlohmann::json Server::OpenApi() const {
  nlohmann::json paths = nlohmann::json::object();
  const nlohmann::json error = {{"description", "bad input: the body names the field"},
                                {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  auto json_of = [](const std::string& schema) {
    return nlohmann::json{{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + schema}}}}}};
  };
  for (const auto& r : routes_) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto schemas = SchemasOf(r.method, r.path);
    nlohmann::json ok = {{"description", "the answer, as the CLI's --format json"}};
    if (schemas) ok["content"] = json_of(schemas->response);
    nlohmann::json op = {{"summary", r.summary}, {"responses", nlohmann::json::object()}};
    const bool stores = r.method == "POST" && schemas && schemas->response == "Stored";
    op["responses"][stores ? "201" : "200"] = ok;
    if (stores) op["responses"]["200"] = {{"description", "the same Idempotency-Key again: the first answer"}, {"content", json_of("Stored")}};
    if (!r.open) {
      op["responses"]["400"] = error;
      op["responses"]["401"] = {{"description", "a token is required (serve --token-file) and was missing or wrong"}};
    }
    if (r.method == "POST") {
      op["requestBody"] = {{"required", true},
                           {"content", schemas && !schemas->request.empty() ? json_of(schemas->request)
                                                                             : nlohmann::json{{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      op["responses"]["413"] = {{"description", "the body is over the limit"}};
    }
    paths[r.path][method] = op;
  }
  nlohmann::json doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", "gpuscout"},
                 {"version", GPUSCOUT_VERSION},
                 {"description", "GPU cloud offers, estimates, recommendations, costs, autoscaling, lint and probe reports. "
                                 "Field names are the CLI's option names with '_' for '-'."}};
  doc["paths"] = paths;
  static const nlohmann::json schemas = ApiSchemas();  // the same for the process's life: built once
  doc["components"]["schemas"] = schemas;
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"field", {{"type", nlohmann::json::array({"string", "null"})}}}, {"message", {{"type", "string"}}}, {"line", {{"type", "integer"}}}}}}}}}};
  doc["components"]["securitySchemes"]["bearer"] = {{"type", "http"}, {"scheme", "bearer"}};
  return doc;
}

}  // namespace gpuscout
