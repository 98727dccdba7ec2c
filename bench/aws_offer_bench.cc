// Throughput and peak memory of reading an AWS EC2 offer file (catalog
// refresh, refresh/aws_offer_file.h). The file is generated in the real
// layout: products with the attributes AWS lists (one in 40 a GPU instance),
// then terms: one on-demand term and the twelve reserved terms (1 and 3
// years x standard and convertible x three payment options) per product.
//   aws_offer_bench [megabytes=600]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "refresh/aws_offer_file.h"

namespace {

void Product(std::FILE* f, long i, bool first) {
  const bool gpu = i % 40 == 1;
  std::fprintf(f,
               "%s\n    \"SKU%012ld\" : {\n      \"sku\" : \"SKU%012ld\",\n      \"productFamily\" : \"Compute Instance\",\n"
               "      \"attributes\" : {\n        \"servicecode\" : \"AmazonEC2\",\n        \"location\" : \"US East (N. Virginia)\",\n"
               "        \"locationType\" : \"AWS Region\",\n        \"instanceType\" : \"%s%ld.48xlarge\",\n"
               "        \"currentGeneration\" : \"Yes\",\n        \"instanceFamily\" : \"%s\",\n        \"vcpu\" : \"192\",\n"
               "        \"physicalProcessor\" : \"AMD EPYC 7R13 Processor\",\n        \"clockSpeed\" : \"2.95 GHz\",\n"
               "        \"memory\" : \"2048 GiB\",\n        \"storage\" : \"8 x 3840 NVMe SSD\",\n"
               "        \"networkPerformance\" : \"3200 Gigabit\",\n        \"processorArchitecture\" : \"64-bit\",\n"
               "        \"tenancy\" : \"%s\",\n        \"operatingSystem\" : \"%s\",\n        \"licenseModel\" : \"No License required\",\n"
               "        \"usagetype\" : \"BoxUsage:p%ld.48xlarge\",\n        \"operation\" : \"RunInstances\",\n"
               "        \"capacitystatus\" : \"Used\",\n        \"ecu\" : \"NA\",\n        \"enhancedNetworkingSupported\" : \"Yes\",\n"
               "        \"%s\" : \"8\",\n        \"intelAvxAvailable\" : \"No\",\n        \"preInstalledSw\" : \"NA\",\n"
               "        \"processorFeatures\" : \"AMD Turbo\",\n        \"regionCode\" : \"us-east-1\",\n"
               "        \"servicename\" : \"Amazon Elastic Compute Cloud\",\n        \"vpcnetworkingsupport\" : \"true\"\n      }\n    }",
               first ? "" : ",", i, i, gpu ? "p" : "m", i, gpu ? "GPU instance" : "General purpose",
               i % 3 ? "Shared" : "Dedicated", i % 2 ? "Linux" : "Windows", i, gpu ? "gpu" : "dedicatedEbsThroughput");
}

void Term(std::FILE* f, long i, const char* code, const char* lease, const char* cls, const char* option, bool first) {
  std::fprintf(f,
               "%s\n      \"SKU%012ld.%s\" : {\n        \"offerTermCode\" : \"%s\",\n        \"sku\" : \"SKU%012ld\",\n"
               "        \"effectiveDate\" : \"2026-11-01T00:00:00Z\",\n        \"priceDimensions\" : {\n"
               "          \"SKU%012ld.%s.6YS6EN2CT7\" : {\n            \"rateCode\" : \"SKU%012ld.%s.6YS6EN2CT7\",\n"
               "            \"description\" : \"$%ld.%03ld per Linux instance hour\",\n            \"beginRange\" : \"0\",\n"
               "            \"endRange\" : \"Inf\",\n            \"unit\" : \"Hrs\",\n"
               "            \"pricePerUnit\" : {\n              \"USD\" : \"%ld.%03ld0000000\"\n            },\n"
               "            \"appliesTo\" : [ ]\n          }\n        },\n        \"termAttributes\" : {%s%s%s%s%s%s%s}\n      }",
               first ? "" : ",", i, code, code, i, i, code, i, code, i % 90, i % 1000, i % 90, i % 1000,
               lease[0] ? "\n          \"LeaseContractLength\" : \"" : "", lease, lease[0] ? "\",\n          \"OfferingClass\" : \"" : "",
               cls, lease[0] ? "\",\n          \"PurchaseOption\" : \"" : "", option, lease[0] ? "\"\n        " : " ");
}

long Generate(std::FILE* f, long target_bytes) {
  // About 2.1 kB of product and 8.6 kB of terms per product.
  const long products = target_bytes / 10700;
  std::fprintf(f, "{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"generated\",\n  \"offerCode\" : \"AmazonEC2\",\n"
                  "  \"version\" : \"20261128000000\",\n  \"publicationDate\" : \"2026-11-28T00:00:00Z\",\n  \"products\" : {");
  for (long i = 0; i < products; ++i) Product(f, i, i == 0);
  std::fprintf(f, "\n  },\n  \"terms\" : {\n    \"OnDemand\" : {");
  for (long i = 0; i < products; ++i) {
    std::fprintf(f, "%s\n    \"SKU%012ld\" : {", i ? "," : "", i);
    Term(f, i, "JRTCKXETXF", "", "", "", true);
    std::fprintf(f, "\n    }");
  }
  std::fprintf(f, "\n    },\n    \"Reserved\" : {");
  const char* leases[] = {"1yr", "3yr"};
  const char* classes[] = {"standard", "convertible"};
  const char* options[] = {"No Upfront", "Partial Upfront", "All Upfront"};
  for (long i = 0; i < products; ++i) {
    std::fprintf(f, "%s\n    \"SKU%012ld\" : {", i ? "," : "", i);
    int n = 0;
    for (const char* l : leases)
      for (const char* c : classes)
        for (const char* o : options) {
          const std::string code = "RI" + std::to_string(n) + "CODE00";
          Term(f, i, code.c_str(), l, c, o, n++ == 0);
        }
    std::fprintf(f, "\n    }");
  }
  std::fprintf(f, "\n    }\n  }\n}\n");
  return products;
}

long PeakRssKib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const long megabytes = argc > 1 ? std::atol(argv[1]) : 600;
  std::FILE* f = std::tmpfile();
  if (!f) return 1;
  const long products = Generate(f, megabytes * 1000000L);
  std::rewind(f);
  const long rss_before = PeakRssKib();
  const auto start = std::chrono::steady_clock::now();
  auto file = gpuscout::ParseAwsOfferFile(f, "generated index.json");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fclose(f);
  if (!file) {
    std::fprintf(stderr, "%s\n", file.error().Format().c_str());
    return 1;
  }
  std::printf("offer file: %.1f MB, %ld products, %zu GPU prices kept\n", static_cast<double>(file->bytes) / 1e6,
              products, file->prices.size());
  std::printf("parse: %.2f s, %.0f MB/s\n", seconds, static_cast<double>(file->bytes) / 1e6 / seconds);
  std::printf("peak RSS: %.1f MB (%.1f MB before parsing)\n", static_cast<double>(PeakRssKib()) / 1024.0,
              static_cast<double>(rss_before) / 1024.0);
  return 0;
}
