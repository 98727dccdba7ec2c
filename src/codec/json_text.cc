#include "codec/json_text.h"

namespace gpuscout {
namespace {

struct TooDeep {};

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text, const std::string& field, int max_depth) {
  // The callback sees each value's depth as the parser opens it, before any
  // deeper level is built, so a hostile body costs no more than its bytes.
  auto guard = [max_depth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) &&
        depth >= max_depth) {
      throw TooDeep{};
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text.begin(), text.end(), guard);
  } catch (const TooDeep&) {
    return tl::unexpected(FieldError(field, "nested deeper than " + std::to_string(max_depth) + " levels"));
  } catch (const nlohmann::json::out_of_range& e) {
    return tl::unexpected(FieldError(field, std::string("a number out of range: ") + e.what()));
  } catch (const nlohmann::json::exception& e) {
    return tl::unexpected(FieldError(field, std::string("not valid JSON: ") + e.what()));
  }
}

std::string JsonText(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gpuscout
