// A wall-clock allowance for one piece of work, checked by long loops (the
// simulator's steps, the tuner's runs, the recommender's candidates) so that
// a server can abandon a request that would take too long. Copyable; an
// unlimited budget never runs out.
#pragma once

#include <chrono>
#include <optional>

#include "base/error.h"

namespace gpuscout {

class Budget {
 public:
  Budget() = default;  // unlimited
  explicit Budget(std::chrono::milliseconds allowance)
      : deadline_(std::chrono::steady_clock::now() + allowance), allowance_(allowance) {}

  bool Spent() const { return deadline_ && std::chrono::steady_clock::now() >= *deadline_; }
  // The error a loop returns when Spent(): `over_budget` set, exit code 3
  // on the CLI, 503 over HTTP.
  Error Exceeded(const std::string& what) const;

 private:
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::chrono::milliseconds allowance_{0};
};

}  // namespace gpuscout
