// Raw HTTP requests (request line, path and query decoding, headers, body)
// through the whole server: parsing, routing, every handler and the error
// handlers, without a socket. The response must always be HTTP.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "catalog/embedded.h"
#include "compat/cuda_compat.h"
#include "server/server.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  static const auto compat = *ParseCudaCompat(embedded::CudaCompat(), "data/cuda_compat.csv");
  static auto store = std::move(*Store::Open(":memory:"));
  static Server server(ServerDeps{&testing::RealCatalog(), &testing::RealEstimator(), &compat, store.get()}, [] {
    ServerOptions o;
    o.cache_entries = 0;  // every input computed
    o.compute = std::chrono::milliseconds(200);
    return o;
  }());
  const std::string out = server.Respond(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!out.empty() && out.rfind("HTTP/1.1 ", 0) != 0) std::abort();
  // A 500 means an exception escaped a handler (the in-memory store does not fail).
  if (out.rfind("HTTP/1.1 500", 0) == 0) std::abort();
  return 0;
}
