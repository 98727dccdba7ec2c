#include "catalog/user_store.h"

#include "base/env.h"

#include <cstdlib>
#include <filesystem>

#include "base/atomic_file.h"
#include "base/csv.h"
#include "base/strings.h"
#include "catalog/snapshot.h"
#include "catalog/freshness.h"

namespace gpuscout {

std::string UserCatalogDir() { return Env::System().DataDir() + "/catalog"; }

namespace {

// A file catalog refresh wrote says when and from where its prices were
// fetched (columns price_as_of and price_source, the same on every row).
void StampRefreshed(SourceText& f) {
  if (f.text.compare(0, kRefreshHeader.size(), kRefreshHeader) != 0) return;
  // The header and the first row carry the stamp: the whole file is parsed once, by the build.
  const size_t header_end = f.text.find('\n');
  const size_t row_end = header_end == std::string::npos ? std::string::npos : f.text.find('\n', header_end + 1);
  auto table = ParseCsv(std::string_view(f.text).substr(0, row_end == std::string::npos ? f.text.size() : row_end + 1), f.path);
  if (!table || table->rows.empty()) return;
  const auto as_of = table->Find("price_as_of"), source = table->Find("price_source");
  const std::string& stamp = table->rows.front().fields[*as_of].value;
  if (!ParseDate(stamp.substr(0, 10))) return;
  f.as_of = stamp.substr(0, 10);
  f.kind = "refresh";
  f.origin = table->rows.front().fields[*source].value;
}

}  // namespace

Result<std::vector<SourceText>> ReadUserFiles(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return std::vector<SourceText>{};
  GS_TRY(files, ReadSourceDir(dir));
  for (SourceText& f : files) StampRefreshed(f);
  return files;
}

std::string ImpliedVendor(SourceFormat format) {
  switch (format) {
    case SourceFormat::kAlibabaPrices:
    case SourceFormat::kAlibabaSpecs: return "alibaba";
    case SourceFormat::kTencent: return "tencent";
    case SourceFormat::kVantage: return "aws";
    case SourceFormat::kSkyPilot:
    case SourceFormat::kOffers: return "";
  }
  return "";
}

Result<ImportPlan> ImportSource(const std::string& path, SourceFormat format,
                                const std::string& vendor_in, const std::string& dir,
                                const Catalog& base) {
  std::string vendor = ToLower(vendor_in);
  const std::string implied = ImpliedVendor(format);
  if (vendor.empty()) vendor = implied;
  if (vendor.empty()) {
    Error e;
    SetOption(e, "vendor");
    e.message = "a SkyPilot file does not say its cloud: pass --vendor (aws, gcp, azure, ...)";
    return tl::unexpected(e);
  }
  if (!implied.empty() && vendor != implied) {
    Error e;
    SetOption(e, "vendor");
    e.message = "format " + std::string(FormatName(format)) + " is " + implied + "'s, not " + vendor;
    return tl::unexpected(e);
  }
  if (vendor.find_first_of("/\\.") != std::string::npos) {
    Error e;
    SetOption(e, "vendor");
    e.message = "not a vendor name: '" + vendor + "'";
    return tl::unexpected(e);
  }
  GS_TRY(text, ReadInputFile(path));
  ImportPlan plan;
  plan.relative = vendor + "/" + std::filesystem::path(path).filename().string();
  plan.target = dir + "/" + plan.relative;

  // The new file on its own, with the name it is given in messages.
  std::vector<SourceText> alone = {{path, text, format, vendor, FormatDate(Today())}};
  plan.build = BuildOffers(alone, base.Inputs());
  if (const Error* e = FirstError(plan.build)) {
    Error located = *e;
    located.message += " (" + std::to_string(plan.build.ErrorCount()) +
                       " bad rows in all; nothing was imported)";
    return tl::unexpected(located);
  }
  // One import at a time per folder; with the lock held, any temporary file
  // is a killed import's leftover.
  GS_TRY(lock, FolderLock::Take(dir));
  RemoveStaleTemporaries(dir);
  // Together with what the user imported before (the new file replacing one of
  // the same name), so the folder always loads.
  GS_TRY(existing, ReadUserFiles(dir));
  std::vector<SourceText> together;
  for (auto& f : existing) {
    // Refreshed prices are a layer of their own, over the imported files.
    if (f.path != plan.relative && f.kind != "refresh") together.push_back(std::move(f));
  }
  together.push_back({plan.relative, text, format, vendor, FormatDate(Today())});
  BuildResult all = BuildOffers(together, base.Inputs());
  if (const Error* e = FirstError(all)) {
    Error located = *e;
    located.message += " (with the files already in " + dir + "; nothing was imported)";
    return tl::unexpected(located);
  }
  GS_CHECK(WriteFileAtomic(plan.target, text));
  return plan;
}

}  // namespace gpuscout
