// AWS Spot Instance Advisor's public data (no credentials): per region and
// Linux instance type, the band of the monthly frequency of interruption
// ("<5%" ... ">20%") and the average saving over on demand. The band feeds
// the spot interruption model (cost/spot.h) for the offers it names.
// https://aws.amazon.com/ec2/spot/instance-advisor/ (the page's data file:
// https://spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json)
#pragma once

#include <map>

#include "refresh/vendor_fetch.h"

namespace gpuscout {

inline constexpr const char* kSpotAdvisorUrl = "https://spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json";

struct SpotAdvice {
  std::string band;  // the range's label
  int savings_pct = 0;
};

// (region, instance type) -> advice, Linux only. Malformed JSON or a field of
// the wrong type fails with exit 2 naming `url`.
Result<std::map<std::pair<std::string, std::string>, SpotAdvice>> ReadSpotAdvisor(const std::string& body,
                                                                                   const std::string& url);

}  // namespace gpuscout
