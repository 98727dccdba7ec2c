// The normalised offer table (data/offers.csv) that is embedded in the binary,
// and the per-file statistics of the build that made it.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/offer.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::string WriteSnapshot(const std::vector<Offer>& offers);
Result<std::vector<Offer>> ReadSnapshot(std::string_view text, const std::string& file);

std::string WriteFileStats(const std::vector<FileStats>& files);
Result<std::vector<FileStats>> ReadFileStats(std::string_view text, const std::string& file);

}  // namespace gpuscout
