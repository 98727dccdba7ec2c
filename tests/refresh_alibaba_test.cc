// catalog refresh --vendor alibaba against a loopback ECS API that answers in
// the documented formats (DescribeInstanceTypes paged by NextToken,
// DescribeAvailableResource, DescribePrice, DescribeSpotPriceHistory) and, as
// Alibaba Cloud does, recomputes every request's ACS3-HMAC-SHA256 signature
// and checks its date: per-zone prices of all three purchase options, a
// sold-out zone kept with its status, a GPU model the table lacks left out;
// a wrong key is "signature rejected" (exit 3, one request); a skewed clock
// says so; throttling is waited out; a malformed answer stores nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <sstream>

#include "base/atomic_file.h"
#include "cli/app.h"
#include "fetch/acs3.h"
#include "refresh/alibaba.h"
#include "refresh/gcp.h"
#include "refresh/lambda.h"
#include "refresh/tencent.h"
#include "test_support.h"
#include "keyed_refresh.h"
#include "loopback.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kId = "LTAIloopbacktest";
constexpr const char* kSecret = "loopback-access-key-secret";

json GpuType(const std::string& id, const std::string& spec, double gpus, double gpu_memory, double cpus, double memory) {
  return {{"InstanceTypeId", id}, {"InstanceTypeFamily", id.substr(0, id.rfind('.'))}, {"GPUSpec", spec},
          {"GPUAmount", gpus},    {"GPUMemorySize", gpu_memory},                      {"CpuCoreCount", cpus},
          {"MemorySize", memory}};
}

json Supported(const std::string& type, const std::string& category) {
  return {{"Value", type}, {"Status", "Available"}, {"StatusCategory", category}};
}

struct FakeEcs {
  enum class Mode { kOk, kMalformedPrice };
  Mode mode = Mode::kOk;
  int throttle_first = 0;
  int skew_minutes = 0;
  std::atomic<int> calls{0};

  static std::string Refusal(const std::string& code, const std::string& message) {
    return json{{"RequestId", "ali-req-42"}, {"HostId", "ecs.aliyuncs.com"}, {"Code", code}, {"Message", message}}.dump();
  }

  // The signature over what arrived, as Alibaba's gateway computes it.
  static std::string Verify(const httplib::Request& req) {
    Acs3Request r;
    r.method = req.method;
    r.host = req.get_header_value("Host");
    r.action = req.get_header_value("x-acs-action");
    r.version = req.get_header_value("x-acs-version");
    r.date = req.get_header_value("x-acs-date");
    r.nonce = req.get_header_value("x-acs-signature-nonce");
    for (const auto& [k, v] : req.params) r.query.emplace_back(k, v);
    if (req.get_header_value("Authorization") != Acs3Authorization(r, {kId, kSecret, ""})) {
      return Refusal("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    return "";
  }

  json Answer(const httplib::Request& req) {
    const std::string action = req.get_header_value("x-acs-action");
    if (action == "DescribeInstanceTypes") {
      if (req.get_param_value("NextToken").empty()) {
        return {{"InstanceTypes", {{"InstanceType", {GpuType("ecs.gn7i-c8g1.2xlarge", "NVIDIA A10", 1, 24, 8, 30)}}}},
                {"NextToken", "page-2"}, {"RequestId", "r1"}};
      }
      return {{"InstanceTypes",
               {{"InstanceType",
                 {GpuType("ecs.gn8is.2xlarge", "NVIDIA L20", 1, 48, 8, 64),
                  GpuType("ecs.gn7x.8xlarge", "NVIDIA Z900", 1, 80, 32, 256)}}}},
              {"NextToken", ""}, {"RequestId", "r2"}};
    }
    if (action == "DescribeAvailableResource") {
      json zone_h = {{"ZoneId", "cn-beijing-h"}, {"Status", "Available"},
                     {"AvailableResources", {{"AvailableResource", {{{"Type", "InstanceType"},
                       {"SupportedResources", {{"SupportedResource", {Supported("ecs.gn7i-c8g1.2xlarge", "WithStock"),
                                                                       Supported("ecs.gn8is.2xlarge", "WithStock"),
                                                                       Supported("ecs.g7.large", "WithStock")}}}}}}}}}};
      json zone_k = {{"ZoneId", "cn-beijing-k"}, {"Status", "Available"},
                     {"AvailableResources", {{"AvailableResource", {{{"Type", "InstanceType"},
                       {"SupportedResources", {{"SupportedResource", {Supported("ecs.gn7i-c8g1.2xlarge", "WithoutStock")}}}}}}}}}};
      return {{"AvailableZones", {{"AvailableZone", {zone_h, zone_k}}}}, {"RequestId", "r3"}};
    }
    if (action == "DescribePrice") {
      const bool month = req.get_param_value("PriceUnit") == "Month";
      const bool l20 = req.get_param_value("InstanceType") == "ecs.gn8is.2xlarge";
      const double trade = month ? (l20 ? 9800 : 5600) : (l20 ? 19.5 : 11.2);
      if (mode == Mode::kMalformedPrice && month) return {{"PriceInfo", {{"Price", {{"TradePrice", "cheap"}}}}}};
      return {{"PriceInfo", {{"Price", {{"OriginalPrice", trade * 1.2}, {"DiscountPrice", trade * 0.2}, {"TradePrice", trade},
                                        {"Currency", "CNY"}}}}},
              {"RequestId", "r4"}};
    }
    if (action == "DescribeSpotPriceHistory") {
      json points = json::array();
      points.push_back({{"ZoneId", "cn-beijing-h"}, {"InstanceType", req.get_param_value("InstanceType")},
                        {"SpotPrice", 3.1}, {"OriginPrice", 11.2}, {"Timestamp", "2026-11-01T00:00:00Z"}});
      points.push_back({{"ZoneId", "cn-beijing-h"}, {"InstanceType", req.get_param_value("InstanceType")},
                        {"SpotPrice", 2.4}, {"OriginPrice", 11.2}, {"Timestamp", "2026-11-29T00:00:00Z"}});
      return {{"SpotPrices", {{"SpotPriceType", points}}}, {"NextOffset", 0}, {"Currency", "CNY"}, {"RequestId", "r5"}};
    }
    return json::object();
  }

  void Routes(httplib::Server& s) {
    s.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      ++calls;
      if (const std::string refusal = Verify(req); !refusal.empty()) {
        res.status = 400;
        res.set_content(refusal, "application/json");
        return;
      }
      if (skew_minutes) {
        res.status = 400;
        res.set_content(Refusal("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."), "application/json");
        return;
      }
      if (throttle_first > 0) {
        --throttle_first;
        res.status = 400;
        res.set_content(Refusal("Throttling.User", "Request was denied due to user flow control."), "application/json");
        return;
      }
      res.set_content(Answer(req).dump(), "application/json");
    });
  }
};

class AlibabaRefreshTest : public KeyedRefreshTest {
 protected:
  AlibabaRefreshTest() : KeyedRefreshTest("alibaba", "cn-beijing", {{"ALIBABA_CLOUD_ACCESS_KEY_ID", kId}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", kSecret}}) {}
};

TEST_F(AlibabaRefreshTest, SignedRefreshStoresZonesPricesAndStatus) {
  FakeEcs api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  // Two pages of types, the zones, and per type: hour, month, spot.
  EXPECT_EQ(api.calls, 2 + 1 + 2 * 3);
  EXPECT_NE(r.out.find("ecs.gn7x.8xlarge (NVIDIA Z900)"), std::string::npos) << r.out;  // a model the table lacks
  EXPECT_NE(r.out.find("ecs.gn7i-c8g1.2xlarge cn-beijing 2.4-3.1"), std::string::npos) << r.out;  // the 30-day range

  json rows = json::array();
  for (const char* gpu : {"A10", "L20"}) {
    Ran offers = Cli({"offers", "--vendor", "alibaba", "--gpu", gpu, "--all-regions", "--format", "json"});
    ASSERT_EQ(offers.code, 0) << offers.err;
    for (const auto& o : json::parse(offers.out)) rows.push_back(o);
  }
  bool saw_h = false, saw_k = false, saw_l20 = false;
  for (const auto& o : rows) {
    if (o["instance_type"] == "ecs.gn7i-c8g1.2xlarge" && o["zone"] == "cn-beijing-h") {
      saw_h = true;
      EXPECT_DOUBLE_EQ(o["price_hour"].get<double>(), 11.2);  // TradePrice, what is paid
      EXPECT_DOUBLE_EQ(o["monthly_price"].get<double>(), 5600);
      EXPECT_DOUBLE_EQ(o["spot_price_hour"].get<double>(), 2.4);  // the latest point, not the older 3.1
      EXPECT_EQ(o["currency"], "CNY");
      EXPECT_TRUE(o["availability"].is_null());
    }
    if (o["instance_type"] == "ecs.gn7i-c8g1.2xlarge" && o["zone"] == "cn-beijing-k") {
      saw_k = o["availability"] == "sold-out";
    }
    if (o["instance_type"] == "ecs.gn8is.2xlarge") {
      saw_l20 = o["gpu"] == "L20" && o["gpu_count"] == 1 && o["vcpus"] == 8;
    }
  }
  EXPECT_TRUE(saw_h) << rows.dump();
  EXPECT_TRUE(saw_k);
  EXPECT_TRUE(saw_l20);
  Ran rec = Cli({"recommend", "--task", "cnn-train", "--model", "ResNet-50", "--vendor", "alibaba", "--region", "cn-beijing",
                 "--currency", "CNY", "--format", "json"});
  ASSERT_EQ(rec.code, 0) << rec.err;
  const json answer = json::parse(rec.out);
  for (const auto& c : answer["candidates"]) EXPECT_NE(c["zone"], "cn-beijing-k");
  EXPECT_GT(answer["rejected"].value("sold_out", 0), 0);
}

TEST_F(AlibabaRefreshTest, AWrongSecretIsASignatureRejectedOnce) {
  ::setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-secret", 1);
  FakeEcs api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 3);
  const std::string all = r.out + r.err;
  EXPECT_NE(all.find("signature rejected"), std::string::npos) << all;
  EXPECT_NE(all.find("ali-req-42"), std::string::npos) << all;
  EXPECT_EQ(all.find("not-the-secret"), std::string::npos);
  EXPECT_EQ(api.calls, 1);
  EXPECT_FALSE(Stored());
}

TEST_F(AlibabaRefreshTest, ASkewedClockIsNamed) {
  FakeEcs api;
  api.skew_minutes = 20;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 3);
  EXPECT_NE((r.out + r.err).find("clock"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(api.calls, 1);
}

TEST_F(AlibabaRefreshTest, ThrottlingIsWaitedOut) {
  FakeEcs api;
  api.throttle_first = 2;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 2 + 2 + 1 + 2 * 3);
}

TEST_F(AlibabaRefreshTest, AMalformedAnswerStoresNothing) {
  FakeEcs api;
  api.mode = FakeEcs::Mode::kMalformedPrice;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("TradePrice"), std::string::npos) << r.out << r.err;
  EXPECT_FALSE(Stored());
}

TEST_F(AlibabaRefreshTest, WithoutAKeyTheVariablesAreNamed) {
  ::unsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
  Ran r = Refresh("http://127.0.0.1:9");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("ALIBABA_CLOUD_ACCESS_KEY_ID"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

TEST(KeyedVendorAnswers, MembersOfTheWrongTypeReadAsMissingNeverThrow) {
  // nlohmann's value() throws on a member of another type: every reader uses
  // refresh/json_fields.h instead, so these answers are errors or nothing.
  const GpuTable& gpus = testing::RealGpus();
  EXPECT_NO_THROW({
    (void)ReadAlibabaAnswer("DescribeInstanceTypes", R"({"InstanceTypes":{"InstanceType":[7,{"InstanceTypeId":3}]},"NextToken":5})", gpus);
    (void)ReadAlibabaAnswer("DescribeAvailableResource", R"({"AvailableZones":{"AvailableZone":[1,{"ZoneId":2,"AvailableResources":{"AvailableResource":[{"SupportedResources":{"SupportedResource":[3,{"Value":4}]}}]}}]}})", gpus);
    (void)ReadAlibabaAnswer("DescribePrice", R"({"PriceInfo":{"Price":[]}})", gpus);
    (void)ReadAlibabaAnswer("DescribeSpotPriceHistory", R"({"SpotPrices":{"SpotPriceType":[1,{"SpotPrice":"x","ZoneId":[]}]},"NextOffset":"9"})", gpus);
    (void)ReadAlibabaAnswer("RunInstances", R"({"Code":5,"Message":[],"RequestId":{}})", gpus);
  });
  EXPECT_FALSE(ReadAlibabaAnswer("DescribeInstanceTypes", R"({"InstanceTypes":{"InstanceType":[{"InstanceTypeId":3}]}})", gpus));
  std::vector<std::string> notes;
  GcpRates rates;
  EXPECT_NO_THROW({
    (void)ReadGcpSkuPage(R"({"skus":[{"description":"A2 Instance Core running in Americas","category":{"usageType":"OnDemand"},"serviceRegions":"x","pricingInfo":[{"pricingExpression":{"tieredRates":[5]}}]}],"nextPageToken":7})", "u", gpus, rates);
    (void)ReadTencentZoneConfigs(R"({"Response":{"Error":{"Code":5,"Message":[]},"RequestId":6}})", "u", "r", "PREPAID",
                                 VendorFamilies::Embedded(gpus), gpus, notes);
    (void)ReadLambdaInstanceTypes(R"({"data":{"x":{"instance_type":{"price_cents_per_hour":1,"gpu_description":5,"specs":{"gpus":1}}}}})", "u", {"r"}, gpus, notes);
  });
}

}  // namespace
}  // namespace gpuscout
