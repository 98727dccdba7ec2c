// catalog refresh against a loopback server replaying the vendors' documented
// formats (tests/data/refresh/): the AWS offer file read as a stream, Azure's
// pages followed, prices joined with the catalog's hardware, stored all or
// nothing per vendor; a 429 then success, a 500 after retries (exit 3,
// nothing changed), a truncated page (exit 2 naming it), unknown types.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/atomic_file.h"
#include "catalog/freshness.h"
#include "cli/app.h"
#include "loopback.h"
#include "refresh/aws_offer_file.h"
#include "refresh/join.h"
#include "refresh/vendor_fetch.h"
#include "test_support.h"

namespace gpuscout {
namespace {

namespace fs = std::filesystem;

std::string Fixture(const std::string& name) {
  return *ReadFile(std::string(GPUSCOUT_SOURCE_DIR) + "/tests/data/refresh/" + name);
}

// What the loopback API answers: the fixtures, or a failure on Azure's pages.
struct Api {
  enum class Azure { kOk, kThrottledOnce, kAlways500, kTruncatedPage2, kForeignNextPage, kSlowFirstPage };
  Azure azure = Azure::kOk;
  bool aws_truncated = false;
  std::atomic<int> azure_calls{0};
  std::vector<std::string> ec2_actions;

  void Routes(httplib::Server& s, const std::string* base) {
    s.Get("/spot-advisor-data.json", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(Fixture("aws/spot-advisor-data.json"), "application/json");
    });
    s.Get("/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json", [this](const httplib::Request&, httplib::Response& res) {
      std::string body = Fixture("aws/us-east-1.json");
      if (aws_truncated) body.resize(body.size() / 2);
      res.set_content(body, "application/json");
    });
    // The EC2 Query API (spot prices, zone IDs): signed requests only.
    s.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string auth = req.get_header_value("Authorization");
      if (auth.rfind("AWS4-HMAC-SHA256 Credential=AKIDTEST/", 0) != 0 ||
          auth.find("/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=") == std::string::npos ||
          req.get_header_value("X-Amz-Date").size() != 16) {
        res.status = 401;
        return;
      }
      ec2_actions.push_back(req.get_param_value("Action"));
      if (req.get_param_value("Action") == "DescribeAvailabilityZones") {
        res.set_content(Fixture("aws/describe-availability-zones.xml"), "text/xml");
      } else if (req.get_param_value("ProductDescription.1") == "Linux/UNIX") {
        const bool second = req.get_param_value("NextToken") == "page2";
        res.set_content(Fixture(second ? "aws/describe-spot-price-history-2.xml" : "aws/describe-spot-price-history-1.xml"),
                        "text/xml");
      } else {
        res.status = 400;
      }
    });
    s.Get("/api/v0/bundles/", [](const httplib::Request& req, httplib::Response& res) {
      // The search query is JSON in the q parameter.
      const auto q = nlohmann::json::parse(req.get_param_value("q"), nullptr, false);
      if (q.is_discarded() || q["rentable"]["eq"] != true) {
        res.status = 400;
        return;
      }
      res.set_content(Fixture("vast/bundles.json"), "application/json");
    });
    s.Get("/pls/apex/cetools/api/v1/products/", [](const httplib::Request& req, httplib::Response& res) {
      if (req.get_param_value("currencyCode") != "USD") {
        res.status = 400;
        return;
      }
      res.set_content(Fixture("oci/products.json"), "application/json");
    });
    s.Post("/graphql", [](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Authorization") != "Bearer test-key") {
        res.status = 401;
        res.set_content(R"({"errors":[{"message":"unauthorized"}]})", "application/json");
        return;
      }
      const auto q = nlohmann::json::parse(req.body, nullptr, false);
      if (q.is_discarded() || q["query"].get<std::string>().find("gpuTypes") == std::string::npos) {
        res.status = 400;
        return;
      }
      res.set_content(Fixture("runpod/gpu_types.json"), "application/json");
    });
    s.Get("/api/retail/prices", [this, base](const httplib::Request& req, httplib::Response& res) {
      const int call = ++azure_calls;
      if (azure == Azure::kAlways500 || (azure == Azure::kThrottledOnce && call == 1)) {
        res.status = azure == Azure::kAlways500 ? 500 : 429;
        res.set_header("Retry-After", "0");
        return;
      }
      const bool second = req.has_param("$skip");
      if (!second && azure == Azure::kSlowFirstPage) std::this_thread::sleep_for(std::chrono::milliseconds(1200));
      std::string body = Fixture(second ? "azure/eastus-page2.json" : "azure/eastus-page1.json");
      const std::string next = azure == Azure::kForeignNextPage ? "https://prices.example.com" : *base;
      for (size_t at; (at = body.find("{BASE}")) != std::string::npos;) body.replace(at, 6, next);
      if (second && azure == Azure::kTruncatedPage2) body.resize(body.size() - 40);
      res.set_content(body, "application/json");
    });
  }
};

class RefreshTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = fs::temp_directory_path() / ("gpuscout-refresh-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(home_);
    ::setenv("GPUSCOUT_HOME", home_.c_str(), 1);
  }
  void TearDown() override { fs::remove_all(home_); }

  struct Ran {
    int code;
    std::string out, err;
  };
  static Ran Cli(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = cli::Run(args, out, err);
    return {code, out.str(), err.str()};
  }
  Ran Refresh(const std::string& base, const std::string& vendors, const std::string& regions) {
    return Cli({"catalog", "refresh", "--vendor", vendors, "--region", regions, "--endpoint", base});
  }
  std::string Stored(const std::string& vendor) const {
    auto text = ReadFile((home_ / "catalog" / vendor / "gpuscout-refresh.csv").string());
    return text ? *text : std::string();
  }
  // The offers answer for one instance type in one region, as JSON rows.
  static nlohmann::json OfferRows(const std::string& vendor, const std::string& region, const std::string& gpu) {
    Ran r = Cli({"offers", "--vendor", vendor, "--region", region, "--gpu", gpu, "--all-regions", "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  fs::path home_;
};

TEST(AwsOfferFile, KeepsLinuxSharedUsedGpuRowsAndTheirTerms) {
  std::FILE* f = std::tmpfile();
  const std::string text = Fixture("aws/us-east-1.json");
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  auto file = ParseAwsOfferFile(f, "us-east-1/index.json");
  std::fclose(f);
  ASSERT_TRUE(file) << file.error().Format();
  EXPECT_EQ(file->publication_date, "2026-11-28T00:00:00Z");
  EXPECT_EQ(file->products, 8u);
  EXPECT_EQ(file->bytes, text.size());
  // p5 on Windows, on dedicated hosts and as unused reservations are left
  // out; m5.large has no GPU; the EBS volume is not an instance.
  ASSERT_EQ(file->prices.size(), 3u);
  std::map<std::string, FetchedPrice> by_type;
  for (const auto& p : file->prices) by_type[p.instance_type] = p;
  EXPECT_DOUBLE_EQ(*by_type["p5.48xlarge"].price_hour, 54.2);
  // Of the three reserved terms, the 1-year standard no-upfront one.
  EXPECT_DOUBLE_EQ(*by_type["p5.48xlarge"].reserved_hour, 37.1);
  EXPECT_EQ(by_type["p5.48xlarge"].reserved_term, "1y no upfront");
  EXPECT_DOUBLE_EQ(*by_type["g6.xlarge"].price_hour, 0.79);
  EXPECT_EQ(by_type["g6.xlarge"].region, "us-east-1");
  EXPECT_FALSE(by_type["p9.96xlarge"].reserved_hour);
}

TEST(AwsOfferFile, CutShortOrTermsFirstIsMalformed) {
  for (int variant = 0; variant < 2; ++variant) {
    std::string text = Fixture("aws/us-east-1.json");
    if (variant == 0) {
      text.resize(text.size() * 2 / 3);
    } else {
      auto doc = nlohmann::ordered_json::parse(text);
      nlohmann::ordered_json swapped = {{"terms", doc["terms"]}, {"products", doc["products"]}};
      text = swapped.dump();
    }
    std::FILE* f = std::tmpfile();
    std::fwrite(text.data(), 1, text.size(), f);
    std::rewind(f);
    auto file = ParseAwsOfferFile(f, "http://x/index.json");
    std::fclose(f);
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, ExitCode::kBadInput);
    EXPECT_NE(file.error().message.find("http://x/index.json"), std::string::npos);
    EXPECT_NE(file.error().message.find(variant == 0 ? "byte" : "terms before"), std::string::npos)
        << file.error().message;
  }
}

TEST(RefreshJoin, OnePricePerZoneTheCatalogListsWithItsHardware) {
  VendorPrices fetched;
  fetched.vendor = "aws";
  FetchedPrice p;
  p.instance_type = "P5.48XLARGE";
  p.region = "us-east-1";
  p.price_hour = 50.0;
  fetched.prices = {p, p};  // a duplicate merges
  p.instance_type = "p9.96xlarge";
  fetched.prices.push_back(p);
  const Catalog& base = testing::RealCatalog();
  const JoinedPrices joined = JoinPrices(fetched, base, true);
  size_t zones = 0;
  for (const Offer& o : base.offers()) zones += o.vendor == "aws" && o.instance_type == "p5.48xlarge" && o.region == "us-east-1";
  ASSERT_GT(zones, 1u);
  ASSERT_EQ(joined.offers.size(), zones);
  for (const Offer& o : joined.offers) {
    EXPECT_EQ(o.instance_type, "p5.48xlarge");
    EXPECT_EQ(o.gpu, "H100");
    EXPECT_EQ(o.gpu_count, 8);
    EXPECT_EQ(o.rdma, "EFA");
    EXPECT_DOUBLE_EQ(*o.price_hour, 50.0);
    EXPECT_TRUE(o.spot_price_hour.has_value());  // the zone's, kept
  }
  EXPECT_EQ(joined.spot_kept, zones);
  EXPECT_EQ(joined.unknown_types, std::vector<std::string>{"p9.96xlarge"});
}

TEST(RefreshUrls, SameOriginTreatsTheDefaultPortAsWritten) {
  EXPECT_TRUE(SameOrigin("https://prices.azure.com:443/api/retail/prices?$skip=100", "https://prices.azure.com"));
  EXPECT_TRUE(SameOrigin("http://127.0.0.1:8080/a", "http://127.0.0.1:8080"));
  EXPECT_FALSE(SameOrigin("http://127.0.0.1:8081/a", "http://127.0.0.1:8080"));
  EXPECT_FALSE(SameOrigin("https://prices.azure.com.evil.example/x", "https://prices.azure.com"));
  EXPECT_FALSE(SameOrigin("https://user@prices.azure.com/x", "https://prices.azure.com"));
  EXPECT_EQ(UrlEncode("a eq 'b'"), "a%20eq%20%27b%27");
}

TEST_F(RefreshTest, StoresTodaysPricesForEachVendorAndOffersShowThem) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Refresh(base, "aws,azure", "us-east-1,eastus");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("p9.96xlarge"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Standard_ND96isr_H999_v9"), std::string::npos) << r.out;
  EXPECT_EQ(api.azure_calls, 2);  // two pages

  const std::string today = FormatDate(Today());
  bool saw_p5 = false;
  for (const auto& row : OfferRows("aws", "us-east-1", "H100")) {
    if (row["instance_type"] != "p5.48xlarge" || row["region"] != "us-east-1") continue;
    saw_p5 = true;
    EXPECT_DOUBLE_EQ(row["price_hour"].get<double>(), 54.2);
    EXPECT_DOUBLE_EQ(row["reserved_hour"].get<double>(), 37.1);
    EXPECT_EQ(row["spot_interruption"], "<5%");  // the Spot Instance Advisor's band
    EXPECT_EQ(row["price_as_of"], today);
    EXPECT_EQ(row["price_stale"], false);
  }
  EXPECT_TRUE(saw_p5);
  bool saw_a100 = false;
  for (const auto& row : OfferRows("azure", "eastus", "A100-80GB")) {
    if (row["instance_type"] != "Standard_NC24ads_A100_v4" || row["region"] != "eastus") continue;
    saw_a100 = true;
    EXPECT_DOUBLE_EQ(row["price_hour"].get<double>(), 3.55);  // Linux, not Windows' 3.9 nor Dev/Test's 2.1
    EXPECT_DOUBLE_EQ(row["spot_price_hour"].get<double>(), 0.71);
    EXPECT_EQ(row["price_as_of"], today);
  }
  EXPECT_TRUE(saw_a100);
  // Unknown hardware is never offered.
  Ran unknown = Cli({"offers", "--vendor", "azure", "--all-regions", "--format", "csv"});
  EXPECT_EQ(unknown.out.find("H999"), std::string::npos);
  // catalog info names the refresh as the prices' origin.
  Ran info = Cli({"catalog", "info", "--format", "json"});
  bool refreshed = false;
  const nlohmann::json info_json = nlohmann::json::parse(info.out);
  for (const auto& p : info_json["prices"]) {
    refreshed |= p["vendor"].get<std::string>() == "azure" && p["origin"].get<std::string>() == "refresh" &&
                 p["as_of"].is_string() && p["as_of"].get<std::string>() == today;
  }
  EXPECT_TRUE(refreshed) << info.out;
}

TEST_F(RefreshTest, PriceHistoryShowsTheSnapshotAndTheRefreshedPoint) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  ASSERT_EQ(Refresh(base, "azure", "eastus").code, 0);
  Ran again = Cli({"catalog", "refresh", "--vendor", "azure", "--region", "eastus", "--endpoint", base, "--format", "json"});
  const nlohmann::json answer = nlohmann::json::parse(again.out);
  EXPECT_EQ(answer["vendors"][0]["history_points"], 0);  // nothing changed: no new point

  Ran r = Cli({"prices", "history", "--vendor", "azure", "--instance", "Standard_NC24ads_A100_v4", "--region", "eastus",
               "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  bool saw = false;
  for (const auto& s : j["series"]) {
    if (s["purchase"] != "on-demand") continue;
    saw = true;
    ASSERT_EQ(s["points"].size(), 2u);
    EXPECT_EQ(s["points"][0]["as_of"], "2026-05-20");  // the snapshot's sheet
    EXPECT_DOUBLE_EQ(s["points"][0]["price"].get<double>(), 3.673);
    EXPECT_DOUBLE_EQ(s["points"][1]["price"].get<double>(), 3.55);
    EXPECT_NEAR(s["change"].get<double>(), -0.123, 1e-9);
    EXPECT_DOUBLE_EQ(s["min"].get<double>(), 3.55);
  }
  EXPECT_TRUE(saw) << r.out;
  Ran none = Cli({"prices", "history", "--vendor", "azure", "--instance", "Standard_Nope"});
  EXPECT_EQ(none.code, 1);
  Ran bad = Cli({"prices", "history", "--vendor", "azure", "--instance", "x", "--since", "yesterday"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--since"), std::string::npos);
}

TEST_F(RefreshTest, VastGetsTheMedianPerGpuModelAndCount) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Cli({"catalog", "refresh", "--vendor", "vast", "--endpoint", base, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  const nlohmann::json& v = answer["vendors"][0];
  EXPECT_EQ(v["unknown_instance_types"], nlohmann::json::array({"1x-RTX_9090"}));
  size_t one = 0, two = 0;
  Ran offers = Cli({"offers", "--vendor", "vast", "--gpu", "RTX5090", "--all-regions", "--format", "json"});
  for (const auto& row : nlohmann::json::parse(offers.out)) {
    if (row["instance_type"] == "1x-RTX_5090-32-65536") {
      ++one;
      EXPECT_DOUBLE_EQ(row["price_hour"].get<double>(), 0.44);  // the median of 0.40, 0.44, 0.52
    } else if (row["instance_type"] == "2x-RTX_5090-32-65536") {
      ++two;
      EXPECT_DOUBLE_EQ(row["price_hour"].get<double>(), 0.95);  // of 0.90 and 1.00
    }
  }
  EXPECT_EQ(one, 3u);  // every region the catalog lists the type in
  EXPECT_EQ(two, 3u);
}

// The offers answer's rows for a vendor, by instance type (the first row of each).
std::map<std::string, nlohmann::json> RowsByType(const nlohmann::json& rows) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& row : rows) out.emplace(row["instance_type"].get<std::string>(), row);
  return out;
}

TEST_F(RefreshTest, OciPricesEachShapeByItsGpuCountAndHalvesPreemptible) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Cli({"catalog", "refresh", "--vendor", "oci", "--endpoint", base, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  // "A100" is two of OCI's GPUs (A100-40GB and A100-80GB shapes): not guessed.
  EXPECT_EQ(answer["vendors"][0]["unknown_instance_types"],
            nlohmann::json::array({"Compute - GPU - A100", "Compute - GPU - GB200"}));
  Ran offers = Cli({"offers", "--vendor", "oci", "--all-regions", "--format", "json"});
  auto rows = RowsByType(nlohmann::json::parse(offers.out));
  EXPECT_DOUBLE_EQ(rows["VM.GPU.A10.2"]["price_hour"].get<double>(), 4.0);
  EXPECT_DOUBLE_EQ(rows["VM.GPU.A10.2"]["spot_price_hour"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(rows["BM.GPU.H100.8"]["price_hour"].get<double>(), 80.0);
  EXPECT_EQ(rows["BM.GPU.H100.8"]["price_as_of"], FormatDate(Today()));
  EXPECT_NE(rows["BM.GPU4.8"]["price_as_of"], FormatDate(Today()));  // not refreshed: the snapshot's
}

TEST_F(RefreshTest, RunPodNeedsItsKeyAndPricesSecureAndCommunityApart) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  ::unsetenv("RUNPOD_API_KEY");
  Ran without = Cli({"catalog", "refresh", "--vendor", "runpod", "--endpoint", base});
  EXPECT_EQ(without.code, 3) << without.out;
  EXPECT_NE(without.out.find("HTTP 401"), std::string::npos) << without.out;
  EXPECT_NE(without.out.find("set RUNPOD_API_KEY"), std::string::npos) << without.out;
  ::setenv("RUNPOD_API_KEY", "test-key", 1);
  Ran r = Cli({"catalog", "refresh", "--vendor", "runpod", "--endpoint", base, "--format", "json"});
  ::unsetenv("RUNPOD_API_KEY");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  const auto& unknown = answer["vendors"][0]["unknown_instance_types"];
  EXPECT_NE(std::find(unknown.begin(), unknown.end(), "NVIDIA H200 (SECURE)"), unknown.end()) << unknown;
  Ran offers = Cli({"offers", "--vendor", "runpod", "--all-regions", "--format", "json"});
  size_t rows = 0;
  for (const auto& row : nlohmann::json::parse(offers.out)) {
    ++rows;
    EXPECT_EQ(row["instance_type"], "1x_A100-80GB_SECURE");
    EXPECT_DOUBLE_EQ(row["price_hour"].get<double>(), 1.64);  // secure, not community's 1.19
    EXPECT_DOUBLE_EQ(row["spot_price_hour"].get<double>(), 0.82);
  }
  EXPECT_GT(rows, 1u);
}

TEST_F(RefreshTest, RegionsOfOneVendorSkipTheOthers) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Refresh(base, "aws,azure,vast", "us-east-1");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("azure: skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("vast: skipped"), std::string::npos) << r.out;
  EXPECT_EQ(api.azure_calls, 0);
  Refresh(base, "azure", "us-east-1");  // one vendor: the region asked for is fetched, whatever its name
  EXPECT_EQ(api.azure_calls, 2);        // both pages
  // Every vendor (no --vendor): RunPod, whose API wants a key, is skipped when none is set.
  ::unsetenv("RUNPOD_API_KEY");
  Ran all = Cli({"catalog", "refresh", "--region", "CA,eastus", "--endpoint", base});
  EXPECT_EQ(all.code, 0) << all.out << all.err;
  EXPECT_NE(all.out.find("runpod: skipped, its API needs a key"), std::string::npos) << all.out;
}

TEST_F(RefreshTest, AwsSpotPricesPerZoneWithCredentials) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDTEST", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
  Ran r = Refresh(base, "aws", "us-east-1");
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("3 zone prices"), std::string::npos) << r.out;
  EXPECT_EQ(api.ec2_actions, (std::vector<std::string>{"DescribeAvailabilityZones", "DescribeSpotPriceHistory",
                                                        "DescribeSpotPriceHistory"}));
  const std::string stored = Stored("aws");
  // The zone names were mapped to the catalog's zone IDs; zones without a
  // fetched price keep the snapshot's (use1-az6: 16.9508). The hardware is the
  // catalog's, the H100's memory the one figure it has for every vendor.
  EXPECT_NE(stored.find("p5.48xlarge,us-east-1,use1-az1,H100,8,79.65,192,2048,54.2,,16.1,"), std::string::npos);
  EXPECT_NE(stored.find("p5.48xlarge,us-east-1,use1-az2,H100,8,79.65,192,2048,54.2,,16.3,"), std::string::npos);
  EXPECT_NE(stored.find("g6.xlarge,us-east-1,use1-az4,L4,1,22.35,4,16,0.79,,0.31,"), std::string::npos);
  EXPECT_NE(stored.find("p5.48xlarge,us-east-1,use1-az6,H100,8,79.65,192,2048,54.2,,16.9508,"), std::string::npos);
  // Without credentials, no signed request is made and the snapshot's spot prices stay.
  Ran plain = Refresh(base, "aws", "us-east-1");
  EXPECT_EQ(plain.code, 0);
  EXPECT_NE(plain.out.find("set AWS_ACCESS_KEY_ID"), std::string::npos) << plain.out;
  EXPECT_EQ(api.ec2_actions.size(), 3u);
}

TEST_F(RefreshTest, A429IsRetriedAndTheRefreshSucceeds) {
  Api api;
  api.azure = Api::Azure::kThrottledOnce;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Cli({"catalog", "refresh", "--vendor", "azure", "--region", "eastus", "--endpoint", base, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(api.azure_calls, 3);
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  const nlohmann::json& j = answer["vendors"][0];
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["offers_stored"], 2);  // NC24ads A100 v4 and NC4as T4 v3 in eastus
}

TEST_F(RefreshTest, AFailedVendorKeepsItsPricesAndTheOthersAreStored) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  ASSERT_EQ(Refresh(base, "azure", "eastus").code, 0);
  const std::string before = Stored("azure");
  ASSERT_FALSE(before.empty());

  api.azure = Api::Azure::kAlways500;
  Ran r = Refresh(base, "aws,azure", "us-east-1,eastus");
  EXPECT_EQ(r.code, 3) << r.out << r.err;  // the network failed
  EXPECT_NE(r.out.find("azure: not refreshed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("HTTP 500 after 5 attempt(s)"), std::string::npos) << r.out;
  EXPECT_EQ(Stored("azure"), before);
  EXPECT_FALSE(Stored("aws").empty());  // the other vendor's refresh is kept
}

TEST_F(RefreshTest, ATruncatedPageIsMalformedDataNamingThePage) {
  Api api;
  api.azure = Api::Azure::kTruncatedPage2;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Refresh(base, "azure", "eastus");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("$skip=1000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not valid JSON"), std::string::npos) << r.out;
  EXPECT_TRUE(Stored("azure").empty());

  api.azure = Api::Azure::kOk;
  api.aws_truncated = true;
  r = Refresh(base, "aws", "us-east-1");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("index.json: not a complete JSON offer file"), std::string::npos) << r.out;
  EXPECT_TRUE(Stored("aws").empty());
}

TEST_F(RefreshTest, NoRequestStartsPastTheRefreshsTimeout) {
  Api api;
  api.azure = Api::Azure::kSlowFirstPage;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Cli({"catalog", "refresh", "--vendor", "azure", "--region", "eastus", "--endpoint", base, "--timeout", "1"});
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("ran past its time allowance (--timeout) before"), std::string::npos) << r.out;
  EXPECT_EQ(api.azure_calls, 1);  // the second page was not asked for
  EXPECT_TRUE(Stored("azure").empty());
  EXPECT_EQ(Cli({"catalog", "refresh", "--timeout", "0"}).code, 2);
}

TEST_F(RefreshTest, ANextPageElsewhereIsRefused) {
  Api api;
  api.azure = Api::Azure::kForeignNextPage;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran r = Refresh(base, "azure", "eastus");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("a next page outside"), std::string::npos) << r.out;
  EXPECT_EQ(api.azure_calls, 1);
}

TEST_F(RefreshTest, DryRunStoresNothingAndBadOptionsFetchNothing) {
  Api api;
  std::string base;
  Loopback server([&](httplib::Server& s) { api.Routes(s, &base); });
  base = server.Url();
  Ran dry = Cli({"catalog", "refresh", "--vendor", "azure", "--region", "eastus", "--endpoint", base, "--dry-run"});
  EXPECT_EQ(dry.code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find("dry run"), std::string::npos);
  EXPECT_TRUE(Stored("azure").empty());

  const int calls = api.azure_calls;
  Ran vendor = Cli({"catalog", "refresh", "--vendor", "cudo", "--endpoint", base});
  EXPECT_EQ(vendor.code, 2);
  EXPECT_NE(vendor.err.find("refreshable: alibaba, aws, azure, gcp, lambda, oci, runpod, tencent, vast"), std::string::npos) << vendor.err;
  Ran region = Cli({"catalog", "refresh", "--vendor", "azure", "--region", "east/../us", "--endpoint", base});
  EXPECT_EQ(region.code, 2);
  EXPECT_NE(region.err.find("--region"), std::string::npos) << region.err;
  EXPECT_EQ(api.azure_calls, calls);
}

}  // namespace
}  // namespace gpuscout
