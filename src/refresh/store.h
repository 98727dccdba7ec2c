// Where refreshed prices are kept: one gpuscout-offers file per vendor in the
// user's catalog folder (<dir>/<vendor>/gpuscout-refresh.csv), loaded over the
// imported files. Written whole and atomically, or not at all.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/catalog.h"

namespace gpuscout {

inline constexpr const char* kRefreshFileName = "gpuscout-refresh.csv";

// The file's text for `offers`, stamped with when (`fetched_at`, an ISO
// date-time UTC) and from where (`source`) the prices came.
std::string RefreshFileText(const std::vector<Offer>& offers, const std::string& fetched_at,
                            const std::string& source);

// Checks that `text` loads on its own (every row valid, no duplicate offer)
// and, unless `dry_run`, replaces the vendor's refresh file with it under the
// folder's lock. A bad row fails with exit 2, naming it, and writes nothing.
// Returns the path written (or that would be).
Result<std::string> StoreRefresh(const std::string& vendor, const std::string& text, const std::string& dir,
                                 const Catalog& base, bool dry_run);

}  // namespace gpuscout
