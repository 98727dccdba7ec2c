// `catalog refresh`: each vendor's current prices fetched, joined with the
// hardware the catalog knows, validated and stored; all or nothing per
// vendor (a vendor that fails keeps what it had; the others are stored).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "history/price_history.h"
#include "refresh/vendor_fetch.h"

namespace gpuscout {

struct RefreshOptions {
  std::vector<std::string> vendors;  // empty: every vendor RefreshableVendors() names
  std::string endpoint;              // replaces the API's base URL
  std::vector<std::string> regions;  // empty: the regions the catalog lists for each vendor
  bool dry_run = false;              // fetch and check, store nothing
  std::string dir;                   // the user's catalog folder
  std::string fetched_at;            // ISO 8601 UTC, stamped on every price
  PriceHistory* history = nullptr;   // where stored prices are appended (none on a dry run)
  double timeout_s = 1800;           // the whole refresh, every vendor: no request starts after it
};

struct VendorRefresh {
  std::string vendor;
  std::optional<Error> error;  // set: nothing changed for this vendor
  bool skipped = false;        // not fetched: see skip_key
  std::string skip_key;        // refresh.skipped (none of the regions asked for is the vendor's), refresh.needs_key
  std::string api;
  std::string target;          // the file written (or that would be, on a dry run)
  size_t prices = 0;           // fetched
  size_t offers = 0;           // stored
  size_t requests = 0;
  size_t bytes = 0;
  size_t spot_kept = 0;
  size_t history_points = 0;   // new points in the price history
  std::vector<std::string> unknown_types;
  std::vector<Message> notes;
};

// The vendors with a keyless public price API gpuscout reads.
// The environment variables holding the key `vendor`'s price API needs
// (none for the public ones).
// Every variable any refreshable vendor's API reads: the keys, the temporary
// credentials' tokens, AWS's spot keys (what a --credentials file may set).
const std::vector<std::string>& CredentialVariables();
std::vector<std::string> KeyVariables(const std::string& vendor);
const std::vector<std::string>& RefreshableVendors();

// Checks the options (unknown vendors, bad region names: exit 2 before any
// request), then refreshes each vendor in turn.
Result<std::vector<VendorRefresh>> RunRefresh(const RefreshOptions& options, const Catalog& base,
                                              const HttpClient& http,
                                              const std::function<void(const FetchProgress&)>& progress);

// 0 when every vendor was refreshed; else 3 when one failed for the network,
// 2 when one failed for its data.
int RefreshExitCode(const std::vector<VendorRefresh>& outcomes);

}  // namespace gpuscout
