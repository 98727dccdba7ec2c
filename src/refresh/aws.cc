#include "refresh/aws.h"

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <set>

#include "refresh/aws_offer_file.h"
#include "refresh/aws_spot.h"
#include "refresh/spot_advisor.h"

namespace gpuscout {
namespace {

using File = std::unique_ptr<std::FILE, decltype(&std::fclose)>;

// One region's offer file, downloaded to an anonymous temporary file (gone
// when closed, or when the process dies) and read back as a stream.
Result<AwsOfferFile> FetchRegion(const FetchContext& ctx, const std::string& url, FetchProgress& progress) {
  File file(std::tmpfile(), &std::fclose);
  if (!file) return Fail(ExitCode::kEnvironment, "cannot create a temporary file for " + url);
  std::FILE* f = file.get();
  const size_t before = progress.bytes;
  HttpClient::BodySink sink;
  sink.write = [&](std::string_view piece) {
    progress.bytes += piece.size();
    ctx.Report(progress);
    return std::fwrite(piece.data(), 1, piece.size(), f) == piece.size();
  };
  sink.restart = [&] {
    progress.bytes = before;
    std::rewind(f);
    return ftruncate(fileno(f), 0) == 0;
  };
  GS_CHECK(ctx.BeforeRequest(url));
  GS_TRY(response, ctx.http->Stream(url, sink));
  ++progress.requests;
  if (std::fflush(f) != 0) return Fail(ExitCode::kEnvironment, "cannot write the temporary copy of " + url);
  std::rewind(f);
  return ParseAwsOfferFile(f, url);
}

// The Spot Instance Advisor's interruption band of each price's type and region.
Result<void> AddAdvisorBands(const FetchContext& ctx, VendorPrices& out, FetchProgress& progress) {
  const std::string url = ctx.endpoint.empty() ? kSpotAdvisorUrl : ctx.Base("") + "/spot-advisor-data.json";
  GS_CHECK(ctx.BeforeRequest(url));
  GS_TRY(response, ctx.http->Get(url, size_t{64} << 20));
  ++progress.requests;
  progress.bytes += response.body.size();
  GS_TRY(advice, ReadSpotAdvisor(response.body, url));
  size_t banded = 0;
  for (FetchedPrice& p : out.prices) {
    auto it = advice.find({p.region, p.instance_type});
    if (it == advice.end()) continue;
    p.spot_interruption = it->second.band;
    ++banded;
  }
  out.notes.push_back(Message("refresh.note.aws_bands").With("banded", banded).With("prices", out.prices.size()));
  return {};
}

// With credentials in the environment, each region's spot prices per zone
// (aws_spot.h); without, they stay the catalog's and the notes say so.
Result<void> AddSpot(const FetchContext& ctx, VendorPrices& out, FetchProgress& progress) {
  const auto credentials = AwsCredentialsFromEnvironment();
  if (!credentials) {
    out.notes.push_back(Message("refresh.note.aws_no_spot"));
    return {};
  }
  for (const std::string& region : ctx.regions) {
    std::set<std::string> types;
    for (const FetchedPrice& p : out.prices) {
      if (p.region == region) types.insert(p.instance_type);
    }
    if (types.empty()) continue;
    GS_TRY(spots, FetchAwsSpot(ctx, *credentials, region, {types.begin(), types.end()}, progress.requests));
    out.zone_spots.insert(out.zone_spots.end(), spots.begin(), spots.end());
    ctx.Report(progress);
  }
  out.notes.push_back(Message("refresh.note.aws_spot").With("zones", out.zone_spots.size()));
  return {};
}

}  // namespace

std::string AwsOfferFileUrl(const std::string& base, const std::string& region) {
  return base + "/offers/v1.0/aws/AmazonEC2/current/" + region + "/index.json";
}

Result<VendorPrices> FetchAws(const FetchContext& ctx) {
  VendorPrices out;
  out.vendor = "aws";
  out.api = ctx.Base(kAwsPriceListBase);
  FetchProgress progress{"aws", 0, 0, 0, 0, ctx.regions.size()};
  for (const std::string& region : ctx.regions) {
    GS_CHECK(CheckRegionName(region));
    const std::string url = AwsOfferFileUrl(out.api, region);
    GS_TRY(file, FetchRegion(ctx, url, progress));
    for (FetchedPrice& p : file.prices) {
      if (p.region.empty()) p.region = region;
      out.prices.push_back(std::move(p));
    }
    progress.rows = out.prices.size();
    ++progress.regions_done;
    ctx.Report(progress);
  }
  GS_CHECK(AddAdvisorBands(ctx, out, progress));
  GS_CHECK(AddSpot(ctx, out, progress));
  out.requests = progress.requests;
  out.bytes = progress.bytes;
  return out;
}

}  // namespace gpuscout
