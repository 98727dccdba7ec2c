#include "catalog/catalog.h"

#include "catalog/gpu_memory.h"
#include "catalog/suspect.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "base/atomic_file.h"
#include "base/csv.h"
#include "base/strings.h"
#include "catalog/snapshot.h"

namespace gpuscout {
namespace {

Result<std::vector<ManifestEntry>> ReadManifest(std::string_view text) {
  GS_TRY(t, ParseCsv(text, "data/sources/manifest.csv"));
  std::vector<ManifestEntry> out;
  const char* names[] = {"file", "upstream", "commit", "date", "license", "note"};
  std::optional<size_t> at[6];
  for (size_t i = 0; i < 6; ++i) at[i] = t.Find(names[i]);
  for (const auto& rec : t.rows) {
    ManifestEntry m;
    std::string* fields[] = {&m.file, &m.upstream, &m.commit, &m.date, &m.license, &m.note};
    for (size_t i = 0; i < 6; ++i) {
      if (at[i]) *fields[i] = rec.fields[*at[i]].value;
    }
    out.push_back(std::move(m));
  }
  return out;
}

// The file an offer's price came from: the first its `source` names.
std::string_view PriceFile(std::string_view source) { return source.substr(0, source.find_first_of(":+")); }

// The embedded snapshot: one origin per upstream sheet of the manifest
// (its date, when the manifest records one), and an offer gets its sheet's.
std::vector<PriceOrigin> SnapshotOrigins(const std::vector<ManifestEntry>& manifest, std::vector<Offer>& offers) {
  std::vector<PriceOrigin> origins{{"", "snapshot", "data/offers.csv"}};
  std::unordered_map<std::string_view, uint16_t> by_file;
  for (const ManifestEntry& m : manifest) {
    const std::string date = ParseDate(m.date) ? m.date : "";
    by_file.emplace(m.file, static_cast<uint16_t>(origins.size()));
    origins.push_back({date, "snapshot", m.upstream + " @ " + m.commit.substr(0, 8)});
  }
  for (Offer& o : offers) {
    auto it = by_file.find(PriceFile(o.source));
    o.price_origin = it != by_file.end() ? it->second : 0;
  }
  return origins;
}

}  // namespace

std::vector<PriceAge> Catalog::PriceAgesOf(const std::vector<const Offer*>& offers, std::chrono::sys_days today,
                                           int max_age_days) const {
  return PriceAges(offers, price_origins_, today, max_age_days);
}

void Catalog::DateOffers(std::vector<Offer>& offers, const std::vector<SourceText>& files, const std::string& kind,
                         const std::string& folder) {
  std::unordered_map<std::string_view, uint16_t> by_file;
  for (const SourceText& f : files) {
    by_file.emplace(f.path, static_cast<uint16_t>(price_origins_.size()));
    price_origins_.push_back({f.as_of, f.kind.empty() ? kind : f.kind,
                              f.origin.empty() ? folder + "/" + f.path : f.origin});
  }
  for (Offer& o : offers) {
    auto it = by_file.find(PriceFile(o.source));
    if (it != by_file.end()) o.price_origin = it->second;
  }
}

const Error* FirstError(const BuildResult& build) {
  for (const auto& f : build.files) {
    if (!f.errors.empty()) return &f.errors.front();
  }
  return nullptr;
}

BuildInputs Catalog::Inputs() const {
  return BuildInputs{&gpus_, gcp_hosts_, alibaba_specs_,
                     "alibaba/ecs_gpu_specs_sparecores.csv", network_facts_, instance_gpus_};
}

Result<Catalog> Catalog::FromSnapshot(const CatalogData& data) {
  Catalog c;
  GS_TRY(gpus, GpuTable::Parse(data.gpus, "data/gpus.csv", data.exclusions,
                              "data/accelerators_excluded.csv"));
  c.gpus_ = std::move(gpus);
  GS_TRY(offers, ReadSnapshot(data.offers, "data/offers.csv"));
  c.offers_ = std::move(offers);
  UnifyGpuMemory(c.offers_, c.gpus_);
  MarkSuspects(c.offers_);
  GS_TRY(stats, ReadFileStats(data.file_stats, "data/snapshot_files.csv"));
  c.files_ = std::move(stats);
  GS_TRY(manifest, ReadManifest(data.manifest));
  c.manifest_ = std::move(manifest);
  c.price_origins_ = SnapshotOrigins(c.manifest_, c.offers_);
  c.gcp_hosts_ = std::string(data.gcp_hosts);
  c.alibaba_specs_ = std::string(data.alibaba_specs);
  c.network_facts_ = std::string(data.network_facts);
  c.instance_gpus_ = std::string(data.instance_gpus);
  c.origins_.push_back(Message("catalog.embedded"));
  return c;
}

Result<Catalog> Catalog::FromSourceDir(const std::string& dir, const CatalogData& base) {
  Catalog c;
  std::string gpus_text(base.gpus);
  std::string gpus_name = "data/gpus.csv";
  const std::string own = dir + "/gpus.csv";
  if (std::filesystem::exists(own)) {
    GS_TRY(t, ReadFile(own));
    gpus_text = std::move(t);
    gpus_name = own;
  }
  GS_TRY(gpus, GpuTable::Parse(gpus_text, gpus_name, base.exclusions,
                              "data/accelerators_excluded.csv"));
  c.gpus_ = std::move(gpus);
  c.gcp_hosts_ = std::string(base.gcp_hosts);
  c.alibaba_specs_ = std::string(base.alibaba_specs);
  c.network_facts_ = std::string(base.network_facts);
  c.instance_gpus_ = std::string(base.instance_gpus);
  GS_TRY(files, ReadSourceDir(dir));
  if (files.empty()) {
    return Fail(ExitCode::kBadInput,
                "no source files under " + dir + " (expected <vendor>/<file>.csv, e.g. aws/vms.csv)");
  }
  BuildResult build = BuildOffers(files, c.Inputs());
  if (const Error* e = FirstError(build)) {
    Error located = *e;
    located.file = dir + "/" + located.file;
    located.message += " (" + std::to_string(build.ErrorCount()) +
                       " bad rows in all; gpuscout catalog validate lists them)";
    return tl::unexpected(located);
  }
  c.price_origins_.push_back({"", "folder", dir});
  c.DateOffers(build.offers, files, "folder", dir);
  c.offers_ = std::move(build.offers);
  UnifyGpuMemory(c.offers_, c.gpus_);
  MarkSuspects(c.offers_);
  c.files_ = std::move(build.files);
  c.origins_.push_back(Message("catalog.folder").With("dir", dir));
  return c;
}

Result<void> Catalog::Overlay(const std::vector<SourceText>& files, const std::string& origin) {
  if (files.empty()) return {};
  BuildResult build = BuildOffers(files, Inputs());
  if (const Error* e = FirstError(build)) {
    Error located = *e;
    located.file = origin + "/" + located.file;
    return tl::unexpected(located);
  }
  DateOffers(build.offers, files, "import", origin);
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < offers_.size(); ++i) index.emplace(offers_[i].Key(), i);
  for (auto& o : build.offers) {
    auto it = index.find(o.Key());
    if (it != index.end()) {
      offers_[it->second] = std::move(o);
    } else {
      offers_.push_back(std::move(o));
    }
  }
  UnifyGpuMemory(offers_, gpus_);
  MarkSuspects(offers_);
  for (auto& f : build.files) {
    f.file = origin + "/" + f.file;
    files_.push_back(std::move(f));
  }
  if (origins_.empty() || Render(origins_.back(), Lang::kEn) != origin) origins_.push_back(Verbatim(origin));
  return {};
}

const Offer* Catalog::Instance(std::string_view vendor, std::string_view type) const {
  const std::string v = ToLower(vendor), t = ToLower(type);
  for (const auto& o : offers_) {
    if (o.vendor == v && ToLower(o.instance_type) == t) return &o;
  }
  return nullptr;
}

std::vector<const Offer*> Catalog::Zones(std::string_view vendor, std::string_view type, std::string_view region) const {
  const std::string v = ToLower(vendor), t = ToLower(type);
  std::vector<const Offer*> out;
  for (const auto& o : offers_) {
    if (o.vendor == v && ToLower(o.instance_type) == t && (region.empty() || o.region == region)) out.push_back(&o);
  }
  return out;
}

const Offer* CheapestZone(const std::vector<const Offer*>& zones, PriceKind kind, const ExchangeRate& rate) {
  const Offer* best = nullptr;
  std::optional<double> best_usd;
  for (const Offer* o : zones) {
    const auto& price = kind == PriceKind::kSpot ? o->spot_price_hour : o->price_hour;
    const std::optional<double> usd = price ? std::optional(rate.Convert(*price, o->currency, Currency::kUSD)) : std::nullopt;
    if (!best || (usd && (!best_usd || *usd < *best_usd))) {
      best = o;
      best_usd = usd;
    }
  }
  return best;
}

}  // namespace gpuscout
