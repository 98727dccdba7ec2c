#include "autoscale/cron.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <optional>

#include "base/strings.h"

namespace gpuscout {
namespace {

struct Field {
  const char* name;
  int lo, hi;
  const char* const* names;  // name of value lo + i, or null
};

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// Digits only, read without overflow: any value above 999 is out of every
// field's range, so longer numbers are clamped to 1000 (then refused).
std::optional<int> SmallNumber(std::string_view t) {
  if (t.empty() || t.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  int v = 0;
  for (char c : t) v = std::min(1000, v * 10 + (c - '0'));
  return v;
}

Result<int> Value(const Field& f, std::string_view text) {
  const std::string t = ToLower(Trim(text));
  if (f.names) {
    for (int i = 0; i <= f.hi - f.lo && i < (f.names == kDayNames ? 7 : 12); ++i) {
      if (t == f.names[i]) return f.lo + i;
    }
  }
  auto i = SmallNumber(t);
  if (!i) return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": not a number or name: '" + t + "'");
  const int hi = f.names == kDayNames ? 7 : f.hi;  // 7 = Sunday
  if (*i < f.lo || *i > hi) {
    return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": " + t + " is out of range " +
                                         std::to_string(f.lo) + "-" + std::to_string(hi));
  }
  return *i;
}

// Sets the bits of one field; `restricted` is false for a bare '*'.
template <size_t N>
Result<void> ParseField(const Field& f, std::string_view text, std::bitset<N>& bits, bool& restricted) {
  restricted = Trim(text) != "*";
  for (const auto& part : Split(text, ',')) {
    std::string item = Trim(part);
    if (item.empty()) return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": empty list item");
    int step = 1;
    if (auto slash = item.find('/'); slash != std::string::npos) {
      auto s = SmallNumber(Trim(item.substr(slash + 1)));
      if (!s || *s < 1 || *s > f.hi - f.lo + 1) {
        return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": bad step in '" + item + "' (1 to " +
                                             std::to_string(f.hi - f.lo + 1) + ")");
      }
      step = *s;
      item = item.substr(0, slash);
      if (item.find('-') == std::string::npos && item != "*") {
        // "a/n": from a to the field's end, every n (croniter, Vixie cron).
        GS_TRY(a, Value(f, item));
        item = std::to_string(a) + "-" + std::to_string(f.hi);
      }
    }
    int lo = f.lo, hi = f.hi;
    if (item != "*") {
      const auto dash = item.find('-');
      GS_TRY(a, Value(f, item.substr(0, dash)));
      lo = hi = a;
      if (dash != std::string::npos) {
        GS_TRY(b, Value(f, item.substr(dash + 1)));
        hi = b;
        if (hi < lo) {
          return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": range '" + item + "' runs backwards");
        }
      }
    }
    for (int v = lo; v <= hi; v += step) {
      const int bit = f.names == kDayNames ? v % 7 : v;
      bits.set(static_cast<size_t>(bit));
    }
  }
  return {};
}

// Whether some date matches. Only a day of month restricted alone (a day of
// week restricted too is ORed with it, and every week has every weekday) can
// name days no selected month has: 30 February, 31 April.
bool CanFire(const CronSpec& c) {
  if (!c.days_restricted || c.weekdays_restricted) return true;
  constexpr int kLongest[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // 29 Feb in leap years
  for (int m = 1; m <= 12; ++m) {
    for (int d = 1; d <= kLongest[m] && c.months[static_cast<size_t>(m)]; ++d) {
      if (c.days[static_cast<size_t>(d)]) return true;
    }
  }
  return false;
}

}  // namespace

Result<CronSpec> ParseCron(std::string_view expression) {
  CronSpec c;
  c.text = Trim(expression);
  std::vector<std::string> fields;
  for (const auto& w : Split(c.text, ' ')) {
    if (!w.empty()) fields.push_back(w);
  }
  if (fields.size() != 5) {
    return Fail(ExitCode::kBadInput, "cron: expected 5 fields (minute hour day-of-month month day-of-week), got " +
                                         std::to_string(fields.size()) + " in '" + c.text + "'");
  }
  bool unused = false;
  const Field minute{"minute", 0, 59, nullptr}, hour{"hour", 0, 23, nullptr}, dom{"day of month", 1, 31, nullptr},
      month{"month", 1, 12, kMonthNames}, dow{"day of week", 0, 6, kDayNames};
  GS_CHECK(ParseField(minute, fields[0], c.minutes, unused));
  GS_CHECK(ParseField(hour, fields[1], c.hours, unused));
  GS_CHECK(ParseField(dom, fields[2], c.days, c.days_restricted));
  GS_CHECK(ParseField(month, fields[3], c.months, unused));
  GS_CHECK(ParseField(dow, fields[4], c.weekdays, c.weekdays_restricted));
  // A field that lists every value is no restriction (as croniter reads
  // "SUN-SAT" or "1-31"), so the day-or rule does not apply to it.
  for (unsigned d = 1; d <= 31 && c.days_restricted; ++d) {
    if (!c.days[d]) break;
    if (d == 31) c.days_restricted = false;
  }
  if (c.weekdays.all()) c.weekdays_restricted = false;
  if (!CanFire(c)) {
    return Fail(ExitCode::kBadInput, "cron: '" + c.text + "' never fires: no month of the year has the day it names");
  }
  return c;
}

Result<const date::time_zone*> FindTimeZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return Fail(ExitCode::kBadInput, "unknown time zone '" + name + "' (an IANA name such as Asia/Shanghai)");
  }
}

int64_t NextFire(const CronSpec& c, int64_t after_utc, const date::time_zone* zone) {
  using namespace std::chrono;
  // Wall-clock minutes in the zone.
  const sys_seconds after{seconds{after_utc}};
  auto to_local = [&](sys_seconds t) -> date::local_seconds {
    if (!zone) return date::local_seconds{t.time_since_epoch()};
    return zone->to_local(t);
  };
  date::local_seconds t = date::floor<minutes>(to_local(after)) + minutes{1};
  // Every spec that parses fires within eight years (29 February, a leap
  // year skipped at a century); the guard only bounds the work.
  for (int guard = 0; guard < 4000000; ++guard) {
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const unsigned m = static_cast<unsigned>(ymd.month());
    if (!c.months[m]) {
      const auto next_month = date::year_month_day{ymd.year() / ymd.month() / 1} + date::months{1};
      t = date::local_days{next_month};
      continue;
    }
    const bool dom_ok = c.days[static_cast<unsigned>(ymd.day())];
    const bool dow_ok = c.weekdays[date::weekday{day}.c_encoding()];
    const bool day_ok = c.days_restricted && c.weekdays_restricted ? (dom_ok || dow_ok) : (dom_ok && dow_ok);
    if (!day_ok) {
      t = day + date::days{1};
      continue;
    }
    const auto tod = t - day;
    const auto h = duration_cast<hours>(tod).count();
    if (!c.hours[static_cast<size_t>(h)]) {
      t = day + hours{h + 1};
      continue;
    }
    const auto mi = duration_cast<minutes>(tod - hours{h}).count();
    if (!c.minutes[static_cast<size_t>(mi)]) {
      t += minutes{1};
      continue;
    }
    // A match in wall-clock time: back to UTC.
    if (!zone) return t.time_since_epoch().count();
    const auto info = zone->get_info(t);
    if (info.result == date::local_info::nonexistent) {  // skipped by a jump forward
      t += minutes{1};
      continue;
    }
    const auto utc = t - info.first.offset;  // the earlier of two when ambiguous
    const int64_t out = utc.time_since_epoch().count();
    if (out > after_utc) return out;
    t += minutes{1};
  }
  return kNeverFires;
}

}  // namespace gpuscout
