// Arena: the bump allocator that owns a function's instructions, blocks and operand arrays.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace wasmaot::ir {

/// Bump allocator. Objects placed in it must be trivially destructible: the
/// arena frees its chunks without running destructors.
class Arena {
public:
  Arena() = default;
  Arena(const Arena &) = delete;
  Arena &operator=(const Arena &) = delete;

  void *allocate(size_t size, size_t align) {
    // The common case inline: the current chunk has room.
    const uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + align - 1) & ~(uintptr_t(align) - 1);
    if (cur_ && p + size <= reinterpret_cast<uintptr_t>(end_)) {
      cur_ = reinterpret_cast<std::byte *>(p + size);
      used_ += size;
      return reinterpret_cast<void *>(p);
    }
    return allocateInNewChunk(size, align);
  }

  template <class T, class... Args> T *make(Args &&...args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  /// `n` value-initialized Ts.
  template <class T> T *makeArray(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    if (n == 0) return nullptr;
    T *p = static_cast<T *>(allocate(sizeof(T) * n, alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    return p;
  }

  /// Frees every chunk: everything allocated from the arena is gone.
  void release() {
    std::vector<std::unique_ptr<std::byte[]>>().swap(chunks_);
    cur_ = end_ = nullptr;
    used_ = 0;
  }

  /// Total bytes handed out (for statistics and tests).
  size_t bytesUsed() const { return used_; }

private:
  void *allocateInNewChunk(size_t size, size_t align);

  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte *cur_ = nullptr;
  std::byte *end_ = nullptr;
  size_t used_ = 0;
};

} // namespace wasmaot::ir
