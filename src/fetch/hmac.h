// SHA-256, HMAC-SHA256 and the encodings the vendors' request signatures
// share (OpenSSL's libcrypto).
#pragma once

#include <string>

namespace gpuscout {

std::string Sha256Hex(const std::string& data);
// The raw 32-byte MAC of `data` under `key`.
std::string HmacSha256(const std::string& key, const std::string& data);
std::string HexOf(const std::string& bytes);
// RFC 3986: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex).
std::string PercentEncode(const std::string& text);

}  // namespace gpuscout
