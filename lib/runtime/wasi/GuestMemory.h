// GuestMemory: bounds-checked access to the calling instance's linear memory.
//
// SUBTLE (sandboxing): every pointer and length a WASI call receives comes
// from the guest and is untrusted. A host function touches guest memory only
// through this view, and only after `contains(ptr, len)` said the whole range
// [ptr, ptr + len) lies inside [0, length). The check is done in 64-bit
// arithmetic on a 32-bit pointer and a length of at most 2^32 * 48 bytes (the
// largest product a host function forms: a u32 count times a struct size), so
// it cannot wrap. A failed check is the WASI errno EFAULT; nothing is
// accessed. The host is little-endian like wasm (static_assert below), so
// fields are plain memcpy's at the witx offsets.
#pragma once

#include "runtime/HostCall.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace wasmaot::wasi {

static_assert(std::endian::native == std::endian::little,
              "guest fields are stored with memcpy: the host must be little-endian like wasm");

class GuestMemory {
public:
  explicit GuestMemory(const runtime::HostCallContext *ctx)
      : base_(ctx && ctx->memory ? ctx->memory->base : nullptr),
        length_(ctx && ctx->memory ? ctx->memory->length : 0) {}
  GuestMemory(uint8_t *base, uint64_t length) : base_(base), length_(length) {}

  /// True if [ptr, ptr + len) lies inside the memory (len may be 0).
  bool contains(uint64_t ptr, uint64_t len) const {
    return ptr <= length_ && len <= length_ - ptr;
  }
  /// The host address of guest `ptr`; only after `contains(ptr, len)`.
  uint8_t *at(uint64_t ptr) const { return base_ + ptr; }
  uint64_t length() const { return length_; }

  // Unchecked field access: the caller has checked the enclosing struct.
  template <class T> T load(uint64_t ptr) const {
    T v;
    std::memcpy(&v, base_ + ptr, sizeof(T));
    return v;
  }
  template <class T> void store(uint64_t ptr, T v) const {
    std::memcpy(base_ + ptr, &v, sizeof(T));
  }

  /// Checked single-value stores for out-parameters: false (EFAULT) if out of range.
  template <class T> bool storeChecked(uint64_t ptr, T v) const {
    if (!contains(ptr, sizeof(T)))
      return false;
    store(ptr, v);
    return true;
  }

private:
  uint8_t *base_;
  uint64_t length_;
};

} // namespace wasmaot::wasi
