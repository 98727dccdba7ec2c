// The normalised offer table (data/offers.csv) that is embedded in the binary,
// and the per-file statistics of the build that made it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/csv.h"
#include "base/error.h"
#include "catalog/offer.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::string WriteSnapshot(const std::vector<Offer>& offers);
Result<std::vector<Offer>> ReadSnapshot(std::string_view text, const std::string& file);

// The same columns read row by row (catalog refresh's files are in this
// layout): the index of each column, then one offer per record.
// The header of a file catalog refresh writes: these columns, then when and
// from where the prices were fetched.
extern const std::string_view kRefreshHeader;  // a prefix: later layouts add columns after it
std::string WriteRefreshed(const std::vector<Offer>& offers, std::string_view as_of, std::string_view source);

using SnapshotColumns = std::array<size_t, 21>;
Result<SnapshotColumns> FindSnapshotColumns(const CsvTable& table);
Result<Offer> ReadSnapshotRow(const CsvTable& table, CsvRecord& rec, const SnapshotColumns& at);

std::string WriteFileStats(const std::vector<FileStats>& files);
Result<std::vector<FileStats>> ReadFileStats(std::string_view text, const std::string& file);

}  // namespace gpuscout
