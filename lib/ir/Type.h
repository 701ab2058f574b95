// Type: the value types of the wasmaot IR (integers, floats, v128 and one reference type).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::ir {

/// IR value types. `Ref` is one machine word holding a GC, function or extern
/// reference; the register allocator tracks it for stack maps. Wasm-level
/// reference subtypes are not IR types. New types (e.g. for exceptions) are added
/// at the end, before the sentinel.
enum class Type : uint8_t { I8, I16, I32, I64, F32, F64, V128, Ref };

inline constexpr unsigned kNumTypes = 8;

/// "i32", "f64", "ref", ...
const char *typeName(Type t);
/// Parses a type name; nullopt if unknown.
std::optional<Type> parseType(std::string_view name);

/// Width in bits (Ref: 64).
unsigned typeBits(Type t);
inline unsigned typeBytes(Type t) { return typeBits(t) / 8; }

inline bool isInt(Type t) { return t == Type::I8 || t == Type::I16 || t == Type::I32 || t == Type::I64; }
inline bool isFloat(Type t) { return t == Type::F32 || t == Type::F64; }

/// All-ones mask of the type's width for integer types (I64: ~0).
inline uint64_t intMask(Type t) {
  unsigned bits = typeBits(t);
  return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
}

} // namespace wasmaot::ir
