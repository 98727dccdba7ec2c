// Whole-file reads and atomic writes: a write goes to a temporary file in the
// same folder, is flushed to disk, then renamed over the target, so readers see
// the old file or the new one, never half of one.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace gpuscout {

// Fails with ExitCode::kEnvironment when the file cannot be read or is a
// directory ("it is a directory").
Result<std::string> ReadFile(const std::string& path);

// An input the user named (a plan, a fleet, a trace, a catalog file): as
// ReadFile, and a file with nothing but white space in it is
// ExitCode::kBadInput ("the file is empty") rather than a parser's puzzle.
Result<std::string> ReadInputFile(const std::string& path);

// Creates missing parent folders. Fails with ExitCode::kEnvironment.
// The temporary file is named `<path>.tmp.XXXXXX`.
Result<void> WriteFileAtomic(const std::string& path, std::string_view content);

// An output file the user named (--timeline, --write): written atomically
// like WriteFileAtomic, but its folder must exist (no folder tree is made
// from a typo) and it must not be a folder. Fails with ExitCode::kEnvironment
// naming the path, before anything is written.
Result<void> WriteUserFile(const std::string& path, std::string_view content);

// An exclusive lock on a folder (flock on `<dir>/.lock`, created with the
// folder), held while the object lives: writers of one folder take turns.
class FolderLock {
 public:
  static Result<FolderLock> Take(const std::string& dir);
  FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FolderLock& operator=(FolderLock&&) = delete;
  ~FolderLock();

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Removes the temporary files WriteFileAtomic left under `dir` when a
// process was killed mid-write. Call with the folder's lock held, so that no
// live writer's file is taken. Returns how many were removed.
int RemoveStaleTemporaries(const std::string& dir);

}  // namespace gpuscout
