// Reader: bounds-checked reading of the primitive encodings of the Wasm binary
// format (bytes, LEB128 integers, IEEE floats, UTF-8 names). Every read checks
// the bytes left; a failed read records the first error and returns 0, so
// callers check `ok()` once per construct rather than after each read.
#pragma once

#include "wasmaot/Diagnostics.h"

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace wasmaot::wasm {

class Reader {
public:
  /// `base` is the offset of data[0] within the whole module, for diagnostics.
  Reader(std::span<const uint8_t> data, uint64_t base = 0) : data_(data), base_(base) {}

  bool ok() const { return !failed_; }
  bool atEnd() const { return pos_ >= data_.size(); }
  size_t pos() const { return pos_; }
  size_t left() const { return failed_ ? 0 : data_.size() - pos_; }
  /// Offset of the next byte within the whole module.
  uint64_t offset() const { return base_ + pos_; }
  std::span<const uint8_t> data() const { return data_; }
  void seek(size_t pos) { pos_ = pos; }

  /// The first error, if any.
  const Diagnostic &error() const { return error_; }
  /// Records an error at `offset` unless one is already recorded; always returns false.
  bool fail(uint64_t offset, std::string message, DiagKind kind = DiagKind::Malformed);
  bool fail(std::string message, DiagKind kind = DiagKind::Malformed) {
    return fail(offset(), std::move(message), kind);
  }

  uint8_t u8() { return !failed_ && pos_ < data_.size() ? data_[pos_++] : u8Slow(); }
  uint8_t peek() const { return pos_ < data_.size() ? data_[pos_] : 0; }
  /// Reads `n` raw bytes; returns an empty span (and fails) when fewer are left.
  std::span<const uint8_t> bytes(size_t n);
  bool skip(size_t n) { return !bytes(n).empty() || n == 0; }

  uint32_t u32() { return uint32_t(leb(32, false)); }
  uint64_t u64() { return leb(64, false); }
  int32_t s32() { return int32_t(leb(32, true)); }
  int64_t s33() { return leb(33, true); }
  int64_t s64() { return int64_t(leb(64, true)); }
  /// u32 used as a count of items each at least `minItemBytes` long: fails
  /// when the count cannot fit in the bytes left (no unbounded allocation).
  uint32_t count(size_t minItemBytes = 1, const char *what = "count");

  uint32_t f32Bits();
  uint64_t f64Bits();

  /// A length-prefixed UTF-8 name; fails with "malformed UTF-8 encoding".
  std::string name();

  /// Decodes a LEB128 integer of at most `bits` bits (signed or unsigned),
  /// rejecting over-long encodings and unused bits that are not a sign
  /// extension, with the spec's messages ("integer representation too long",
  /// "integer too large").
  uint64_t leb(unsigned bits, bool isSigned) {
    // One byte (most immediates): no continuation, and no unused bits to check
    // since more than 7 bits are allowed.
    if (!failed_ && pos_ < data_.size() && data_[pos_] < 0x80 && bits > 7) {
      const uint8_t b = data_[pos_++];
      return isSigned ? uint64_t(int64_t(int8_t(uint8_t(b << 1))) >> 1) : b;
    }
    // Two bytes (function indices, most offsets and constants): the second has
    // no continuation, and with more than 14 bits allowed no unused bits either.
    if (!failed_ && pos_ + 1 < data_.size() && data_[pos_] >= 0x80 && data_[pos_ + 1] < 0x80 && bits > 14) {
      const uint32_t v = (data_[pos_] & 0x7Fu) | uint32_t(data_[pos_ + 1]) << 7;
      pos_ += 2;
      return isSigned ? uint64_t(int64_t(int32_t(v << 18)) >> 18) : v;
    }
    return lebSlow(bits, isSigned);
  }

private:
  uint8_t u8Slow();
  uint64_t lebSlow(unsigned bits, bool isSigned);

  std::span<const uint8_t> data_;
  uint64_t base_ = 0;
  size_t pos_ = 0;
  bool failed_ = false;
  Diagnostic error_;
};

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool isValidUtf8(std::span<const uint8_t> s);

} // namespace wasmaot::wasm
