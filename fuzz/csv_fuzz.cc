// The RFC 4180 reader every CSV input goes through (price sheets, traces).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto table = gpuscout::ParseCsv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  if (table) {
    for (const auto& row : table->rows) {
      gpuscout::CsvRow r(*table, row);
      for (size_t i = 0; i < row.fields.size() && i < table->header.size(); ++i) (void)r.Number(i, "x");
    }
  }
  return 0;
}
