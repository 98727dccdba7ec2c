#include "cli/serve_refresh.h"

#include <algorithm>
#include <chrono>

#include "base/env.h"
#include "catalog/embedded_catalog.h"
#include "catalog/user_store.h"
#include "cli/commands.h"
#include "base/atomic_file.h"
#include "refresh/store.h"

namespace gpuscout::cli {
namespace {

std::vector<RefreshStatus> StatusOf(const std::vector<VendorRefresh>& outcomes, const std::string& at) {
  std::vector<RefreshStatus> out;
  for (const VendorRefresh& r : outcomes) {
    if (r.skipped) continue;
    out.push_back({r.vendor, at, !r.error, r.offers, r.error ? r.error->Format() : ""});
  }
  return out;
}

// The refreshed vendors' files, as the store shares them.
Result<std::vector<Store::CatalogFile>> RefreshedFiles(const std::vector<VendorRefresh>& outcomes) {
  std::vector<Store::CatalogFile> files;
  for (const VendorRefresh& r : outcomes) {
    if (r.error || r.skipped) continue;
    GS_TRY(text, ReadFile(UserCatalogDir() + "/" + r.vendor + "/" + kRefreshFileName));
    files.push_back({r.vendor, std::move(text)});
  }
  return files;
}

Result<void> SwapReloaded(Server& server) {
  GS_TRY(reloaded, LoadCatalog(""));
  auto catalog = std::make_shared<const Catalog>(std::move(reloaded));
  GS_TRY(estimator, MakeEstimator(*catalog));
  server.SwapCatalog(catalog, std::make_shared<const Estimator>(std::move(estimator)));
  return {};
}

}  // namespace

RefreshLoop::RefreshLoop(Server& server, RefreshLoopOptions options) : server_(server), options_(std::move(options)) {}

RefreshLoop::~RefreshLoop() { Stop(); }

Result<std::vector<VendorRefresh>> RefreshLoop::RunOnce() {
  const std::string at = FormatUtc(Env::System().Now());
  if (options_.store) {
    // The lease outlasts two rounds, so the leader keeps it while it lives.
    const int lease_s = static_cast<int>(std::min(2 * options_.every_hours * 3600, 7.0 * 86400)) + 600;
    GS_TRY(lead, options_.store->TakeRefreshLease(options_.holder, lease_s));
    if (!lead) {
      GS_CHECK(Sync());
      return std::vector<VendorRefresh>{};
    }
  }
  GS_TRY(base, LoadCatalog(""));
  std::unique_ptr<PriceHistory> opened;
  if (!options_.history) {
    GS_TRY(own, OpenPriceHistory());
    opened = std::move(own);
  }
  PriceHistory* history = options_.history ? options_.history : opened.get();
  RefreshOptions o{options_.vendors, options_.endpoint, options_.regions, false, UserCatalogDir(), at, history, 1800};
  const HttpClient http;
  GS_TRY(outcomes, RunRefresh(o, base, http, {}));
  server_.SetRefreshStatus(StatusOf(outcomes, at));
  const bool changed = std::any_of(outcomes.begin(), outcomes.end(), [](const VendorRefresh& r) { return !r.error && !r.skipped; });
  if (changed) {
    GS_CHECK(SwapReloaded(server_));
    if (options_.store) {
      GS_TRY(files, RefreshedFiles(outcomes));
      GS_TRY(generation, options_.store->PublishCatalogFiles(files));
      generation_ = generation;
    }
  }
  return outcomes;
}

Result<bool> RefreshLoop::Sync() {
  if (!options_.store) return false;
  GS_TRY(published, options_.store->CatalogFilesSince(generation_));
  if (!published) return false;
  GS_TRY(base, LoadCatalog(""));
  for (const auto& f : published->files) GS_CHECK(StoreRefresh(f.vendor, f.text, UserCatalogDir(), base, false));
  generation_ = published->generation;
  GS_CHECK(SwapReloaded(server_));
  return true;
}

// A round at start and every `every_hours`; between rounds, a follower
// loads what the leader published every `sync_every_s`.
void RefreshLoop::Start() {
  thread_ = std::thread([this] {
    const auto pause = std::chrono::duration<double, std::ratio<3600>>(options_.every_hours);
    const auto sync = std::chrono::seconds(std::max(1, options_.sync_every_s));
    auto next_round = std::chrono::steady_clock::now();
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      if (std::chrono::steady_clock::now() >= next_round) {
        auto done = RunOnce();
        if (!done) server_.SetRefreshStatus({{"all", FormatUtc(Env::System().Now()), false, 0, done.error().Format()}});
        next_round = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(pause);
      } else if (auto synced = Sync(); !synced) {
        server_.SetRefreshStatus({{"all", FormatUtc(Env::System().Now()), false, 0, synced.error().Format()}});
      }
      lock.lock();
      const auto wait = options_.store ? std::min<std::chrono::steady_clock::duration>(sync, next_round - std::chrono::steady_clock::now())
                                       : next_round - std::chrono::steady_clock::now();
      wake_.wait_for(lock, wait, [this] { return stopping_; });
    }
  });
}

void RefreshLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace gpuscout::cli
