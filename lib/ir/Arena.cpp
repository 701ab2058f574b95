// Arena: chunked bump allocation.
#include "ir/Arena.h"

namespace wasmaot::ir {

void *Arena::allocateInNewChunk(size_t size, size_t align) {
  constexpr size_t kChunk = 16 * 1024;
  auto aligned = [&](std::byte *p) {
    uintptr_t v = reinterpret_cast<uintptr_t>(p);
    return reinterpret_cast<std::byte *>((v + align - 1) & ~(uintptr_t(align) - 1));
  };
  std::byte *p = cur_ ? aligned(cur_) : nullptr;
  if (!p || p + size > end_) {
    size_t chunk = size + align > kChunk ? size + align : kChunk;
    chunks_.push_back(std::unique_ptr<std::byte[]>(new std::byte[chunk]));
    cur_ = chunks_.back().get();
    end_ = cur_ + chunk;
    p = aligned(cur_);
  }
  cur_ = p + size;
  used_ += size;
  return p;
}

} // namespace wasmaot::ir
