#include "emit/plans.h"

#include <cctype>
#include <cstdlib>

namespace gpuscout {

std::string Dns1123Label(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > 63) out.resize(63);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "gpuscout" : out;
}

void ReadGpuCount(const std::string& text, LaunchPlan& plan) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return;
  plan.gpu = text.substr(0, colon);
  plan.gpus_per_node = std::atoi(text.c_str() + colon + 1);
}

}  // namespace gpuscout
