// The user's catalog folder: price sheets imported with `catalog import`,
// overlaid on the embedded snapshot at every run.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/builder.h"
#include "catalog/catalog.h"

namespace gpuscout {

// $GPUSCOUT_HOME/catalog, else $XDG_DATA_HOME/gpuscout/catalog, else
// ~/.local/share/gpuscout/catalog.
std::string UserCatalogDir();

// The files in the user's folder; empty when the folder does not exist.
Result<std::vector<SourceText>> ReadUserFiles(const std::string& dir);

// Where an imported file goes: <dir>/<vendor>/<file name>.
struct ImportPlan {
  std::string target;    // absolute path
  std::string relative;  // <vendor>/<file name>
  BuildResult build;     // the file on its own, as it will load
};

// Validates `path` as `format` (vendor from --vendor, or implied by the format)
// together with the files already in `dir`; on success writes it atomically.
// Any bad row fails with exit 2 and writes nothing.
Result<ImportPlan> ImportSource(const std::string& path, SourceFormat format,
                                const std::string& vendor, const std::string& dir,
                                const Catalog& base);

// The vendor a format implies (alibaba-*, tencent, vantage); empty for skypilot.
std::string ImpliedVendor(SourceFormat format);

}  // namespace gpuscout
