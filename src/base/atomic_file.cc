#include "base/atomic_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gpuscout {

Result<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Fail(ExitCode::kEnvironment, "cannot read " + path + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(ExitCode::kEnvironment, "cannot read " + path + ": " + std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Fail(ExitCode::kEnvironment, "error while reading " + path);
  return buffer.str();
}

Result<std::string> ReadInputFile(const std::string& path) {
  GS_TRY(text, ReadFile(path));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ExitCode::kBadInput, path + ": the file is empty");
  }
  return text;
}

Result<void> WriteUserFile(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) return Fail(ExitCode::kEnvironment, "cannot write " + path + ": no such folder " + dir.string());
  if (fs::is_directory(target, ec)) return Fail(ExitCode::kEnvironment, "cannot write " + path + ": it is a folder");
  return WriteFileAtomic(path, content);
}

Result<void> WriteFileAtomic(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return Fail(ExitCode::kEnvironment,
                  "cannot create folder " + target.parent_path().string() + ": " + ec.message());
    }
  }
  std::string tmp = path + ".tmp.XXXXXX";
  const int fd = mkstemp(tmp.data());
  if (fd < 0) {
    return Fail(ExitCode::kEnvironment, "cannot create a temporary file beside " + path + ": " +
                                            std::strerror(errno));
  }
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Fail(ExitCode::kEnvironment, "cannot write " + tmp + ": " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Fail(ExitCode::kEnvironment, "cannot flush " + tmp + ": " + why);
  }
  ::chmod(tmp.c_str(), 0644);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Fail(ExitCode::kEnvironment, "cannot rename " + tmp + " to " + path + ": " + why);
  }
  return {};
}

Result<FolderLock> FolderLock::Take(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = dir + "/.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Fail(ExitCode::kEnvironment, "cannot open " + path + ": " + std::strerror(errno));
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return Fail(ExitCode::kEnvironment, "cannot lock " + path + ": " + why);
    }
  }
  return FolderLock(fd);
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

int RemoveStaleTemporaries(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int removed = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto at = name.rfind(".tmp.");
    // mkstemp's suffix: exactly six characters after ".tmp.".
    if (at != std::string::npos && name.size() == at + 11 && it->is_regular_file(ec) && fs::remove(it->path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace gpuscout
