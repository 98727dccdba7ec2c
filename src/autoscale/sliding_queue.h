// A queue for sliding time windows: pushed and popped at the back, popped
// at a moving front, its storage compacted now and then. The simulator's
// booting nodes and HPA's stabilisation windows use it at every step, where
// std::deque's chunked storage costs more than the work itself.
#pragma once

#include <cstddef>
#include <vector>

namespace gpuscout {

template <typename T>
class SlidingQueue {
 public:
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }
  const T& front() const { return v_[head_]; }
  const T& back() const { return v_.back(); }
  const T* begin() const { return v_.data() + head_; }
  const T* end() const { return v_.data() + head_ + n_; }
  void push_back(const T& x) {
    v_.push_back(x);
    ++n_;
  }
  void pop_back() {
    v_.pop_back();
    --n_;
  }
  void pop_front() {
    --n_;
    if (++head_ > 64 && head_ > n_) {
      v_.erase(v_.begin(), v_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  // Removes the k-th live element (k < size()).
  void erase(size_t k) {
    v_.erase(v_.begin() + static_cast<std::ptrdiff_t>(head_ + k));
    --n_;
  }

 private:
  std::vector<T> v_;
  size_t head_ = 0;  // the first live element
  size_t n_ = 0;     // live elements
};

}  // namespace gpuscout
