// catalog refresh --vendor lambda against a loopback Cloud API that checks
// the bearer key as Lambda's does and answers GET /api/v1/instance-types in
// the documented format: one price per type for every region, regions without
// capacity marked sold out, a type of a new GPU with the API's own specs; a
// wrong key is "key rejected" (exit 3, one request); malformed JSON stores
// nothing (exit 2); no key names LAMBDA_API_KEY.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.h"
#include "keyed_refresh.h"
#include "loopback.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kKey = "secret_loopback_key";

json Type(const std::string& gpu, int cents, double gpus, double vcpus, double memory, const std::vector<std::string>& regions) {
  json capacity = json::array();
  for (const auto& r : regions) capacity.push_back({{"name", r}, {"description", r}});
  return {{"instance_type",
           {{"name", ""}, {"description", gpu}, {"gpu_description", gpu}, {"price_cents_per_hour", cents},
            {"specs", {{"vcpus", vcpus}, {"memory_gib", memory}, {"storage_gib", 512}, {"gpus", gpus}}}}},
          {"regions_with_capacity_available", capacity}};
}

struct FakeLambda {
  bool malformed = false;
  int throttle_first = 0;  // 429 with Retry-After: 0 this many times first
  std::atomic<int> calls{0};
  void Routes(httplib::Server& s) {
    s.Get("/api/v1/instance-types", [this](const httplib::Request& req, httplib::Response& res) {
      ++calls;
      if (throttle_first > 0) {
        --throttle_first;
        res.status = 429;
        res.set_header("Retry-After", "0");
        res.set_content(R"({"error":{"code":"global/quota-exceeded","message":"Too many requests"}})", "application/json");
        return;
      }
      if (req.get_header_value("Authorization") != std::string("Bearer ") + kKey) {
        res.status = 401;
        res.set_content(R"({"error":{"code":"global/invalid-api-key","message":"API key was invalid, expired, or deleted."}})",
                        "application/json");
        return;
      }
      json data;
      data["gpu_1x_a10"] = Type("A10 (24 GB PCIe)", 75, 1, 30, 200, {"us-east-1"});
      data["gpu_8x_h100_sxm5"] = Type("H100 (80 GB SXM5)", 2392, 8, 208, 1800, {"us-east-1", "us-west-1"});
      data["gpu_1x_zz9"] = Type("ZZ9 (99 GB)", 500, 1, 16, 100, {"us-east-1"});
      data["cpu_4x_general"] = Type("", 20, 0, 4, 16, {"us-east-1"});
      const std::string body = json{{"data", data}}.dump();
      res.set_content(malformed ? body.substr(0, 200) : body, "application/json");
    });
  }
};

class LambdaRefreshTest : public KeyedRefreshTest {
 protected:
  LambdaRefreshTest() : KeyedRefreshTest("lambda", "us-east-1,us-west-1", {{"LAMBDA_API_KEY", kKey}}) {}
};

TEST_F(LambdaRefreshTest, OnePricePerTypeAndRegionsWithoutCapacitySoldOut) {
  FakeLambda api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 1);
  EXPECT_NE(r.out.find("gpu_1x_zz9 (ZZ9 (99 GB))"), std::string::npos) << r.out;
  Ran offers = Cli({"offers", "--vendor", "lambda", "--gpu", "A10", "--all-regions", "--format", "json"});
  ASSERT_EQ(offers.code, 0) << offers.err;
  bool east = false, west = false;
  for (const auto& o : json::parse(offers.out)) {
    if (o["instance_type"] != "gpu_1x_a10") continue;
    if (o["region"] == "us-east-1") east = o["price_hour"] == 0.75 && o["availability"].is_null();
    if (o["region"] == "us-west-1") west = o["price_hour"] == 0.75 && o["availability"] == "sold-out";
  }
  EXPECT_TRUE(east && west) << offers.out;
}

TEST_F(LambdaRefreshTest, ThrottlingIsWaitedOut) {
  FakeLambda api;
  api.throttle_first = 1;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 2);
  EXPECT_TRUE(Stored());
}

TEST_F(LambdaRefreshTest, AWrongKeyIsRejectedOnce) {
  ::setenv("LAMBDA_API_KEY", "wrong", 1);
  FakeLambda api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 3);
  EXPECT_NE((r.out + r.err).find("key rejected"), std::string::npos) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("global/invalid-api-key"), std::string::npos);
  EXPECT_EQ(api.calls, 1);
  EXPECT_FALSE(Stored());
}

TEST_F(LambdaRefreshTest, MalformedJsonStoresNothing) {
  FakeLambda api;
  api.malformed = true;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(Stored());
}

TEST_F(LambdaRefreshTest, WithoutAKeyTheVariableIsNamed) {
  ::unsetenv("LAMBDA_API_KEY");
  Ran r = Refresh("http://127.0.0.1:9");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("LAMBDA_API_KEY"), std::string::npos);
}

TEST_F(LambdaRefreshTest, KeysComeFromACredentialsFileTooAndBadLinesAreNamed) {
  ::unsetenv("LAMBDA_API_KEY");
  FakeLambda api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  const fs::path file = home_ / "keys.env";
  fs::create_directories(home_);
  {
    std::ofstream f(file);
    f << "# the team's read-only keys\nLAMBDA_API_KEY=\"" << kKey << "\"\n";
  }
  Ran r = Cli({"catalog", "refresh", "--vendor", "lambda", "--region", "us-east-1", "--endpoint", server.Url(),
               "--credentials", file.string()});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ((r.out + r.err).find(kKey), std::string::npos);  // never printed
  {
    std::ofstream f(file);
    f << "LAMBDA_API_KEY=x\nLAMBDA_KEY=" << kKey << "\n";
  }
  Ran bad = Cli({"catalog", "refresh", "--vendor", "lambda", "--endpoint", server.Url(), "--credentials", file.string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("keys.env:2"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("LAMBDA_KEY"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find(kKey), std::string::npos) << bad.err;  // the value never
  ::unsetenv("LAMBDA_API_KEY");
}

}  // namespace
}  // namespace gpuscout
