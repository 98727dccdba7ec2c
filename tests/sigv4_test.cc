// AWS Signature Version 4 against AWS's own worked example: the GET Object
// example of the S3 documentation ("Signature calculations for the
// Authorization header", examplebucket/test.txt), its canonical request hash
// and its signature.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
#include <gtest/gtest.h>

#include "fetch/sigv4.h"

namespace gpuscout {
namespace {

SigV4Request GetObjectExample() {
  SigV4Request r;
  r.host = "examplebucket.s3.amazonaws.com";
  r.path = "/test.txt";
  r.headers = {{"Range", "bytes=0-9"},
               {"x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}};
  r.amz_date = "20130524T000000Z";
  r.region = "us-east-1";
  r.service = "s3";
  return r;
}

const AwsCredentials kExample{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};

TEST(SigV4, AwsGetObjectExample) {
  const SigV4Request r = GetObjectExample();
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(CanonicalRequest(r),
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(StringToSign(r),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(SigV4Signature(r, kExample), "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  const auto headers = SigV4Headers(r, kExample);
  EXPECT_EQ(headers[0],
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4, QueryIsSortedAndASessionTokenIsSigned) {
  SigV4Request r = GetObjectExample();
  r.query = "Version=2016-11-15&Action=DescribeSpotPriceHistory";
  EXPECT_NE(CanonicalRequest(r).find("\nAction=DescribeSpotPriceHistory&Version=2016-11-15\n"), std::string::npos);
  AwsCredentials temporary = kExample;
  temporary.session_token = "token123";
  const auto headers = SigV4Headers(r, temporary);
  EXPECT_NE(headers[0].find("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token"),
            std::string::npos) << headers[0];
  EXPECT_EQ(headers.back(), "X-Amz-Security-Token: token123");
  EXPECT_NE(SigV4Headers(r, kExample)[0], headers[0]);
}

}  // namespace
}  // namespace gpuscout
