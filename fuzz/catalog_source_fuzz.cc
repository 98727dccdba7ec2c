// Every price-sheet reader: the first byte picks the format (or detection
// from the header), the rest is the file, built against the real GPU table.
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/builder.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using gpuscout::SourceFormat;
  if (size < 1) return 0;
  static const gpuscout::BuildInputs inputs = gpuscout::testing::RealCatalog().Inputs();
  const std::optional<SourceFormat> formats[] = {std::nullopt, SourceFormat::kSkyPilot, SourceFormat::kVantage,
                                                 SourceFormat::kAlibabaPrices, SourceFormat::kAlibabaSpecs, SourceFormat::kTencent};
  const auto format = formats[data[0] % std::size(formats)];
  std::vector<gpuscout::SourceText> files = {
      {"aws/fuzz.csv", std::string(reinterpret_cast<const char*>(data) + 1, size - 1), format, ""}};
  auto built = gpuscout::BuildOffers(files, inputs);
  (void)gpuscout::FirstError(built);
  return 0;
}
