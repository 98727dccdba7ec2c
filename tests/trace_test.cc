// Load traces: parsing and the errors a bad one gets.
#include "autoscale/trace.h"

#include <gtest/gtest.h>

namespace gpuscout {
namespace {

TEST(Trace, ParsesOffsetsEpochSecondsAndUtilization) {
  auto t = ParseTrace("timestamp,rps\n2026-01-05T20:00:00+08:00,10\n2026-01-05T12:01:00Z,30\n1767614520,20\n", "t.csv");
  ASSERT_TRUE(t.has_value()) << t.error().Format();
  ASSERT_EQ(t->points.size(), 3u);
  EXPECT_EQ(t->points[0].t, 1767614400);
  EXPECT_EQ(t->points[0].utc_offset_s, 8 * 3600);
  EXPECT_EQ(t->points[1].t, 1767614460);
  EXPECT_EQ(t->Peak(), 30);
  EXPECT_EQ(t->Median(), 20);
  auto u = ParseTrace("timestamp,utilization\n100,0.5\n160,0.9\n", "u.csv");
  ASSERT_TRUE(u.has_value());
  EXPECT_TRUE(u->utilization);
}

TEST(Trace, BadTracesNameLineColumnAndField) {
  struct Case {
    const char* csv;
    const char* expect;
  } cases[] = {
      {"timestamp,rps\n100,1\n90,2\n", "t.csv:3:1: timestamp: earlier than the timestamp on line 2: a trace must be sorted"},
      {"timestamp,rps\n100,1\n100,2\n", "t.csv:3:1: timestamp: duplicate of the timestamp on line 2"},
      {"timestamp,rps\n100,1\n160,-2\n", "t.csv:3:5: rps: negative"},
      {"timestamp,rps\n100,1\n160,lots\n", "t.csv:3:5: rps: not a number: 'lots'"},
      {"timestamp,rps\nyesterday,1\n160,2\n", "t.csv:2:1: timestamp: not a timestamp: 'yesterday'"},
      {"timestamp,utilization\n100,0.5\n160,1.5\n", "t.csv:3:5: utilization: utilisation above 1"},
      {"time,load\n100,1\n", "t.csv:1:1: a trace needs the columns timestamp and rps"},
  };
  for (const auto& c : cases) {
    auto t = ParseTrace(c.csv, "t.csv");
    ASSERT_FALSE(t.has_value()) << c.csv;
    EXPECT_EQ(t.error().Format().substr(0, std::string(c.expect).size()), c.expect);
  }
}

}  // namespace
}  // namespace gpuscout
