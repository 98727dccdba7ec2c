// The fixture of the keyed vendors' refresh tests (Tencent, Alibaba, GCP,
// Lambda): a fresh GPUSCOUT_HOME per test, the vendor's key variables set
// (and unset after), and the CLI run in-process.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.h"

namespace gpuscout {

class KeyedRefreshTest : public ::testing::Test {
 protected:
  using Env = std::vector<std::pair<std::string, std::string>>;
  KeyedRefreshTest(std::string vendor, std::string regions, Env env)
      : vendor_(std::move(vendor)), regions_(std::move(regions)), env_(std::move(env)) {}

  void SetUp() override {
    home_ = std::filesystem::temp_directory_path() /
            ("gpuscout-" + vendor_ + "-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(home_);
    ::setenv("GPUSCOUT_HOME", home_.c_str(), 1);
    for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
  }
  void TearDown() override {
    for (const auto& [name, value] : env_) ::unsetenv(name.c_str());
    std::filesystem::remove_all(home_);
  }

  struct Ran {
    int code;
    std::string out, err;
  };
  static Ran Cli(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = cli::Run(args, out, err);
    return {code, out.str(), err.str()};
  }
  Ran Refresh(const std::string& base) const {
    return Cli({"catalog", "refresh", "--vendor", vendor_, "--region", regions_, "--endpoint", base});
  }
  bool Stored() const { return std::filesystem::exists(home_ / "catalog" / vendor_ / "gpuscout-refresh.csv"); }

  std::filesystem::path home_;

 private:
  std::string vendor_, regions_;
  Env env_;
};

}  // namespace gpuscout
