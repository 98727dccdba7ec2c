#include "catalog/embedded_catalog.h"

#include "catalog/embedded.h"
#include "catalog/user_store.h"

namespace gpuscout {

CatalogData EmbeddedData() {
  return CatalogData{embedded::Offers(),       embedded::FileStatsCsv(), embedded::Gpus(),
                     embedded::Exclusions(),   embedded::GcpHosts(),     embedded::AlibabaSpecs(),
                     embedded::Manifest(),     embedded::NetworkFacts(),
                     embedded::InstanceGpus()};
}

Result<Catalog> LoadCatalog(const std::string& dir) {
  if (!dir.empty()) return Catalog::FromSourceDir(dir, EmbeddedData());
  auto catalog = Catalog::FromSnapshot(EmbeddedData());
  if (!catalog) return catalog;
  const std::string user = UserCatalogDir();
  GS_TRY(files, ReadUserFiles(user));
  // Imported files first, then refreshed prices over them: a refresh is the
  // newest word on the prices it fetched.
  std::vector<SourceText> imported, refreshed;
  for (auto& f : files) (f.kind == "refresh" ? refreshed : imported).push_back(std::move(f));
  GS_CHECK(catalog->Overlay(imported, user));
  GS_CHECK(catalog->Overlay(refreshed, user));
  return catalog;
}

}  // namespace gpuscout
