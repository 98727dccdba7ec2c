// Scheduled capacity in an IANA time zone. Two kinds of entry:
// - an action (AWS scheduled action): at each `cron` fire time it sets the
//   pool's minimum (`min_nodes`, kept until another action sets it) or its
//   desired count once (`desired`, which the policy may then change);
// - a window (KEDA cron scaler): from each `start` fire time to the next
//   `end` fire time the pool keeps at least `min_nodes`.
// Where windows and actions overlap, the largest minimum holds.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "autoscale/cron.h"

namespace gpuscout {

struct ScheduleEntry {
  int line = 0;
  std::optional<CronSpec> cron;   // an action
  std::optional<CronSpec> start;  // a window
  std::optional<CronSpec> end;
  std::optional<int> min_nodes;
  std::optional<int> desired;     // actions only
};

struct Schedule {
  const date::time_zone* zone = nullptr;  // null: UTC
  std::string zone_name = "UTC";
  std::vector<ScheduleEntry> entries;
  bool empty() const { return entries.empty(); }
};

// The schedule laid out over [t0, t1]: the minimum as a step function and
// the one-off desired counts. Actions that fired in the 8 days before t0
// count, as they would have on a running fleet.
class ScheduleTimeline {
 public:
  ScheduleTimeline() = default;
  ScheduleTimeline(const Schedule& schedule, int64_t t0, int64_t t1);

  struct Change {
    int64_t t;
    int floor;  // 0: no minimum from the schedule
  };
  struct SetDesired {
    int64_t t;
    int desired;
  };
  const std::vector<Change>& floors() const { return floors_; }
  const std::vector<SetDesired>& desired() const { return desired_; }

  // The floor at t; calls must come with t not decreasing.
  int FloorAt(int64_t t) {
    while (floor_at_ < floors_.size() && floors_[floor_at_].t <= t) ++floor_at_;
    return floor_at_ == 0 ? 0 : floors_[floor_at_ - 1].floor;
  }
  // The next change of the floor or the next desired count after the last
  // FloorAt(t) and DesiredIn(after, t) calls; INT64_MAX when none.
  int64_t NextChange() const {
    int64_t next = std::numeric_limits<int64_t>::max();
    if (floor_at_ < floors_.size()) next = floors_[floor_at_].t;
    if (desired_at_ < desired_.size()) next = std::min(next, desired_[desired_at_].t);
    return next;
  }
  // A desired count set in (after, t], if any; the same ordering rule.
  std::optional<int> DesiredIn(int64_t after, int64_t t) {
    if (desired_at_ == desired_.size() || desired_[desired_at_].t > t) return std::nullopt;
    return DesiredSlow(after, t);
  }

 private:
  std::optional<int> DesiredSlow(int64_t after, int64_t t);

  std::vector<Change> floors_;
  std::vector<SetDesired> desired_;
  size_t floor_at_ = 0, desired_at_ = 0;
};

}  // namespace gpuscout
