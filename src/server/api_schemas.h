// The schemas of /openapi.json: each request body recorded from the codec's
// own reader (codec/request_json: the workload field table's types, ranges,
// units and defaults), each JSON answer's shape, and which route takes and
// gives which. tests/server/check_openapi.py validates a real answer of
// every route against them.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gpuscout {

// components.schemas
nlohmann::json ApiSchemas();

struct RouteSchemas {
  std::string request;   // a components.schemas name; empty: no body
  std::string response;  // the 200/201 answer's
};
// nullopt for routes that answer text, HTML or the document itself.
std::optional<RouteSchemas> SchemasOf(std::string_view method, std::string_view path);

}  // namespace gpuscout
