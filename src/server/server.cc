#include "server/server.h"

#include <httplib.h>

#include <chrono>
#include <set>

#include "codec/alternatives_json.h"
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

namespace gpuscout {
namespace {

// A timeline over the API is JSON of about 100 bytes a row: 10 MB at most.
constexpr int64_t kMaxApiTimelineRows = 100'000;

Answer Json(nlohmann::json j, int status = 200) { return Answer{status, std::move(j), "", "", {}}; }

Answer BadField(const std::string& field, const std::string& message) { return ErrorAnswer(OptionError(field, message)); }

// The body as JSON: a syntax error, a number out of range or nesting deeper
// than kMaxJsonDepth is a 400 naming the body.
Result<nlohmann::json> Body(const httplib::Request& req) { return ParseJson(req.body.empty() ? "{}" : req.body, "body"); }

// A stored row over the quota is 413, other refusals keep their status.
Answer TooLargeOr(Answer a, const Error& e) {
  if (e.field == "body" && e.message.find("at most") != std::string::npos) a.status = 413;
  return a;
}

// One page of a listing; the next page's address, with the same filters, in
// a Link header (RFC 8288), as paginated APIs such as GitHub's do.
Answer PageAnswer(StorePage page, const httplib::Request& req, const ProbeReportsQuery& q) {
  Answer a = Json(std::move(page.rows));
  if (page.next_before) {
    std::string next = req.path + "?limit=" + std::to_string(q.limit) + "&before=" + std::to_string(*page.next_before);
    if (!q.vendor.empty()) next += "&vendor=" + httplib::detail::encode_query_param(q.vendor);
    if (!q.instance.empty()) next += "&instance=" + httplib::detail::encode_query_param(q.instance);
    a.headers.emplace_back("Link", "<" + next + ">; rel=\"next\"");
  }
  return a;
}

nlohmann::json Query(const httplib::Request& req) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : req.params) j[k] = v;
  return j;
}

}  // namespace

Answer ErrorAnswer(const Error& e) {
  nlohmann::json err = {{"message", e.Message(false)}};
  err["field"] = e.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(ApiFieldName(e.field));
  if (!e.file.empty()) err["file"] = e.file;
  if (e.line > 0) err["line"] = e.line;
  if (e.column > 0) err["column"] = e.column;
  if (e.over_budget) return Answer{503, {{"error", err}}, "", "", {{"Retry-After", "5"}}};
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
      a = Json({{"error", {{"message", "missing or wrong bearer token (Authorization: Bearer ...)"}, {"field", "Authorization"}}}}, 401);
    } else if (route.cacheable) {
      // The catalog is fixed while the server runs: the same question has the same answer.
      const std::string key = route.method + " " + req.target + "\n" + req.body;
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
  for (const auto& r : routes_) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    nlohmann::json op = {{"summary", r.summary}, {"responses", {{"200", {{"description", "the answer, as the CLI's --format json"}}}}}};
    if (!r.open) {
      op["responses"]["400"] = error;
      op["responses"]["401"] = {{"description", "a token is required (serve --token-file) and was missing or wrong"}};
    }
    if (r.method == "POST") {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      op["responses"]["413"] = {{"description", "the body is over the limit"}};
    }
    paths[r.path][method] = op;
  }
  nlohmann::json error_schema = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"field", {{"type", "string"}, {"nullable", true}}}, {"message", {{"type", "string"}}}, {"line", {{"type", "integer"}}}}}}}}}};
  nlohmann::json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "gpuscout"},
                 {"version", GPUSCOUT_VERSION},
                 {"description", "GPU cloud offers, estimates, recommendations, costs, autoscaling, lint and probe reports. "
                                 "Field names are the CLI's option names with '_' for '-'."}};
  doc["paths"] = paths;
  doc["components"]["schemas"]["Error"] = error_schema;
  doc["components"]["securitySchemes"]["bearer"] = {{"type", "http"}, {"scheme", "bearer"}};
  return doc;
}

void Server::AddRoutes() {
  const Catalog& catalog = *deps_.catalog;
  const Estimator& estimator = *deps_.estimator;
  Store* store = deps_.store;
  auto money_of = [](const MoneyRequest& m, Currency fallback) { return m.currency.value_or(fallback); };

  Register({"GET", "/healthz", "liveness: ok and the catalog's size", [&catalog, store](const httplib::Request&) {
              return Json({{"status", "ok"}, {"offers", catalog.offers().size()}, {"schema_version", store ? store->schema_version() : 0}});
            }, true});
  Register({"GET", "/metrics", "Prometheus metrics: requests, errors and latency by route", [this](const httplib::Request&) {
              std::string text = metrics_.Text();
              text += "# HELP gpuscout_answer_cache_total Answers served from the cache (hit) or computed (miss).\n"
                      "# TYPE gpuscout_answer_cache_total counter\n";
              text += "gpuscout_answer_cache_total{result=\"hit\"} " + std::to_string(cache_.hits()) + "\n";
              text += "gpuscout_answer_cache_total{result=\"miss\"} " + std::to_string(cache_.misses()) + "\n";
              return Answer{200, nullptr, text, "text/plain; version=0.0.4", {}};
            }});
  Register({"GET", "/openapi.json", "this document", [this](const httplib::Request&) { return Json(OpenApi()); }, true});
  for (const auto& asset : WebAssets()) {
    const std::string path = asset.path;
    const std::string type = asset.content_type;
    const std::string_view body = asset.body;
    Register({"GET", path, "the web page (" + path + ")", [type, body](const httplib::Request&) {
                return Answer{200, nullptr, std::string(body), type, {}};
              }, true});
  }
  Register({"GET", "/v1/gpus", "GPU specs (gpuscout gpus)", [&catalog](const httplib::Request&) {
              nlohmann::json a = nlohmann::json::array();
              for (const auto& g : catalog.gpus().specs()) a.push_back(GpuToJson(g));
              return Json(a);
            }, false, true});
  Register({"GET", "/v1/offers", "offers: ?gpu=&vendor=&region=&min_gpu_mem=&max_price=&spot=&all_regions=&sort=&limit=&currency=",
            [&catalog](const httplib::Request& req) {
              MoneyRequest money;
              auto args = OffersArgsFromQuery(Query(req), money);
              if (!args) return ErrorAnswer(args.error());
              auto answer = FindOffers(catalog, *args, money.currency, money.rate);
              if (!answer) return ErrorAnswer(answer.error());
              return Json(OffersToJson(*answer));
            }, false, true});
  Register({"GET", "/v1/vendors", "per-vendor facts (gpuscout vendors): ?gpu=&currency=", [&catalog](const httplib::Request& req) {
              MoneyRequest money;
              auto gpu = VendorsGpuFromQuery(Query(req), money);
              if (!gpu) return ErrorAnswer(gpu.error());
              std::vector<const GpuSpec*> gpus;
              if (!gpu->empty()) {
                auto g = catalog.gpus().MatchUser(*gpu);
                if (!g) return ErrorAnswer(g.error());
                gpus = *g;
              }
              const Currency cur = money.currency.value_or(Currency::kUSD);
              nlohmann::json a = nlohmann::json::array();
              for (const auto& v : SummariseVendors(catalog, gpus, cur, money.rate)) a.push_back(VendorSummaryToJson(v, cur, money.rate));
              return Json(a);
            }, false, true});
  Register({"POST", "/v1/estimate", "memory and time of a workload (gpuscout estimate)", [&estimator](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              auto r = EstimateRequestFromJson(*body);
              if (!r) return ErrorAnswer(r.error());
              auto resolved = estimator.Resolve(*r);
              if (!resolved) return ErrorAnswer(resolved.error());
              return Json(EstimateToJson(estimator.Run(resolved->first, resolved->second)));
            }, false, true});
  Register({"POST", "/v1/recommend", "ranked offers for a workload or bare needs (gpuscout recommend)",
            [this, &catalog, &estimator, money_of](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              MoneyRequest money;
              auto args = RecommendArgsFromJson(*body, money);
              if (!args) return ErrorAnswer(args.error());
              auto r = MakeRecommendRequest(catalog, *args, money_of(money, Currency::kUSD), money.rate);
              if (!r) return ErrorAnswer(r.error());
              r->work_budget = ComputeBudget();
              auto rec = Recommend(catalog, estimator, *r);
              if (!rec) return ErrorAnswer(rec.error());
              return Json(RecommendationToJson(*rec, r->currency));
            }, false, true});
  Register({"POST", "/v1/cost", "one instance under every purchase option, or across regions (gpuscout cost)",
            [&catalog](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              MoneyRequest money;
              auto args = CostArgsFromJson(*body, money);
              if (!args) return ErrorAnswer(args.error());
              auto answer = PriceInstance(catalog, *args, money.currency, money.rate);
              if (!answer) return ErrorAnswer(answer.error());
              return Json(CostToJson(*answer));
            }, false, true});
  Register({"POST", "/v1/scale/simulate", "an autoscaling fleet replayed on a trace (gpuscout scale simulate)",
            [this, &catalog, &estimator, money_of](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              MoneyRequest money;
              auto in = ScaleInputFromJson(*body, money);
              if (!in) return ErrorAnswer(in.error());
              FleetContext fc;
              fc.catalog = &catalog;
              fc.estimator = &estimator;
              fc.currency = money_of(money, Currency::kUSD);
              fc.rate = money.rate;
              auto run = PrepareScale(*in, fc);
              if (!run) return ErrorAnswer(run.error());
              run->options.budget = ComputeBudget();
              run->options.max_timeline_rows = kMaxApiTimelineRows;
              auto r = Simulate(run->trace, run->fleet.pools, run->options);
              if (!r) return ErrorAnswer(r.error());
              nlohmann::json j = SimResultToJson(*r, run->fleet, fc.currency, run->options.slo_underprovisioned);
              if (in->timeline) {
                nlohmann::json rows = nlohmann::json::array();
                for (const auto& t : r->timeline) {
                  rows.push_back({t.t, t.pool, t.demand_rps, t.capacity_rps, t.ready, t.booting, t.desired});
                }
                j["timeline"] = {{"columns", {"t", "pool", "demand_rps", "capacity_rps", "ready", "booting", "desired"}}, {"rows", rows}};
              }
              return Json(j);
            }, false, true});
  Register({"POST", "/v1/lint", "the pitfalls in a plan: {\"plan\": YAML text} (gpuscout lint)",
            [this, &catalog, &estimator](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              if (!body->is_object() || !body->contains("plan") || !(*body)["plan"].is_string()) {
                return BadField("plan", "missing: the plan's YAML text");
              }
              for (const auto& [k, v] : body->items()) {
                if (k != "plan") return BadField(k, "unknown field");
              }
              auto plan = ParsePlan((*body)["plan"].get<std::string>(), "plan");
              if (!plan) return ErrorAnswer(plan.error());
              if (plan->fleet && !plan->fleet->trace.empty()) return BadField("plan", "fleet.trace names a file; the server reads no files");
              auto offers = ResolvePlan(*plan, catalog, estimator);
              if (!offers) return ErrorAnswer(offers.error());
              auto fleet = ResolveFleet(*plan, catalog, estimator, *offers);
              if (!fleet) return ErrorAnswer(fleet.error());
              LintContext ctx{*plan, catalog, estimator, *deps_.compat, std::move(*offers), std::nullopt,
                              *fleet ? &**fleet : nullptr};
              return Json(LintToJson("plan", RunLint(ctx)));
            }, false, true});
  Register({"POST", "/v1/alternatives", "what a CPU-only machine can do instead (gpuscout alternatives)",
            [&catalog, &estimator](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              MoneyRequest money;
              auto r = AlternativesFromJson(*body, money);
              if (!r) return ErrorAnswer(r.error());
              r->currency = money.currency.value_or(Currency::kUSD);
              r->rate = money.rate;
              auto a = CompareAlternatives(catalog, estimator, *r);
              if (!a) return ErrorAnswer(a.error());
              return Json(AlternativesToJson(*a, r->currency));
            }, false, true});
  Register({"POST", "/v1/probe-reports",
            "store a probe report (gpuscout probe --upload); rejected whole when malformed; an Idempotency-Key header makes a retry "
            "answer the first upload's id (200) instead of storing it twice",
            [store](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              auto stored = store->AddProbeReport(*body, req.get_header_value("Idempotency-Key"));
              if (!stored) return TooLargeOr(ErrorAnswer(stored.error()), stored.error());
              Answer a = Json({{"id", stored->id}}, stored->replayed ? 200 : 201);
              if (stored->replayed) a.headers.emplace_back("Idempotent-Replayed", "true");
              return a;
            }});
  Register({"GET", "/v1/probe-reports", "stored probe reports, newest first, a page at a time: ?vendor=&instance=&limit=&before=",
            [store](const httplib::Request& req) {
              auto q = ProbeReportsQueryFromQuery(Query(req));
              if (!q) return ErrorAnswer(q.error());
              auto page = store->ProbeReports({q->vendor, q->instance, q->limit, q->before});
              if (!page) return ErrorAnswer(page.error());
              return PageAnswer(std::move(*page), req, *q);
            }});
  Register({"POST", "/v1/scenarios", "save a scenario: {\"kind\": \"recommend\", \"body\": {...the request...}}",
            [store](const httplib::Request& req) {
              auto body = Body(req);
              if (!body) return ErrorAnswer(body.error());
              if (!body->is_object()) return BadField("body", "expected {\"kind\", \"body\"}");
              for (const auto& [k, v] : body->items()) {
                if (k != "kind" && k != "body") return BadField(k, "unknown field: kind, body");
              }
              static const std::set<std::string> kinds = {"estimate", "recommend", "cost", "scale", "lint", "alternatives"};
              if (!body->contains("kind") || !(*body)["kind"].is_string() || !kinds.count((*body)["kind"].get<std::string>())) {
                return BadField("kind", "expected estimate, recommend, cost, scale, lint or alternatives");
              }
              if (!body->contains("body") || !(*body)["body"].is_object()) return BadField("body", "missing: the request to keep (an object)");
              auto stored = store->SaveScenario((*body)["kind"].get<std::string>(), (*body)["body"]);
              if (!stored) return TooLargeOr(ErrorAnswer(stored.error()), stored.error());
              return Json({{"id", stored->id}}, 201);
            }});
  Register({"GET", "/v1/scenarios", "saved scenarios, newest first, a page at a time: ?limit=&before=", [store](const httplib::Request& req) {
              auto q = ScenariosQueryFromQuery(Query(req));
              if (!q) return ErrorAnswer(q.error());
              auto page = store->Scenarios(q->limit, q->before);
              if (!page) return ErrorAnswer(page.error());
              return PageAnswer(std::move(*page), req, *q);
            }});
  Register({"GET", "/v1/probe-reports/summary", "measured against promised, per instance type, over the stored reports",
            [store](const httplib::Request&) {
              auto s = store->ProbeSummary();
              if (!s) return ErrorAnswer(s.error());
              return Json(*s);
            }});
}

}  // namespace gpuscout
