// For the .S files that embed data files in the binary (catalog/embedded.S,
// server/assets.S): EMBED(sym, file) defines gpuscout_<sym>_begin/_end
// around the file's bytes, followed by a NUL. `dir` is the folder CMake passes.
#pragma once

#define GPUSCOUT_STR2(x) #x
#define GPUSCOUT_STR(x) GPUSCOUT_STR2(x)
#define GPUSCOUT_EMBED(sym, dir, file)             \
  .section .rodata.gpuscout_##sym, "a", @progbits; \
  .global gpuscout_##sym##_begin;                  \
  .global gpuscout_##sym##_end;                    \
  .balign 16;                                      \
  gpuscout_##sym##_begin:                          \
  .incbin GPUSCOUT_STR(dir/file);                  \
  gpuscout_##sym##_end:                            \
  .byte 0;
