// serve --refresh-every: a background thread that refreshes the prices
// (catalog refresh), reloads the catalog and swaps it into the running
// server, then sleeps until the next round. The first round runs at start.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "refresh/refresh.h"
#include "server/server.h"
#include "server/store.h"

namespace gpuscout::cli {

struct RefreshLoopOptions {
  double every_hours = 0;
  std::vector<std::string> vendors = {};
  std::vector<std::string> regions = {};
  std::string endpoint = {};
  // Replicas on one PostgreSQL store (issue #21): the one holding the store's
  // refresh lease refreshes and publishes the vendors' files; the others load
  // them, checking every `sync_every_s`. Null: this server refreshes alone.
  Store* store = nullptr;
  std::string holder = {};  // this replica's name for the lease (host and pid)
  int sync_every_s = 60;
  // Where refreshed prices are recorded (the server's history: the store's
  // on PostgreSQL). Null: the user's price_history.db, opened per round.
  PriceHistory* history = nullptr;
};

class RefreshLoop {
 public:
  RefreshLoop(Server& server, RefreshLoopOptions options);
  ~RefreshLoop();  // stops and joins
  RefreshLoop(const RefreshLoop&) = delete;
  RefreshLoop& operator=(const RefreshLoop&) = delete;

  void Start();
  void Stop();
  // One round: refresh, record each vendor's outcome in the server, and swap
  // in the reloaded catalog when any vendor's prices changed. Returns the
  // outcomes (an error when the refresh could not start at all).
  Result<std::vector<VendorRefresh>> RunOnce();
  // A follower's step: the files another replica published since the last
  // one loaded, stored in the user's catalog folder and swapped in. Returns
  // whether the catalog changed.
  Result<bool> Sync();

 private:
  Server& server_;
  RefreshLoopOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int64_t generation_ = 0;  // the store's catalog files this replica has loaded
  std::thread thread_;
};

}  // namespace gpuscout::cli
