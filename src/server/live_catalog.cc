// The catalog a running server answers from, swapped whole by a background
// refresh, and what that refresh last did for each vendor.
#include <fmt/format.h>

#include "server/server.h"

namespace gpuscout {

std::shared_ptr<const LiveCatalog> Server::Live() const {
  std::lock_guard lock(live_mu_);
  return live_;
}

void Server::SwapCatalog(std::shared_ptr<const Catalog> catalog, std::shared_ptr<const Estimator> estimator) {
  {
    std::lock_guard lock(live_mu_);
    auto next = std::make_shared<LiveCatalog>();
    next->catalog = std::move(catalog);
    next->estimator = std::move(estimator);
    next->generation = live_->generation + 1;
    live_ = std::move(next);
  }
  // Cached answers are keyed by generation too: one computed on the old
  // catalog while the swap happened is never served from the new one.
  cache_.Clear();
}

void Server::SetRefreshStatus(const std::vector<RefreshStatus>& status) {
  std::lock_guard lock(live_mu_);
  for (const RefreshStatus& s : status) refresh_[s.vendor] = s;
}

nlohmann::json Server::RefreshJson() const {
  std::lock_guard lock(live_mu_);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [vendor, s] : refresh_) {
    out[vendor] = {{"at", s.at}, {"ok", s.ok}, {"offers", s.offers},
                   {"error", s.ok ? nlohmann::json(nullptr) : nlohmann::json(s.error)}};
  }
  return out;
}

std::string Server::RefreshMetrics() const {
  std::lock_guard lock(live_mu_);
  std::string text =
      "# HELP gpuscout_catalog_generation Catalogs loaded since start (0: the one it started with).\n"
      "# TYPE gpuscout_catalog_generation gauge\n"
      "gpuscout_catalog_generation " + std::to_string(live_->generation) + "\n";
  if (refresh_.empty()) return text;
  text += "# HELP gpuscout_refresh_ok Whether the last background refresh of the vendor succeeded.\n"
          "# TYPE gpuscout_refresh_ok gauge\n";
  for (const auto& [vendor, s] : refresh_) text += fmt::format("gpuscout_refresh_ok{{vendor=\"{}\"}} {}\n", vendor, s.ok ? 1 : 0);
  text += "# HELP gpuscout_refresh_offers Offers the last background refresh of the vendor stored.\n"
          "# TYPE gpuscout_refresh_offers gauge\n";
  for (const auto& [vendor, s] : refresh_) text += fmt::format("gpuscout_refresh_offers{{vendor=\"{}\"}} {}\n", vendor, s.offers);
  return text;
}

}  // namespace gpuscout
