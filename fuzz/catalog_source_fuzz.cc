// Every price-sheet reader: the first byte picks the format (or detection
// from the header), the rest is the file, built against the real GPU table.
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/builder.h"
#include "catalog/suspect.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using gpuscout::SourceFormat;
  if (size < 1) return 0;
  static const gpuscout::BuildInputs with_specs = gpuscout::testing::RealCatalog().Inputs();
  // Alibaba's specs table is parsed on every build and only the Alibaba price
  // reader uses it: the other formats run without it, several times faster.
  static const gpuscout::BuildInputs without_specs = [] {
    auto in = with_specs;
    in.alibaba_specs_csv.clear();
    return in;
  }();
  const std::optional<SourceFormat> formats[] = {std::nullopt, SourceFormat::kSkyPilot, SourceFormat::kVantage,
                                                 SourceFormat::kAlibabaPrices, SourceFormat::kAlibabaSpecs, SourceFormat::kTencent,
                                                 SourceFormat::kOffers};
  const auto format = formats[data[0] % std::size(formats)];
  std::vector<gpuscout::SourceText> files = {
      {"aws/fuzz.csv", std::string(reinterpret_cast<const char*>(data) + 1, size - 1), format, ""}};
  const bool specs = !format || *format == SourceFormat::kAlibabaPrices;
  auto built = gpuscout::BuildOffers(files, specs ? with_specs : without_specs);
  (void)gpuscout::FirstError(built);
  gpuscout::MarkSuspects(built.offers);  // what catalog validate does next
  return 0;
}
