// Embeds the web page. GPUSCOUT_WEB_DIR is passed by CMake.
#include "base/incbin.h"
#define EMBED(sym, file) GPUSCOUT_EMBED(sym, GPUSCOUT_WEB_DIR, file)

EMBED(web_index, index.html)
EMBED(web_app, app.js)
EMBED(web_charts, charts.js)
EMBED(web_style, style.css)

.section .note.GNU-stack, "", @progbits
