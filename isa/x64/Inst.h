// Inst: a concrete x86-64 machine instruction (a form from Instructions.def
// plus its operands), the unit the encoder and printer consume.
#pragma once

#include "isa/x64/Instructions.h"
#include "isa/x64/Registers.h"

#include <cassert>
#include <cstdint>
#include <initializer_list>

namespace wasmaot::isa::x64 {

/// A position in the code buffer, bound later (Encoder::bind).
struct Label {
  uint32_t id = ~0u;
  bool valid() const { return id != ~0u; }
};

/// What a branch or RIP-relative operand refers to: an explicit displacement
/// (None), a label of the same buffer, or an external symbol (left as a
/// relocation for the object writer).
struct Target {
  enum class Kind : uint8_t { None, Label, Symbol };
  Kind kind = Kind::None;
  uint32_t id = 0;
};

/// A memory operand: [base + index*scale + disp], or [rip + disp].
struct Mem {
  static constexpr uint8_t kNoReg = 0xFF;
  static constexpr uint8_t kRip = 0xFE;

  uint8_t base = kNoReg;  ///< Gpr encoding, kNoReg or kRip
  uint8_t index = kNoReg; ///< Gpr encoding (never rsp) or kNoReg
  uint8_t scale = 1;      ///< 1, 2, 4 or 8
  int32_t disp = 0;
  Target target; ///< RIP-relative only: what disp is resolved against
  /// Segment override: kNoSeg, or kGs (a 0x65 prefix: the %gs base is added to
  /// the 64-bit effective address; Segue linear memory, docs/sandboxing.md).
  uint8_t seg = kNoSeg;
  static constexpr uint8_t kNoSeg = 0, kGs = 1;
  /// A 32-bit address (a 0x67 prefix): base + index*scale + disp is computed
  /// modulo 2^32 and zero-extended before the segment base is added (SDM vol. 1,
  /// 3.3.7). With `gs` it is Segue's wasm32 address: gs base + (a + b + c) mod 2^32.
  bool addr32 = false;

  static Mem at(Gpr b, int32_t d = 0) { return Mem{encoding(b), kNoReg, 1, d, {}, kNoSeg}; }
  static Mem indexed(Gpr b, Gpr i, uint8_t s, int32_t d = 0) {
    return Mem{encoding(b), encoding(i), s, d, {}, kNoSeg};
  }
  /// [index*scale + disp32] with no base.
  static Mem noBase(Gpr i, uint8_t s, int32_t d) { return Mem{kNoReg, encoding(i), s, d, {}, kNoSeg}; }
  /// [disp32]: an absolute address.
  static Mem absolute(int32_t d) { return Mem{kNoReg, kNoReg, 1, d, {}, kNoSeg}; }
  /// [rip + disp32] with an explicit displacement from the end of the instruction.
  static Mem rip(int32_t d) { return Mem{kRip, kNoReg, 1, d, {}, kNoSeg}; }
  /// [rip + label + disp]: the displacement is fixed up when the label is bound.
  static Mem rip(Label l, int32_t addend = 0) {
    return Mem{kRip, kNoReg, 1, addend, {Target::Kind::Label, l.id}, kNoSeg};
  }
  /// [rip + symbol + disp]: left as a PC-relative relocation.
  static Mem ripSymbol(uint32_t symbol, int32_t addend = 0) {
    return Mem{kRip, kNoReg, 1, addend, {Target::Kind::Symbol, symbol}, kNoSeg};
  }
  /// The same address relative to the %gs base.
  Mem gs() const { Mem m = *this; m.seg = kGs; return m; }
  /// The same operand with a 32-bit address (0x67).
  Mem a32() const { Mem m = *this; m.addr32 = true; return m; }
  bool hasBase() const { return base != kNoReg && base != kRip; }
  bool hasIndex() const { return index != kNoReg; }
  bool isRip() const { return base == kRip; }
};

/// One operand. Which fields matter is decided by the form's OperandKind.
struct Operand {
  uint8_t reg = 0; ///< G*/X: register encoding
  Mem mem;         ///< M*
  int64_t imm = 0; ///< I*/U8; Rel* with Target::Kind::None: the displacement
  Target target;   ///< Rel*: label or symbol

  static Operand r(Gpr g) { Operand o; o.reg = encoding(g); return o; }
  static Operand r(Xmm x) { Operand o; o.reg = encoding(x); return o; }
  static Operand m(const Mem& mm) { Operand o; o.mem = mm; return o; }
  static Operand i(int64_t v) { Operand o; o.imm = v; return o; }
  static Operand rel(int64_t disp) { Operand o; o.imm = disp; return o; }
  static Operand to(Label l) { Operand o; o.target = {Target::Kind::Label, l.id}; return o; }
  static Operand symbol(uint32_t s) { Operand o; o.target = {Target::Kind::Symbol, s}; return o; }
  /// The implicit cl of shift-by-cl forms (a placeholder: nothing is encoded).
  static Operand cl() { return r(Gpr::Rcx); }
};

/// A machine instruction: a form, its condition (kCond forms) and operands.
struct Inst {
  Opcode op;
  Cond cc = Cond::O;
  std::array<Operand, 3> ops{};

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
  /// All three operand slots given at once (unused slots are ignored).
  Inst(Opcode o, Cond c, const std::array<Operand, 3>& all) : op(o), cc(c), ops(all) {}
};

} // namespace wasmaot::isa::x64
