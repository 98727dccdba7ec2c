// Cron expressions: parsed, then the next fire times in UTC and in a zone
// with daylight saving. An expression that parses must fire.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "autoscale/cron.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  auto c = ParseCron(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!c) return 0;
  static const date::time_zone* zone = *FindTimeZone("America/New_York");
  int64_t t = 1767225600;  // 2026-01-01
  for (int i = 0; i < 4; ++i) {
    t = NextFire(*c, t, i % 2 ? zone : nullptr);
    if (t == kNeverFires) std::abort();  // ParseCron accepted a spec that never fires
  }
  return 0;
}
