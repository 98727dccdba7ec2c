// Building a route's Answer: JSON bodies, error bodies that name the field,
// the request's body and query as JSON, a page of a listing.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "base/error.h"
#include "codec/request_json.h"
#include "server/server.h"
#include "server/store.h"

namespace httplib {
struct Request;
}

namespace gpuscout {

Answer JsonAnswer(nlohmann::json j, int status = 200);
// A 400 naming `field`.
Answer BadField(const std::string& field, const std::string& message);
// A stored row over the quota is 413; other refusals keep their status.
Answer TooLargeOr(Answer a, const Error& e);
// The body as JSON: a syntax error, a number out of range or nesting deeper
// than kMaxJsonDepth is a 400 naming the body. An empty body is {}.
Result<nlohmann::json> RequestBody(const httplib::Request& req);
// The query parameters as a JSON object of strings.
nlohmann::json RequestQuery(const httplib::Request& req);
// One page of a listing; the next page's address, with the same filters, in
// a Link header (RFC 8288), as paginated APIs such as GitHub's do.
Answer PageAnswer(StorePage page, const httplib::Request& req, const ProbeReportsQuery& q);

}  // namespace gpuscout
