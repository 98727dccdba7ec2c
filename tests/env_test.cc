// base/env.h: the one UTC formatter against Howard Hinnant's date library
// (an independent implementation), and the data folder's precedence with a
// faked environment.
#include "base/env.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <map>
#include <random>

namespace gpuscout {
namespace {

class FakeEnv final : public Env {
 public:
  std::map<std::string, std::string, std::less<>> vars;
  int64_t Now() const override { return 0; }
  std::optional<std::string> Var(std::string_view name) const override {
    auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
};

TEST(Env, FormatUtcAgreesWithTheDateLibraryFrom1970To9999) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatUtc(951782400), "2000-02-29T00:00:00Z");  // a leap day of a century year
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> any(0, 253402300799);
  for (int i = 0; i < 20000; ++i) {
    const int64_t t = any(rng);
    ASSERT_EQ(FormatUtc(t), date::format("%FT%TZ", date::sys_seconds{std::chrono::seconds{t}})) << t;
  }
}

TEST(Env, TheDataFolderFollowsGpuscoutHomeThenXdgThenHome) {
  FakeEnv env;
  EXPECT_EQ(env.DataDir(), "./.local/share/gpuscout");
  env.vars["HOME"] = "/home/u";
  EXPECT_EQ(env.DataDir(), "/home/u/.local/share/gpuscout");
  env.vars["XDG_DATA_HOME"] = "/data";
  EXPECT_EQ(env.DataDir(), "/data/gpuscout");
  env.vars["GPUSCOUT_HOME"] = "";  // empty counts as unset
  EXPECT_EQ(env.DataDir(), "/data/gpuscout");
  env.vars["GPUSCOUT_HOME"] = "/g";
  EXPECT_EQ(env.DataDir(), "/g");
  EXPECT_GT(Env::System().Now(), 1'700'000'000);  // the real clock is after November 2023
}

}  // namespace
}  // namespace gpuscout
