// The catalog: GPU specs plus every offer, from the embedded snapshot, from a
// folder of source files (--catalog DIR), or the snapshot overlaid with the
// files a user imported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/message.h"
#include "base/error.h"
#include "catalog/builder.h"
#include "catalog/freshness.h"
#include "catalog/gpu_spec.h"
#include "catalog/offer.h"

namespace gpuscout {

// The data files a catalog is made from (embedded ones, or read from disk).
struct CatalogData {
  std::string_view offers;        // normalised snapshot (data/offers.csv)
  std::string_view file_stats;    // data/snapshot_files.csv
  std::string_view gpus;          // data/gpus.csv
  std::string_view exclusions;    // data/accelerators_excluded.csv
  std::string_view gcp_hosts;     // data/gcp_hosts.csv
  std::string_view alibaba_specs; // data/sources/alibaba/ecs_gpu_specs_sparecores.csv
  std::string_view manifest;      // data/sources/manifest.csv
  std::string_view network_facts; // data/network_facts.csv
  std::string_view instance_gpus; // data/instance_gpus.csv
};

struct ManifestEntry {
  std::string file;
  std::string upstream;
  std::string commit;
  std::string date;
  std::string license;
  std::string note;
};

class Catalog {
 public:
  static Result<Catalog> FromSnapshot(const CatalogData& data);
  // Reads every source file under `dir`; `dir`/gpus.csv replaces the spec table
  // when present. Any bad row fails the load (exit 2) naming file and line.
  static Result<Catalog> FromSourceDir(const std::string& dir, const CatalogData& base);

  // Replaces offers with the same (vendor, instance type, region, zone) and
  // adds the rest. Fails, changing nothing, when any file has a bad row.
  Result<void> Overlay(const std::vector<SourceText>& files, const std::string& origin);

  BuildInputs Inputs() const;

 private:
  // Gives each of `offers` the origin of the file its price came from (the
  // first file its `source` names), `origin` = kind and folder.
  void DateOffers(std::vector<Offer>& offers, const std::vector<SourceText>& files, const std::string& kind,
                  const std::string& folder);

 public:

  const GpuTable& gpus() const { return gpus_; }
  const std::vector<Offer>& offers() const { return offers_; }
  const std::vector<FileStats>& files() const { return files_; }
  const std::vector<ManifestEntry>& manifest() const { return manifest_; }
  const std::vector<Message>& origins() const { return origins_; }
  // Where and when each offer's price is from (Offer::price_origin).
  const std::vector<PriceOrigin>& price_origins() const { return price_origins_; }
  // The age of the prices of `offers`, per vendor.
  std::vector<PriceAge> PriceAgesOf(const std::vector<const Offer*>& offers, std::chrono::sys_days today,
                                    int max_age_days) const;

  // The first offer (any region, in catalog order) of an instance type;
  // vendor and type compare case-insensitively. nullptr when there is none.
  const Offer* Instance(std::string_view vendor, std::string_view type) const;
  // Every offer (region, zone) of an instance type, in `region` when it is
  // not empty, in catalog order.
  std::vector<const Offer*> Zones(std::string_view vendor, std::string_view type, std::string_view region = {}) const;

 private:
  GpuTable gpus_;
  std::vector<Offer> offers_;
  std::vector<FileStats> files_;
  std::vector<ManifestEntry> manifest_;
  std::vector<Message> origins_;
  std::vector<PriceOrigin> price_origins_;
  std::string gcp_hosts_;
  std::string alibaba_specs_;
  std::string network_facts_;
  std::string instance_gpus_;
};

// Which price a zone is chosen by.
enum class PriceKind { kOnDemand, kSpot };

// The one rule for "the cheapest zone": the lowest price of `kind`, compared
// in USD at `rate`; a zone with that price beats one without; among equal
// prices the first in catalog order. nullptr when `zones` is empty.
const Offer* CheapestZone(const std::vector<const Offer*>& zones, PriceKind kind, const ExchangeRate& rate);

// The first error of a build, for messages; nullptr when there is none.
const Error* FirstError(const BuildResult& build);

}  // namespace gpuscout
