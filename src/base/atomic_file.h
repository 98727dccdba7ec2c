// Whole-file reads and atomic writes: a write goes to a temporary file in the
// same folder, is flushed to disk, then renamed over the target, so readers see
// the old file or the new one, never half of one.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace gpuscout {

// Fails with ExitCode::kEnvironment when the file cannot be read.
Result<std::string> ReadFile(const std::string& path);

// Creates missing parent folders. Fails with ExitCode::kEnvironment.
Result<void> WriteFileAtomic(const std::string& path, std::string_view content);

}  // namespace gpuscout
