#include "autoscale/schedule.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace gpuscout {
namespace {

constexpr int64_t kLookBack = 8 * 86400;

std::vector<int64_t> Fires(const CronSpec& c, int64_t from, int64_t to, const date::time_zone* zone) {
  std::vector<int64_t> out;
  for (int64_t t = NextFire(c, from - 1, zone); t <= to; t = NextFire(c, t, zone)) out.push_back(t);
  return out;
}

}  // namespace

ScheduleTimeline::ScheduleTimeline(const Schedule& s, int64_t t0, int64_t t1) {
  // Boundary events: +min / -min for windows, the current action minimum.
  struct Event {
    int64_t t;
    int kind;  // 0 window end, 1 action, 2 window start (ends first at the same instant)
    int value;
    size_t order;
  };
  std::vector<Event> events;
  size_t order = 0;
  for (const auto& e : s.entries) {
    if (e.cron) {
      for (int64_t t : Fires(*e.cron, t0 - kLookBack, t1, s.zone)) {
        if (e.min_nodes) events.push_back({t, 1, *e.min_nodes, order});
        if (e.desired && t >= t0) desired_.push_back({t, *e.desired});
      }
    } else if (e.start && e.end && e.min_nodes) {
      for (int64_t t : Fires(*e.start, t0 - kLookBack, t1, s.zone)) {
        const int64_t end = NextFire(*e.end, t, s.zone);
        if (end < t0) continue;
        events.push_back({t, 2, *e.min_nodes, order});
        events.push_back({end, 0, *e.min_nodes, order});
      }
    }
    ++order;
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.t, a.kind, a.order) < std::tie(b.t, b.kind, b.order);
  });
  std::multiset<int> active;
  int action = 0;
  auto floor = [&] { return std::max(action, active.empty() ? 0 : *active.rbegin()); };
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.kind == 0) {
      auto it = active.find(e.value);
      if (it != active.end()) active.erase(it);
    } else if (e.kind == 1) {
      action = e.value;
    } else {
      active.insert(e.value);
    }
    if (i + 1 < events.size() && events[i + 1].t == e.t) continue;  // settle the instant first
    const int f = floor();
    const int64_t at = std::max(e.t, t0);
    if (!floors_.empty() && floors_.back().t == at) {
      floors_.back().floor = f;
    } else if (floors_.empty() || floors_.back().floor != f) {
      floors_.push_back({at, f});
    }
  }
  std::sort(desired_.begin(), desired_.end(), [](const SetDesired& a, const SetDesired& b) { return a.t < b.t; });
}

std::optional<int> ScheduleTimeline::DesiredSlow(int64_t after, int64_t t) {
  std::optional<int> out;
  while (desired_at_ < desired_.size() && desired_[desired_at_].t <= t) {
    if (desired_[desired_at_].t > after) out = desired_[desired_at_].desired;
    ++desired_at_;
  }
  return out;
}

}  // namespace gpuscout
