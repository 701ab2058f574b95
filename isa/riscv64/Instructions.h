// Instructions: the RV64 instruction forms (Opcode), their operand kinds,
// encoding classes and extensions, all generated from Instructions.def.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::isa::riscv64 {

/// What one operand slot of a form accepts. See Instructions.def for the letters.
enum class OperandKind : uint8_t {
  None,
  X, F,                              // registers
  Simm12, Uimm20, Shamt6, Shamt5,    // immediates
  Mem,                               // base + simm12
  Rel13, Rel21,                      // PC-relative targets (B-type, J-type)
  Fence,                             // fence predecessor/successor set
};

constexpr bool isRel(OperandKind k) { return k == OperandKind::Rel13 || k == OperandKind::Rel21; }

/// Encoding classes: which fields of the word the operands fill (Encoder.cpp).
enum class Enc : uint8_t {
  RType,      ///< rd[11:7] rs1[19:15] rs2[24:20]
  RUnary,     ///< rd rs1; rs2 / imm12 fixed in Bits
  IType,      ///< rd rs1 imm[31:20]
  Shift6,     ///< rd rs1 shamt[25:20]
  Shift5,     ///< rd rs1 shamt[24:20]
  Load,       ///< rd, imm(rs1) (I-type)
  Store,      ///< rs2, imm(rs1) (S-type: imm[11:5] at 31:25, imm[4:0] at 11:7)
  Jalr,       ///< rd, imm(rs1) (I-type)
  Branch,     ///< rs1 rs2, B-type imm[12|10:5] 31:25, imm[4:1|11] 11:7
  Upper,      ///< rd, imm20[31:12]
  Jal,        ///< rd, J-type imm[20|10:1|11|19:12] at 31:12
  FenceSets,  ///< pred[27:24] succ[23:20]
  NoOperands,
};

/// The extension a form belongs to. RV64GC (I, M, F, D; A and C unused by these
/// forms) is the baseline every riscv64 target has; Zba and Zbb are optional.
enum class Ext : uint8_t { I, M, F, D, Zba, Zbb };
std::string_view extName(Ext e);

/// Optional extensions of a target (the baseline RV64GC is always present).
struct Features {
  bool zba = false;
  bool zbb = false;
  static constexpr Features all() { return {true, true}; }
  bool has(Ext e) const { return e == Ext::Zba ? zba : e == Ext::Zbb ? zbb : true; }
};

/// How an alias form is rewritten to its base form (Instructions.def header).
enum class Expand : uint8_t {
  None, Nop, ImmZero, ImmOne, ImmMinusOne, ZeroFirst, ZeroSecond, ZeroThird, JumpReg, Ret, Dup,
};

/// Form flags.
enum : uint8_t {
  kRm = 1 << 0,    ///< the Inst's rounding mode fills funct3
  kAlias = 1 << 1, ///< an RV_ALIAS row: encoded and printed through its base form
};

/// FP rounding modes (F chapter, "Rounding modes"); 5 and 6 are reserved.
enum class Rm : uint8_t { Rne = 0, Rtz = 1, Rdn = 2, Rup = 3, Rmm = 4, Dyn = 7 };
/// LLVM's spelling: "rne", "rtz", "rdn", "rup", "rmm", "dyn".
std::string_view rmName(Rm r);
constexpr bool isValid(Rm r) { return static_cast<uint8_t>(r) <= 4 || r == Rm::Dyn; }

/// fence predecessor/successor bits (i = device input, o = device output,
/// r = memory reads, w = memory writes).
enum : uint8_t { kFenceW = 1, kFenceR = 2, kFenceO = 4, kFenceI = 8, kFenceAll = 15 };

/// One instruction form per row of Instructions.def.
enum class Opcode : uint16_t {
#define RV_INST(Id, ...) Id,
#define RV_ALIAS(Id, ...) Id,
#include "isa/riscv64/Instructions.def"
#undef RV_ALIAS
#undef RV_INST
};
inline constexpr unsigned kNumOpcodes = 0
#define RV_INST(Id, ...) +1
#define RV_ALIAS(Id, ...) +1
#include "isa/riscv64/Instructions.def"
#undef RV_ALIAS
#undef RV_INST
    ;

/// Everything the encoder and printer know about a form.
struct InstrDesc {
  std::string_view id;       ///< the enum name, e.g. "ADD_UW"
  std::string_view mnemonic; ///< LLVM spelling of the form, e.g. "add.uw"
  std::array<OperandKind, 3> operands;
  uint8_t numOperands;
  Enc enc;         ///< of the base form for an alias
  uint32_t bits;   ///< fixed bits (of the base form for an alias)
  Ext ext;         ///< of the base form for an alias
  Opcode base;     ///< the form itself, or an alias's base form
  Expand expand;   ///< Expand::None for base forms
  uint8_t flags;
  /// Name of the SMT semantics the verifier attaches to this form (empty until then).
  std::string_view semantics;
};

const InstrDesc& desc(Opcode op);
std::optional<Opcode> opcodeByName(std::string_view id);
/// True if a target with these features may execute the form.
inline bool isAvailable(Opcode op, Features f) { return f.has(desc(op).ext); }

} // namespace wasmaot::isa::riscv64
