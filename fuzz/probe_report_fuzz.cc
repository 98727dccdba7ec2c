// Probe reports as a client uploads them: parsed, validated, stored in an
// in-memory database, listed and summarised.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/json_text.h"
#include "server/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  static auto store = std::move(*Store::Open(":memory:"));
  static int stored = 0;
  auto j = ParseJson(std::string_view(reinterpret_cast<const char*>(data), size), "body");
  if (!j || !Store::ValidateProbeReport(*j)) return 0;
  if (!store->AddProbeReport(*j, size % 3 ? "" : "k" + std::to_string(size))) return 0;
  // Listing and summary read every stored row: every 20th upload, against at
  // most 200 rows (a fresh store then), to keep the run fast and bounded.
  if (++stored % 20 == 0) {
    (void)store->ProbeReports({});
    (void)store->ProbeSummary();
  }
  if (stored % 200 == 0) store = std::move(*Store::Open(":memory:"));
  return 0;
}
