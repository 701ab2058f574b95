// Value: a wasm value as the embedder sees it, and the kinds that decide how
// it is passed to generated code (integer register, vector register, stack).
#pragma once

#include "wasm/Types.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace wasmaot::runtime {

/// References are one machine word: a funcref is a VMFuncRef* (docs/abi.md),
/// an externref whatever the host chose; 0 is null for every reference type.
enum class ValKind : uint8_t { I32, I64, F32, F64, V128, FuncRef, ExternRef, AnyRef };

inline bool isRef(ValKind k) { return k >= ValKind::FuncRef; }
/// Passed in an xmm/vector register when registers are left.
inline bool isFloatClass(ValKind k) { return k == ValKind::F32 || k == ValKind::F64 || k == ValKind::V128; }

struct Value {
  ValKind kind = ValKind::I32;
  uint64_t lo = 0; ///< the value's bits (i32/f32 in the low 32 bits), or the reference
  uint64_t hi = 0; ///< v128 high 64 bits

  static Value i32(uint32_t v) { return {ValKind::I32, v, 0}; }
  static Value i64(uint64_t v) { return {ValKind::I64, v, 0}; }
  static Value f32Bits(uint32_t bits) { return {ValKind::F32, bits, 0}; }
  static Value f64Bits(uint64_t bits) { return {ValKind::F64, bits, 0}; }
  static Value f32(float f) { uint32_t b; std::memcpy(&b, &f, 4); return f32Bits(b); }
  static Value f64(double d) { uint64_t b; std::memcpy(&b, &d, 8); return f64Bits(b); }
  static Value v128(uint64_t low, uint64_t high) { return {ValKind::V128, low, high}; }
  static Value ref(ValKind kind, uint64_t r) { return {kind, r, 0}; }

  uint32_t asI32() const { return uint32_t(lo); }
  uint64_t asI64() const { return lo; }
  float asF32() const { float f; uint32_t b = uint32_t(lo); std::memcpy(&f, &b, 4); return f; }
  double asF64() const { double d; std::memcpy(&d, &lo, 8); return d; }
};

/// A function's signature as kinds (what a call needs to place arguments).
struct Signature {
  std::vector<ValKind> params;
  std::vector<ValKind> results;
  friend bool operator==(const Signature &, const Signature &) = default;
};

/// The kind of a value type (references by hierarchy: func, extern, other).
ValKind kindOf(const wasm::ValType &t);
Signature signatureOf(const wasm::FuncType &t);

} // namespace wasmaot::runtime
