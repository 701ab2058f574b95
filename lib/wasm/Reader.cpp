// Reader: bounds-checked reading of bytes, LEB128 integers, floats and names.
#include "wasm/Reader.h"

namespace wasmaot::wasm {

bool Reader::fail(uint64_t at, std::string message, DiagKind kind) {
  if (!failed_) {
    failed_ = true;
    error_.kind = kind;
    error_.offset = at;
    error_.message = std::move(message);
  }
  pos_ = data_.size();
  return false;
}

uint8_t Reader::u8Slow() {
  if (failed_) return 0;
  if (pos_ >= data_.size()) {
    fail("unexpected end");
    return 0;
  }
  return data_[pos_++];
}

std::span<const uint8_t> Reader::bytes(size_t n) {
  if (failed_) return {};
  if (n > data_.size() - pos_) {
    fail("unexpected end");
    return {};
  }
  auto s = data_.subspan(pos_, n);
  pos_ += n;
  return s;
}

uint64_t Reader::lebSlow(unsigned bits, bool isSigned) {
  if (failed_) return 0;
  const uint64_t start = offset();
  const unsigned maxBytes = (bits + 6) / 7;
  uint64_t result = 0;
  unsigned shift = 0;
  for (unsigned i = 0;; ++i) {
    if (pos_ >= data_.size()) {
      fail("unexpected end");
      return 0;
    }
    const uint8_t byte = data_[pos_++];
    if (i == maxBytes - 1) {
      // Last permitted byte: the continuation bit must be clear and the bits
      // beyond `bits` must be zero (unsigned) or copies of the sign bit (signed).
      if (byte & 0x80) {
        fail(start, "integer representation too long");
        return 0;
      }
      const unsigned used = bits - shift; // payload bits that belong to the value
      if (used < 7) {
        const uint8_t unusedMask = uint8_t((0x7F >> used) << used) & 0x7F;
        const uint8_t unused = byte & unusedMask;
        if (!isSigned) {
          if (unused != 0) {
            fail(start, "integer too large");
            return 0;
          }
        } else {
          const bool signBit = (byte >> (used - 1)) & 1;
          if (unused != (signBit ? unusedMask : 0)) {
            fail(start, "integer too large");
            return 0;
          }
        }
      }
      result |= uint64_t(byte & 0x7F) << shift;
      shift += 7;
      break;
    }
    result |= uint64_t(byte & 0x7F) << shift;
    shift += 7;
    if (!(byte & 0x80)) break;
  }
  if (isSigned && shift < 64 && (result >> (shift - 1)) & 1) result |= ~uint64_t(0) << shift;
  if (bits < 64) {
    const uint64_t mask = (uint64_t(1) << bits) - 1;
    if (isSigned) {
      // Sign-extend from `bits` to 64 so callers can narrow.
      const uint64_t v = result & mask;
      result = (v >> (bits - 1)) & 1 ? v | ~mask : v;
    } else {
      result &= mask;
    }
  }
  return result;
}

uint32_t Reader::count(size_t minItemBytes, const char *what) {
  const uint64_t at = offset();
  const uint32_t n = u32();
  if (failed_) return 0;
  const size_t left = data_.size() - pos_;
  if (!minItemBytes) return n;
  // The spec interpreter's vec/name length check: a length beyond the bytes
  // left (counted from the length itself) is "length out of bounds"; one
  // that leaves too few bytes for its items runs into the end.
  if (n > data_.size() - (at - base_)) {
    fail(at, "length out of bounds");
    return 0;
  }
  if (uint64_t(n) * minItemBytes > left) {
    fail(at, "unexpected end");
    return 0;
  }
  (void)what;
  return n;
}

uint32_t Reader::f32Bits() {
  auto b = bytes(4);
  if (b.empty()) return 0;
  uint32_t v;
  std::memcpy(&v, b.data(), 4);
  return v;
}

uint64_t Reader::f64Bits() {
  auto b = bytes(8);
  if (b.empty()) return 0;
  uint64_t v;
  std::memcpy(&v, b.data(), 8);
  return v;
}

std::string Reader::name() {
  const uint32_t n = count(1, "name length");
  const uint64_t at = offset();
  auto b = bytes(n);
  if (failed_) return {};
  if (!isValidUtf8(b)) {
    fail(at, "malformed UTF-8 encoding");
    return {};
  }
  return std::string(b.begin(), b.end());
}

bool isValidUtf8(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    unsigned len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (unsigned k = 1; k < len; ++k) {
      const uint8_t cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
      return false; // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

} // namespace wasmaot::wasm
