// Tencent's TC3-HMAC-SHA256 and Alibaba's ACS3-HMAC-SHA256 against each
// vendor's own worked example, byte for byte.
#include <gtest/gtest.h>

#include "fetch/acs3.h"
#include "fetch/hmac.h"
#include "fetch/tc3.h"

namespace gpuscout {
namespace {

// Tencent Cloud, "Signature v3" (API 3.0 common documentation, e.g.
// https://www.tencentcloud.com/document/product/213/33224): DescribeInstances
// of CVM in ap-guangzhou at 1551113065, the key Gu5t9xGARNpq86cd98joQYCN3EXAMPLE.
Tc3Request TencentExample() {
  Tc3Request r;
  r.host = "cvm.tencentcloudapi.com";
  r.service = "cvm";
  r.payload = R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";
  r.timestamp = 1551113065;
  return r;
}

TEST(Tc3, TencentWorkedExample) {
  const Tc3Request r = TencentExample();
  EXPECT_EQ(Sha256Hex(r.payload), "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(Tc3CanonicalRequest(r),
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
            "content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(Tc3StringToSign(r),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  const TencentCredentials c{"AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", ""};
  EXPECT_EQ(Tc3Signature(r, c.secret_key), "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  EXPECT_EQ(Tc3Authorization(r, c),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
            "SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  const auto headers = Tc3Headers(r, c, "DescribeInstances", "2017-03-12", "ap-guangzhou");
  EXPECT_EQ(headers[2], "X-TC-Action: DescribeInstances");
  EXPECT_EQ(headers[3], "X-TC-Timestamp: 1551113065");
  EXPECT_EQ(headers[5], "X-TC-Region: ap-guangzhou");
}

TEST(Tc3, TheDateIsUtcAndATokenIsSent) {
  // 1551113065 is 2019-02-26 00:44:25 in UTC+8: the scope keeps the UTC date.
  Tc3Request r = TencentExample();
  r.timestamp = 1551113065 + 86400;
  EXPECT_NE(Tc3StringToSign(r).find("\n2019-02-26/cvm/tc3_request\n"), std::string::npos);
  const auto headers = Tc3Headers(r, {"id", "key", "token"}, "DescribeZones", "2017-03-12", "");
  EXPECT_EQ(headers.back(), "X-TC-Token: token");
  EXPECT_EQ(headers.size(), 6u);  // no X-TC-Region for a global call
}

// Alibaba Cloud, "V3 request structure and signature", section "Fixed
// parameter values": RunInstances in cn-shanghai, AccessKey YourAccessKeyId /
// YourAccessKeySecret, nonce 3156853299f313e23d1673dc12e1703d at
// 2023-10-26T10:22:32Z. (The page's request-header table shows another nonce
// and date, d410180a... at 09:01:01Z, beside the same signature; the
// signature is of the fixed values, which this test reproduces.)
TEST(Acs3, AlibabaWorkedExample) {
  Acs3Request r;
  r.host = "ecs.cn-shanghai.aliyuncs.com";
  r.action = "RunInstances";
  r.version = "2014-05-26";
  r.query = {{"RegionId", "cn-shanghai"}, {"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}};
  r.date = "2023-10-26T10:22:32Z";
  r.nonce = "3156853299f313e23d1673dc12e1703d";
  const AlibabaCredentials c{"YourAccessKeyId", "YourAccessKeySecret", ""};
  EXPECT_EQ(Acs3CanonicalRequest(r, c),
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
            "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
            "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
            "x-acs-version:2014-05-26\n\n"
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Acs3StringToSign(r, c), "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  EXPECT_EQ(Acs3Signature(r, c), "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  EXPECT_EQ(Acs3Authorization(r, c),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
            "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
}

TEST(Acs3, QueryValuesAreEncodedAndAnStsTokenIsSigned) {
  Acs3Request r;
  r.host = "ecs.cn-beijing.aliyuncs.com";
  r.action = "DescribePrice";
  r.version = "2014-05-26";
  r.query = {{"InstanceType", "ecs.gn7i-c8g1.2xlarge"}, {"A b", "x/y*~"}};
  r.date = "2026-11-30T00:00:00Z";
  r.nonce = "n";
  EXPECT_EQ(Acs3CanonicalQuery(r), "A%20b=x%2Fy%2A~&InstanceType=ecs.gn7i-c8g1.2xlarge");
  const AlibabaCredentials sts{"id", "secret", "tok"};
  EXPECT_NE(Acs3Authorization(r, sts).find("x-acs-date;x-acs-security-token;x-acs-signature-nonce"),
            std::string::npos);
  EXPECT_EQ(Acs3Nonce().size(), 32u);
  EXPECT_NE(Acs3Nonce(), Acs3Nonce());
}

}  // namespace
}  // namespace gpuscout
