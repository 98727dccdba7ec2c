// Embeds the web page. GPUSCOUT_WEB_DIR is passed by CMake.
#define STR2(x) #x
#define STR(x) STR2(x)
#define EMBED(sym, file)                         \
  .section .rodata.gpuscout_##sym, "a", @progbits; \
  .global gpuscout_##sym##_begin;                  \
  .global gpuscout_##sym##_end;                    \
  .balign 16;                                      \
  gpuscout_##sym##_begin:                          \
  .incbin STR(GPUSCOUT_WEB_DIR/file);              \
  gpuscout_##sym##_end:                            \
  .byte 0;

EMBED(web_index, index.html)
EMBED(web_app, app.js)
EMBED(web_charts, charts.js)
EMBED(web_style, style.css)

.section .note.GNU-stack, "", @progbits
