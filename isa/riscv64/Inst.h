// Inst: a concrete RV64 machine instruction (a form from Instructions.def plus
// its operands and rounding mode), the unit the encoder and printer consume.
#pragma once

#include "isa/riscv64/Instructions.h"
#include "isa/riscv64/Registers.h"

#include <array>
#include <cassert>
#include <cstdint>
#include <initializer_list>

namespace wasmaot::isa::riscv64 {

/// A position in the code buffer, bound later (Encoder::bind).
struct Label {
  uint32_t id = ~0u;
  bool valid() const { return id != ~0u; }
};

/// What a PC-relative or relocated operand refers to, and how.
struct Target {
  enum class Kind : uint8_t { None, Label, Symbol };
  /// Direct: a branch/jal target. PcrelHi: auipc's %pcrel_hi(target). Call: an
  /// auipc whose next instruction is the jalr of the pair (R_RISCV_CALL_PLT).
  /// PcrelLo: an I-type immediate %pcrel_lo(label), where the label marks the
  /// auipc that carries the matching %pcrel_hi (never the target itself).
  enum class Use : uint8_t { Direct, PcrelHi, Call, PcrelLo };
  Kind kind = Kind::None;
  Use use = Use::Direct;
  uint32_t id = 0;
};

/// A memory operand: imm(base). The offset is a signed 12-bit immediate, or
/// (loads, jalr: I-type) %pcrel_lo of the label at an auipc.
struct Mem {
  Gpr base = Gpr::Sp;
  int32_t offset = 0;
  Target lo; ///< Kind::Label with Use::PcrelLo, or None

  /// offset(base)
  static Mem at(Gpr b, int32_t off = 0) { return Mem{b, off, {}}; }
  /// %pcrel_lo(auipcLabel)(base)
  static Mem pcrelLo(Gpr b, Label auipc) {
    return Mem{b, 0, {Target::Kind::Label, Target::Use::PcrelLo, auipc.id}};
  }
};

/// One operand. Which fields matter is decided by the form's OperandKind.
struct Operand {
  uint8_t reg = 0;    ///< X: Gpr value; F: Fpr value
  int64_t imm = 0;    ///< immediates; Rel* with no target: bytes; Fence: the set
  Mem mem;            ///< Mem
  Target target;      ///< Rel*: label; Uimm20 (auipc): hi/call; Simm12 (addi): lo

  static Operand r(Gpr g) { Operand o; o.reg = static_cast<uint8_t>(g); return o; }
  static Operand r(Fpr f) { Operand o; o.reg = static_cast<uint8_t>(f); return o; }
  static Operand i(int64_t v) { Operand o; o.imm = v; return o; }
  static Operand m(const Mem& mm) { Operand o; o.mem = mm; return o; }
  /// A fence set: a combination of kFenceI/O/R/W.
  static Operand fence(uint8_t set) { return i(set); }
  /// A PC-relative displacement in bytes from this instruction.
  static Operand rel(int64_t bytes) { Operand o; o.imm = bytes; return o; }
  /// A branch or jal to a label of the same buffer.
  static Operand to(Label l) { Operand o; o.target = {Target::Kind::Label, Target::Use::Direct, l.id}; return o; }
  /// auipc's %pcrel_hi of a label (resolved by finalize) or a symbol (R_RISCV_PCREL_HI20).
  static Operand pcrelHi(Label l) { Operand o; o.target = {Target::Kind::Label, Target::Use::PcrelHi, l.id}; return o; }
  static Operand pcrelHiSymbol(uint32_t s) { Operand o; o.target = {Target::Kind::Symbol, Target::Use::PcrelHi, s}; return o; }
  /// The auipc of an auipc+jalr call pair to a label or a symbol (R_RISCV_CALL_PLT).
  static Operand call(Label l) { Operand o; o.target = {Target::Kind::Label, Target::Use::Call, l.id}; return o; }
  static Operand callSymbol(uint32_t s) { Operand o; o.target = {Target::Kind::Symbol, Target::Use::Call, s}; return o; }
  /// addi's %pcrel_lo(label), the label bound at the matching auipc.
  static Operand pcrelLo(Label auipc) { Operand o; o.target = {Target::Kind::Label, Target::Use::PcrelLo, auipc.id}; return o; }
};

/// A machine instruction: a form, its rounding mode (kRm forms) and operands.
struct Inst {
  Opcode op;
  Rm rm = Rm::Dyn;
  std::array<Operand, 3> ops{};

  Inst(Opcode o, std::initializer_list<Operand> operands = {}) : op(o) {
    assert(operands.size() == desc(o).numOperands && "operand count does not match the form");
    unsigned n = 0;
    for (const Operand& x : operands)
      ops[n++] = x;
  }
  Inst(Opcode o, Rm r, std::initializer_list<Operand> operands) : Inst(o, operands) {
    assert((desc(o).flags & kRm) && "rounding mode given to a form without one");
    rm = r;
  }
  /// All operand slots given at once (unused slots are ignored).
  Inst(Opcode o, Rm r, const std::array<Operand, 3>& all) : op(o), rm(r), ops(all) {}
};

/// The base-form instruction an alias stands for (mv -> addi #0, j -> jal
/// zero, ...); a base-form Inst is returned unchanged. Encoder and printer work
/// on the expansion; the verifier may derive an alias's semantics from it.
Inst expandAlias(const Inst& inst);

} // namespace wasmaot::isa::riscv64
