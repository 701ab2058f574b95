// MachOps: how RV64 code is represented in a codegen::MachFunction between
// lowering and emission.
//
// A MachInst is either
//  - a *form* of Instructions.def (opcode < kPseudoBase): `payload` indexes
//    RV64Code::forms, an Inst template holding everything but the registers
//    the allocator picks (immediates, the rounding mode, fixed registers such
//    as zero, sp or s0); `aux` says which MachInst operand feeds each register
//    slot of the form and the memory operand's base (packFormAux);
//  - or a *pseudo* (opcode >= kPseudoBase), expanded by the emitter into a
//    fixed sequence (entry, calls, returns, branches, traps, constants, and the
//    few idioms whose internal branches must not be split up).
// Every register the emitter writes is an operand of the MachInst (a def) or a
// scratch register: t0 (also the move resolver's), t1 (far stack slots, far
// branches, the in-text data's address) and ft11, which the allocator never
// assigns. zero, ra, sp, gp, tp and s0 (the frame pointer) are never allocated
// either.
//
// RISC-V has no flags: a condition is a branch comparison of two registers
// (CondCode: beq/bne/blt/bge/bltu/bgeu, the second register may be zero), and
// every consumer of a condition (brif, trapz/trapnz, select) reads the two
// registers itself.
#pragma once

#include "codegen/MachFunction.h"
#include "isa/riscv64/Inst.h"

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace wasmaot::isa::riscv64 {

inline constexpr uint32_t kPseudoBase = 0x10000;

// Enumerations the rules name (machine.rules, float.rules).
enum class Width : uint8_t { W32, W64 };
/// Register-register operations (alu_rrr). Width picks the W form of add,
/// sub, mul, div*, rem*, the shifts and rotates; the others have one form.
enum class AluOp : uint8_t {
  Add, Sub, Mul, Mulhu, Div, Divu, Rem, Remu, And, Or, Xor, Sll, Srl, Sra, Slt, Sltu,
  Rol, Ror, Andn, Orn, Xnor, Min, Max, Minu, Maxu, Sh1add, Sh2add, Sh3add, AddUw,
};
/// Register-immediate operations (alu_rri): addi(w), andi, ori, xori, slti,
/// sltiu, slli(w)/srli(w)/srai(w), rori(w), slli.uw.
enum class ImmOp : uint8_t { Add, And, Or, Xor, Slt, Sltu, Sll, Srl, Sra, Ror, SllUw };
/// One-register operations (alu_r).
enum class UnOp : uint8_t { Clz, Ctz, Cpop, SextB, SextH, ZextH, ZextW, SextW, Seqz, Snez, Neg, Not };
enum class FpOp : uint8_t { Add, Sub, Mul, Div, Min, Max, Sgnj, Sgnjn, Sgnjx };
enum class FCmpOp : uint8_t { Eq, Lt, Le };
/// The integer side of an fcvt: w (i32), wu (u32), l (i64), lu (u64).
enum class IntKind : uint8_t { W, Wu, L, Lu };
enum class RoundMode : uint8_t { Rne, Rtz, Rdn, Rup };

/// The comparison a conditional branch makes.
enum class BrCond : uint8_t { Eq, Ne, Lt, Ge, Ltu, Geu };
constexpr BrCond invert(BrCond c) {
  switch (c) {
  case BrCond::Eq: return BrCond::Ne;
  case BrCond::Ne: return BrCond::Eq;
  case BrCond::Lt: return BrCond::Ge;
  case BrCond::Ge: return BrCond::Lt;
  case BrCond::Ltu: return BrCond::Geu;
  case BrCond::Geu: return BrCond::Ltu;
  }
  return BrCond::Eq;
}
/// The B-type form of a condition.
constexpr Opcode branchForm(BrCond c) {
  switch (c) {
  case BrCond::Eq: return Opcode::BEQ;
  case BrCond::Ne: return Opcode::BNE;
  case BrCond::Lt: return Opcode::BLT;
  case BrCond::Ge: return Opcode::BGE;
  case BrCond::Ltu: return Opcode::BLTU;
  case BrCond::Geu: return Opcode::BGEU;
  }
  return Opcode::BEQ;
}

/// A condition: `a cc b` over the full 64-bit registers (an invalid a or b is
/// the zero register). For i32 operands this is the 32-bit comparison, signed and
/// unsigned, because both are kept sign-extended (machine.rules).
struct CondCode {
  BrCond cc = BrCond::Ne;
  codegen::VReg a, b;
  CondCode inverted() const { return {invert(cc), a, b}; }
  /// MachInst::aux of a consumer: the BrCond, bit 3 when b is a register, bit 4
  /// when a is (the consumer's uses are a, then b, each only when present).
  uint32_t pack() const { return uint32_t(cc) | (b.valid() ? 8u : 0u) | (a.valid() ? 16u : 0u); }
  static BrCond unpackCond(uint32_t aux) { return BrCond(aux & 7); }
  static bool hasB(uint32_t aux) { return (aux & 8) != 0; }
  static bool hasA(uint32_t aux) { return (aux & 16) != 0; }
  static unsigned numUses(uint32_t aux) { return (hasA(aux) ? 1 : 0) + (hasB(aux) ? 1 : 0); }
};

/// An address of linear memory or of a vmctx structure: offset(base), the
/// offset a simm12. `trap` is 1 + ir::TrapCode when the access is a
/// guard-region trap site.
struct Amode {
  codegen::VReg base;
  int32_t offset = 0;
  uint8_t trap = 0;
};

enum class Pseudo : uint32_t {
  Args = kPseudoBase, ///< defines the parameters (fixed defs in ABI registers)
  Ret,                ///< terminator: epilogue + ret; uses the results in their ABI registers
  Jmp,                ///< terminator: one target
  Br,                 ///< terminator: aux = CondCode::pack; uses a, b (those present); targets then, else
  JmpTable,           ///< terminator: use 0 = target address (from JumpTableAddr); targets
  JumpTableAddr,      ///< early def 0 = address of entry min(use 1, n) of jump table `imm`
  Trap,               ///< terminator: unimp, trap code `imm`
  TrapIf,             ///< aux = CondCode::pack; uses a, b (those present): branch to an unimp stub, code `imm`
  Call,               ///< direct auipc+jalr to function `imm` (fixed uses/defs, clobbers caller-saved)
  CallReg,            ///< jalr use 0 (fixed uses/defs, clobbers caller-saved)
  MovImm,             ///< def 0 = `imm`: the materializer's shortest sequence
  LoadConst,          ///< def 0 (fpr) = constant pool entry `payload`, aux 1: fld (else flw)
  Select,             ///< aux = CondCode::pack; uses t, f, a, b (those present); reuse def d of t: d = cond ? t : f
};

/// Which MachInst operand feeds form slot k (k = 0..2: a register, or the
/// memory operand's base): 4 bits each in MachInst::aux. kKeep leaves the
/// template's register (zero, sp, s0, t0, ...) as it is.
inline constexpr uint32_t kKeep = 15;
inline uint32_t packFormAux(std::initializer_list<uint32_t> slots) {
  uint32_t aux = 0, k = 0;
  for (uint32_t s : slots)
    aux |= s << (4 * k++);
  for (; k < 3; ++k)
    aux |= kKeep << (4 * k);
  return aux;
}
inline uint32_t formSlot(uint32_t aux, unsigned k) { return (aux >> (4 * k)) & 15; }

/// The data of a form MachInst: the Inst template and, for a memory access
/// that relies on a guard region, 1 + the trap code (the access is a trap site).
struct FormData {
  Inst inst;
  uint8_t trap = 0;
};

/// A machine function of RV64 plus the side tables its MachInsts index.
struct RV64Code {
  codegen::MachFunction mf;
  std::vector<FormData> forms;
  std::vector<std::vector<codegen::BlockId>> jumpTables; ///< per JumpTableAddr: block per entry, default last
  std::vector<uint64_t> constants;                       ///< constant pool entries (8 bytes each)
  uint32_t outgoingArgSize = 0;                          ///< largest stack-argument + return area of a call
};

} // namespace wasmaot::isa::riscv64
