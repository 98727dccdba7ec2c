// Reading a vendor's JSON answer without exceptions: a member that is absent,
// null or of another type reads as missing (nlohmann's value() throws on a
// member of the wrong type, which a hostile or broken answer must not do).
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>

namespace gpuscout {

inline const nlohmann::json* Member(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// j[k1][k2]..., or nullptr where a step is missing.
inline const nlohmann::json* Path(const nlohmann::json& j, std::initializer_list<const char*> keys) {
  const nlohmann::json* at = &j;
  for (const char* k : keys) {
    at = Member(*at, k);
    if (!at) return nullptr;
  }
  return at;
}

inline std::string TextOf(const nlohmann::json& j, const char* key, std::string fallback = {}) {
  const nlohmann::json* m = Member(j, key);
  return m && m->is_string() ? m->get<std::string>() : fallback;
}

inline std::optional<double> NumberOf(const nlohmann::json& j, const char* key) {
  const nlohmann::json* m = Member(j, key);
  return m && m->is_number() ? std::optional(m->get<double>()) : std::nullopt;
}

}  // namespace gpuscout
