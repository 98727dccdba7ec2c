#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/strings.h"
#include "probe/system.h"

namespace gpuscout::probe {
namespace {

class Linux final : public System {
 public:
  std::optional<std::string> ReadFile(const std::string& path) const override {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return s.str();
  }
  std::vector<std::string> ListDir(const std::string& path) const override {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(path, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      out.push_back(it->path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::optional<std::string> ReadLink(const std::string& path) const override {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(path, ec);
    if (ec) return std::nullopt;
    return target.string();
  }
  bool Exists(const std::string& path) const override {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
  }
  std::optional<std::array<uint32_t, 4>> Cpuid(uint32_t leaf) const override {
#if defined(__x86_64__) || defined(__i386__)
    unsigned a = 0, b = 0, c = 0, d = 0;
    __cpuid(leaf, a, b, c, d);
    return std::array<uint32_t, 4>{a, b, c, d};
#else
    (void)leaf;
    return std::nullopt;
#endif
  }
};

}  // namespace

std::unique_ptr<System> LinuxSystem() { return std::make_unique<Linux>(); }

std::string ReadTrimmed(const System& sys, const std::string& path) {
  auto text = sys.ReadFile(path);
  return text ? Trim(*text) : std::string();
}

}  // namespace gpuscout::probe
