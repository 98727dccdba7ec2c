// Loading the catalog a command runs on: the embedded snapshot overlaid with
// the user's imported files, or a folder given with --catalog.
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace gpuscout {

CatalogData EmbeddedData();

// `dir` empty: embedded snapshot + user folder (UserCatalogDir()).
Result<Catalog> LoadCatalog(const std::string& dir);

}  // namespace gpuscout
