// Prices that look wrong are flagged, not used silently (issue #14): a spot
// price above on demand, a source whose spot price equals on demand on
// every row (it copied one into the other), and marketplace listings (a
// host's offer on Vast, not the vendor's own capacity).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog/offer.h"

namespace gpuscout {

enum SuspectFlag : uint8_t {
  kSpotAboveOnDemand = 1,
  kSpotCopiesOnDemand = 2,  // every row of its source file with both prices has them equal
  kMarketplace = 4,         // data/facts.csv marketplace_vendors
  // No on-demand or monthly price in any region, from a vendor that sells
  // hourly commitments: sold as reservations or capacity blocks (AWS's
  // p5e/p5en Capacity Blocks for ML, GCP's A4 through reservations). Never
  // priced or ranked on demand (issue #20).
  kReservationOnly = 8,
};

// Sets Offer::suspect on every offer: the spot checks per row and per source
// file (the part of `source` before ':'), the marketplace by vendor, and
// reservation-only instance types across every region.
void MarkSuspects(std::vector<Offer>& offers);

// Whether the offer's spot price should not be used as one.
inline bool SpotSuspect(const Offer& o) { return (o.suspect & (kSpotAboveOnDemand | kSpotCopiesOnDemand)) != 0; }

// The flags as message keys (catalog.suspect_*), in a fixed order.
std::vector<std::string_view> SuspectKeys(uint8_t flags);
// The same flags by name, as offers, catalog validate and JSON show them:
// spot_above, spot_copied, marketplace.
std::vector<std::string> SuspectNames(uint8_t flags);

}  // namespace gpuscout
