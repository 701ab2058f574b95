// MachOps: how x86-64 code is represented in a codegen::MachFunction between
// lowering and emission.
//
// A MachInst is either
//  - a *form* of Instructions.def (opcode < kPseudoBase): `aux` packs the
//    condition code and, for each of the form's register operands, which
//    MachInst operand's allocation it is; `imm` is the form's immediate;
//    `payload` indexes X64Code::mems when the form has a memory operand;
//  - or a *pseudo* (opcode >= kPseudoBase), expanded by the emitter into a
//    fixed sequence (entry, calls, returns, branches, trap checks, and the few
//    multi-instruction idioms whose internal branches must not be split up).
// Every register the emitter writes is an operand of the MachInst (a def or an
// early-clobber temporary) or the scratch register r11 / xmm15, which the
// allocator never assigns and only the move resolver uses between instructions.
#pragma once

#include "codegen/MachFunction.h"
#include "isa/x64/Instructions.h"

#include <cstdint>
#include <vector>

namespace wasmaot::isa::x64 {

inline constexpr uint32_t kPseudoBase = 0x10000;

// Enumerations the rules name (machine.rules).
enum class Width : uint8_t { W32, W64 };
enum class AluOp : uint8_t { Add, Sub, And, Or, Xor };
enum class ShiftOp : uint8_t { Shl, Shr, Sar, Rol, Ror };
enum class ExtKind : uint8_t { Sx8To32, Zx8To32, Sx16To32, Zx16To32, Sx8To64, Sx16To64, Sx32To64, Zx32To64 };

/// An address of linear memory: [base + index*scale + disp], the registers as
/// vregs. `trap` is 1 + ir::TrapCode when the access is a guard-region trap site.
/// `gs`: the address is relative to the %gs base (Segue: memory 0's base,
/// which the runtime keeps there while the code runs; docs/sandboxing.md).
/// `addr32`: base + index*scale + disp is taken modulo 2^32 (a 0x67 prefix), as
/// a wasm32 i32.add wraps: the address program's folds (rules/addr.rules).
struct Amode {
  codegen::VReg base, index;
  int32_t disp = 0;
  uint8_t trap = 0;
  bool gs = false;
  uint8_t scale = 1;
  bool addr32 = false;
};

enum class Pseudo : uint32_t {
  Args = kPseudoBase, ///< defines the parameters (fixed defs in ABI registers; stack ones via loads)
  Ret,                ///< terminator: epilogue + ret; uses the results in their ABI registers
  Jmp,                ///< terminator: one target
  Jcc,                ///< terminator: aux = CondCode; targets then, else (flags set just before)
  JmpTable,           ///< terminator: use 0 = target address (from JumpTableAddr); targets
  JumpTableAddr,      ///< def 0 = address of entry min(use 1, n) of the jump table `imm`
  Trap,               ///< terminator: ud2 with trap code `imm`
  TrapIf,             ///< jcc to a ud2 stub with trap code `imm` when CondCode `aux` holds
  Call,               ///< direct call of function `imm` (fixed uses/defs, clobbers caller-saved)
  CallReg,            ///< call through use 0 (fixed uses/defs, clobbers caller-saved)
  LoadRodata,         ///< def 0 (xmm) = constant pool entry `payload` (movss/movsd/movups by aux)
  LeaRodata,          ///< def 0 (gpr) = address of constant pool entry `payload`
  Macro,              ///< a multi-instruction idiom `aux` (MacroOp), expanded by the emitter
};

/// Multi-instruction idioms expanded by the emitter (operand order documented per op in Emit.cpp).
enum class MacroOp : uint32_t {
  // ---- integer (EmitInt.cpp)
  DivRem, ///< imm bits: 0 signed, 1 remainder, 2 64-bit; ops: use a (rax), use b, def q (rax), early def r (rdx)
  ClzBsr, ///< imm: width; ops: use a, def d
  CtzBsf, ///< imm: width; ops: use a, def d
  // ---- floating point (EmitFloat.cpp; operands per op there)
  FMinMax,      ///< imm bits: 0 max, 1 f64; ops: use a, use b, def d (reuses a)
  FSelect,      ///< imm = CondCode::pack() (flags set before); ops: use t, use f, def d (reuses f)
  FRound,       ///< no SSE4.1: imm = RoundMode | f64 << 2; payload = constants; ops: use a, early def d
  FToIntTrap,   ///< imm = kFToInt* bits; payload = constants; ops: use a (xmm), def d (gpr)
  FToIntSat,    ///< imm = kFToInt* bits; payload = constants; ops: use a (xmm), def d (gpr)
  U64ToFloat,   ///< imm bit 1: f64; ops: use a (gpr), def d (xmm)
};

// ---- floating point: enumerations the rules name (machine.rules, float.rules,
// cond-float.rules). Width also picks the ss (W32) or sd (W64) form.
enum class FpOp : uint8_t { Add, Sub, Mul, Div };
enum class FBitOp : uint8_t { And, Or, Xor };
/// ROUNDSS/SD immediate bits 1:0.
enum class RoundMode : uint8_t { Nearest = 0, Floor = 1, Ceil = 2, Trunc = 3 };
/// The condition of a UCOMIS{S,D} a, b that holds exactly when the comparison
/// does (unordered sets ZF, PF and CF).
enum class FloatFlags : uint8_t {
  Above,              ///< a > b:  CF=0 and ZF=0 (false when unordered)
  AboveEqual,         ///< a >= b: CF=0 (false when unordered)
  EqualOrdered,       ///< a == b: ZF=1 and PF=0
  NotEqualOrUnordered ///< a != b: ZF=0 or PF=1
};
/// MacroOp::FToIntTrap / FToIntSat immediate: source f64, destination i64, signed.
inline constexpr int64_t kFToIntSrc64 = 1, kFToIntDst64 = 2, kFToIntSigned = 4;

/// The flags condition a Jcc / TrapIf / SetCC consumes. `x64Cond` is the
/// hardware condition; floating-point equality needs two (ZF and not PF), so
/// `parity` says how PF joins in.
struct CondCode {
  enum class Parity : uint8_t { None, AndNotParity, OrParity };
  Cond cc = Cond::E;
  Parity parity = Parity::None;

  uint32_t pack() const { return uint32_t(cc) | (uint32_t(parity) << 4); }
  static CondCode unpack(uint32_t v) { return {Cond(v & 15), Parity((v >> 4) & 3)}; }
  CondCode inverted() const {
    switch (parity) {
    case Parity::None:
      return {invert(cc), Parity::None};
    case Parity::AndNotParity:
      return {invert(cc), Parity::OrParity};
    case Parity::OrParity:
      return {invert(cc), Parity::AndNotParity};
    }
    return *this;
  }
};

/// Which MachInst operand feeds form operand k: packed in MachInst::aux bits
/// 4+4k .. 7+4k (kNoOperand = none); bits 0..3 hold the condition.
inline constexpr uint32_t kNoOperand = 15;
inline uint32_t packFormAux(Cond cc, uint32_t op0, uint32_t op1, uint32_t op2) {
  return uint32_t(cc) | (op0 << 4) | (op1 << 8) | (op2 << 12);
}
inline uint32_t formOperand(uint32_t aux, unsigned k) { return (aux >> (4 + 4 * k)) & 15; }
inline Cond formCond(uint32_t aux) { return Cond(aux & 15); }

/// A memory operand of a form: registers are MachInst operand indices.
struct MemRef {
  static constexpr uint8_t kNone = 0xFF;
  static constexpr uint8_t kRsp = 0xFE;    ///< [rsp + disp]: the outgoing-argument area
  static constexpr uint8_t kRodata = 0xFD; ///< [rip + constant pool entry `disp`]
  static constexpr uint8_t kRbp = 0xFC;    ///< [rbp + disp]: incoming stack arguments
  uint8_t base = kNone;
  uint8_t index = kNone;
  uint8_t scale = 1;
  int32_t disp = 0;
  /// Trap code + 1 when the access may fault into a guard region (a trap site), else 0.
  uint8_t trap = 0;
  bool gs = false; ///< %gs-relative (a 0x65 prefix): Segue linear memory
  bool addr32 = false; ///< a 32-bit address (a 0x67 prefix), computed mod 2^32
};

/// Per-call data (Pseudo::Call / CallReg), indexed by payload.
struct CallInfo {
  uint32_t stackArgBytes = 0; ///< outgoing stack arguments written before the call
};

/// A machine function of x86-64 plus the side tables its MachInsts index.
struct X64Code {
  codegen::MachFunction mf;
  std::vector<MemRef> mems;
  std::vector<std::vector<codegen::BlockId>> jumpTables; ///< per JumpTableAddr: block per entry, default last
  std::vector<std::vector<uint8_t>> constants;   ///< constant pool entries (16-byte aligned)
  uint32_t outgoingArgSize = 0;                  ///< largest stack-argument + return area of a call
  uint32_t numStackParams = 0;
};

} // namespace wasmaot::isa::x64
