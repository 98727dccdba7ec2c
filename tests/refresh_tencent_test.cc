// catalog refresh --vendor tencent against a loopback server that answers
// DescribeZoneInstanceConfigInfos in the documented format and, as Tencent
// Cloud does, recomputes the TC3-HMAC-SHA256 signature of every request and
// checks its timestamp: a signed refresh stores per-zone prices of all three
// billing modes (a new GPU family with the API's own hardware, a sold-out
// type kept with its status); a wrong key is "signature rejected" (exit 3, one
// request, no retry); a skewed clock says so; throttling is waited out; a
// malformed answer stores nothing (exit 2); no key names the variables.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/atomic_file.h"
#include "cli/app.h"
#include "fetch/tc3.h"
#include "keyed_refresh.h"
#include "loopback.h"
#include "refresh/tencent.h"
#include "test_support.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;

constexpr const char* kId = "AKIDloopbacktest";
constexpr const char* kKey = "loopback-secret-key";

nlohmann::json Item(const std::string& type, const std::string& family, const std::string& zone, double gpus,
                    double cpus, double memory, const std::string& status, const nlohmann::json& price) {
  return {{"Zone", zone},   {"InstanceType", type}, {"InstanceFamily", family}, {"InstanceChargeType", ""},
          {"Status", status}, {"Cpu", cpus},        {"Memory", memory},         {"Gpu", gpus},
          {"GpuCount", gpus}, {"Price", price},     {"SoldOutReason", ""},      {"TypeName", family}};
}

// An ItemPrice for a billing mode: hourly prices for the two hourly modes, a
// month's for subscriptions (the documented fields).
nlohmann::json PriceFor(const std::string& charge, double hourly, double spot, double monthly) {
  if (charge == "PREPAID") return {{"OriginalPrice", monthly * 1.05}, {"DiscountPrice", monthly}, {"ChargeUnit", "MONTH"}};
  return {{"UnitPrice", charge == "SPOTPAID" ? spot : hourly}, {"UnitPriceDiscount", 0.0}, {"ChargeUnit", "HOUR"}};
}

struct FakeTencent {
  enum class Mode { kOk, kMalformed };
  Mode mode = Mode::kOk;
  int throttle_first = 0;        // answer RequestLimitExceeded this many times first
  int64_t clock_offset_s = 0;    // the server's clock against ours
  std::atomic<int> calls{0};
  std::atomic<int> rejected{0};

  nlohmann::json Answer(const std::string& charge) const {
    nlohmann::json set = nlohmann::json::array();
    set.push_back(Item("GN7.2XLARGE32", "GN7", "ap-guangzhou-3", 1, 8, 32, "SELL", PriceFor(charge, 8.68, 2.6, 4200)));
    set.push_back(Item("GN7.LARGE20", "GN7", "ap-guangzhou-3", 0.25, 4, 20, "SELL", PriceFor(charge, 2.1, 0.7, 1000)));
    set.push_back(Item("PNV4.7XLARGE116", "PNV4", "ap-guangzhou-7", 1, 28, 116, "SELL", PriceFor(charge, 13.5, 4.0, 6500)));
    set.push_back(Item("GT4.41XLARGE948", "GT4", "ap-guangzhou-4", 8, 164, 948, "SOLD_OUT", PriceFor(charge, 250, 80, 110000)));
    set.push_back(Item("HCCPNV5.24XLARGE384", "HCCPNV5", "ap-guangzhou-6", 8, 96, 384, "SELL", PriceFor(charge, 300, 0, 150000)));
    set.push_back(Item("S5.LARGE8", "S5", "ap-guangzhou-3", 0, 2, 8, "SELL", PriceFor(charge, 0.5, 0.1, 200)));
    return {{"Response", {{"InstanceTypeQuotaSet", set}, {"RequestId", "req-ok-1"}}}};
  }

  static std::string ErrorAnswer(const std::string& code, const std::string& message) {
    return nlohmann::json{{"Response", {{"Error", {{"Code", code}, {"Message", message}}}, {"RequestId", "req-err-7"}}}}.dump();
  }

  // What Tencent Cloud does first: the signature, then the timestamp.
  std::string Verify(const httplib::Request& req) const {
    const std::string auth = req.get_header_value("Authorization");
    const std::string prefix = std::string("TC3-HMAC-SHA256 Credential=") + kId + "/";
    if (auth.rfind(prefix, 0) != 0) return ErrorAnswer("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
    Tc3Request r;
    r.host = req.get_header_value("Host");
    r.service = "cvm";
    r.content_type = req.get_header_value("Content-Type");
    r.payload = req.body;
    r.timestamp = std::stoll(req.get_header_value("X-TC-Timestamp"));
    if (auth != Tc3Authorization(r, {kId, kKey, ""})) {
      return ErrorAnswer("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
    }
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
        clock_offset_s;
    if (std::llabs(now - r.timestamp) > 300) return ErrorAnswer("AuthFailure.SignatureExpire", "Signature expired.");
    return "";
  }

  void Routes(httplib::Server& s) {
    s.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      ++calls;
      if (const std::string error = Verify(req); !error.empty()) {
        ++rejected;
        res.set_content(error, "application/json");
        return;
      }
      if (req.get_header_value("X-TC-Action") != "DescribeZoneInstanceConfigInfos" ||
          req.get_header_value("X-TC-Region") != "ap-guangzhou") {
        res.set_content(ErrorAnswer("InvalidParameter", "unexpected action or region"), "application/json");
        return;
      }
      if (throttle_first > 0) {
        --throttle_first;
        res.set_content(ErrorAnswer("RequestLimitExceeded", "Your request frequency has exceeded the limit."), "application/json");
        return;
      }
      const nlohmann::json body = nlohmann::json::parse(req.body);
      const std::string charge = body["Filters"][0]["Values"][0];
      if (mode == Mode::kMalformed && charge == "PREPAID") {
        res.set_content(Answer(charge).dump().substr(0, 300), "application/json");
        return;
      }
      res.set_content(Answer(charge).dump(), "application/json");
    });
  }
};

class TencentRefreshTest : public KeyedRefreshTest {
 protected:
  TencentRefreshTest() : KeyedRefreshTest("tencent", "ap-guangzhou", {{"TENCENTCLOUD_SECRET_ID", kId}, {"TENCENTCLOUD_SECRET_KEY", kKey}}) {}
  static nlohmann::json Offers(const std::string& gpu) {
    Ran r = Cli({"offers", "--vendor", "tencent", "--gpu", gpu, "--all-regions", "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(TencentRefreshTest, SignedRefreshStoresEveryBillingModePerZone) {
  FakeTencent api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 3);  // one region, three billing modes
  EXPECT_EQ(api.rejected, 0);
  EXPECT_NE(r.out.find("HCCPNV5.24XLARGE384 (family HCCPNV5, 8 GPUs)"), std::string::npos) << r.out;  // not guessed

  bool saw_t4 = false, saw_slice = false;
  for (const auto& o : Offers("T4")) {
    if (o["region"] != "ap-guangzhou") continue;
    if (o["instance_type"] == "GN7.2XLARGE32") {
      saw_t4 = true;
      EXPECT_EQ(o["zone"], "ap-guangzhou-3");
      EXPECT_EQ(o["currency"], "CNY");
      EXPECT_DOUBLE_EQ(o["price_hour"].get<double>(), 8.68);
      EXPECT_DOUBLE_EQ(o["spot_price_hour"].get<double>(), 2.6);
      EXPECT_DOUBLE_EQ(o["monthly_price"].get<double>(), 4200);  // the discounted month, not the list 4410
      EXPECT_TRUE(o["availability"].is_null());
    }
    if (o["instance_type"] == "GN7.LARGE20") {
      saw_slice = true;  // a quarter of a T4, its memory a quarter of 16 GiB
      EXPECT_DOUBLE_EQ(o["gpu_count"].get<double>(), 0.25);
      EXPECT_DOUBLE_EQ(o["gpu_mem_gib"].get<double>(), 4);
    }
  }
  EXPECT_TRUE(saw_t4 && saw_slice);
  // A family the snapshot never listed, with the API's own hardware.
  bool saw_a10 = false;
  for (const auto& o : Offers("A10")) {
    if (o["instance_type"] != "PNV4.7XLARGE116") continue;
    saw_a10 = true;
    EXPECT_EQ(o["zone"], "ap-guangzhou-7");
    EXPECT_DOUBLE_EQ(o["vcpus"].get<double>(), 28);
    EXPECT_DOUBLE_EQ(o["mem_gib"].get<double>(), 116);
  }
  EXPECT_TRUE(saw_a10);
  // The price history has the refreshed point.
  Ran history = Cli({"prices", "history", "--vendor", "tencent", "--instance", "GN7.2XLARGE32", "--region", "ap-guangzhou",
                     "--format", "json"});
  ASSERT_EQ(history.code, 0) << history.err;
  EXPECT_NE(history.out.find("8.68"), std::string::npos) << history.out;
  // In Chinese, Tencent's own name of the region beside its ID.
  Ran zh = Cli({"--lang", "zh", "offers", "--vendor", "tencent", "--gpu", "A10", "--all-regions"});
  EXPECT_NE(zh.out.find("华南地区（广州） ap-guangzhou"), std::string::npos) << zh.out;
  // Sold out: kept with its status, never recommended.
  bool saw_sold_out = false;
  for (const auto& o : Offers("A100-40GB")) {
    if (o["instance_type"] == "GT4.41XLARGE948" && o["region"] == "ap-guangzhou") {
      saw_sold_out = o["availability"] == "sold-out";
    }
  }
  EXPECT_TRUE(saw_sold_out);
  Ran rec = Cli({"recommend", "--task", "lora", "--model", "Llama-3.1-8B", "--vendor", "tencent", "--region", "ap-guangzhou",
                 "--gpu", "A100-40GB", "--gpus", "8", "--format", "json"});
  const nlohmann::json answer = nlohmann::json::parse(rec.out);
  for (const auto& c : answer["candidates"]) EXPECT_NE(c["instance_type"], "GT4.41XLARGE948");
  EXPECT_GT(answer["rejected"].value("sold_out", 0), 0) << rec.out;
  // Spot and monthly prices from the refresh are what recommend prices.
  for (const char* purchase : {"spot", "monthly"}) {
    Ran priced = Cli({"recommend", "--task", "cnn-train", "--model", "ResNet-50", "--vendor", "tencent", "--region",
                      "ap-guangzhou", "--gpu", "T4", "--currency", "CNY", "--purchase", purchase, "--format", "json"});
    ASSERT_EQ(priced.code, 0) << priced.err;
    bool saw = false;
    const nlohmann::json answer_json = nlohmann::json::parse(priced.out);
    for (const auto& c : answer_json["candidates"]) {
      if (c["instance_type"] != "GN7.2XLARGE32") continue;
      saw = true;
      EXPECT_EQ(c["purchase"], purchase);
      if (std::string(purchase) == "spot") EXPECT_DOUBLE_EQ(c["price_hour"].get<double>(), 2.6) << c.dump();
      else EXPECT_DOUBLE_EQ(c["price_month"].get<double>(), 4200) << c.dump();
    }
    EXPECT_TRUE(saw) << purchase << ": " << priced.out;
  }
  // catalog info names the refresh as Tencent's prices' origin.
  Ran info = Cli({"catalog", "info", "--format", "json"});
  ASSERT_EQ(info.code, 0) << info.err;
  bool refreshed = false;
  const nlohmann::json info_json = nlohmann::json::parse(info.out);
  for (const auto& p : info_json["prices"]) {
    refreshed |= p["vendor"] == "tencent" && p["origin"] == "refresh";
  }
  EXPECT_TRUE(refreshed) << info.out;
}

TEST_F(TencentRefreshTest, AWrongKeyIsASignatureRejectedOnceAndNothingChanges) {
  ::setenv("TENCENTCLOUD_SECRET_KEY", "not-the-key", 1);
  FakeTencent api;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  const std::string all = r.out + r.err;
  EXPECT_NE(all.find("signature rejected"), std::string::npos) << all;
  EXPECT_NE(all.find("AuthFailure.SignatureFailure"), std::string::npos) << all;
  EXPECT_NE(all.find("req-err-7"), std::string::npos) << all;  // the vendor's request id
  EXPECT_EQ(all.find("not-the-key"), std::string::npos);       // never printed
  EXPECT_EQ(api.calls, 1);  // never retried
  EXPECT_FALSE(Stored());
}

TEST_F(TencentRefreshTest, ASkewedClockIsNamed) {
  FakeTencent api;
  api.clock_offset_s = 3600;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 3);
  EXPECT_NE((r.out + r.err).find("clock"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(api.calls, 1);
}

TEST_F(TencentRefreshTest, ThrottlingIsWaitedOut) {
  FakeTencent api;
  api.throttle_first = 2;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.calls, 5);  // two refusals, then the three modes
  EXPECT_TRUE(Stored());
}

TEST_F(TencentRefreshTest, AMalformedAnswerStoresNothing) {
  FakeTencent api;
  api.mode = FakeTencent::Mode::kMalformed;
  Loopback server([&](httplib::Server& s) { api.Routes(s); });
  Ran r = Refresh(server.Url());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("PREPAID"), std::string::npos) << r.out << r.err;  // names the call
  EXPECT_FALSE(Stored());
}

TEST_F(TencentRefreshTest, WithoutAKeyTheVariablesAreNamed) {
  ::unsetenv("TENCENTCLOUD_SECRET_KEY");
  Ran r = Refresh("http://127.0.0.1:9");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE((r.out + r.err).find("TENCENTCLOUD_SECRET_KEY"), std::string::npos) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("TENCENTCLOUD_SECRET_ID"), std::string::npos);
}

TEST(TencentAnswer, FieldsOfTheWrongTypeAreNamed) {
  std::vector<std::string> unmapped;
  const auto& families = VendorFamilies::Embedded(testing::RealGpus());
  auto bad = ReadTencentZoneConfigs(
      R"({"Response":{"InstanceTypeQuotaSet":[{"Zone":"z","InstanceType":"GN7.2XLARGE32","InstanceFamily":"GN7",
      "Status":"SELL","Cpu":8,"Memory":32,"GpuCount":"one","Price":{}}],"RequestId":"r"}})",
      "u", "ap-guangzhou", "POSTPAID_BY_HOUR", families, testing::RealGpus(), unmapped);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ExitCode::kBadInput);
  EXPECT_EQ(bad.error().field, "Response.InstanceTypeQuotaSet[0].GpuCount") << bad.error().Format();
}

}  // namespace
}  // namespace gpuscout
