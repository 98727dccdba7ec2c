#include "server/answer_cache.h"

namespace gpuscout {

std::optional<std::string> AnswerCache::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void AnswerCache::Put(const std::string& key, const std::string& answer) {
  if (capacity_ == 0 || key.size() > kMaxKeyBytes || answer.size() > kMaxAnswerBytes) return;
  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->second = answer;
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.emplace_front(key, answer);
  index_[key] = order_.begin();
  while (order_.size() > capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

size_t AnswerCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

size_t AnswerCache::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}

}  // namespace gpuscout

namespace gpuscout {

void AnswerCache::Clear() {
  std::lock_guard lock(mu_);
  order_.clear();
  index_.clear();
}

}  // namespace gpuscout
