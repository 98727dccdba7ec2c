#include "refresh/store.h"

#include "base/atomic_file.h"
#include "catalog/builder.h"
#include "catalog/snapshot.h"

namespace gpuscout {

std::string RefreshFileText(const std::vector<Offer>& offers, const std::string& fetched_at,
                            const std::string& source) {
  return WriteRefreshed(offers, fetched_at, source);
}

Result<std::string> StoreRefresh(const std::string& vendor, const std::string& text, const std::string& dir,
                                 const Catalog& base, bool dry_run) {
  const std::string relative = vendor + "/" + kRefreshFileName;
  BuildResult alone = BuildOffers({SourceText(relative, text, SourceFormat::kOffers, vendor)}, base.Inputs());
  if (const Error* e = FirstError(alone)) {
    Error located = *e;
    located.message += " (in the prices fetched for " + vendor + "; nothing was stored)";
    return tl::unexpected(located);
  }
  const std::string target = dir + "/" + relative;
  if (dry_run) return target;
  GS_TRY(lock, FolderLock::Take(dir));
  RemoveStaleTemporaries(dir);
  GS_CHECK(WriteFileAtomic(target, text));
  return target;
}

}  // namespace gpuscout
