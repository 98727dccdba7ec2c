// JSON for catalog answers. Keys are documented in docs/json.md; tests and
// scripts rely on them, so a change here is a breaking change.
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/gpu_spec.h"
#include "catalog/query.h"
#include "catalog/vendor_summary.h"

namespace gpuscout {

// One offer: vendor, instance_type, region, zone, gpu, gpu_count, gpu_mem_gib,
// vcpus, mem_gib, price_hour, spot_price_hour, currency, source, and also
// price_hour_max, reserved_hour, reserved_term, monthly_price,
// monthly_price_max, network, rdma. Missing values are null.
// price_stale: older than `max_price_age_days`, or of no recorded date.
nlohmann::json OfferToJson(const OfferRow& row, int max_price_age_days = kDefaultMaxPriceAgeDays);
// Per vendor: as_of, age_days, source, stale.
nlohmann::json PriceAgesToJson(const std::vector<PriceAge>& ages);
nlohmann::json OffersToJson(const OfferAnswer& answer);

nlohmann::json GpuToJson(const GpuSpec& spec);

nlohmann::json FileStatsToJson(const FileStats& f);

nlohmann::json VendorSummaryToJson(const VendorSummary& v, Currency currency, const ExchangeRate& rate);

}  // namespace gpuscout
