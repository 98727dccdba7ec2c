// gpuscout's own offer table (the snapshot's columns): what `catalog refresh`
// writes, one file per vendor, with the hardware already joined from the
// catalog. Read back like any source, every bad row named.
#include "catalog/snapshot.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::vector<Offer> ReadOfferTable(CsvTable& table, const std::string& vendor, const GpuTable& gpus,
                                  FileStats& stats) {
  stats.rows = table.rows.size() + table.bad_rows.size();
  for (auto& e : table.errors) stats.errors.push_back(e);
  auto at = FindSnapshotColumns(table);
  if (!at) {
    stats.errors.push_back(at.error());
    return {};
  }
  const auto band = table.Find("spot_interruption");  // refresh files have it
  const auto availability = table.Find("availability");  // refresh files since issue #17
  std::vector<Offer> out;
  for (auto& rec : table.rows) {
    const std::string band_text = band ? rec.fields[*band].value : std::string();
    std::string status = availability ? rec.fields[*availability].value : std::string();
    const int line = rec.line;
    auto offer = ReadSnapshotRow(table, rec, *at);
    if (!offer) {
      stats.errors.push_back(offer.error());
      continue;
    }
    CsvRow row(table, rec);
    if (offer->vendor != vendor) {
      stats.errors.push_back(row.ErrorAt((*at)[0], "vendor", "'" + offer->vendor + "' in " + vendor + "'s file"));
      continue;
    }
    if (!gpus.Find(offer->gpu)) {
      stats.errors.push_back(row.ErrorAt((*at)[4], "gpu", "unknown GPU '" + offer->gpu + "' (data/gpus.csv)"));
      continue;
    }
    if (offer->instance_type.empty() || offer->region.empty() || !(offer->gpu_count > 0)) {
      stats.errors.push_back(row.ErrorAt((*at)[1], "instance_type", "an offer needs an instance type, a region and a GPU count"));
      continue;
    }
    if (!status.empty() && status != "sold-out") {
      stats.errors.push_back(row.ErrorAt(*availability, "availability", "'" + status + "': expected sold-out or nothing"));
      continue;
    }
    offer->spot_interruption = band_text;
    offer->availability = std::move(status);
    offer->source = table.file + ":" + std::to_string(line);
    out.push_back(std::move(*offer));
    ++stats.kept;
  }
  return out;
}

}  // namespace gpuscout
