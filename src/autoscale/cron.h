// Five-field cron expressions (minute hour day-of-month month day-of-week),
// as Vixie cron and croniter read them: lists, ranges, steps, month and day
// names, 7 = Sunday, and the day rule: when both day fields are restricted,
// a day matches if either does (a field listing every value, like SUN-SAT,
// counts as unrestricted, as in croniter). Next fire times in an IANA zone.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace date {
class time_zone;
}

namespace gpuscout {

struct CronSpec {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;    // 1..31
  std::bitset<13> months;  // 1..12
  std::bitset<7> weekdays; // 0 = Sunday
  bool days_restricted = false;
  bool weekdays_restricted = false;
  std::string text;
};

// Errors name the field ("cron: hour: 25 is out of range 0-23"); an
// expression no date matches (`0 0 30 2 *`) is refused: it never fires.
Result<CronSpec> ParseCron(std::string_view expression);

// The IANA zone ("Asia/Shanghai"); errors for unknown names.
Result<const date::time_zone*> FindTimeZone(const std::string& name);

// The first fire time strictly after `after_utc` (seconds since the epoch),
// reading the fields in `zone`'s wall-clock time. A wall-clock time skipped by
// a daylight-saving jump does not fire; one that happens twice fires at the
// first. `zone` null: UTC. kNeverFires when nothing matches within the search
// bound (not for a spec ParseCron accepted).
inline constexpr int64_t kNeverFires = INT64_MAX;
int64_t NextFire(const CronSpec& cron, int64_t after_utc, const date::time_zone* zone);

}  // namespace gpuscout
