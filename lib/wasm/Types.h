// Wasm value, heap, storage and composite types, including the GC type system
// (rec groups, declared subtypes, final types). Subtyping and type equivalence
// are defined in TypeSystem.cpp over a Module's canonicalized types.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace wasmaot::wasm {

/// The abstract heap types of Wasm 3.0 (binary codes in comments).
enum class AbsHeap : uint8_t {
  NoExn,    // 0x74
  NoFunc,   // 0x73
  NoExtern, // 0x72
  None,     // 0x71
  Func,     // 0x70
  Extern,   // 0x6F
  Any,      // 0x6E
  Eq,       // 0x6D
  I31,      // 0x6C
  Struct,   // 0x6B
  Array,    // 0x6A
  Exn,      // 0x69
};

/// A heap type: either abstract or a type index into the module's type section.
class HeapType {
public:
  static constexpr uint32_t kAbstractBit = 0x80000000u;
  /// A "bottom" heap type used only by the validator (unreachable code).
  static constexpr uint32_t kBottom = 0xFFFFFFFFu;

  constexpr HeapType() : code_(kBottom) {}
  static constexpr HeapType abstract(AbsHeap h) { return HeapType(kAbstractBit | uint32_t(h)); }
  static constexpr HeapType index(uint32_t typeIndex) { return HeapType(typeIndex); }
  static constexpr HeapType bottom() { return HeapType(kBottom); }

  constexpr bool isAbstract() const { return (code_ & kAbstractBit) && code_ != kBottom; }
  constexpr bool isIndex() const { return !(code_ & kAbstractBit); }
  constexpr bool isBottom() const { return code_ == kBottom; }
  constexpr AbsHeap abs() const { return AbsHeap(code_ & 0xFF); }
  constexpr uint32_t typeIndex() const { return code_; }
  constexpr uint32_t raw() const { return code_; }
  friend constexpr bool operator==(HeapType a, HeapType b) { return a.code_ == b.code_; }

private:
  constexpr explicit HeapType(uint32_t c) : code_(c) {}
  uint32_t code_;
};

/// A value type. `Bot` is the validator's unknown type on a polymorphic stack.
struct ValType {
  enum Kind : uint8_t { I32, I64, F32, F64, V128, Ref, Bot };
  Kind kind = Bot;
  bool nullable = false; // Ref only
  HeapType heap;         // Ref only

  static constexpr ValType i32() { return {I32, false, {}}; }
  static constexpr ValType i64() { return {I64, false, {}}; }
  static constexpr ValType f32() { return {F32, false, {}}; }
  static constexpr ValType f64() { return {F64, false, {}}; }
  static constexpr ValType v128() { return {V128, false, {}}; }
  static constexpr ValType bot() { return {Bot, false, {}}; }
  static constexpr ValType ref(HeapType h, bool isNullable) { return {Ref, isNullable, h}; }
  static constexpr ValType funcref() { return ref(HeapType::abstract(AbsHeap::Func), true); }
  static constexpr ValType externref() { return ref(HeapType::abstract(AbsHeap::Extern), true); }

  constexpr bool isNum() const { return kind <= F64; }
  constexpr bool isRef() const { return kind == Ref; }
  /// Defaultable: has a default value (numbers, vectors, nullable refs).
  constexpr bool defaultable() const { return kind != Ref || nullable; }
  friend constexpr bool operator==(const ValType &a, const ValType &b) {
    return a.kind == b.kind && (a.kind != Ref || (a.nullable == b.nullable && a.heap == b.heap));
  }
};

enum class Packed : uint8_t { None, I8, I16 };

/// A struct field or array element type: a value type or a packed integer.
struct StorageType {
  ValType type;                   // for packed storage: i32 (the unpacked type)
  Packed packed = Packed::None;
  friend bool operator==(const StorageType &, const StorageType &) = default;
};

struct FieldType {
  StorageType storage;
  bool mut = false;
  friend bool operator==(const FieldType &, const FieldType &) = default;
};

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
};

enum class CompKind : uint8_t { Func, Struct, Array };

struct CompositeType {
  CompKind kind = CompKind::Func;
  FuncType func;                 // Func
  std::vector<FieldType> fields; // Struct: the fields; Array: exactly one, the element
};

/// One entry of the type index space.
struct SubType {
  bool final = true;
  std::optional<uint32_t> super; // at most one declared supertype (type index)
  CompositeType comp;
  uint32_t recGroupStart = 0; // type index of the first type of its rec group
  uint32_t recGroupSize = 1;
  /// Canonical id: two type indices denote equivalent types (iso-recursive
  /// equivalence of their rec groups) iff their canonical ids are equal.
  uint32_t canonical = 0;
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  bool is64 = false;  // memory64 / table64 address type
  bool shared = false;
};

struct TableType {
  ValType elem = ValType::funcref();
  Limits limits;
};

struct MemoryType {
  Limits limits;
};

struct GlobalType {
  ValType type;
  bool mut = false;
};

} // namespace wasmaot::wasm
