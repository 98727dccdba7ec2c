// AWS spot prices, when the user has AWS credentials in the environment: the
// EC2 Query API, signed with Signature Version 4. DescribeAvailabilityZones
// maps the account's zone names ("us-east-1a") to the zone IDs the catalog
// uses ("use1-az1"); DescribeSpotPriceHistory from now gives each GPU
// instance type's current Linux/UNIX spot price per zone, page by page.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSpotPriceHistory.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html
#pragma once

#include <map>

#include "fetch/sigv4.h"
#include "refresh/vendor_fetch.h"

namespace gpuscout {

// Zone name -> zone ID, from a DescribeAvailabilityZones answer.
Result<std::map<std::string, std::string>> ReadZoneIds(const std::string& xml, const std::string& url);

struct SpotPage {
  struct Item {
    std::string instance_type, zone_name;
    double price = 0;
  };
  std::vector<Item> items;
  std::string next_token;  // empty at the end
};
Result<SpotPage> ReadSpotPage(const std::string& xml, const std::string& url);

// The spot prices of `types` in `region` (zone IDs), fetched with `c`.
Result<std::vector<ZoneSpot>> FetchAwsSpot(const FetchContext& ctx, const AwsCredentials& c, const std::string& region,
                                           const std::vector<std::string>& types, size_t& requests);

}  // namespace gpuscout
