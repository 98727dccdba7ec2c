// The CLI run in-process: exit codes, messages, formats and languages.
#include "cli/app.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>

namespace gpuscout::cli {
namespace {

namespace fs = std::filesystem;

struct Ran {
  int code;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = fs::temp_directory_path() /
            ("gpuscout-cli-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(home_);
    ::setenv("GPUSCOUT_HOME", home_.c_str(), 1);
  }
  void TearDown() override { fs::remove_all(home_); }

  Ran Cli(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = gpuscout::cli::Run(args, out, err);
    return {code, out.str(), err.str()};
  }
  static std::string Data(const std::string& name) {
    return std::string(GPUSCOUT_SOURCE_DIR) + "/tests/data/" + name;
  }
  fs::path home_;
};

TEST_F(CliTest, VersionAndHelp) {
  auto v = Cli({"--version"});
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("gpuscout "), std::string::npos);
  auto h = Cli({"--help"});
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("offers"), std::string::npos);
  auto oh = Cli({"offers", "--help"});
  EXPECT_EQ(oh.code, 0);
  EXPECT_NE(oh.out.find("--all-regions"), std::string::npos);
  auto ch = Cli({"catalog", "validate", "--help"});
  EXPECT_EQ(ch.code, 0);
  EXPECT_NE(ch.out.find("--vendor"), std::string::npos);
}

TEST_F(CliTest, BadUsageExitsTwo) {
  EXPECT_EQ(Cli({}).code, 2);
  EXPECT_EQ(Cli({"teleport"}).code, 2);
  EXPECT_EQ(Cli({"offers", "--sort", "vibes"}).code, 2);
  EXPECT_EQ(Cli({"offers", "--currency", "EUR"}).code, 2);
  EXPECT_EQ(Cli({"offers", "--cny-per-usd", "-3"}).code, 2);
  EXPECT_EQ(Cli({"--format", "xml", "gpus"}).code, 2);
}

TEST_F(CliTest, UnknownGpuSuggestsTheNearest) {
  auto r = Cli({"offers", "--gpu", "A100-80G:8"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--gpu: unknown GPU 'A100-80G'; did you mean A100-80GB"), std::string::npos)
      << r.err;
}

TEST_F(CliTest, NothingMatchingAnswersNo) {
  auto r = Cli({"offers", "--gpu", "H100:8", "--max-price", "0.01"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("No offer matches"), std::string::npos);
  auto j = Cli({"--format", "json", "offers", "--gpu", "H100:8", "--max-price", "0.01"});
  EXPECT_EQ(j.code, 1);
  EXPECT_EQ(nlohmann::json::parse(j.out), nlohmann::json::array());
}

TEST_F(CliTest, OffersJsonHasTheDocumentedKeys) {
  auto r = Cli({"offers", "--gpu", "A100-80GB:8", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_FALSE(j.empty());
  for (const char* k : {"vendor", "instance_type", "region", "zone", "gpu", "gpu_count",
                        "gpu_mem_gib", "vcpus", "mem_gib", "price_hour", "spot_price_hour",
                        "currency", "source"}) {
    EXPECT_TRUE(j[0].contains(k)) << k;
  }
  // Mixed USD and CNY were compared: the rate is stated.
  EXPECT_NE(r.err.find("1 USD = 7.2 CNY"), std::string::npos) << r.err;
}

TEST_F(CliTest, ChineseHeadersAndMessages) {
  auto r = Cli({"--lang", "zh", "offers", "--gpu", "T4", "--vendor", "tencent"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("厂商"), std::string::npos);
  EXPECT_NE(r.out.find("按量/小时"), std::string::npos);
  EXPECT_NE(r.out.find("包年包月"), std::string::npos);
  auto e = Cli({"--lang", "zh", "offers", "--gpu", "nope"});
  EXPECT_EQ(e.code, 2);
  EXPECT_NE(e.err.find("错误"), std::string::npos);
}

// Every command's answer in Chinese: no English sentence (four lower-case
// English words in a row, outside `quoted commands`), and no message that
// fell back to its key ("key(figure=...)"). Identifiers, units, file names
// and the names of sources stay as they are. Errors (stderr) are English.
TEST_F(CliTest, ChineseAnswersHaveNoEnglishSentence) {
  const std::string plans = std::string(GPUSCOUT_SOURCE_DIR) + "/examples/plans/";
  const std::string fleets = std::string(GPUSCOUT_SOURCE_DIR) + "/examples/";
  const std::vector<std::vector<std::string>> commands = {
      {"gpus", "H100"},
      {"offers", "--gpu", "H100", "--limit", "5"},
      {"vendors"},
      {"estimate", "--model", "llama-3-70b", "--task", "lora", "--gpu", "H100", "--gpus", "8"},
      {"estimate", "--model", "llama-3-8b", "--task", "infer", "--gpu", "L4"},
      {"estimate", "--model", "llama-3-8b", "--task", "train", "--gpu", "A100-80GB", "--gpus", "8", "--nodes", "2",
       "--storage-gbps", "0.5", "--sample-kb", "4000"},
      {"estimate", "--model", "resnet-50", "--task", "cnn-train", "--gpu", "T4"},
      {"estimate", "--task", "stream", "--gpu", "T4", "--resolution", "3840x2160", "--fps", "60", "--sessions", "10"},
      {"estimate", "--task", "stream", "--gpu", "H100", "--resolution", "1920x1080"},
      {"estimate", "--task", "render", "--gpu", "L4", "--seconds-per-frame", "2", "--frames", "100"},
      {"estimate", "--task", "hpc", "--gpu", "A100-80GB", "--reference-gpu", "V100", "--reference-hours", "10", "--precision", "fp64"},
      {"recommend", "--model", "llama-3-8b", "--task", "infer"},
      {"recommend", "--model", "llama-3-8b", "--task", "lora", "--tokens", "1e8", "--deadline", "0.01"},
      {"recommend", "--gpu-mem", "80", "--hours", "10", "--currency", "CNY"},
      {"cost", "--vendor", "aws", "--instance", "p5.48xlarge"},
      {"cost", "--vendor", "aws", "--instance", "g5.xlarge", "--all-regions"},
      {"lint", plans + "seed-vram.yaml"},
      {"lint", plans + "seed-network.yaml"},
      {"lint", plans + "seed-driver.yaml"},
      {"alternatives", "--model", "llama-3-8b", "--task", "infer", "--cpu-gflops", "50", "--cpu-bandwidth-gbps", "20"},
      {"alternatives", "--task", "stream", "--resolution", "1920x1080", "--cpu-gflops", "50", "--cpu-bandwidth-gbps", "20"},
      {"scale", "simulate", "--fleet", fleets + "fleets/seed.yaml", "--trace", fleets + "traces/one-day.csv"},
      {"scale", "tune", "--fleet", fleets + "fleets/seed.yaml", "--trace", fleets + "traces/one-day.csv"},
      {"probe", "--no-host-bandwidth", "--vendor", "aws", "--instance", "g4dn.xlarge"},
      {"catalog", "info"},
      {"catalog", "validate", "--source-format", "skypilot", "--vendor", "lambda", Data("good_lambda.csv")},
      {"catalog", "import", "--source-format", "skypilot", "--vendor", "lambda", Data("good_lambda.csv")},
  };
  const std::regex english(R"([a-z]{2,}(?:[ ,][a-z]{2,}){3,})");
  const std::regex allowed(R"(`[^`]*`|'[^']*')");
  const std::regex fallback(R"([a-z_]+\.[a-z_0-9]+\([a-z_]+=)");
  for (auto args : commands) {
    args.insert(args.begin(), {"--lang", "zh"});
    const Ran r = Cli(args);
    std::string joined;
    for (size_t i = 2; i < args.size() && i < 5; ++i) joined += args[i] + " ";
    EXPECT_TRUE(r.code == 0 || r.code == 1) << joined << ": " << r.err;
    EXPECT_FALSE(r.out.empty()) << joined;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const std::string bare = std::regex_replace(line, allowed, "X");
      EXPECT_FALSE(std::regex_search(bare, english)) << joined << ": " << line;
      EXPECT_FALSE(std::regex_search(line, fallback)) << joined << ": " << line;
    }
    args.erase(args.begin(), args.begin() + 2);
    std::istringstream en(Cli(args).out);
    for (std::string line; std::getline(en, line);) EXPECT_FALSE(std::regex_search(line, fallback)) << joined << "(en): " << line;
  }
}

TEST_F(CliTest, CsvOutputUsesMachineHeaders) {
  auto r = Cli({"--format", "csv", "offers", "--gpu", "L4:1", "--vendor", "gcp", "--limit", "3"});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "vendor,instance_type,region,zone,gpu,gpu_count,gpu_mem_gib,vcpus,mem_gib,price_hour,"
            "spot_price_hour,reserved_hour,monthly_price,currency,flags,source");
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4);
}

TEST_F(CliTest, GpusShowsTheSpec) {
  auto r = Cli({"--format", "json", "gpus", "a100-80gb"});
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["name"], "A100-80GB");
  EXPECT_EQ(j[0]["memory_bandwidth_gbps"], 2039);
  EXPECT_GT(j[0]["offers"].get<int>(), 0);
  auto t = Cli({"gpus"});
  EXPECT_EQ(t.code, 0);
  EXPECT_NE(t.out.find("MI300X"), std::string::npos);
}

// Issue #14, the answer on screen: a verdict line first, an on-demand row
// even when spot wins, a footnote only when a row carries its marker, CSV
// columns that are numbers; `gpus --missing` says nothing is missing.
TEST_F(CliTest, RecommendLeadsWithAVerdictAndKeepsAnOnDemandRow) {
  auto r = Cli({"recommend", "--model", "Llama-3.1-8B", "--task", "lora", "--tokens", "1e8", "--top", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Rent 1 x ", 0), 0u) << r.out;
  const std::string table = r.out.substr(0, r.out.find("candidates priced"));
  EXPECT_NE(table.find("on-demand"), std::string::npos) << table;
  EXPECT_NE(table.find("PER GPU-H"), std::string::npos) << table;
  EXPECT_NE(table.find("1 node x "), std::string::npos) << table;
  const bool marked = table.find("/h*") != std::string::npos || table.find("/mo*") != std::string::npos;
  EXPECT_EQ(marked, table.find("a default discount") != std::string::npos) << table;
  // Every purchase option, so assumed discounts appear: marker and footnote together.
  auto all = Cli({"recommend", "--model", "Llama-3.1-8B", "--task", "lora", "--tokens", "1e8", "--purchase", "savings-1y", "--top", "2"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_NE(all.out.find("/h*"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("a default discount"), std::string::npos);

  auto csv = Cli({"--format", "csv", "recommend", "--model", "Llama-3.1-8B", "--task", "lora", "--tokens", "1e8", "--top", "3"});
  ASSERT_EQ(csv.code, 0);
  std::istringstream lines(csv.out);
  std::string header, row;
  std::getline(lines, header);
  EXPECT_NE(header.find("price,price_unit,price_assumed,per_gpu_hour,hours,time_estimated,total_cost"), std::string::npos);
  while (std::getline(lines, row)) {
    EXPECT_EQ(row.find('*'), std::string::npos) << row;
    EXPECT_EQ(row.find("/h"), std::string::npos) << row;
  }
  auto missing = Cli({"gpus", "--missing"});
  EXPECT_EQ(missing.code, 0);
  EXPECT_NE(missing.out.find("Every GPU that an offer names"), std::string::npos) << missing.out;
  EXPECT_EQ(Cli({"gpus", "--missing", "H100"}).code, 2);
}

TEST_F(CliTest, ValidateReportsEveryKindOfBadRow) {
  struct Case {
    const char* file;
    const char* expect;
  } cases[] = {
      {"bad_unterminated.csv", "bad_unterminated.csv:3:53: unterminated quoted field"},
      {"bad_columns.csv", "bad_columns.csv:3:"},
      {"bad_price.csv", "bad_price.csv:3:33: Price: not a number: '1.29 USD'"},
      {"bad_gpu.csv", "bad_gpu.csv:3:11: AcceleratorName: unknown GPU name 'XYZ9000'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    auto r = Cli({"catalog", "validate", "--source-format", "skypilot", "--vendor", "lambda", Data(c.file)});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find(c.expect), std::string::npos) << r.out;
  }
  auto good = Cli({"catalog", "validate", "--source-format", "skypilot", "--vendor", "lambda",
                   Data("good_lambda.csv")});
  EXPECT_EQ(good.code, 0) << good.out;
  EXPECT_NE(good.out.find("2 GPU offers, 0 errors"), std::string::npos) << good.out;
}

TEST_F(CliTest, ImportIsAllOrNothing) {
  const fs::path dir = home_ / "catalog";
  for (const char* bad : {"bad_unterminated.csv", "bad_columns.csv", "bad_price.csv",
                          "bad_gpu.csv"}) {
    auto r = Cli({"catalog", "import", "--source-format", "skypilot", "--vendor", "lambda", Data(bad)});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "lambda" / bad)) << bad;
  }
  auto ok = Cli({"catalog", "import", "--source-format", "skypilot", "--vendor", "lambda",
                 Data("good_lambda.csv")});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_TRUE(fs::exists(dir / "lambda" / "good_lambda.csv"));
  // The imported region now answers queries, next to the snapshot's offers.
  auto q = Cli({"--format", "json", "offers", "--region", "us-south-9", "--all-regions"});
  ASSERT_EQ(q.code, 0) << q.err;
  auto j = nlohmann::json::parse(q.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["price_hour"], 0.66);
  // A later bad import leaves the good file and the catalog as they were.
  auto bad = Cli({"catalog", "import", "--source-format", "skypilot", "--vendor", "lambda",
                  Data("bad_price.csv")});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(Cli({"--format", "json", "offers", "--region", "us-south-9"}).out, q.out);
  // No temporary files are left behind.
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
  }
}

TEST_F(CliTest, ImportNeedsAVendorForSkyPilot) {
  auto r = Cli({"catalog", "import", "--source-format", "skypilot", Data("good_lambda.csv")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--vendor"), std::string::npos);
  auto f = Cli({"catalog", "import", "--format", "excel", Data("good_lambda.csv")});
  EXPECT_EQ(f.code, 2);
}

TEST_F(CliTest, UnreadableFilesAreEnvironmentFailures) {
  EXPECT_EQ(Cli({"catalog", "validate", "--source-format", "skypilot", "/nonexistent.csv"}).code, 3);
  EXPECT_EQ(Cli({"--catalog", "/nonexistent-dir", "offers"}).code, 3);
}

TEST_F(CliTest, CatalogInfoListsEverySource) {
  auto r = Cli({"--format", "json", "catalog", "info"});
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["files"].size(), 14u);
  for (const auto& f : j["files"]) {
    EXPECT_TRUE(f.contains("upstream")) << f["file"];
    EXPECT_TRUE(f.contains("date")) << f["file"];
  }
  auto t = Cli({"catalog", "info"});
  EXPECT_NE(t.out.find("tencent/cvm_gpu_list_prices.csv"), std::string::npos);
}

TEST_F(CliTest, CatalogFolderReplacesTheSnapshot) {
  const fs::path dir = home_ / "mycat" / "lambda";
  fs::create_directories(dir);
  fs::copy_file(Data("good_lambda.csv"), dir / "vms.csv");
  auto r = Cli({"--catalog", (home_ / "mycat").string(), "--format", "json", "offers"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 2u);
  fs::copy_file(Data("bad_price.csv"), dir / "more.csv");
  auto bad = Cli({"--catalog", (home_ / "mycat").string(), "offers"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("more.csv:3:33: Price"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace gpuscout::cli
