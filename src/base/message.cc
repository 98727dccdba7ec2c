#include "base/message.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace gpuscout {
namespace {

std::string FormatFigure(const Message& m, const Figure& f, std::string_view spec, Lang lang);

std::string Fallback(const Message& m, Lang lang) {
  std::string out = m.key() + "(";
  for (size_t i = 0; i < m.figures().size(); ++i) {
    out += (i ? ", " : "") + m.figures()[i].name + "=" + FormatFigure(m, m.figures()[i], "", lang);
  }
  return out + ")";
}

// One figure formatted with the template's spec ("" or e.g. ".1f").
std::string FormatFigure(const Message& m, const Figure& f, std::string_view spec, Lang lang) {
  const std::string pattern = "{:" + std::string(spec) + "}";
  const auto format = fmt::runtime(pattern);
  switch (f.kind) {
    case Figure::Kind::kNumber: return fmt::format(format, f.number);
    case Figure::Kind::kInteger: return fmt::format(format, f.integer);
    case Figure::Kind::kText: return fmt::format(format, f.text);
    case Figure::Kind::kWord: return fmt::format(format, Tr(lang, f.text));
    case Figure::Kind::kClause: return fmt::format(format, Render(m.clauses()[f.clause], lang));
  }
  return "";
}

// The template with each {name} or {name:spec} replaced; nullopt when a
// field has no figure or a spec does not suit its value.
std::optional<std::string> Fill(const Message& m, std::string_view text, Lang lang) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}' && i + 1 < text.size() && text[i + 1] == '}') ++i;
    if (text[i] != '{' || (i + 1 < text.size() && text[i + 1] == '{')) {
      out += text[i];
      if (text[i] == '{') ++i;
      continue;
    }
    const size_t end = text.find('}', i);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view field = text.substr(i + 1, end - i - 1);
    const size_t colon = field.find(':');
    const std::string_view name = field.substr(0, colon);
    const auto it = std::find_if(m.figures().begin(), m.figures().end(), [&](const Figure& f) { return f.name == name; });
    if (it == m.figures().end()) return std::nullopt;
    try {
      out += FormatFigure(m, *it, colon == std::string_view::npos ? "" : field.substr(colon + 1), lang);
    } catch (const fmt::format_error&) {
      return std::nullopt;
    }
    i = end;
  }
  return out;
}

}  // namespace

std::string Render(const Message& m, Lang lang) {
  if (m.empty()) return "";
  const auto text = Lookup(lang, m.key());
  if (!text) return Fallback(m, lang);
  return Fill(m, *text, lang).value_or(Fallback(m, lang));
}

std::vector<std::string> Render(const std::vector<Message>& ms, Lang lang) {
  std::vector<std::string> out;
  out.reserve(ms.size());
  for (const auto& m : ms) out.push_back(Render(m, lang));
  return out;
}

std::vector<std::string> TemplateFields(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    const size_t end = text.find_first_of(":}", i + 1);
    if (end == std::string_view::npos) break;
    out.emplace_back(text.substr(i + 1, end - i - 1));
    i = end;
  }
  return out;
}

}  // namespace gpuscout
