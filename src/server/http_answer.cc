#include "server/http_answer.h"

#include <httplib.h>

#include "codec/json_text.h"

namespace gpuscout {

Answer JsonAnswer(nlohmann::json j, int status) { return Answer{status, std::move(j), "", "", {}}; }

Answer BadField(const std::string& field, const std::string& message) { return ErrorAnswer(FieldError(field, message)); }

Answer TooLargeOr(Answer a, const Error& e) {
  if (e.field == "body" && e.message.find("at most") != std::string::npos) a.status = 413;
  return a;
}

Result<nlohmann::json> RequestBody(const httplib::Request& req) {
  return ParseJson(req.body.empty() ? "{}" : req.body, "body");
}

nlohmann::json RequestQuery(const httplib::Request& req) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : req.params) j[k] = v;
  return j;
}

Answer PageAnswer(StorePage page, const httplib::Request& req, const ProbeReportsQuery& q) {
  Answer a = JsonAnswer(std::move(page.rows));
  if (page.next_before) {
    std::string next = req.path + "?limit=" + std::to_string(q.limit) + "&before=" + std::to_string(*page.next_before);
    if (!q.vendor.empty()) next += "&vendor=" + httplib::detail::encode_query_param(q.vendor);
    if (!q.instance.empty()) next += "&instance=" + httplib::detail::encode_query_param(q.instance);
    a.headers.emplace_back("Link", "<" + next + ">; rel=\"next\"");
  }
  return a;
}

}  // namespace gpuscout
