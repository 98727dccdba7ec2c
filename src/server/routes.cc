// The routes of `gpuscout serve`: one handler each, reading its request with
// the codec (codec/request_json.h), answering with the CLI's JSON.
#include <httplib.h>

#include <algorithm>

#include "base/strings.h"

#include "catalog/vendor_summary.h"
#include "workload/layout.h"
#include "codec/alternatives_json.h"
#include "codec/catalog_json.h"
#include "codec/cost_json.h"
#include "codec/estimate_json.h"
#include "codec/history_json.h"
#include "codec/lint_json.h"
#include "codec/recommend_json.h"
#include "codec/request_json.h"
#include "codec/scale_json.h"
#include "lint/import.h"
#include "server/fleet_view.h"
#include "lint/lint.h"
#include "lint/plan.h"
#include "server/assets.h"
#include "server/http_answer.h"
#include "server/server.h"

namespace gpuscout {
namespace {

// A timeline over the API is JSON of about 100 bytes a row: 10 MB at most.
constexpr int64_t kMaxApiTimelineRows = 100'000;

// The answer of a Result: its JSON, or the error's.
template <typename T, typename F>
Answer AnswerOf(const Result<T>& r, F to_json) {
  if (!r) return ErrorAnswer(r.error());
  return JsonAnswer(to_json(*r));
}

}  // namespace

void Server::AddRoutes() {
  AddServiceRoutes();
  AddCatalogRoutes();
  AddAnswerRoutes();
  AddStoreRoutes();
}

// Health, metrics, the OpenAPI document and the web page: no token needed.
void Server::AddServiceRoutes() {
  Register({.method = "GET", .path = "/healthz", .summary = "liveness: ok and the catalog's size",
            .handler = [this](const httplib::Request&) {
              return JsonAnswer({{"status", "ok"},
                                 {"offers", Live()->catalog->offers().size()},
                                 {"schema_version", deps_.store ? deps_.store->schema_version() : 0},
                                 {"refresh", RefreshJson()}});
            },
            .open = true});
  Register({.method = "GET", .path = "/readyz",
            .summary = "readiness for a load balancer: the database answers and its schema is current (503 otherwise)",
            .handler = [this](const httplib::Request&) {
              if (!deps_.store) return JsonAnswer({{"status", "ready"}, {"database", "none"}});
              auto ready = deps_.store->Ready();
              if (!ready) {
                Error e = ready.error();
                e.unavailable = true;
                return ErrorAnswer(e);
              }
              return JsonAnswer({{"status", "ready"}, {"database", deps_.store->backend()},
                                 {"schema_version", deps_.store->schema_version()}});
            },
            .open = true});
  Register({.method = "GET", .path = "/metrics", .summary = "Prometheus metrics: requests, errors and latency by route",
            .handler = [this](const httplib::Request&) { return MetricsAnswer(); }});
  Register({.method = "GET", .path = "/openapi.json", .summary = "this document",
            .handler = [this](const httplib::Request&) { return JsonAnswer(OpenApi()); }, .open = true});
  for (const auto& asset : WebAssets()) {
    const std::string type = asset.content_type;
    const std::string_view body = asset.body;
    Register({.method = "GET", .path = asset.path, .summary = "the web page (" + std::string(asset.path) + ")",
              .handler = [type, body](const httplib::Request&) { return Answer{200, nullptr, std::string(body), type, {}}; },
              .open = true});
  }
}

Answer Server::MetricsAnswer() const {
  std::string text = metrics_.Text();
  text += "# HELP gpuscout_answer_cache_total Answers served from the cache (hit) or computed (miss).\n"
          "# TYPE gpuscout_answer_cache_total counter\n";
  text += "gpuscout_answer_cache_total{result=\"hit\"} " + std::to_string(cache_.hits()) + "\n";
  text += "gpuscout_answer_cache_total{result=\"miss\"} " + std::to_string(cache_.misses()) + "\n";
  text += RefreshMetrics();
  return Answer{200, nullptr, text, "text/plain; version=0.0.4", {}};
}

void Server::AddCatalogRoutes() {
  Register({.method = "GET", .path = "/v1/gpus", .summary = "GPU specs (gpuscout gpus)",
            .handler = [this](const httplib::Request&) {
              nlohmann::json a = nlohmann::json::array();
              for (const auto& g : Live()->catalog->gpus().specs()) a.push_back(GpuToJson(g));
              return JsonAnswer(a);
            },
            .cacheable = true});
  Register({.method = "GET", .path = "/v1/offers",
            .summary = "offers: ?gpu=&vendor=&region=&min_gpu_mem=&max_price=&spot=&all_regions=&sort=&limit=&currency=&max_price_age=",
            .handler = [this](const httplib::Request& req) { return Offers(req); }, .cacheable = true});
  Register({.method = "GET", .path = "/v1/vendors", .summary = "per-vendor facts (gpuscout vendors): ?gpu=&currency=",
            .handler = [this](const httplib::Request& req) { return Vendors(req); }, .cacheable = true});
  Register({.method = "GET", .path = "/v1/prices/history",
            .summary = "one instance type's price series (gpuscout prices history): ?vendor=&instance=&region=&since=",
            .handler = [this](const httplib::Request& req) { return PriceHistoryAnswer(req); }});
}

Answer Server::PriceHistoryAnswer(const httplib::Request& req) const {
  HistoryQuery q;
  const std::pair<const char*, std::string*> fields[] = {
      {"vendor", &q.vendor}, {"instance", &q.instance_type}, {"region", &q.region}, {"since", &q.since}};
  for (const auto& param : req.params) {
    const std::string& k = param.first;
    const std::string& v = param.second;
    auto it = std::find_if(std::begin(fields), std::end(fields), [&k](const auto& f) { return k == f.first; });
    if (it == std::end(fields)) return BadField(k, "unknown parameter; expected vendor, instance, region, since");
    if (v.size() > 200) return BadField(k, "longer than 200 characters");
    *it->second = v;
  }
  if (q.vendor.empty()) return BadField("vendor", "required");
  if (q.instance_type.empty()) return BadField("instance", "required");
  if (!q.since.empty() && !ParseDate(q.since)) return BadField("since", "expected YYYY-MM-DD");
  q.vendor = ToLower(q.vendor);
  // A server without a history (tests, the fuzz target) has no points for anything.
  auto points = deps_.history ? deps_.history->Points(q) : Result<std::vector<PricePoint>>(std::vector<PricePoint>{});
  if (!points) return ErrorAnswer(points.error());
  if (points->empty()) {
    Answer a = BadField("instance", "no price history for " + q.vendor + " " + q.instance_type);
    a.status = 404;
    return a;
  }
  return JsonAnswer(PriceHistoryToJson(points->front().vendor, points->front().instance_type, GroupSeries(*points)));
}

Answer Server::Offers(const httplib::Request& req) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  MoneyRequest money;
  auto args = OffersArgsFromQuery(RequestQuery(req), money);
  if (!args) return ErrorAnswer(args.error());
  return AnswerOf(FindOffers(*live->catalog, *args, money.currency, money.rate), OffersToJson);
}

Answer Server::Vendors(const httplib::Request& req) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  MoneyRequest money;
  auto gpu = VendorsGpuFromQuery(RequestQuery(req), money);
  if (!gpu) return ErrorAnswer(gpu.error());
  std::vector<const GpuSpec*> gpus;
  if (!gpu->empty()) {
    auto g = live->catalog->gpus().MatchUser(*gpu);
    if (!g) return ErrorAnswer(g.error());
    gpus = *g;
  }
  const Currency cur = money.currency.value_or(Currency::kUSD);
  nlohmann::json a = nlohmann::json::array();
  for (const auto& v : SummariseVendors(*live->catalog, gpus, cur, money.rate)) a.push_back(VendorSummaryToJson(v, cur, money.rate));
  return JsonAnswer(a);
}

// The routes that answer a question, as the CLI's commands do.
void Server::AddAnswerRoutes() {
  auto route = [this](std::string path, std::string summary, Answer (Server::*handler)(const nlohmann::json&) const) {
    Register({.method = "POST", .path = std::move(path), .summary = std::move(summary),
              .handler = [this, handler](const httplib::Request& req) {
                auto body = RequestBody(req);
                if (!body) return ErrorAnswer(body.error());
                return (this->*handler)(*body);
              },
              .cacheable = true});
  };
  route("/v1/estimate", "memory and time of a workload (gpuscout estimate)", &Server::Estimate);
  route("/v1/recommend", "ranked offers for a workload or bare needs (gpuscout recommend)", &Server::RecommendOffers);
  route("/v1/cost", "one instance under every purchase option, or across regions (gpuscout cost)", &Server::Cost);
  route("/v1/scale/simulate", "an autoscaling fleet replayed on a trace (gpuscout scale simulate)", &Server::Scale);
  route("/v1/lint", "the pitfalls in a plan: {\"plan\": YAML text} (gpuscout lint)", &Server::Lint);
  route("/v1/alternatives", "what a CPU-only machine can do instead (gpuscout alternatives)", &Server::Alternatives);
}

Answer Server::Estimate(const nlohmann::json& body) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  auto r = EstimateRequestFromJson(body);
  if (!r) return ErrorAnswer(r.error());
  auto e = EstimateBestLayout(*live->estimator, *r);
  if (!e) return ErrorAnswer(e.error());
  return JsonAnswer(EstimateToJson(*e));
}

Answer Server::RecommendOffers(const nlohmann::json& body) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  MoneyRequest money;
  auto args = RecommendArgsFromJson(body, money);
  if (!args) return ErrorAnswer(args.error());
  auto r = MakeRecommendRequest(*live->catalog, *args, money.currency.value_or(Currency::kUSD), money.rate);
  if (!r) return ErrorAnswer(r.error());
  r->work_budget = ComputeBudget();
  return AnswerOf(Recommend(*live->catalog, *live->estimator, *r),
                  [&](const Recommendation& rec) { return RecommendationToJson(rec, r->currency); });
}

Answer Server::Cost(const nlohmann::json& body) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  MoneyRequest money;
  auto args = CostArgsFromJson(body, money);
  if (!args) return ErrorAnswer(args.error());
  return AnswerOf(PriceInstance(*live->catalog, *args, money.currency, money.rate),
                  [](const CostAnswer& a) { return CostToJson(a); });
}

Answer Server::Scale(const nlohmann::json& body) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  MoneyRequest money;
  auto in = ScaleInputFromJson(body, money);
  if (!in) return ErrorAnswer(in.error());
  FleetContext fc;
  fc.catalog = live->catalog.get();
  fc.estimator = live->estimator.get();
  fc.currency = money.currency.value_or(Currency::kUSD);
  fc.rate = money.rate;
  auto run = PrepareScale(*in, fc);
  if (!run) return ErrorAnswer(run.error());
  run->options.budget = ComputeBudget();
  run->options.max_timeline_rows = kMaxApiTimelineRows;
  auto r = Simulate(run->trace, run->fleet.pools, run->options);
  if (!r) return ErrorAnswer(r.error());
  nlohmann::json j = SimResultToJson(*r, run->fleet, fc.currency, run->options.slo_underprovisioned);
  if (in->timeline) j["timeline"] = TimelineToJson(r->timeline);
  return JsonAnswer(j);
}

Answer Server::Lint(const nlohmann::json& body) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  auto text = LintPlanFromJson(body);
  if (!text) return ErrorAnswer(text.error());
  auto plan = ReadAnyPlan(*text, "plan", *live->catalog);
  if (!plan) return ErrorAnswer(plan.error());
  if (plan->fleet && !plan->fleet->trace.empty()) return BadField("plan", "fleet.trace names a file; the server reads no files");
  auto offers = ResolvePlan(*plan, *live->catalog, *live->estimator);
  if (!offers) return ErrorAnswer(offers.error());
  auto fleet = ResolveFleet(*plan, *live->catalog, *live->estimator, *offers);
  if (!fleet) return ErrorAnswer(fleet.error());
  LintContext ctx{*plan, *live->catalog, *live->estimator, *deps_.compat, std::move(*offers), std::nullopt,
                  *fleet ? &**fleet : nullptr};
  return JsonAnswer(LintToJson("plan", RunLint(ctx)));
}

Answer Server::Alternatives(const nlohmann::json& body) const {
  const auto live = Live();  // one catalog for the whole request, even if a refresh swaps it
  MoneyRequest money;
  auto r = AlternativesFromJson(body, money);
  if (!r) return ErrorAnswer(r.error());
  r->currency = money.currency.value_or(Currency::kUSD);
  r->rate = money.rate;
  return AnswerOf(CompareAlternatives(*live->catalog, *live->estimator, *r),
                  [&](const AlternativesAnswer& a) { return AlternativesToJson(a, r->currency); });
}

// The reports the fleet view reads: the newest, so that its work is bounded.
constexpr size_t kFleetReports = 20000;

// Probe reports and scenarios kept in the store.
void Server::AddStoreRoutes() {
  Register({.method = "POST", .path = "/v1/probe-reports",
            .summary = "store a probe report (gpuscout probe --upload); rejected whole when malformed; an Idempotency-Key "
                       "header makes a retry answer the first upload's id (200) instead of storing it twice",
            .handler = [this](const httplib::Request& req) { return StoreProbeReport(req); }});
  Register({.method = "GET", .path = "/v1/probe-reports",
            .summary = "stored probe reports, newest first, a page at a time: ?vendor=&instance=&limit=&before=",
            .handler = [this](const httplib::Request& req) {
              auto q = ProbeReportsQueryFromQuery(RequestQuery(req));
              if (!q) return ErrorAnswer(q.error());
              auto page = deps_.store->ProbeReports({q->vendor, q->instance, q->limit, q->before});
              if (!page) return ErrorAnswer(page.error());
              return PageAnswer(std::move(*page), req, *q);
            }});
  Register({.method = "POST", .path = "/v1/scenarios",
            .summary = "save a scenario: {\"kind\": \"recommend\", \"body\": {...the request...}}",
            .handler = [this](const httplib::Request& req) { return SaveScenario(req); }});
  Register({.method = "GET", .path = "/v1/scenarios", .summary = "saved scenarios, newest first, a page at a time: ?limit=&before=",
            .handler = [this](const httplib::Request& req) {
              auto q = ScenariosQueryFromQuery(RequestQuery(req));
              if (!q) return ErrorAnswer(q.error());
              auto page = deps_.store->Scenarios(q->limit, q->before);
              if (!page) return ErrorAnswer(page.error());
              return PageAnswer(std::move(*page), req, *q);
            }});
  Register({.method = "GET", .path = "/v1/fleet",
            .summary = "the fleet: per vendor and instance type, the machines that reported, failures, driver and CUDA "
                       "versions, each promise against the median and the worst machine, and whether the median falls short",
            .handler = [this](const httplib::Request&) {
              FleetView view;
              auto read = deps_.store->EachReport(kFleetReports, [&](const std::string& vendor, const std::string& instance,
                                                                     const nlohmann::json& report) {
                view.Add(vendor, instance, report);
                return true;
              });
              if (!read) return ErrorAnswer(read.error());
              return JsonAnswer(view.Finish());
            }});
  Register({.method = "GET", .path = "/v1/probe-reports/summary",
            .summary = "measured against promised, per instance type, over the stored reports",
            .handler = [this](const httplib::Request&) {
              auto s = deps_.store->ProbeSummary();
              if (!s) return ErrorAnswer(s.error());
              return JsonAnswer(*s);
            }});
}

Answer Server::StoreProbeReport(const httplib::Request& req) const {
  auto body = RequestBody(req);
  if (!body) return ErrorAnswer(body.error());
  auto stored = deps_.store->AddProbeReport(*body, req.get_header_value("Idempotency-Key"));
  if (!stored) return TooLargeOr(ErrorAnswer(stored.error()), stored.error());
  Answer a = JsonAnswer({{"id", stored->id}}, stored->replayed ? 200 : 201);
  if (stored->replayed) a.headers.emplace_back("Idempotent-Replayed", "true");
  return a;
}

Answer Server::SaveScenario(const httplib::Request& req) const {
  auto body = RequestBody(req);
  if (!body) return ErrorAnswer(body.error());
  auto scenario = ScenarioFromJson(*body);
  if (!scenario) return ErrorAnswer(scenario.error());
  auto stored = deps_.store->SaveScenario(scenario->kind, scenario->body);
  if (!stored) return TooLargeOr(ErrorAnswer(stored.error()), stored.error());
  return JsonAnswer({{"id", stored->id}}, 201);
}

}  // namespace gpuscout
