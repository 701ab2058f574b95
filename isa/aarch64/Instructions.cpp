// Instructions: the descriptor table, generated from Instructions.def, and the
// alias expansion rules named in its A64_ALIAS rows.
#include "isa/aarch64/Inst.h"

namespace wasmaot::isa::aarch64 {

namespace {

constexpr uint8_t countOperands(OperandKind a, OperandKind b, OperandKind c, OperandKind d) {
  return d != OperandKind::None   ? 4
         : c != OperandKind::None ? 3
         : b != OperandKind::None ? 2
         : a != OperandKind::None ? 1
                                  : 0;
}

// Short names used by the table rows.
namespace k {
using enum OperandKind;
constexpr OperandKind _ = OperandKind::None;
using enum Enc;
constexpr Expand ZrFirst = Expand::ZrFirst, ZrSecond = Expand::ZrSecond,
                 ZrLast = Expand::ZrLast, CondZr = Expand::CondZr, Lsl = Expand::Lsl,
                 ShrImm = Expand::ShrImm, Ror = Expand::Ror, Ext8 = Expand::Ext8,
                 Ext16 = Expand::Ext16, Ext32 = Expand::Ext32, MovSp = Expand::MovSp;
} // namespace k

// Encoding class and fixed bits of every base form, so that alias rows can
// take their base's (aliases get placeholders here and are never looked up).
struct BaseEncoding {
  Enc enc;
  uint32_t bits;
};
#define A64_INST(Id, Mn, A, B, C, D, E, Bits, Fl, Sem) BaseEncoding{k::E, Bits},
#define A64_ALIAS(Id, ...) BaseEncoding{Enc::NoOperands, 0},
constexpr BaseEncoding kBase[] = {
#include "isa/aarch64/Instructions.def"
};
#undef A64_ALIAS
#undef A64_INST

constexpr BaseEncoding baseOf(Opcode op) { return kBase[static_cast<unsigned>(op)]; }

#define A64_INST(Id, Mn, A, B, C, D, E, Bits, Fl, Sem)                                       \
  InstrDesc{#Id, Mn, {k::A, k::B, k::C, k::D}, countOperands(k::A, k::B, k::C, k::D), k::E, \
            Bits, Opcode::Id, Expand::None, Fl, Sem},
#define A64_ALIAS(Id, Mn, A, B, C, D, Base, Ex, Fl, Sem)                                     \
  InstrDesc{#Id, Mn, {k::A, k::B, k::C, k::D}, countOperands(k::A, k::B, k::C, k::D),        \
            baseOf(Opcode::Base).enc, baseOf(Opcode::Base).bits, Opcode::Base, k::Ex,       \
            uint8_t((Fl) | kAlias), Sem},
constexpr InstrDesc kTable[] = {
#include "isa/aarch64/Instructions.def"
};
#undef A64_ALIAS
#undef A64_INST
static_assert(sizeof(kTable) / sizeof(kTable[0]) == kNumOpcodes);

constexpr bool aliasesNameBaseForms() {
  for (const InstrDesc& d : kTable)
    if ((d.flags & kAlias) && (kTable[static_cast<unsigned>(d.base)].flags & kAlias))
      return false;
  return true;
}
static_assert(aliasesNameBaseForms(), "an alias must expand to a base form, not another alias");

constexpr std::string_view kCondNames[] = {"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc",
                                           "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
constexpr std::string_view kShiftNames[] = {"lsl", "lsr", "asr", "ror"};
constexpr std::string_view kExtendNames[] = {"uxtb", "uxth", "uxtw", "uxtx",
                                             "sxtb", "sxth", "sxtw", "sxtx"};

} // namespace

const InstrDesc& desc(Opcode op) { return kTable[static_cast<unsigned>(op)]; }

std::optional<Opcode> opcodeByName(std::string_view id) {
  for (unsigned i = 0; i < kNumOpcodes; ++i)
    if (kTable[i].id == id)
      return static_cast<Opcode>(i);
  return std::nullopt;
}

std::string_view condName(Cond c) { return kCondNames[static_cast<unsigned>(c) & 15]; }
std::string_view shiftName(Shift s) { return kShiftNames[static_cast<unsigned>(s) & 3]; }
std::string_view extendName(Extend e) { return kExtendNames[static_cast<unsigned>(e) & 7]; }

Inst expandAlias(const Inst& inst) {
  const InstrDesc& d = desc(inst.op);
  if (d.expand == Expand::None)
    return inst;
  const auto& a = inst.ops;
  const Operand zr = Operand::r(Gpr::Zr);
  const int64_t w = is64(d.operands[0]) ? 64 : 32;
  auto imm = [](int64_t v) { return Operand::i(v); };
  std::array<Operand, 4> b{};
  Cond cc = inst.cc;
  switch (d.expand) {
  case Expand::None: break;
  case Expand::ZrFirst: b = {zr, a[0], a[1], {}}; break;
  case Expand::ZrSecond: b = {a[0], zr, a[1], {}}; break;
  case Expand::ZrLast: b = {a[0], a[1], a[2], zr}; break;
  case Expand::CondZr: b = {a[0], zr, zr, {}}; cc = invert(inst.cc); break;
  case Expand::Lsl: // lsl #n == ubfm #(-n mod w), #(w-1-n)
    b = {a[0], a[1], imm((w - a[2].imm) % w), imm(w - 1 - a[2].imm)};
    break;
  case Expand::ShrImm: b = {a[0], a[1], a[2], imm(w - 1)}; break;
  case Expand::Ror: b = {a[0], a[1], a[1], a[2]}; break;
  case Expand::Ext8: b = {a[0], a[1], imm(0), imm(7)}; break;
  case Expand::Ext16: b = {a[0], a[1], imm(0), imm(15)}; break;
  case Expand::Ext32: b = {a[0], a[1], imm(0), imm(31)}; break;
  case Expand::MovSp: b = {a[0], a[1], imm(0), {}}; break;
  }
  return Inst(d.base, (desc(d.base).flags & kCond) ? cc : Cond::AL, b);
}

} // namespace wasmaot::isa::aarch64
