// Instructions: the x86-64 instruction forms (Opcode), their operand kinds and
// encoding recipes, all generated from Instructions.def.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::isa::x64 {

/// What one operand slot of a form accepts. See Instructions.def for the letters.
enum class OperandKind : uint8_t {
  None,
  G8, G16, G32, G64, X,          // registers
  M8, M16, M32, M64, M128, MA,   // memory by access size; MA = address only (lea)
  I8, U8, I32, S32, I64,         // immediates
  Rel8, Rel32,                   // branch displacements
  CL,                            // implicit cl (shift count), not encoded
};

constexpr bool isGpr(OperandKind k) {
  return k == OperandKind::G8 || k == OperandKind::G16 || k == OperandKind::G32 ||
         k == OperandKind::G64;
}
constexpr bool isReg(OperandKind k) { return isGpr(k) || k == OperandKind::X; }
constexpr bool isMem(OperandKind k) {
  return k == OperandKind::M8 || k == OperandKind::M16 || k == OperandKind::M32 ||
         k == OperandKind::M64 || k == OperandKind::M128 || k == OperandKind::MA;
}
constexpr bool isImm(OperandKind k) {
  return k == OperandKind::I8 || k == OperandKind::U8 || k == OperandKind::I32 ||
         k == OperandKind::S32 || k == OperandKind::I64;
}
constexpr bool isRel(OperandKind k) { return k == OperandKind::Rel8 || k == OperandKind::Rel32; }
/// Bytes an immediate or displacement of this kind occupies in the encoding.
constexpr unsigned encodedSize(OperandKind k) {
  switch (k) {
  case OperandKind::I8: case OperandKind::U8: case OperandKind::Rel8: return 1;
  case OperandKind::I32: case OperandKind::S32: case OperandKind::Rel32: return 4;
  case OperandKind::I64: return 8;
  case OperandKind::None: case OperandKind::G8: case OperandKind::G16: case OperandKind::G32:
  case OperandKind::G64: case OperandKind::X: case OperandKind::M8: case OperandKind::M16:
  case OperandKind::M32: case OperandKind::M64: case OperandKind::M128: case OperandKind::MA:
  case OperandKind::CL: return 0;
  }
  return 0;
}

/// Intel's operand-encoding column (Op/En).
enum class OpEn : uint8_t { ZO, RM, MR, M, O, D };
/// Mandatory or operand-size prefix, emitted before REX.
enum class Prefix : uint8_t { NP, P66, PF2, PF3 };

/// Form flags.
enum : uint8_t {
  kCond = 1 << 0, ///< the Inst's condition code is added to the last opcode byte
};

/// Condition codes in encoding order (the tttn field of Jcc/SETcc/CMOVcc).
enum class Cond : uint8_t { O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G };
inline constexpr unsigned kNumConds = 16;
std::string_view condName(Cond c);
constexpr Cond invert(Cond c) { return static_cast<Cond>(static_cast<uint8_t>(c) ^ 1); }

/// One instruction form per row of Instructions.def.
enum class Opcode : uint16_t {
#define X64_INST(Id, ...) Id,
#include "isa/x64/Instructions.def"
#undef X64_INST
};
inline constexpr unsigned kNumOpcodes = 0
#define X64_INST(Id, ...) +1
#include "isa/x64/Instructions.def"
#undef X64_INST
    ;

/// The opcode bytes of a form, escapes included.
struct OpcodeBytes {
  uint8_t size;
  std::array<uint8_t, 3> bytes;
};

/// Everything the encoder and printer know about a form.
struct InstrDesc {
  std::string_view id;       ///< the enum name, e.g. "ADD32ri8"
  std::string_view mnemonic; ///< Intel spelling; a kCond form appends condName()
  std::array<OperandKind, 3> operands;
  uint8_t numOperands;
  OpEn enc;
  Prefix prefix;
  bool rexW;
  OpcodeBytes opcode;
  uint8_t digit; ///< ModRM.reg for OpEn::M
  uint8_t flags;
  /// Name of the SMT semantics the verifier attaches to this form (empty until then).
  std::string_view semantics;
};

const InstrDesc& desc(Opcode op);
std::optional<Opcode> opcodeByName(std::string_view id);

} // namespace wasmaot::isa::x64
