#include "refresh/credentials.h"

#include <algorithm>

#include "base/strings.h"
#include "refresh/refresh.h"

namespace gpuscout {

Result<std::vector<std::pair<std::string, std::string>>> ReadCredentials(std::string_view text, const std::string& file) {
  std::vector<std::pair<std::string, std::string>> out;
  int line_no = 0;
  for (const std::string& raw : Split(std::string(text), '\n')) {
    ++line_no;
    const std::string line(Trim(raw));
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return FailAt(file, line_no, 1, "", "expected NAME=value");
    const std::string name(Trim(line.substr(0, eq)));
    std::string value(Trim(line.substr(eq + 1)));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    const auto& known = CredentialVariables();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return FailAt(file, line_no, 1, name, "not a variable any vendor's price API reads; known: " + Join(known, ", "));
    }
    if (value.empty()) return FailAt(file, line_no, static_cast<int>(eq + 2), name, "empty value");
    out.emplace_back(name, std::move(value));
  }
  return out;
}

}  // namespace gpuscout
