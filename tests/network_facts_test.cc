// The per-family networking table: matching, its errors, what the builder
// writes into offers, and that every source it names is cited.
#include "catalog/network_facts.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "base/csv.h"
#include "catalog/embedded.h"
#include "test_support.h"

namespace gpuscout {
namespace {

const Offer* FindOffer(const std::string& vendor, const std::string& type) {
  for (const auto& o : testing::RealCatalog().offers()) {
    if (o.vendor == vendor && o.instance_type == type) return &o;
  }
  return nullptr;
}

TEST(NetworkFacts, FirstMatchingRowWins) {
  auto facts = NetworkFacts::Parse(
      "vendor,instance_types,technology,gbps_per_node,gpudirect_rdma,source,note\n"
      "azure,Standard_NC24rs_v3,InfiniBand,,,S,\n"
      "azure,Standard_NC*,none,,,S,\n"
      "aws,p4d.24xlarge,EFA,400,yes,S,\n",
      "t.csv");
  ASSERT_TRUE(facts.has_value()) << facts.error().Format();
  EXPECT_EQ(facts->Find("azure", "Standard_NC24rs_v3")->technology, "InfiniBand");
  EXPECT_EQ(facts->Find("azure", "Standard_NC6s_v3")->technology, "none");
  EXPECT_EQ(facts->Find("aws", "p4d.24xlarge")->gbps, 400);
  EXPECT_EQ(facts->Find("aws", "p4d.24xlarge.extra"), nullptr);  // exact names match exactly
  EXPECT_EQ(facts->Find("gcp", "Standard_NC6s_v3"), nullptr);     // the vendor must match too
}

TEST(NetworkFacts, BadRowsNameLineAndField) {
  const std::string header = "vendor,instance_types,technology,gbps_per_node,gpudirect_rdma,source,note\n";
  auto bad_tech = NetworkFacts::Parse(header + "aws,p4d.24xlarge,Ethernet,400,yes,S,\n", "n.csv");
  ASSERT_FALSE(bad_tech.has_value());
  EXPECT_EQ(bad_tech.error().line, 2);
  EXPECT_EQ(bad_tech.error().field, "technology");
  auto bad_gbps = NetworkFacts::Parse(header + "aws,p4d.24xlarge,EFA,fast,yes,S,\n", "n.csv");
  ASSERT_FALSE(bad_gbps.has_value());
  EXPECT_EQ(bad_gbps.error().field, "gbps_per_node");
  auto no_source = NetworkFacts::Parse(header + "aws,p4d.24xlarge,EFA,400,yes,,\n", "n.csv");
  ASSERT_FALSE(no_source.has_value());
  EXPECT_EQ(no_source.error().field, "source");
  auto bad_flag = NetworkFacts::Parse(header + "aws,p4d.24xlarge,EFA,400,maybe,S,\n", "n.csv");
  ASSERT_FALSE(bad_flag.has_value());
  EXPECT_EQ(bad_flag.error().field, "gpudirect_rdma");
}

TEST(NetworkFacts, OffersCarryTheTable) {
  const Offer* p4d = FindOffer("aws", "p4d.24xlarge");
  ASSERT_NE(p4d, nullptr);
  EXPECT_EQ(p4d->rdma, "EFA");
  EXPECT_EQ(p4d->rdma_gbps, 400);
  EXPECT_EQ(FindOffer("aws", "g4dn.xlarge")->rdma, "none");
  EXPECT_EQ(FindOffer("azure", "Standard_ND96amsr_A100_v4")->rdma, "InfiniBand");
  EXPECT_EQ(FindOffer("azure", "Standard_NC24rs_v3")->rdma, "InfiniBand");
  EXPECT_EQ(FindOffer("azure", "Standard_NC24ads_A100_v4")->rdma, "none");
  EXPECT_EQ(FindOffer("gcp", "a3-ultragpu-8g")->rdma, "RoCE");
  EXPECT_EQ(FindOffer("gcp", "a3-highgpu-8g")->rdma, "none");
  EXPECT_EQ(FindOffer("gcp", "a3-highgpu-8g")->rdma_gbps, 800);
  // Not in the table: not known, never "none".
  EXPECT_EQ(FindOffer("tencent", "GT4.41XLARGE948")->rdma, "");
}

// Every source ID in the three fact tables is defined in data/SOURCES.md.
TEST(NetworkFacts, EverySourceIsCited) {
  std::ifstream in(std::string(GPUSCOUT_SOURCE_DIR) + "/data/SOURCES.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string sources = ss.str();
  ASSERT_FALSE(sources.empty());
  for (auto [text, column] : {std::pair{embedded::NetworkFacts(), "source"}, std::pair{embedded::Fp64(), "source"},
                              std::pair{embedded::Nvenc(), "source"}}) {
    auto table = ParseCsv(text, "fact table");
    ASSERT_TRUE(table.has_value());
    const size_t at = *table->Find(column);
    ASSERT_FALSE(table->rows.empty());
    for (const auto& row : table->rows) {
      std::stringstream ids(row.fields[at].value);
      for (std::string id; std::getline(ids, id, ';');) {
        EXPECT_NE(sources.find("| " + id + " |"), std::string::npos) << id << " is not defined in data/SOURCES.md";
      }
    }
  }
}

}  // namespace
}  // namespace gpuscout
