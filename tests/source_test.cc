// Each source reader on rows taken from the real files under data/sources.
#include <gtest/gtest.h>

#include <set>

#include "catalog/builder.h"
#include "catalog/catalog.h"
#include "catalog/embedded_catalog.h"
#include "test_support.h"

namespace gpuscout {
namespace {

BuildResult Build(std::vector<SourceText> files) {
  return BuildOffers(files, testing::RealCatalog().Inputs());
}

const Offer* FindOffer(const BuildResult& b, std::string_view type, std::string_view zone = "") {
  for (const auto& o : b.offers) {
    if (o.instance_type == type && (zone.empty() || o.zone == zone)) return &o;
  }
  return nullptr;
}

const std::string kSkyHeader =
    "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,"
    "Region,AvailabilityZone\n";

TEST(SkyPilotSource, ReadsAwsRowsInAnyColumnOrder) {
  // Columns reordered on purpose: the reader goes by header names.
  auto b = Build({{"aws/vms.csv",
                   "Region,Price,InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,"
                   "GpuInfo,SpotPrice,AvailabilityZone\n"
                   "us-east-1,40.96,p4de.24xlarge,A100-80GB,8.0,96.0,1152.0,\"{'Gpus': [{'Name': "
                   "'A100', 'Count': 8, 'MemoryInfo': {'SizeInMiB': 81920}}], "
                   "'TotalGpuMemoryInMiB': 655360}\",,use1-az2\n"
                   "us-east-1,0.0416,t3.medium,,,2,4,,0.01,use1-az1\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u);
  ASSERT_EQ(b.offers.size(), 1u);
  const Offer& o = b.offers[0];
  EXPECT_EQ(o.vendor, "aws");
  EXPECT_EQ(o.gpu, "A100-80GB");
  EXPECT_EQ(o.gpu_count, 8);
  EXPECT_EQ(o.gpu_mem_gib, 80);
  EXPECT_EQ(o.price_hour, 40.96);
  EXPECT_FALSE(o.spot_price_hour.has_value());  // empty spot stays missing
  EXPECT_EQ(o.source, "aws/vms.csv:2");
  EXPECT_EQ(b.files[0].cpu_only, 1u);
}

TEST(SkyPilotSource, ZeroPriceIsMissingAndVastMemoryIsPerMachine) {
  auto b = Build({{"vast/vms.csv",
                   "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,"
                   "SpotPrice,Region\n"
                   "2x-A100_SXM4-64-131072,A100,2,64,128.0,\"{'Gpus': [{'Name': 'A100', 'Count': "
                   "2, 'MemoryInfo': {'SizeInMiB': 163840}}], 'TotalGpuMemoryInMiB': 163840}\","
                   "1.9,0.00,\"Texas, US, NA\"\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u);
  ASSERT_EQ(b.offers.size(), 1u);
  EXPECT_EQ(b.offers[0].gpu, "A100-80GB");
  EXPECT_EQ(b.offers[0].gpu_mem_gib, 80);
  EXPECT_FALSE(b.offers[0].spot_price_hour.has_value());
  EXPECT_EQ(b.offers[0].region, "Texas, US, NA");
  EXPECT_EQ(b.files[0].zero_price, 1u);
}

TEST(SkyPilotSource, FractionalAzureSliceGetsItsShareOfMemory) {
  auto b = Build({{"azure/vms.csv",
                   "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,"
                   "SpotPrice,Region,Generation\n"
                   "Standard_NV6ads_A10_v5,A10,0.167,6,55,A10,0.658,0.121598,australiaeast,V1,V2\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u) << b.files[0].errors[0].Format();
  ASSERT_EQ(b.offers.size(), 1u);
  EXPECT_EQ(b.offers[0].gpu, "A10");
  EXPECT_EQ(b.offers[0].gpu_count, 0.167);
  EXPECT_NEAR(*b.offers[0].gpu_mem_gib, 24 * 0.167, 1e-9);
}

TEST(SkyPilotSource, EveryBadRowIsReportedWithLineColumnAndField) {
  auto b = Build({{"aws/vms.csv",
                   kSkyHeader +
                       "p4d.24xlarge,A100,8.0,96.0,1152.0,,thirty,,us-east-1,use1-az1\n"
                       "p4d.24xlarge,A100,8.0,96.0,1152.0,,-1,,us-east-1,use1-az2\n"
                       "x1.large,Quantum Flux 9000,1,4,16,,1.0,,us-east-1,use1-az1\n"
                       "p4d.24xlarge,A100,8.0,96.0,1152.0,,30.0,,us-east-1\n"
                       "p4d.24xlarge,A100,8.0,96.0,1152.0,,32.77,,us-west-2,usw2-az1\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 4u);
  const auto& e = b.files[0].errors;
  // The width error comes from the CSV layer first, then row errors in order.
  EXPECT_EQ(e[0].Format(), "aws/vms.csv:5:51: expected 10 fields as in the header, found 9");
  EXPECT_EQ(e[1].Format(), "aws/vms.csv:2:36: Price: not a number: 'thirty'");
  EXPECT_EQ(e[2].Format(), "aws/vms.csv:3:36: Price: negative value");
  EXPECT_EQ(e[3].line, 4);
  EXPECT_EQ(e[3].column, 10);
  EXPECT_EQ(e[3].field, "AcceleratorName");
  EXPECT_NE(e[3].message.find("unknown GPU name 'Quantum Flux 9000'"), std::string::npos);
  ASSERT_EQ(b.offers.size(), 1u);  // the one good row is still read
}

TEST(SkyPilotSource, MissingColumnIsReported) {
  auto b = Build({{"lambda/vms.csv", "InstanceType,AcceleratorName,Price,Region\nx,A10,1,r\n",
                   SourceFormat::kSkyPilot, {}}});
  ASSERT_EQ(b.ErrorCount(), 1u);
  EXPECT_EQ(b.files[0].errors[0].field, "AcceleratorCount");
}

TEST(GcpSource, AttachableGpuIsPricedWithItsHostVm) {
  // Rows from data/sources/gcp/vms_gpu_extract.csv.
  auto b = Build({{"gcp/vms.csv",
                   "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,"
                   "AvailabilityZone,Price,SpotPrice\n"
                   "a2-highgpu-1g,12.0,85.0,,,,us-central1,us-central1-a,0.749927,0.39\n"
                   ",,,A100,1,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 40960}}]},us-central1,"
                   "us-central1-a,2.933908,1.41385\n"
                   "n1-standard-8,8.0,30.0,,,,us-central1,us-central1-a,0.379998,0.0761\n"
                   ",,,T4,1,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 16384}}]},us-central1,"
                   "us-central1-a,0.35,0.07\n"
                   ",,,T4,1,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 16384}}]},us-central1,"
                   "us-central1-b,0.35,0.07\n"
                   ",,,tpu-v5p-8,1,,us-central1,us-central1-a,8.4,\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u);
  const Offer* a2 = FindOffer(b, "a2-highgpu-1g");
  ASSERT_NE(a2, nullptr);
  EXPECT_EQ(a2->gpu, "A100-40GB");
  EXPECT_DOUBLE_EQ(*a2->price_hour, 0.749927 + 2.933908);
  EXPECT_DOUBLE_EQ(*a2->spot_price_hour, 0.39 + 1.41385);
  EXPECT_EQ(a2->vcpus, 12);
  EXPECT_EQ(a2->source, "gcp/vms.csv:2+3");
  const Offer* n1 = FindOffer(b, "n1-standard-8+1xT4");
  ASSERT_NE(n1, nullptr);
  EXPECT_DOUBLE_EQ(*n1->price_hour, 0.379998 + 0.35);
  EXPECT_EQ(b.files[0].not_gpu, 1u);
  EXPECT_EQ(b.files[0].unmatched, 1u);  // no n1-standard-8 row in us-central1-b
  EXPECT_EQ(FindOffer(b, "n1-standard-8+1xT4", "us-central1-b"), nullptr);
}

TEST(VantageSource, AddsReservedPricesAndMissingRegions) {
  auto b = Build({{"aws/vms.csv",
                   kSkyHeader +
                       "p4de.24xlarge,A100-80GB,8.0,96.0,1152.0,\"{'Gpus': [{'Name': 'A100', "
                       "'Count': 8, 'MemoryInfo': {'SizeInMiB': 81920}}]}\",40.96,16.0,us-east-1,"
                       "use1-az2\n",
                   std::nullopt,
                   {}},
                  {"aws/vantage.csv",
                   "InstanceType,GpuName,GpuCount,GpuMemory,vCPUs,Memory,Region,OnDemandPrice,"
                   "ReservedPrice,Generation,Family,Source\n"
                   "p4de.24xlarge,NVIDIA A100,8,640 GB HBM2e,96,1152 GB,us-east-1,40.96,25.9502,"
                   "current,GPU instance,x\n"
                   "p4de.24xlarge,NVIDIA A100,8,640 GB HBM2e,96,1152 GB,us-west-2,40.96,,current,"
                   "GPU instance,x\n"
                   "g2.2xlarge,NVIDIA GRID K520,1,Unknown,8,15 GB,us-east-1,0.65,,previous,GPU,x\n"
                   "p2.xlarge,NVIDIA K80,1,12 GB GDDR5,4,61 GB,us-east-1,0.9,0.425,previous,GPU,x\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u);
  const Offer* east = FindOffer(b, "p4de.24xlarge", "use1-az2");
  ASSERT_NE(east, nullptr);
  EXPECT_EQ(east->reserved_hour, 25.9502);
  EXPECT_EQ(east->reserved_term, "unstated");
  EXPECT_EQ(east->source, "aws/vms.csv:2+aws/vantage.csv:2");
  // us-west-2 only in Vantage: hardware from SkyPilot's p4de, so it is A100-80GB.
  const Offer* west = nullptr;
  for (const auto& o : b.offers) {
    if (o.instance_type == "p4de.24xlarge" && o.region == "us-west-2") west = &o;
  }
  ASSERT_NE(west, nullptr);
  EXPECT_EQ(west->gpu, "A100-80GB");
  EXPECT_FALSE(west->reserved_hour.has_value());
  EXPECT_FALSE(west->spot_price_hour.has_value());
  const Offer* k80 = FindOffer(b, "p2.xlarge");
  ASSERT_NE(k80, nullptr);
  EXPECT_EQ(k80->gpu, "K80");
  EXPECT_EQ(FindOffer(b, "g2.2xlarge"), nullptr);  // GRID K520 is excluded, with its reason
  EXPECT_EQ(b.files[1].not_gpu, 1u);
}

TEST(AlibabaSource, JoinsPricesWithSpecsAndCountsVgpuSlices) {
  auto b = Build({{"alibaba/specs.csv",
                   "InstanceType,Family,vCPUs,MemoryGiB,GpuCount,GpuModel,GpuMemoryPerGpuMiB,"
                   "GpuMemoryTotalMiB,CpuModel,NetworkGbps,Status,Source\n"
                   "ecs.gn7i-c8g1.2xlarge,ecs.gn7i,8,30.0,1,A10,24576,24576,x,16.0,ACTIVE,s\n"
                   "ecs.vgn7i-vws-m4.xlarge,ecs.vgn7i-vws,4,15.0,1,A10,6144,6144,x,3.0,ACTIVE,s\n",
                   std::nullopt,
                   {}},
                  {"alibaba/prices.csv",
                   "InstanceType,Region,OnDemandPricePerHour,Currency,Source\n"
                   "ecs.gn7i-c8g1.2xlarge,cn-hangzhou,11.7,CNY (assumed),c\n"
                   "ecs.vgn7i-vws-m4.xlarge,cn-hangzhou,3.12,CNY (assumed),c\n"
                   "ecs.unknown.xlarge,cn-hangzhou,1,CNY (assumed),c\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u);
  const Offer* full = FindOffer(b, "ecs.gn7i-c8g1.2xlarge");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->currency, Currency::kCNY);
  EXPECT_EQ(full->price_hour, 11.7);
  EXPECT_EQ(full->gpu_count, 1);
  EXPECT_EQ(full->network, "16.0 Gbps");
  const Offer* slice = FindOffer(b, "ecs.vgn7i-vws-m4.xlarge");
  ASSERT_NE(slice, nullptr);
  EXPECT_EQ(slice->gpu, "A10");
  EXPECT_EQ(slice->gpu_count, 0.25);
  EXPECT_EQ(slice->gpu_mem_gib, 6);
  EXPECT_EQ(b.files[1].unmatched, 1u);
}

TEST(TencentSource, KeepsMonthlyAndHourlyRangesInCny) {
  auto b = Build({{"tencent/prices.csv",
                   "InstanceType,Family,GpuModel,GpuCount,GpuMemoryGB,vCPUs,MemoryGB,"
                   "MonthlyPriceCNY_Min,MonthlyPriceCNY_Max,HourlyPriceCNY_Min,HourlyPriceCNY_Max,"
                   "RegionScope,Source\n"
                   "GT4.8XLARGE192,GT4,NVIDIA A100-NVLINK-40G,2,80,32,192,27496,27496,57.28,57.28,"
                   "mainland China reference,t\n"
                   "GN10X.2XLARGE40,GN10X,Tesla V100-NVLINK-32G,1,32,8,40,4671,5190,16.21,18.04,"
                   "mainland China reference,t\n"
                   "GN7.LARGE20,GN7,Tesla T4 (1/4 vGPU),0.25,4,4,20,877,975,3.05,3.39,"
                   "mainland China reference,t\n",
                   std::nullopt,
                   {}}});
  ASSERT_EQ(b.ErrorCount(), 0u);
  const Offer* gt4 = FindOffer(b, "GT4.8XLARGE192");
  ASSERT_NE(gt4, nullptr);
  EXPECT_EQ(gt4->gpu, "A100-40GB");
  EXPECT_EQ(gt4->gpu_mem_gib, 40);
  EXPECT_EQ(gt4->monthly_price, 27496);
  EXPECT_FALSE(gt4->price_hour_max.has_value());
  EXPECT_EQ(gt4->currency, Currency::kCNY);
  const Offer* gn10x = FindOffer(b, "GN10X.2XLARGE40");
  EXPECT_EQ(gn10x->gpu, "V100-32GB");
  EXPECT_EQ(gn10x->price_hour, 16.21);
  EXPECT_EQ(gn10x->price_hour_max, 18.04);
  const Offer* quarter = FindOffer(b, "GN7.LARGE20");
  EXPECT_EQ(quarter->gpu, "T4");
  EXPECT_EQ(quarter->gpu_count, 0.25);
  EXPECT_EQ(quarter->gpu_mem_gib, 4);
}

// The built-in tables the builder joins with are data like any source: a bad
// one is an error of its own file, not a silent fallback.
TEST(Builder, BadBuiltInTablesAreReportedNotSkipped) {
  BuildInputs in = testing::RealCatalog().Inputs();
  in.gcp_hosts_csv = "Host,vCPUs\n\"unterminated\n";
  in.alibaba_specs_csv = "InstanceType,GPU\n\"unterminated\n";
  in.alibaba_specs_name = "data/alibaba_specs.csv";
  auto b = BuildOffers({}, in);
  std::set<std::string> failed;
  for (const auto& f : b.files) {
    if (!f.errors.empty()) failed.insert(f.file);
  }
  EXPECT_TRUE(failed.count("data/gcp_hosts.csv"));
  EXPECT_TRUE(failed.count("data/alibaba_specs.csv"));
  EXPECT_NE(FirstError(b), nullptr);
}

TEST(Builder, DuplicateOffersAreErrors) {
  const std::string row =
      "p4d.24xlarge,A100,8.0,96.0,1152.0,,32.77,,us-east-1,use1-az1\n";
  auto b = Build({{"aws/vms.csv", kSkyHeader + row + row, std::nullopt, {}}});
  ASSERT_EQ(b.ErrorCount(), 1u);
  EXPECT_EQ(b.files[0].errors[0].line, 3);
  EXPECT_EQ(b.offers.size(), 1u);
}

TEST(Builder, UnknownHeaderIsReported) {
  auto b = Build({{"x/y.csv", "foo,bar\n1,2\n", std::nullopt, {}}});
  ASSERT_EQ(b.ErrorCount(), 1u);
  EXPECT_NE(b.files[0].errors[0].message.find("no known source format"), std::string::npos);
}

}  // namespace
}  // namespace gpuscout
