#include "base/error.h"

namespace gpuscout {

std::string Error::Format() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ":" + std::to_string(line);
      if (column > 0) out += ":" + std::to_string(column);
    }
    out += ": ";
  }
  if (!field.empty()) out += (option && file.empty() ? RenderFieldRefs("[[" + field + "]]", true) : field) + ": ";
  out += Message(file.empty());
  return out;
}

std::string Error::Message(bool as_options) const { return RenderFieldRefs(message, as_options); }

std::string RenderFieldRefs(std::string_view text, bool as_options) {
  std::string out;
  for (;;) {
    const auto open = text.find("[[");
    const auto close = open == std::string_view::npos ? open : text.find("]]", open + 2);
    if (close == std::string_view::npos) break;
    out += text.substr(0, open);
    const std::string_view name = text.substr(open + 2, close - open - 2);
    if (as_options) {
      out += "--";
      for (char c : name) out += c == '_' ? '-' : c;
    } else {
      out += name;
    }
    text.remove_prefix(close + 2);
  }
  out += text;
  return out;
}

Error OptionError(std::string_view field, std::string message) {
  Error e;
  e.field = NeutralFieldName(field);
  e.option = true;
  e.message = std::move(message);
  return e;
}

Error FieldError(std::string field, std::string message) {
  Error e;
  e.field = std::move(field);
  e.message = std::move(message);
  return e;
}

void SetOption(Error& e, std::string_view field) {
  e.field = NeutralFieldName(field);
  e.option = true;
}

std::string NeutralFieldName(std::string_view option) {
  while (!option.empty() && option.front() == '-') option.remove_prefix(1);
  std::string out(option);
  for (auto& c : out) c = c == '-' ? '_' : c;
  return out;
}

}  // namespace gpuscout
