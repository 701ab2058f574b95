// Allocation: where a value lives after register allocation (a register or a
// spill slot), and Move, the one generic instruction the allocator inserts.
#pragma once

#include "codegen/TargetDesc.h"

#include <cstdint>
#include <string>

namespace wasmaot::codegen {

struct Allocation {
  enum class Kind : uint8_t { None, Reg, Stack };
  Kind kind = Kind::None;
  uint32_t index = 0; ///< Reg: the PReg; Stack: the spill slot id (FrameLayout gives its offset)

  static Allocation reg(PReg r) { return {Kind::Reg, r}; }
  static Allocation stack(uint32_t slot) { return {Kind::Stack, slot}; }
  bool isNone() const { return kind == Kind::None; }
  bool isReg() const { return kind == Kind::Reg; }
  bool isStack() const { return kind == Kind::Stack; }
  PReg preg() const { return PReg(index); }
  uint32_t slot() const { return index; }
  friend bool operator==(Allocation a, Allocation b) { return a.kind == b.kind && a.index == b.index; }
  friend bool operator!=(Allocation a, Allocation b) { return !(a == b); }
  std::string str(const TargetDesc &t) const {
    switch (kind) {
    case Kind::None:
      return "none";
    case Kind::Reg:
      return t.regs[index].name;
    case Kind::Stack:
      return "slot" + std::to_string(index);
    }
    return "?";
  }
};

/// dst <- src for a value of class cls. The target encodes it: register copy,
/// spill store, reload, or (if it can) memory-to-memory; the resolver never emits
/// memory-to-memory moves (it goes through a register).
struct Move {
  Allocation dst, src;
  RegClass cls = RegClass::Int;
};

} // namespace wasmaot::codegen
