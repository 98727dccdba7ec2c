#include "refresh/aws.h"

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "refresh/aws_offer_file.h"

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
  GS_TRY(response, ctx.http->Stream(url, sink));
  ++progress.requests;
  if (std::fflush(f) != 0) return Fail(ExitCode::kEnvironment, "cannot write the temporary copy of " + url);
  std::rewind(f);
  return ParseAwsOfferFile(f, url);
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
  out.requests = progress.requests;
  out.bytes = progress.bytes;
  out.notes.push_back("spot prices stay the catalog's: AWS publishes them only through the signed EC2 API "
                      "(DescribeSpotPriceHistory)");
  return out;
}

}  // namespace gpuscout
