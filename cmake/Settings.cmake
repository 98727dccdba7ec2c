# Compiler settings shared by every target, as INTERFACE libraries.
add_library(gpuscout_warnings INTERFACE)
target_compile_options(gpuscout_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wnull-dereference -Wimplicit-fallthrough)
if(GPUSCOUT_WERROR)
  target_compile_options(gpuscout_warnings INTERFACE -Werror)
endif()

add_library(gpuscout_settings INTERFACE)
target_link_libraries(gpuscout_settings INTERFACE gpuscout_warnings)
target_compile_definitions(gpuscout_settings INTERFACE
  $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(GPUSCOUT_FUZZ)
  # Every library instrumented for libFuzzer's coverage and checked by ASan
  # and UBSan; the fuzz targets add libFuzzer's main (fuzz/CMakeLists.txt).
  # The same build runs the unit tests under the sanitizers in `make test`;
  # _GLIBCXX_ASSERTIONS adds bounds checks to the standard containers.
  target_compile_options(gpuscout_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_definitions(gpuscout_settings INTERFACE _GLIBCXX_ASSERTIONS)
  target_link_options(gpuscout_settings INTERFACE -fsanitize=address,undefined)
  # Debian's RapidJSON 1.1.0 adds an offset to its null stack pointer before
  # the first allocation (internal/stack.h:117; fixed upstream after 1.1.0):
  # UBSan is told to ignore that header, not our code.
  target_compile_options(gpuscout_settings INTERFACE
    -fsanitize-ignorelist=${CMAKE_CURRENT_LIST_DIR}/ubsan-ignorelist.txt)
elseif(GPUSCOUT_SANITIZE)
  target_compile_options(gpuscout_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(gpuscout_settings INTERFACE -fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(gpuscout_settings INTERFACE
      -fsanitize-ignorelist=${CMAKE_CURRENT_LIST_DIR}/ubsan-ignorelist.txt)
  endif()
endif()
