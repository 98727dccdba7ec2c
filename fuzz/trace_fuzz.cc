// Load traces (CSV with ISO-8601 or epoch timestamps).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "autoscale/trace.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto t = gpuscout::ParseTrace(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  if (t) {
    (void)t->Peak();
    (void)t->Median();
  }
  return 0;
}
