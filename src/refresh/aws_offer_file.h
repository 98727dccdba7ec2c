// The AWS Price List bulk API's EC2 offer file (one region's index.json, a
// single JSON object of hundreds of MB) read as a stream: products first,
// then terms. Kept: Linux, shared tenancy, used capacity, no pre-installed
// software, instance types with GPUs; their on-demand hourly price and their
// 1-year standard no-upfront reserved hourly price.
//
// Layout: https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "base/error.h"
#include "refresh/fetched_price.h"

namespace gpuscout {

struct AwsOfferFile {
  std::string publication_date;  // the file's publicationDate
  std::vector<FetchedPrice> prices;  // one per GPU instance type kept
  size_t products = 0;               // every product of the file
  size_t bytes = 0;
};

// Reads `in` from its current position to the end with RapidJSON's SAX
// reader (iterative, 1 MiB at a time). `name` (the URL) names the file in
// errors: malformed JSON is ExitCode::kBadInput at a byte offset.
Result<AwsOfferFile> ParseAwsOfferFile(std::FILE* in, const std::string& name);

}  // namespace gpuscout
