// How old the prices are: where each offer's price came from (the embedded
// snapshot's upstream sheet, an imported file, a folder, a refresh) and on
// what date, summed up per vendor for the offers an answer used.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/offer.h"

namespace gpuscout {

// One origin of prices: an Offer's `price_origin` indexes a table of these.
struct PriceOrigin {
  std::string as_of;   // YYYY-MM-DD the prices were published or fetched; empty: not recorded
  std::string kind;    // snapshot, import, folder, refresh
  std::string source;  // the upstream sheet and commit, the imported file, the API
};

// Per vendor, over the offers an answer used.
struct PriceAge {
  std::string vendor;
  std::string as_of;            // the oldest date among them; empty when one is not recorded
  std::optional<int> age_days;  // from today; nullopt when the date is not recorded
  std::string kind;             // of that oldest origin
  std::string source;
  bool stale = false;           // older than the limit, or of no recorded date
};

inline constexpr int kDefaultMaxPriceAgeDays = 30;

// Today's date (UTC).
std::chrono::sys_days Today();
// "YYYY-MM-DD"; nullopt for anything else (including "n/a").
std::optional<std::chrono::sys_days> ParseDate(std::string_view text);
std::string FormatDate(std::chrono::sys_days day);

// Each origin a vendor's offers use, with how many: what `catalog info`
// lists. Sorted by vendor, then oldest first.
struct VendorOrigin {
  std::string vendor;
  const PriceOrigin* origin = nullptr;
  size_t offers = 0;
};
std::vector<VendorOrigin> OriginsByVendor(const std::vector<Offer>& offers, const std::vector<PriceOrigin>& origins);

// Days from the origin's date to `today`; nullopt when it records none.
std::optional<int> AgeDays(const PriceOrigin& origin, std::chrono::sys_days today);

// The vendors of `offers` in first-seen order, each with its oldest price.
std::vector<PriceAge> PriceAges(const std::vector<const Offer*>& offers, const std::vector<PriceOrigin>& origins,
                                std::chrono::sys_days today, int max_age_days);

}  // namespace gpuscout
