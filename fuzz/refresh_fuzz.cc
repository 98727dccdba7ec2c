// What the vendors' price APIs answer (catalog refresh): the first byte picks
// the reader (AWS's offer file read as a stream, Azure's page, Vast's search,
// OCI's price list, RunPod's gpuTypes, Tencent's zone configurations,
// Lambda's instance types, GCP's SKU page, a --credentials file, Alibaba's
// ECS answers), the rest is the answer's body.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "refresh/aws_offer_file.h"
#include "refresh/alibaba.h"
#include "refresh/azure.h"
#include "refresh/credentials.h"
#include "refresh/gcp.h"
#include "refresh/lambda.h"
#include "refresh/tencent.h"
#include "refresh/oci.h"
#include "refresh/runpod.h"
#include "refresh/vast.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const gpuscout::GpuTable& gpus = gpuscout::testing::RealGpus();
  std::vector<std::string> notes;
  switch (data[0] % 10) {
    case 0: {
      std::FILE* f = fmemopen(const_cast<char*>(body.data()), body.size(), "r");
      if (!f) return 0;  // an empty body
      (void)gpuscout::ParseAwsOfferFile(f, "fuzz/index.json");
      std::fclose(f);
      break;
    }
    case 1: {
      std::vector<gpuscout::FetchedPrice> prices;
      (void)gpuscout::ReadAzurePage(body, "fuzz/page", prices);
      break;
    }
    case 2: (void)gpuscout::ReadVastOffers(body, "fuzz/bundles"); break;
    case 3: (void)gpuscout::ReadOciProducts(body, "fuzz/products", gpus); break;
    case 4: (void)gpuscout::ReadRunPodGpuTypes(body, "fuzz/graphql", gpus); break;
    case 5:
      (void)gpuscout::ReadTencentZoneConfigs(body, "fuzz/cvm", "ap-guangzhou", data[0] & 16 ? "PREPAID" : "SPOTPAID",
                                             gpuscout::VendorFamilies::Embedded(gpus), gpus, notes);
      break;
    case 6: (void)gpuscout::ReadLambdaInstanceTypes(body, "fuzz/lambda", {"us-east-1"}, gpus, notes); break;
    case 7: {
      gpuscout::GcpRates rates;
      (void)gpuscout::ReadGcpSkuPage(body, "fuzz/skus", gpus, rates);
      break;
    }
    case 8: (void)gpuscout::ReadCredentials(body, "fuzz/keys.env"); break;
    default: {
      static const char* const kActions[] = {"DescribeInstanceTypes", "DescribeAvailableResource", "DescribePrice",
                                             "DescribeSpotPriceHistory", "RunInstances"};
      (void)gpuscout::ReadAlibabaAnswer(kActions[(data[0] / 10) % 5], body, gpus);
      break;
    }
  }
  return 0;
}
