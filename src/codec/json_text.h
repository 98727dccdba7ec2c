// JSON from and to bytes a client or a stored row holds: parsing with a
// nesting limit (deep input would otherwise exhaust the stack of anything
// that walks it) and any number or syntax error returned as a value; output
// with invalid UTF-8 replaced rather than thrown on.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "base/error.h"

namespace gpuscout {

// Objects and arrays nested deeper than this are refused (HTTP 400).
inline constexpr int kMaxJsonDepth = 64;

// Parses `text`; errors name `field` ("body") and say what is wrong: a syntax
// error with its byte position, a number out of range, nesting too deep.
Result<nlohmann::json> ParseJson(std::string_view text, const std::string& field, int max_depth = kMaxJsonDepth);

// JSON text (compact, or indented by `indent`); bytes that are not UTF-8
// (a file's or a client's) become U+FFFD instead of throwing.
std::string JsonText(const nlohmann::json& j, int indent = -1);

}  // namespace gpuscout
