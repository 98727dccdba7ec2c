#include "cli/serve_refresh.h"

#include <chrono>

#include "base/env.h"
#include "catalog/embedded_catalog.h"
#include "catalog/user_store.h"
#include "cli/commands.h"

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

}  // namespace

RefreshLoop::RefreshLoop(Server& server, RefreshLoopOptions options) : server_(server), options_(std::move(options)) {}

RefreshLoop::~RefreshLoop() { Stop(); }

Result<std::vector<VendorRefresh>> RefreshLoop::RunOnce() {
  const std::string at = FormatUtc(Env::System().Now());
  GS_TRY(base, LoadCatalog(""));
  GS_TRY(history, OpenPriceHistory());
  RefreshOptions o{options_.vendors, options_.endpoint, options_.regions, false, UserCatalogDir(), at, history.get(), 1800};
  const HttpClient http;
  GS_TRY(outcomes, RunRefresh(o, base, http, {}));
  server_.SetRefreshStatus(StatusOf(outcomes, at));
  const bool changed = std::any_of(outcomes.begin(), outcomes.end(), [](const VendorRefresh& r) { return !r.error && !r.skipped; });
  if (changed) {
    GS_TRY(reloaded, LoadCatalog(""));
    auto catalog = std::make_shared<const Catalog>(std::move(reloaded));
    GS_TRY(estimator, MakeEstimator(*catalog));
    server_.SwapCatalog(catalog, std::make_shared<const Estimator>(std::move(estimator)));
  }
  return outcomes;
}

void RefreshLoop::Start() {
  thread_ = std::thread([this] {
    const auto pause = std::chrono::duration<double, std::ratio<3600>>(options_.every_hours);
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      auto done = RunOnce();
      if (!done) {
        server_.SetRefreshStatus({{"all", FormatUtc(Env::System().Now()), false, 0, done.error().Format()}});
      }
      lock.lock();
      wake_.wait_for(lock, pause, [this] { return stopping_; });
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
