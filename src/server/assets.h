// The web page's files (web/), compiled into the binary (assets.S).
#pragma once

#include <string_view>
#include <vector>

namespace gpuscout {

struct WebAsset {
  const char* path;          // "/", "/app.js", "/style.css"
  const char* content_type;
  std::string_view body;
};

const std::vector<WebAsset>& WebAssets();

}  // namespace gpuscout
