// Inst: a concrete AArch64 machine instruction (a form from Instructions.def
// plus its operands), the unit the encoder and printer consume.
#pragma once

#include "isa/aarch64/Instructions.h"
#include "isa/aarch64/Registers.h"

#include <array>
#include <cassert>
#include <cstdint>
#include <initializer_list>

namespace wasmaot::isa::aarch64 {

/// A position in the code buffer, bound later (Encoder::bind).
struct Label {
  uint32_t id = ~0u;
  bool valid() const { return id != ~0u; }
};

/// What a PC-relative operand refers to: an explicit displacement (None), a
/// label of the same buffer, or an external symbol (left as a relocation).
struct Target {
  enum class Kind : uint8_t { None, Label, Symbol };
  Kind kind = Kind::None;
  uint32_t id = 0;
};

/// A memory operand. The form decides which shapes it accepts: unsigned scaled
/// offsets (ui), unscaled imm9 (us), pre/post-index writeback, a register offset
/// (ro) or a pair offset.
struct Mem {
  enum class Mode : uint8_t { Offset, PreIndex, PostIndex, Register };
  Gpr base = Gpr::Sp; ///< x0..x30 or Sp
  Mode mode = Mode::Offset;
  Gpr index = Gpr::X0;        ///< Register mode: x/w index (never Sp)
  Extend ext = Extend::Uxtx;  ///< Register mode: Uxtw, Uxtx (lsl), Sxtw or Sxtx
  bool shifted = false;       ///< Register mode: index scaled by the access size (S bit)
  int32_t offset = 0;         ///< bytes (Offset/PreIndex/PostIndex)

  /// [base, #offset]
  static Mem at(Gpr b, int32_t off = 0) { return Mem{b, Mode::Offset, Gpr::X0, Extend::Uxtx, false, off}; }
  /// [base, #offset]!
  static Mem pre(Gpr b, int32_t off) { return Mem{b, Mode::PreIndex, Gpr::X0, Extend::Uxtx, false, off}; }
  /// [base], #offset
  static Mem post(Gpr b, int32_t off) { return Mem{b, Mode::PostIndex, Gpr::X0, Extend::Uxtx, false, off}; }
  /// [base, index{, ext {#log2(size)}}]: Uxtx is printed lsl; Uxtw/Sxtw take a w index.
  /// The wasm heap access is reg(heapBase, wIndex, Extend::Uxtw).
  static Mem reg(Gpr b, Gpr i, Extend e = Extend::Uxtx, bool scaled = false) {
    return Mem{b, Mode::Register, i, e, scaled, 0};
  }
};

/// One operand. Which fields matter is decided by the form's OperandKind.
struct Operand {
  uint8_t reg = 0;    ///< registers: Gpr or Vreg value
  uint8_t mod = 0;    ///< WSh/XSh: Shift; WExt/XExt: Extend
  uint8_t amount = 0; ///< shift/extend amount; AImm: 0 or 12; MImm*: 0, 16, 32, 48
  int64_t imm = 0;    ///< immediates (LImm*: the bitmask value); Rel* with no target: bytes
  double fp = 0;      ///< FImm
  Mem mem;            ///< M*
  Target target;      ///< Rel*: label or symbol; AImm: a symbol's :lo12: (add only)

  static Operand r(Gpr g) { Operand o; o.reg = static_cast<uint8_t>(g); return o; }
  static Operand r(Vreg v) { Operand o; o.reg = static_cast<uint8_t>(v); return o; }
  /// A shifted register operand: reg, shift #amount.
  static Operand sh(Gpr g, Shift s, unsigned amount) {
    Operand o = r(g);
    o.mod = static_cast<uint8_t>(s);
    o.amount = static_cast<uint8_t>(amount);
    return o;
  }
  /// An extended register operand: reg, extend #amount.
  static Operand ext(Gpr g, Extend e, unsigned amount = 0) {
    Operand o = r(g);
    o.mod = static_cast<uint8_t>(e);
    o.amount = static_cast<uint8_t>(amount);
    return o;
  }
  /// An immediate; `shift` is AImm's lsl #12 or MImm's lsl #16/32/48.
  static Operand i(int64_t v, unsigned shift = 0) {
    Operand o;
    o.imm = v;
    o.amount = static_cast<uint8_t>(shift);
    return o;
  }
  static Operand f(double v) { Operand o; o.fp = v; return o; }
  /// The #0.0 of fcmp (nothing is encoded).
  static Operand zero() { return Operand{}; }
  static Operand m(const Mem& mm) { Operand o; o.mem = mm; return o; }
  /// A PC-relative displacement in bytes (adrp: a multiple of 4096).
  static Operand rel(int64_t bytes) { Operand o; o.imm = bytes; return o; }
  static Operand to(Label l) { Operand o; o.target = {Target::Kind::Label, l.id}; return o; }
  static Operand symbol(uint32_t s) { Operand o; o.target = {Target::Kind::Symbol, s}; return o; }
  /// add's :lo12:symbol immediate (R_AARCH64_ADD_ABS_LO12_NC).
  static Operand lo12(uint32_t s) { return symbol(s); }
};

/// A machine instruction: a form, its condition (kCond forms) and operands.
struct Inst {
  Opcode op;
  Cond cc = Cond::AL;
  std::array<Operand, 4> ops{};

  Inst(Opcode o, std::initializer_list<Operand> operands = {}) : op(o) {
    assert(operands.size() == desc(o).numOperands && "operand count does not match the form");
    unsigned n = 0;
    for (const Operand& x : operands)
      ops[n++] = x;
  }
  Inst(Opcode o, Cond c, std::initializer_list<Operand> operands) : Inst(o, operands) {
    assert((desc(o).flags & kCond) && "condition given to a form without one");
    cc = c;
  }
  /// All operand slots given at once (unused slots are ignored).
  Inst(Opcode o, Cond c, const std::array<Operand, 4>& all) : op(o), cc(c), ops(all) {}
};

/// The base-form instruction an alias stands for (cmp -> subs with zr, lsl ->
/// ubfm, ...); a base-form Inst is returned unchanged. Encoder and printer work
/// on the expansion; the verifier may derive an alias's semantics from it.
Inst expandAlias(const Inst& inst);

} // namespace wasmaot::isa::aarch64
