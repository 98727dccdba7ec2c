#include "autoscale/cron.h"

#include <date/date.h>
#include <date/tz.h>

#include <array>

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

Result<int> Value(const Field& f, std::string_view text) {
  const std::string t = ToLower(Trim(text));
  if (f.names) {
    for (int i = 0; i <= f.hi - f.lo && i < (f.names == kDayNames ? 7 : 12); ++i) {
      if (t == f.names[i]) return f.lo + i;
    }
  }
  auto v = ParseDouble(t);
  if (!v || *v != static_cast<int>(*v) || t.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": not a number or name: '" + t + "'");
  }
  const int i = static_cast<int>(*v);
  const int hi = f.names == kDayNames ? 7 : f.hi;  // 7 = Sunday
  if (i < f.lo || i > hi) {
    return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": " + t + " is out of range " +
                                         std::to_string(f.lo) + "-" + std::to_string(hi));
  }
  return i;
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
      auto s = ParseDouble(item.substr(slash + 1));
      if (!s || *s < 1 || *s != static_cast<int>(*s)) {
        return Fail(ExitCode::kBadInput, std::string("cron: ") + f.name + ": bad step in '" + item + "'");
      }
      step = static_cast<int>(*s);
      item = item.substr(0, slash);
      if (item.find('-') == std::string::npos && item != "*") {
        // "a/n": from a to the field's end, every n (croniter, Vixie cron).
        auto a = Value(f, item);
        if (!a) return tl::unexpected(a.error());
        item = std::to_string(*a) + "-" + std::to_string(f.hi);
      }
    }
    int lo = f.lo, hi = f.hi;
    if (item != "*") {
      const auto dash = item.find('-');
      auto a = Value(f, item.substr(0, dash));
      if (!a) return tl::unexpected(a.error());
      lo = hi = *a;
      if (dash != std::string::npos) {
        auto b = Value(f, item.substr(dash + 1));
        if (!b) return tl::unexpected(b.error());
        hi = *b;
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
  if (auto r = ParseField(minute, fields[0], c.minutes, unused); !r) return tl::unexpected(r.error());
  if (auto r = ParseField(hour, fields[1], c.hours, unused); !r) return tl::unexpected(r.error());
  if (auto r = ParseField(dom, fields[2], c.days, c.days_restricted); !r) return tl::unexpected(r.error());
  if (auto r = ParseField(month, fields[3], c.months, unused); !r) return tl::unexpected(r.error());
  if (auto r = ParseField(dow, fields[4], c.weekdays, c.weekdays_restricted); !r) return tl::unexpected(r.error());
  // A field that lists every value is no restriction (as croniter reads
  // "SUN-SAT" or "1-31"), so the day-or rule does not apply to it.
  for (unsigned d = 1; d <= 31 && c.days_restricted; ++d) {
    if (!c.days[d]) break;
    if (d == 31) c.days_restricted = false;
  }
  if (c.weekdays.all()) c.weekdays_restricted = false;
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
  // Search at most ~5 years of days.
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
  return after_utc;  // unreachable for valid specs within five years
}

}  // namespace gpuscout
