// Instructions: the AArch64 instruction forms (Opcode), their operand kinds and
// encoding classes, all generated from Instructions.def.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::isa::aarch64 {

/// What one operand slot of a form accepts. See Instructions.def for the letters.
enum class OperandKind : uint8_t {
  None,
  W, X, WSP, XSP,           // general registers (31 = zr / sp)
  WSh, XSh, WExt, XExt,     // shifted / extended register operands
  S, D, Q,                  // FP/SIMD register views
  AImm, LImmW, LImmX, MImmW, MImmX, U4, U5, U6, U16, FImm, FZero, // immediates
  M8, M16, M32, M64, M128,  // memory by access size
  Rel26, Rel19, Rel14, Adr, Adrp, // PC-relative targets
};

constexpr bool isGpr(OperandKind k) {
  return k == OperandKind::W || k == OperandKind::X || k == OperandKind::WSP ||
         k == OperandKind::XSP || k == OperandKind::WSh || k == OperandKind::XSh ||
         k == OperandKind::WExt || k == OperandKind::XExt;
}
constexpr bool isFpr(OperandKind k) {
  return k == OperandKind::S || k == OperandKind::D || k == OperandKind::Q;
}
constexpr bool isMem(OperandKind k) {
  return k == OperandKind::M8 || k == OperandKind::M16 || k == OperandKind::M32 ||
         k == OperandKind::M64 || k == OperandKind::M128;
}
constexpr bool isRel(OperandKind k) {
  return k == OperandKind::Rel26 || k == OperandKind::Rel19 || k == OperandKind::Rel14 ||
         k == OperandKind::Adr || k == OperandKind::Adrp;
}
/// 64-bit general-register kinds (the register prints as x.., the form has sf = 1).
constexpr bool is64(OperandKind k) {
  return k == OperandKind::X || k == OperandKind::XSP || k == OperandKind::XSh ||
         k == OperandKind::XExt;
}
/// Bytes a memory operand kind accesses.
constexpr unsigned accessSize(OperandKind k) {
  return k == OperandKind::M8 ? 1 : k == OperandKind::M16 ? 2 : k == OperandKind::M32 ? 4
       : k == OperandKind::M64 ? 8 : k == OperandKind::M128 ? 16 : 0;
}

/// Encoding classes: which fields of the word the operands fill (Encoder.cpp).
enum class Enc : uint8_t {
  AddSubShift, AddSubExt, AddSubImm, LogicalShift, LogicalImm, MoveWide,
  DP3, DP2, DP1, Bitfield, Extract, CondSel, CondCmpReg, CondCmpImm,
  LdStUImm, LdStImm9, LdStPre, LdStPost, LdStReg, LdStPair, LdStPairPre, LdStPairPost,
  Branch26, CondBranch, CompareBranch, TestBranch, BranchReg, PcRelAdr, LoadLiteral,
  Udf, Exception, NoOperands,
  FP2, FP1, FPCmp, FPImm,
};

/// How an alias form is rewritten to its base form (Instructions.def header).
enum class Expand : uint8_t {
  None, ZrFirst, ZrSecond, ZrLast, CondZr, Lsl, ShrImm, Ror, Ext8, Ext16, Ext32, MovSp,
};

/// Form flags.
enum : uint8_t {
  kCond = 1 << 0,  ///< the Inst's condition fills the cond field
  kAlias = 1 << 1, ///< an A64_ALIAS row: encoded and printed through its base form
};

/// Condition codes in encoding order (C1.2.4).
enum class Cond : uint8_t { EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV };
inline constexpr unsigned kNumConds = 16;
/// LLVM's spelling: "eq", "hs", "lo", ...
std::string_view condName(Cond c);
/// The opposite condition (AL and NV have none; they map to each other).
constexpr Cond invert(Cond c) { return static_cast<Cond>(static_cast<uint8_t>(c) ^ 1); }

/// Shift of a shifted-register operand (add/sub forms reject Ror).
enum class Shift : uint8_t { Lsl, Lsr, Asr, Ror };
/// Extend of an extended-register operand or a register offset (option field).
enum class Extend : uint8_t { Uxtb, Uxth, Uxtw, Uxtx, Sxtb, Sxth, Sxtw, Sxtx };
std::string_view shiftName(Shift s);
std::string_view extendName(Extend e);

/// One instruction form per row of Instructions.def.
enum class Opcode : uint16_t {
#define A64_INST(Id, ...) Id,
#define A64_ALIAS(Id, ...) Id,
#include "isa/aarch64/Instructions.def"
#undef A64_ALIAS
#undef A64_INST
};
inline constexpr unsigned kNumOpcodes = 0
#define A64_INST(Id, ...) +1
#define A64_ALIAS(Id, ...) +1
#include "isa/aarch64/Instructions.def"
#undef A64_ALIAS
#undef A64_INST
    ;

/// Everything the encoder and printer know about a form.
struct InstrDesc {
  std::string_view id;       ///< the enum name, e.g. "ADDXri"
  std::string_view mnemonic; ///< LLVM spelling of the form; a kCond form appends condName()
  std::array<OperandKind, 4> operands;
  uint8_t numOperands;
  Enc enc;         ///< of the base form for an alias
  uint32_t bits;   ///< fixed bits (of the base form for an alias)
  Opcode base;     ///< the form itself, or an alias's base form
  Expand expand;   ///< Expand::None for base forms
  uint8_t flags;
  /// Name of the SMT semantics the verifier attaches to this form (empty until then).
  std::string_view semantics;
};

const InstrDesc& desc(Opcode op);
std::optional<Opcode> opcodeByName(std::string_view id);

} // namespace wasmaot::isa::aarch64
