// Every API request body through the codec: the JSON parser with its depth
// limit, then the reader the first byte picks; a body that reads is handed
// to the service layer as the server would (estimate, offers, cost).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/json_text.h"
#include "codec/request_json.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  if (size < 1) return 0;
  auto j = ParseJson(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "body");
  if (!j) return 0;
  (void)JsonText(*j);
  MoneyRequest money;
  switch (data[0] % 8) {
    case 0:
      if (auto r = EstimateRequestFromJson(*j)) {
        if (auto resolved = testing::RealEstimator().Resolve(*r)) (void)testing::RealEstimator().Run(resolved->first, resolved->second);
      }
      break;
    case 1: (void)RecommendArgsFromJson(*j, money); break;
    case 2:
      if (auto a = CostArgsFromJson(*j, money)) (void)PriceInstance(testing::RealCatalog(), *a, money.currency, money.rate);
      break;
    case 3: (void)AlternativesFromJson(*j, money); break;
    case 4: (void)ScaleInputFromJson(*j, money); break;
    case 5:
      if (auto a = OffersArgsFromQuery(*j, money)) (void)FindOffers(testing::RealCatalog(), *a, money.currency, money.rate);
      break;
    case 6: (void)ProbeReportsQueryFromQuery(*j); break;
    default: (void)VendorsGpuFromQuery(*j, money); break;
  }
  return 0;
}
