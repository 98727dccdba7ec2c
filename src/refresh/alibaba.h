// Alibaba Cloud: ECS's RPC API (version 2014-05-26), signed with
// ACS3-HMAC-SHA256 from ALIBABA_CLOUD_ACCESS_KEY_ID /
// ALIBABA_CLOUD_ACCESS_KEY_SECRET, per region:
//   DescribeInstanceTypes (MinimumGPUAmount 1, paged by NextToken): each GPU
//     type's GPU model and count, vCPUs and memory (asked once);
//   DescribeAvailableResource: which types each zone sells and which are sold
//     out (WithoutStock);
//   DescribePrice (PriceUnit Hour, then Month): pay-as-you-go and
//     subscription prices, CNY;
//   DescribeSpotPriceHistory (the last 30 days): the latest spot price per
//     zone, and its 30-day range in the notes.
// https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinstancetypes
// https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeavailableresource
// https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeprice
// https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describespotpricehistory
#pragma once

#include <string>

#include "refresh/fetched_price.h"
#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kAlibabaVersion = "2014-05-26";

// https://ecs.<region>.aliyuncs.com, or the endpoint given for tests.
std::string AlibabaBase(const FetchContext& ctx, const std::string& region);

Result<VendorPrices> FetchAlibaba(const FetchContext& ctx);

// Reads one answer to `action` (DescribeInstanceTypes, DescribeAvailableResource,
// DescribePrice, DescribeSpotPriceHistory; any other: a refusal body) as a
// refresh does, keeping nothing: what the fuzz target feeds.
Result<void> ReadAlibabaAnswer(const std::string& action, const std::string& body, const GpuTable& gpus);

}  // namespace gpuscout
