// Cron schedules: parsing errors and next fire times across daylight saving.
#include "autoscale/cron.h"

#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

namespace gpuscout {
namespace {

int64_t Utc(int y, unsigned m, unsigned d, int h, int mi) {
  using namespace date;
  const auto t = sys_days{year{y} / month{m} / day{d}} + std::chrono::hours{h} + std::chrono::minutes{mi};
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

int64_t Next(const char* expr, int64_t after, const char* zone) {
  auto c = ParseCron(expr);
  EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message);
  auto z = FindTimeZone(zone);
  EXPECT_TRUE(z.has_value());
  return NextFire(*c, after, *z);
}

TEST(Cron, EveryDayAtEightInShanghai) {
  // 20:00 in UTC+8 (no daylight saving) is 12:00 UTC.
  EXPECT_EQ(Next("0 20 * * *", Utc(2026, 1, 5, 0, 0), "Asia/Shanghai"), Utc(2026, 1, 5, 12, 0));
  EXPECT_EQ(Next("0 20 * * *", Utc(2026, 1, 5, 12, 0), "Asia/Shanghai"), Utc(2026, 1, 6, 12, 0));
}

TEST(Cron, SpringForwardSkipsTheMissingHour) {
  // New York jumps from 02:00 to 03:00 on 2026-03-08: 02:30 does not exist that
  // day, so the next 02:30 is on the 9th, in daylight time (UTC-4).
  EXPECT_EQ(Next("30 2 * * *", Utc(2026, 3, 7, 12, 0), "America/New_York"), Utc(2026, 3, 9, 6, 30));
  // 20:00 is 01:00 UTC the next day before the change (UTC-5), 00:00 after (UTC-4).
  EXPECT_EQ(Next("0 20 * * *", Utc(2026, 3, 7, 12, 0), "America/New_York"), Utc(2026, 3, 8, 1, 0));
  EXPECT_EQ(Next("0 20 * * *", Utc(2026, 3, 8, 12, 0), "America/New_York"), Utc(2026, 3, 9, 0, 0));
}

TEST(Cron, FallBackFiresOnceAtTheFirstOccurrence) {
  // On 2026-11-01 New York's 01:30 happens twice (EDT, then EST): it fires at
  // the first, 05:30 UTC, and not again an hour later.
  const int64_t first = Next("30 1 * * *", Utc(2026, 10, 31, 12, 0), "America/New_York");
  EXPECT_EQ(first, Utc(2026, 11, 1, 5, 30));
  EXPECT_EQ(Next("30 1 * * *", first, "America/New_York"), Utc(2026, 11, 2, 6, 30));
}

TEST(Cron, DayOfMonthOrDayOfWeek) {
  // Friday the 13th rule: the 13th OR any Friday (2026-02-06 is a Friday).
  EXPECT_EQ(Next("0 12 13 * FRI", Utc(2026, 2, 1, 0, 0), "UTC"), Utc(2026, 2, 6, 12, 0));
  // With one day field unrestricted, the other alone decides.
  EXPECT_EQ(Next("0 12 13 * *", Utc(2026, 2, 1, 0, 0), "UTC"), Utc(2026, 2, 13, 12, 0));
  EXPECT_EQ(Next("0 0 * * 7", Utc(2026, 2, 2, 0, 0), "UTC"), Utc(2026, 2, 8, 0, 0));  // 7 = Sunday
  EXPECT_EQ(Next("0 0 29 2 *", Utc(2026, 3, 1, 0, 0), "UTC"), Utc(2028, 2, 29, 0, 0));  // the next leap day
}

TEST(Cron, BadExpressionsNameTheField) {
  struct Case {
    const char* expr;
    const char* message;
  } cases[] = {
      {"61 * * * *", "cron: minute: 61 is out of range 0-59"},
      {"* 24 * * *", "cron: hour: 24 is out of range 0-23"},
      {"* * * *", "cron: expected 5 fields"},
      {"*/0 * * * *", "cron: minute: bad step in '*/0'"},
      {"* * * FOO *", "cron: month: not a number or name: 'foo'"},
      {"* * * * FRI-MON", "cron: day of week: range 'FRI-MON' runs backwards"},
      {"1,,2 * * * *", "cron: minute: empty list item"},
  };
  for (const auto& c : cases) {
    auto r = ParseCron(c.expr);
    ASSERT_FALSE(r.has_value()) << c.expr;
    EXPECT_EQ(r.error().message.substr(0, std::string(c.message).size()), c.message) << c.expr;
  }
  EXPECT_FALSE(FindTimeZone("Mars/Olympus_Mons").has_value());
}

}  // namespace
}  // namespace gpuscout
