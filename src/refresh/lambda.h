// Lambda: its Cloud API's instance types (GET /api/v1/instance-types) with
// the user's key (LAMBDA_API_KEY, sent as a bearer token): each type's price
// per hour in USD cents, its GPU, vCPUs and memory, and the regions with
// capacity right now. One price for every region; a region the answer does
// not list as having capacity keeps the price and is marked sold out.
// https://docs.lambda.ai/api/cloud#listInstanceTypes
#pragma once

#include <string>

#include "refresh/fetched_price.h"
#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kLambdaBase = "https://cloud.lambda.ai";

// The prices of one answer for `regions`; malformed JSON or a field of the
// wrong type fail with exit 2 naming `url`; GPU descriptions the GPU table
// cannot resolve are listed in `unknown`.
Result<std::vector<FetchedPrice>> ReadLambdaInstanceTypes(const std::string& body, const std::string& url,
                                                          const std::vector<std::string>& regions, const GpuTable& gpus,
                                                          std::vector<std::string>& unknown);

Result<VendorPrices> FetchLambda(const FetchContext& ctx);

}  // namespace gpuscout
