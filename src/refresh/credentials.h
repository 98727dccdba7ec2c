// A credentials file for `catalog refresh --credentials FILE`: NAME=value
// lines (blank lines and # comments allowed) naming the environment
// variables the vendors' price APIs read, so no key has to sit in a shell's
// environment or on a command line. Values are never printed.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace gpuscout {

// The (name, value) pairs of a file; an unknown name, a line without '=' or
// an empty value fails with exit 2 naming the file, the line and the name,
// never the value.
Result<std::vector<std::pair<std::string, std::string>>> ReadCredentials(std::string_view text, const std::string& file);

}  // namespace gpuscout
