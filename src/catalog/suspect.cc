#include "catalog/suspect.h"

#include <algorithm>
#include <map>
#include <string>

#include "facts/facts.h"

namespace gpuscout {
namespace {

std::string_view SourceFile(const std::string& source) {
  std::string_view s(source);
  s = s.substr(0, s.find('+'));
  return s.substr(0, s.find(':'));
}

bool BothPrices(const Offer& o) { return o.price_hour && o.spot_price_hour; }

void MarkReservationOnly(std::vector<Offer>& offers) {
  const auto& subscription_only = EmbeddedFacts().no_hourly_commitments;
  std::map<std::pair<std::string_view, std::string_view>, bool> listed;  // true: a price to rent it without a term
  for (const Offer& o : offers) listed[{o.vendor, o.instance_type}] |= o.price_hour.has_value() || o.monthly_price.has_value();
  for (Offer& o : offers) {
    if (listed[{o.vendor, o.instance_type}]) continue;
    if (std::find(subscription_only.begin(), subscription_only.end(), o.vendor) != subscription_only.end()) continue;
    if (EmbeddedFacts().marketplace_vendors.end() !=
        std::find(EmbeddedFacts().marketplace_vendors.begin(), EmbeddedFacts().marketplace_vendors.end(), o.vendor)) {
      continue;
    }
    o.suspect |= kReservationOnly;
  }
}

}  // namespace

void MarkSuspects(std::vector<Offer>& offers) {
  struct Count {
    size_t both = 0, equal = 0;
  };
  std::map<std::string_view, Count> per_source;
  for (const Offer& o : offers) {
    if (!BothPrices(o)) continue;
    Count& c = per_source[SourceFile(o.source)];
    ++c.both;
    c.equal += *o.spot_price_hour == *o.price_hour;
  }
  const auto& market = EmbeddedFacts().marketplace_vendors;
  for (Offer& o : offers) {
    o.suspect = 0;
    if (std::find(market.begin(), market.end(), o.vendor) != market.end()) o.suspect |= kMarketplace;
    if (!BothPrices(o)) continue;
    if (*o.spot_price_hour > *o.price_hour) o.suspect |= kSpotAboveOnDemand;
    const Count& c = per_source[SourceFile(o.source)];
    if (c.both > 1 && c.equal == c.both) o.suspect |= kSpotCopiesOnDemand;
  }
  MarkReservationOnly(offers);
}

std::vector<std::string_view> SuspectKeys(uint8_t flags) {
  std::vector<std::string_view> out;
  if (flags & kSpotAboveOnDemand) out.push_back("catalog.suspect_spot_above");
  if (flags & kSpotCopiesOnDemand) out.push_back("catalog.suspect_spot_copied");
  if (flags & kMarketplace) out.push_back("catalog.suspect_marketplace");
  if (flags & kReservationOnly) out.push_back("catalog.suspect_reservation_only");
  return out;
}

std::vector<std::string> SuspectNames(uint8_t flags) {
  std::vector<std::string> out;
  for (std::string_view key : SuspectKeys(flags)) out.emplace_back(key.substr(std::string_view("catalog.suspect_").size()));
  return out;
}

}  // namespace gpuscout
