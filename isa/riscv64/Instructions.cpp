// Instructions: the descriptor table, generated from Instructions.def, and the
// alias expansion rules named in its RV_ALIAS rows.
#include "isa/riscv64/Inst.h"

namespace wasmaot::isa::riscv64 {

namespace {

constexpr uint8_t countOperands(OperandKind a, OperandKind b, OperandKind c) {
  return c != OperandKind::None ? 3 : b != OperandKind::None ? 2 : a != OperandKind::None ? 1 : 0;
}

// Short names for the operand-kind columns of the table rows (Enc, Ext and
// Expand are spelled qualified in the expansions below, so that the
// extension F and the register kind F do not collide).
namespace k {
using enum OperandKind;
constexpr OperandKind _ = OperandKind::None;
} // namespace k

// Encoding class, fixed bits and extension of every base form, so that alias
// rows can take their base's (aliases get placeholders and are never looked up).
struct BaseEncoding {
  Enc enc;
  uint32_t bits;
  Ext ext;
};
#define RV_INST(Id, Mn, A, B, C, E, Bits, Ex, Fl, Sem) BaseEncoding{Enc::E, Bits, Ext::Ex},
#define RV_ALIAS(Id, ...) BaseEncoding{Enc::NoOperands, 0, Ext::I},
constexpr BaseEncoding kBase[] = {
#include "isa/riscv64/Instructions.def"
};
#undef RV_ALIAS
#undef RV_INST

constexpr BaseEncoding baseOf(Opcode op) { return kBase[static_cast<unsigned>(op)]; }

#define RV_INST(Id, Mn, A, B, C, E, Bits, Ex, Fl, Sem)                                       \
  InstrDesc{#Id, Mn, {k::A, k::B, k::C}, countOperands(k::A, k::B, k::C), Enc::E, Bits,     \
            Ext::Ex, Opcode::Id, Expand::None, Fl, Sem},
#define RV_ALIAS(Id, Mn, A, B, C, Base, Ex, Fl, Sem)                                         \
  InstrDesc{#Id, Mn, {k::A, k::B, k::C}, countOperands(k::A, k::B, k::C),                    \
            baseOf(Opcode::Base).enc, baseOf(Opcode::Base).bits, baseOf(Opcode::Base).ext,  \
            Opcode::Base, Expand::Ex, uint8_t((Fl) | kAlias), Sem},
constexpr InstrDesc kTable[] = {
#include "isa/riscv64/Instructions.def"
};
#undef RV_ALIAS
#undef RV_INST
static_assert(sizeof(kTable) / sizeof(kTable[0]) == kNumOpcodes);

constexpr bool aliasesNameBaseForms() {
  for (const InstrDesc& d : kTable)
    if ((d.flags & kAlias) && (kTable[static_cast<unsigned>(d.base)].flags & kAlias))
      return false;
  return true;
}
static_assert(aliasesNameBaseForms(), "an alias must expand to a base form, not another alias");

// Every base form's fixed bits must leave its operand fields zero, and the
// opcode field must be a 32-bit encoding (bits 1:0 = 11).
constexpr uint32_t operandFieldMask(Enc e, uint8_t flags) {
  const uint32_t rd = 0x1Fu << 7, rs1 = 0x1Fu << 15, rs2 = 0x1Fu << 20, f3 = 7u << 12;
  const uint32_t rm = (flags & kRm) ? f3 : 0;
  switch (e) {
  case Enc::RType: return rd | rs1 | rs2 | rm;
  case Enc::RUnary: return rd | rs1 | rm;
  case Enc::IType: case Enc::Load: case Enc::Jalr: return rd | rs1 | 0xFFF00000u;
  case Enc::Shift6: return rd | rs1 | (0x3Fu << 20);
  case Enc::Shift5: return rd | rs1 | rs2;
  case Enc::Store: case Enc::Branch: return rs1 | rs2 | 0xFE000F80u;
  case Enc::Upper: case Enc::Jal: return 0xFFFFFF80u;
  case Enc::FenceSets: return 0xFFu << 20;
  case Enc::NoOperands: return 0;
  }
  return 0;
}
constexpr bool fixedBitsLeaveFieldsClear() {
  for (const InstrDesc& d : kTable)
    if (!(d.flags & kAlias) && ((d.bits & operandFieldMask(d.enc, d.flags)) || (d.bits & 3) != 3))
      return false;
  return true;
}
static_assert(fixedBitsLeaveFieldsClear(), "a row's Bits overlap its operand fields");

constexpr std::string_view kRmNames[] = {"rne", "rtz", "rdn", "rup", "rmm", "?", "?", "dyn"};
constexpr std::string_view kExtNames[] = {"I", "M", "F", "D", "Zba", "Zbb"};

} // namespace

const InstrDesc& desc(Opcode op) { return kTable[static_cast<unsigned>(op)]; }

std::optional<Opcode> opcodeByName(std::string_view id) {
  for (unsigned i = 0; i < kNumOpcodes; ++i)
    if (kTable[i].id == id)
      return static_cast<Opcode>(i);
  return std::nullopt;
}

std::string_view rmName(Rm r) { return kRmNames[static_cast<unsigned>(r) & 7]; }
std::string_view extName(Ext e) { return kExtNames[static_cast<unsigned>(e)]; }

Inst expandAlias(const Inst& inst) {
  const InstrDesc& d = desc(inst.op);
  if (d.expand == Expand::None)
    return inst;
  const auto& a = inst.ops;
  const Operand zero = Operand::r(Gpr::Zero);
  std::array<Operand, 3> b{};
  switch (d.expand) {
  case Expand::None: break;
  case Expand::Nop: b = {zero, zero, Operand::i(0)}; break;
  case Expand::ImmZero: b = {a[0], a[1], Operand::i(0)}; break;
  case Expand::ImmOne: b = {a[0], a[1], Operand::i(1)}; break;
  case Expand::ImmMinusOne: b = {a[0], a[1], Operand::i(-1)}; break;
  case Expand::ZeroFirst: b = {zero, a[0], a[1]}; break;
  case Expand::ZeroSecond: b = {a[0], zero, a[1]}; break;
  case Expand::ZeroThird: b = {a[0], a[1], zero}; break;
  case Expand::JumpReg: b = {zero, Operand::m(Mem::at(Gpr(a[0].reg), 0)), {}}; break;
  case Expand::Ret: b = {zero, Operand::m(Mem::at(Gpr::Ra, 0)), {}}; break;
  case Expand::Dup: b = {a[0], a[1], a[1]}; break;
  }
  return Inst(d.base, (desc(d.base).flags & kRm) ? inst.rm : Rm::Dyn, b);
}

} // namespace wasmaot::isa::riscv64
