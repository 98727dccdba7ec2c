// Answers to deterministic questions (the catalog is fixed between
// refreshes, which clear it), kept by request: a least-recently-used map of at most `capacity`
// entries, thread-safe. Large requests and answers are not kept.
#pragma once

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace gpuscout {

class AnswerCache {
 public:
  explicit AnswerCache(size_t capacity = 256) : capacity_(capacity) {}

  static constexpr size_t kMaxKeyBytes = 64 * 1024;
  static constexpr size_t kMaxAnswerBytes = 1024 * 1024;

  std::optional<std::string> Get(const std::string& key);
  void Put(const std::string& key, const std::string& answer);
  void Clear();
  size_t hits() const;
  size_t misses() const;

 private:
  using Entry = std::pair<std::string, std::string>;
  size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t hits_ = 0, misses_ = 0;
};

}  // namespace gpuscout
