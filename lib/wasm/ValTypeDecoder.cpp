// ValTypeDecoder: binary decoding of value, reference, heap and storage types,
// mutability and limits, gated by the enabled features.
#include "wasm/ModuleDecoderState.h"

namespace wasmaot::wasm::detail {

namespace {

/// Whether the abstract heap type with binary code `code` (0x69..0x74) is enabled.
bool abstractHeapEnabled(uint8_t code, const Features &f) {
  switch (code) {
  case 0x70: // func
  case 0x6F: // extern
    return true;
  case 0x69: // exn
  case 0x74: // noexn
    return f.exceptions;
  default: // any, eq, i31, struct, array, none, nofunc, noextern
    return f.gc;
  }
}

AbsHeap absFromCode(uint8_t code) { return AbsHeap(0x74 - code); }

} // namespace

bool readHeapType(Reader &r, const Features &f, HeapType &out) {
  const uint64_t at = r.offset();
  const int64_t v = r.s33();
  if (!r.ok()) return false;
  if (v >= 0) {
    if (!f.functionReferences && !f.gc) return r.fail(at, "malformed heap type");
    out = HeapType::index(uint32_t(v));
    return true;
  }
  if (v >= -0x17 && v <= -0x0C) {
    const uint8_t code = uint8_t(v + 0x80);
    if (!abstractHeapEnabled(code, f)) return r.fail(at, "malformed heap type");
    out = HeapType::abstract(absFromCode(code));
    return true;
  }
  return r.fail(at, "malformed heap type");
}

bool readRefType(Reader &r, const Features &f, ValType &out) {
  const uint64_t at = r.offset();
  const uint8_t b = r.u8();
  if (!r.ok()) return false;
  // Type codes are one-byte signed LEB128 (s7): a continuation bit makes them too long.
  if (b & 0x80) return r.fail(r.offset(), "integer representation too long");
  if (b >= 0x69 && b <= 0x74) {
    if (!abstractHeapEnabled(b, f)) return r.fail(at, "malformed reference type");
    out = ValType::ref(HeapType::abstract(absFromCode(b)), true);
    return true;
  }
  if ((b == 0x63 || b == 0x64) && (f.functionReferences || f.gc)) {
    HeapType h;
    if (!readHeapType(r, f, h)) return false;
    out = ValType::ref(h, b == 0x63);
    return true;
  }
  return r.fail(at, "malformed reference type");
}

bool readValType(Reader &r, const Features &f, ValType &out) {
  const uint64_t at = r.offset();
  switch (r.peek()) {
  case 0x7F: r.u8(); out = ValType::i32(); return r.ok();
  case 0x7E: r.u8(); out = ValType::i64(); return r.ok();
  case 0x7D: r.u8(); out = ValType::f32(); return r.ok();
  case 0x7C: r.u8(); out = ValType::f64(); return r.ok();
  case 0x7B:
    r.u8();
    if (!f.simd) return r.fail(at, "malformed value type");
    out = ValType::v128();
    return r.ok();
  default:
    if (r.atEnd()) {
      r.u8(); // records "unexpected end"
      return false;
    }
    return readRefType(r, f, out);
  }
}

bool readStorageType(Reader &r, const Features &f, StorageType &out) {
  const uint64_t at = r.offset();
  const uint8_t b = r.peek();
  if (b == 0x78 || b == 0x77) {
    r.u8();
    out.type = ValType::i32();
    out.packed = b == 0x78 ? Packed::I8 : Packed::I16;
    return r.ok();
  }
  out.packed = Packed::None;
  const bool valTypeStart = (b >= 0x7B && b <= 0x7F) || (b >= 0x69 && b <= 0x74) || b == 0x63 || b == 0x64;
  if (!r.atEnd() && !valTypeStart) return r.fail(at, "malformed storage type");
  return readValType(r, f, out.type);
}

bool readMutability(Reader &r, bool &mut) {
  const uint64_t at = r.offset();
  const uint8_t b = r.u8();
  if (!r.ok()) return false;
  if (b > 1) return r.fail(at, "malformed mutability");
  mut = b == 1;
  return true;
}

bool readLimits(Reader &r, const Features &f, Limits &out) {
  const uint64_t at = r.offset();
  const uint8_t flags = r.u8();
  if (!r.ok()) return false;
  if (!f.memory64) {
    // Wasm 2.0 reads the flag as a one-bit LEB128 integer.
    if ((flags & 0x7F) > 1) return r.fail(at, "integer too large");
    if (flags & 0x80) return r.fail(r.offset(), "integer representation too long");
  }
  // Bit 0: has maximum; bit 1: shared (threads, not supported); bit 2: 64-bit addresses.
  const uint8_t allowed = f.memory64 ? 0x05 : 0x01;
  if (flags & ~allowed) return r.fail(at, "malformed limits flags");
  out.is64 = flags & 0x04;
  out.shared = false;
  // Wasm 3.0 reads both bounds as u64 and leaves the range to validation.
  const bool wide = f.memory64;
  out.min = wide ? r.u64() : r.u32();
  if (flags & 0x01) out.max = wide ? r.u64() : r.u32();
  else out.max.reset();
  return r.ok();
}

} // namespace wasmaot::wasm::detail
