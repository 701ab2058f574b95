// Value: an SSA value handle (an index into its function's value table) and what defines it.
#pragma once

#include "ir/Type.h"

#include <cstdint>

namespace wasmaot::ir {

struct BasicBlock;
struct Inst;

/// An SSA value: a block parameter or an instruction result. Trivially copyable;
/// the id indexes Function's value table and is stable for the function's life.
struct Value {
  static constexpr uint32_t kInvalid = ~uint32_t(0);
  uint32_t id = kInvalid;

  constexpr Value() = default;
  constexpr explicit Value(uint32_t i) : id(i) {}
  constexpr bool valid() const { return id != kInvalid; }
  constexpr explicit operator bool() const { return valid(); }
  friend constexpr bool operator==(Value a, Value b) { return a.id == b.id; }
  friend constexpr bool operator!=(Value a, Value b) { return a.id != b.id; }
};

/// How a value is defined.
enum class ValueDef : uint8_t {
  Param,       ///< parameter `index` of `block`
  Result,      ///< result `index` of `inst`
  Placeholder, ///< not defined yet (used by the parser for forward references)
  Removed,     ///< a removed block parameter or erased instruction's result
};

struct ValueData {
  Type type = Type::I32;
  ValueDef def = ValueDef::Placeholder;
  uint32_t index = 0;
  BasicBlock *block = nullptr; ///< Param: the block; Result: the instruction's block at creation
  Inst *inst = nullptr;        ///< Result only
};

} // namespace wasmaot::ir
