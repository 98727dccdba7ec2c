// Tencent Cloud: CVM's DescribeZoneInstanceConfigInfos (API 3.0, version
// 2017-03-12), per region and billing mode, signed with TC3-HMAC-SHA256 from
// TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY. Each answer lists every
// instance type of every zone with its sale status, vCPUs, memory, GPU count
// and price: hourly for pay-as-you-go (POSTPAID_BY_HOUR) and spot (SPOTPAID),
// a month's for subscriptions (PREPAID), in CNY.
// API: https://www.tencentcloud.com/document/api/213/33254
// Errors: https://www.tencentcloud.com/document/api/213/33281 (common error codes)
#pragma once

#include <string>
#include <vector>

#include "refresh/fetched_price.h"
#include "refresh/vendor_fetch.h"
#include "refresh/vendor_families.h"

namespace gpuscout {

inline constexpr const char* kTencentBase = "https://cvm.tencentcloudapi.com";
inline constexpr const char* kTencentVersion = "2017-03-12";

// The regions DescribeZoneInstanceConfigInfos answers for (its API page):
// the default when the catalog lists none of Tencent's.
const std::vector<std::string>& TencentRegions();

// The GPU types of one answer (billing mode `charge`): their prices, zones,
// status and hardware. Families data/vendor_families.csv does not map are
// listed in `unmapped` ("HCCPNV5.24XLARGE384 (8 GPUs)"), not guessed. A
// malformed answer fails with exit 2 naming `url`; an Error object in the
// answer is returned as the vendor's error (see TencentError).
Result<std::vector<FetchedPrice>> ReadTencentZoneConfigs(const std::string& body, const std::string& url,
                                                         const std::string& region, const std::string& charge,
                                                         const VendorFamilies& families, const GpuTable& gpus,
                                                         std::vector<std::string>& unmapped);

Result<VendorPrices> FetchTencent(const FetchContext& ctx);

}  // namespace gpuscout
