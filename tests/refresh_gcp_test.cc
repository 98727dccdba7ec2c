// catalog refresh --vendor gcp against a loopback Cloud Billing Catalog API
// (services.skus.list, two pages) that checks the API key as Google's does.
// A2's published us-central1 rates (per vCPU-hour 0.031611, per GiB-hour
// 0.004237, A100 40GB 2.933908) compose a2-highgpu-1g's 12 vCPUs, 85 GiB and
// one GPU into GCP's published 3.673385 USD/hour, the figure the snapshot's
// SkyPilot row (host + GPU) also carries; a wrong key is "key rejected"
// (exit 3, one request); malformed pages store nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <sstream>

#include "cli/app.h"
#include "keyed_refresh.h"
#include "loopback.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kKey = "AIzaLoopbackKey";

json Sku(const std::string& description, const std::string& usage, const std::string& units, int64_t nanos,
         const std::vector<std::string>& regions) {
  return {{"name", "services/6F81-5844-456A/skus/X"},
          {"description", description},
          {"category", {{"serviceDisplayName", "Compute Engine"}, {"resourceFamily", "Compute"}, {"usageType", usage}}},
          {"serviceRegions", regions},
          {"pricingInfo",
           {{{"pricingExpression",
              {{"usageUnit", "h"},
               {"tieredRates", {{{"startUsageAmount", 0}, {"unitPrice", {{"currencyCode", "USD"}, {"units", units}, {"nanos", nanos}}}}}}}}}}}};
}

struct FakeBilling {
  bool malformed = false;
  bool endless = false;  // every page names the same next page
  int throttle_first = 0;  // 429 RESOURCE_EXHAUSTED with Retry-After: 0 this many times first
  std::atomic<int> calls{0};
  void Routes(httplib::Server& s) {
    s.Get("/v1/services/6F81-5844-456A/skus", [this](const httplib::Request& req, httplib::Response& res) {
      ++calls;
      if (throttle_first > 0) {
        --throttle_first;
        res.status = 429;
        res.set_header("Retry-After", "0");
        res.set_content(R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}})", "application/json");
        return;
      }
      if (req.get_header_value("X-goog-api-key") != kKey || req.has_param("key")) {
        res.status = 400;
        res.set_content(R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}})",
                        "application/json");
        return;
      }
      const std::vector<std::string> central = {"us-central1"};
      json page;
      if (req.get_param_value("pageToken").empty()) {
        page = {{"skus", {Sku("A2 Instance Core running in Americas", "OnDemand", "0", 31611000, central),
                          Sku("A2 Instance Ram running in Americas", "OnDemand", "0", 4237000, central),
                          Sku("Spot Preemptible A2 Instance Core running in Americas", "Preemptible", "0", 9483000, central),
                          Sku("Spot Preemptible A2 Instance Ram running in Americas", "Preemptible", "0", 1271000, central),
                          Sku("Commitment v1: A2 Cpu in Americas for 1 Year", "Commit1Yr", "0", 19915000, central)}},
                {"nextPageToken", "p2"}};
      } else if (endless) {
        page = {{"skus", json::array()}, {"nextPageToken", "p2"}};
      } else {
        page = {{"skus", {Sku("Nvidia Tesla A100 GPU running in Americas", "OnDemand", "2", 933908000, central),
                          Sku("Nvidia Tesla A100 GPU attached to Spot Preemptible VMs running in Americas", "Preemptible", "0", 880200000, central),
                          Sku("Spot Preemptible Nvidia Tesla A100 GPU running in Americas", "Preemptible", "0", 880200000, central)}},
                {"nextPageToken", ""}};
      }
      const std::string body = page.dump();
      res.set_content(malformed ? body.substr(0, 150) : body, "application/json");
    });
  }
};

class GcpRefreshTest : public KeyedRefreshTest {
 protected:
  GcpRefreshTest() : KeyedRefreshTest("gcp", "us-central1", {{"GOOGLE_API_KEY", kKey}}) {}
};

TEST_F(GcpRefreshTest, A2HighgpuIsComposedToGcpsPublishedPrice) {
  FakeBilling api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 2);  // both pages
  EXPECT_EQ((r.out + r.err).find(kKey), std::string::npos);  // a header, never in a URL an error prints
  Ran offers = Cli({"offers", "--vendor", "gcp", "--gpu", "A100-40GB", "--all-regions", "--format", "json"});
  ASSERT_EQ(offers.code, 0) << offers.err;
  int zones = 0;
  for (const auto& o : json::parse(offers.out)) {
    if (o["instance_type"] != "a2-highgpu-1g" || o["region"] != "us-central1") continue;
    ++zones;
    EXPECT_NEAR(o["price_hour"].get<double>(), 3.673385, 1e-6);
    EXPECT_NEAR(o["spot_price_hour"].get<double>(), 12 * 0.009483 + 85 * 0.001271 + 0.8802, 1e-6);
    EXPECT_NE(o["price_source"].get<std::string>().find("fetched"), std::string::npos);
  }
  EXPECT_GE(zones, 1);
}

TEST_F(GcpRefreshTest, ThrottlingIsWaitedOut) {
  FakeBilling api;
  api.throttle_first = 1;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 3);  // the refusal, then both pages
}

TEST_F(GcpRefreshTest, AWrongKeyIsRejectedOnce) {
  ::setenv("GOOGLE_API_KEY", "nope", 1);
  FakeBilling api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 3);
  EXPECT_NE((r.out + r.err).find("key rejected"), std::string::npos) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("INVALID_ARGUMENT"), std::string::npos);
  EXPECT_EQ(api.calls, 1);
  EXPECT_FALSE(Stored());
}

TEST_F(GcpRefreshTest, AMalformedPageStoresNothing) {
  FakeBilling api;
  api.malformed = true;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(Stored());
}

TEST_F(GcpRefreshTest, PagingThatWouldNotEndStops) {
  FakeBilling api;
  api.endless = true;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("nextPageToken"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(api.calls, 2);  // the second page names itself again
  EXPECT_FALSE(Stored());
}

TEST_F(GcpRefreshTest, WithoutAKeyTheVariableIsNamed) {
  ::unsetenv("GOOGLE_API_KEY");
  Ran r = Refresh("http://127.0.0.1:9");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("GOOGLE_API_KEY"), std::string::npos);
}

}  // namespace
}  // namespace gpuscout
