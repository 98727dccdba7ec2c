#include "server/assets.h"

#define GPUSCOUT_DECLARE(sym)                     \
  extern "C" const char gpuscout_##sym##_begin[]; \
  extern "C" const char gpuscout_##sym##_end[];
GPUSCOUT_DECLARE(web_index)
GPUSCOUT_DECLARE(web_app)
GPUSCOUT_DECLARE(web_charts)
GPUSCOUT_DECLARE(web_style)
#undef GPUSCOUT_DECLARE

namespace gpuscout {
namespace {
std::string_view View(const char* b, const char* e) { return {b, static_cast<size_t>(e - b)}; }
}  // namespace

const std::vector<WebAsset>& WebAssets() {
  static const std::vector<WebAsset> assets = {
      {"/", "text/html; charset=utf-8", View(gpuscout_web_index_begin, gpuscout_web_index_end)},
      {"/app.js", "text/javascript; charset=utf-8", View(gpuscout_web_app_begin, gpuscout_web_app_end)},
      {"/charts.js", "text/javascript; charset=utf-8", View(gpuscout_web_charts_begin, gpuscout_web_charts_end)},
      {"/style.css", "text/css; charset=utf-8", View(gpuscout_web_style_begin, gpuscout_web_style_end)},
  };
  return assets;
}

}  // namespace gpuscout
