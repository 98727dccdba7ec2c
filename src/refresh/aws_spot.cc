#include "refresh/aws_spot.h"

#include <pugixml.hpp>

#include <charconv>

namespace gpuscout {
namespace {

constexpr size_t kTypesPerRequest = 100;
constexpr int kMaxPages = 1000;

Result<pugi::xml_document> Parse(const std::string& xml, const std::string& url) {
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size());
  if (!ok) return tl::unexpected(DataError(url, "", std::string("not valid XML (") + ok.description() + ")"));
  return doc;
}

// The EC2 endpoint of a region, or the --endpoint base; and the host it signs.
std::pair<std::string, std::string> Endpoint(const FetchContext& ctx, const std::string& region) {
  const std::string base = ctx.endpoint.empty() ? "https://ec2." + region + ".amazonaws.com" : ctx.Base("");
  const auto start = base.find("://") + 3;
  return {base, base.substr(start, base.find('/', start) - start)};
}

Result<std::string> SignedGet(const FetchContext& ctx, const AwsCredentials& c, const std::string& region,
                              const std::string& query, size_t& requests) {
  const auto [base, host] = Endpoint(ctx, region);
  SigV4Request r;
  r.host = host;
  r.query = query;
  r.amz_date = AmzDateNow();
  r.region = region;
  r.service = "ec2";
  const std::string url = base + "/?" + query;
  GS_CHECK(ctx.BeforeRequest(url));
  GS_TRY(response, ctx.http->Get(url, size_t{64} << 20, SigV4Headers(r, c)));
  ++requests;
  return std::move(response.body);
}

std::string Param(const std::string& name, const std::string& value) { return name + "=" + UrlEncode(value); }

}  // namespace

Result<std::map<std::string, std::string>> ReadZoneIds(const std::string& xml, const std::string& url) {
  GS_TRY(doc, Parse(xml, url));
  pugi::xml_node info = doc.child("DescribeAvailabilityZonesResponse").child("availabilityZoneInfo");
  if (!info) return tl::unexpected(DataError(url, "availabilityZoneInfo", "missing"));
  std::map<std::string, std::string> out;
  for (pugi::xml_node item : info.children("item")) {
    const std::string name = item.child_value("zoneName"), id = item.child_value("zoneId");
    if (name.empty() || id.empty()) return tl::unexpected(DataError(url, "availabilityZoneInfo.item", "without zoneName or zoneId"));
    out[name] = id;
  }
  return out;
}

Result<SpotPage> ReadSpotPage(const std::string& xml, const std::string& url) {
  GS_TRY(doc, Parse(xml, url));
  pugi::xml_node answer = doc.child("DescribeSpotPriceHistoryResponse");
  pugi::xml_node set = answer.child("spotPriceHistorySet");
  if (!set) return tl::unexpected(DataError(url, "spotPriceHistorySet", "missing"));
  SpotPage page;
  for (pugi::xml_node item : set.children("item")) {
    SpotPage::Item i{item.child_value("instanceType"), item.child_value("availabilityZone"), 0};
    const std::string price = item.child_value("spotPrice");
    const auto [end, ec] = std::from_chars(price.data(), price.data() + price.size(), i.price);
    if (i.instance_type.empty() || i.zone_name.empty() || ec != std::errc() || end != price.data() + price.size() ||
        !(i.price > 0)) {
      return tl::unexpected(DataError(url, "spotPriceHistorySet.item", "without instanceType, availabilityZone or a spotPrice"));
    }
    page.items.push_back(std::move(i));
  }
  page.next_token = answer.child_value("nextToken");
  return page;
}

Result<std::vector<ZoneSpot>> FetchAwsSpot(const FetchContext& ctx, const AwsCredentials& c, const std::string& region,
                                           const std::vector<std::string>& types, size_t& requests) {
  const std::string zones_query = "Action=DescribeAvailabilityZones&Version=2016-11-15";
  GS_TRY(zones_xml, SignedGet(ctx, c, region, zones_query, requests));
  GS_TRY(zone_ids, ReadZoneIds(zones_xml, "DescribeAvailabilityZones " + region));
  const std::string now = AmzDateNow();
  const std::string iso = now.substr(0, 4) + "-" + now.substr(4, 2) + "-" + now.substr(6, 5) + ":" + now.substr(11, 2) +
                          ":" + now.substr(13, 3);
  std::vector<ZoneSpot> out;
  for (size_t first = 0; first < types.size(); first += kTypesPerRequest) {
    std::string base = "Action=DescribeSpotPriceHistory&Version=2016-11-15&" + Param("ProductDescription.1", "Linux/UNIX") +
                       "&" + Param("StartTime", iso) + "&" + Param("EndTime", iso) + "&MaxResults=1000";
    for (size_t i = first; i < types.size() && i < first + kTypesPerRequest; ++i) {
      base += "&" + Param("InstanceType." + std::to_string(i - first + 1), types[i]);
    }
    std::string token;
    for (int page = 0; page == 0 || !token.empty(); ++page) {
      if (page >= kMaxPages) return tl::unexpected(DataError("DescribeSpotPriceHistory " + region, "nextToken", "more than 1000 pages"));
      GS_TRY(xml, SignedGet(ctx, c, region, base + (token.empty() ? "" : "&" + Param("NextToken", token)), requests));
      GS_TRY(spot, ReadSpotPage(xml, "DescribeSpotPriceHistory " + region));
      for (const SpotPage::Item& i : spot.items) {
        auto id = zone_ids.find(i.zone_name);
        if (id != zone_ids.end()) out.push_back({i.instance_type, region, id->second, i.price});
      }
      token = spot.next_token;
    }
  }
  return out;
}

}  // namespace gpuscout
