// AWS: each region's EC2 offer file from the Price List bulk API (on-demand
// and 1-year reserved prices; no credentials). Spot prices are published only
// through the signed EC2 API, so they stay the catalog's (said in `notes`).
// https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-the-aws-price-list-bulk-api-fetching-price-list-files-manually.html
#pragma once

#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kAwsPriceListBase = "https://pricing.us-east-1.amazonaws.com";

// <base>/offers/v1.0/aws/AmazonEC2/current/<region>/index.json
std::string AwsOfferFileUrl(const std::string& base, const std::string& region);

Result<VendorPrices> FetchAws(const FetchContext& ctx);

}  // namespace gpuscout
