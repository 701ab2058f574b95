// MachOps: how AArch64 code is represented in a codegen::MachFunction between
// lowering and emission.
//
// A MachInst is either
//  - a *form* of Instructions.def (opcode < kPseudoBase): `payload` indexes
//    A64Code::forms, an Inst template holding everything but the registers
//    the allocator picks (immediates, shift/extend amounts, the condition,
//    fixed registers such as sp, zr or x16); `aux` says which MachInst operand
//    feeds each register slot of the form (packFormAux), and for a memory
//    operand its base and index;
//  - or a *pseudo* (opcode >= kPseudoBase), expanded by the emitter into a
//    fixed sequence (entry, calls, returns, branches, traps, constants, and the
//    few multi-instruction idioms whose internal branches must not be split up).
// Every register the emitter writes is an operand of the MachInst (a def or an
// early-clobber temporary) or a scratch register: x16 (also the move
// resolver's), x17 (addresses of far stack slots) and v31, which the allocator
// never assigns. x18 (platform), x29 (frame pointer) and x30 (link) are never
// allocated either.
#pragma once

#include "codegen/MachFunction.h"
#include "isa/aarch64/Inst.h"

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace wasmaot::isa::aarch64 {

inline constexpr uint32_t kPseudoBase = 0x10000;

// Enumerations the rules name (machine.rules, float.rules).
enum class Width : uint8_t { W32, W64 };
enum class AluOp : uint8_t { Add, Sub, And, Or, Xor };
enum class ShiftOp : uint8_t { Lsl, Lsr, Asr, Ror };
enum class ExtKind : uint8_t { Sx8To32, Sx16To32, Sx8To64, Sx16To64, Sx32To64, Zx32To64 };
enum class FpOp : uint8_t { Add, Sub, Mul, Div, Min, Max };
enum class FUnOp : uint8_t { Abs, Neg, Sqrt, Ceil, Floor, Trunc, Nearest };

/// The NZCV condition a B.cond / CSEL / CSET / TrapIf consumes. Unlike x86-64
/// every wasm comparison, float ones included, is a single condition.
struct CondCode {
  Cond cc = Cond::EQ;
  uint32_t pack() const { return uint32_t(cc); }
  static CondCode unpack(uint32_t v) { return {Cond(v & 15)}; }
  CondCode inverted() const { return {invert(cc)}; }
};

/// An address of linear memory, the registers as vregs:
///  - index valid, offset 0: [base, index, uxtw] (`extendIndex`, a 32-bit
///    memory's i32 index) or [base, index] (memory64, or an index already
///    holding index + offset);
///  - index invalid: [base, #offset] with an offset the access's form encodes
///    (a multiple of the size up to 4095 * size, or -256..255).
/// `trap` is 1 + ir::TrapCode when the access is a guard-region trap site.
struct Amode {
  codegen::VReg base, index;
  int32_t offset = 0;
  bool extendIndex = false;
  uint8_t trap = 0;
};

enum class Pseudo : uint32_t {
  Args = kPseudoBase, ///< defines the parameters (fixed defs in ABI registers)
  Ret,                ///< terminator: epilogue + ret; uses the results in their ABI registers
  Jmp,                ///< terminator: one target
  Bcc,                ///< terminator: aux = Cond; targets then, else (flags set just before)
  JmpTable,           ///< terminator: use 0 = target address (from JumpTableAddr); targets
  JumpTableAddr,      ///< def 0 = address of entry min(use 1, n) of the jump table `imm`
  Trap,               ///< terminator: udf #code, trap code `imm`
  TrapIf,             ///< b.cond to a udf stub with trap code `imm` when Cond `aux` holds
  TrapIfZero,         ///< cbz use 0 (aux 1: x view) to a udf stub with trap code `imm`
  Call,               ///< direct bl to function `imm` (fixed uses/defs, clobbers caller-saved)
  CallReg,            ///< blr use 0 (fixed uses/defs, clobbers caller-saved)
  MovImm,             ///< def 0 = `imm` (aux 1: 64-bit), the shortest movz/movn/orr + movk
  LoadLiteral,        ///< def 0 = constant pool entry `payload` (aux: the LDR*l form)
  Macro,              ///< a multi-instruction idiom `aux` (MacroOp), expanded by the emitter
};

/// Multi-instruction idioms expanded by the emitter (operands documented per op).
enum class MacroOp : uint32_t {
  FToIntTrap, ///< imm = kFToInt* bits; ops: use a (fpr), early def d (gpr)
};
/// MacroOp::FToIntTrap immediate: source f64, destination i64, signed.
inline constexpr int64_t kFToIntSrc64 = 1, kFToIntDst64 = 2, kFToIntSigned = 4;

/// Which MachInst operand feeds form register slot k (k = 0..3) and the memory
/// operand's base and index: 4 bits each in MachInst::aux. kKeep leaves the
/// template's register (sp, zr, x16, x29, ...) as it is.
inline constexpr uint32_t kKeep = 15;
inline uint32_t packFormAux(std::initializer_list<uint32_t> slots, uint32_t memBase = kKeep,
                            uint32_t memIndex = kKeep) {
  uint32_t aux = 0, k = 0;
  for (uint32_t s : slots)
    aux |= s << (4 * k++);
  for (; k < 4; ++k)
    aux |= kKeep << (4 * k);
  return aux | memBase << 16 | memIndex << 20;
}
inline uint32_t formSlot(uint32_t aux, unsigned k) { return (aux >> (4 * k)) & 15; }
inline uint32_t formMemBase(uint32_t aux) { return (aux >> 16) & 15; }
inline uint32_t formMemIndex(uint32_t aux) { return (aux >> 20) & 15; }

/// The data of a form MachInst: the Inst template and, for a memory access
/// that relies on a guard region, 1 + the trap code (the access is a trap site).
struct FormData {
  Inst inst;
  uint8_t trap = 0;
};

/// A machine function of AArch64 plus the side tables its MachInsts index.
struct A64Code {
  codegen::MachFunction mf;
  std::vector<FormData> forms;
  std::vector<std::vector<codegen::BlockId>> jumpTables; ///< per JumpTableAddr: block per entry, default last
  std::vector<uint64_t> constants;                       ///< constant pool entries (8 bytes each)
  uint32_t outgoingArgSize = 0;                          ///< largest stack-argument + return area of a call
};

} // namespace wasmaot::isa::aarch64
