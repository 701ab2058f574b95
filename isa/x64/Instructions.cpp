// Instructions: the descriptor table, generated from Instructions.def.
#include "isa/x64/Instructions.h"

namespace wasmaot::isa::x64 {

namespace {

constexpr OpcodeBytes makeOpcode(uint8_t b0) { return {1, {b0, 0, 0}}; }
constexpr OpcodeBytes makeOpcode(uint8_t b0, uint8_t b1) { return {2, {b0, b1, 0}}; }
constexpr OpcodeBytes makeOpcode(uint8_t b0, uint8_t b1, uint8_t b2) { return {3, {b0, b1, b2}}; }

constexpr uint8_t countOperands(OperandKind a, OperandKind b, OperandKind c) {
  return c != OperandKind::None ? 3 : b != OperandKind::None ? 2 : a != OperandKind::None ? 1 : 0;
}

// Short names used by the table rows.
namespace k {
using enum OperandKind;
constexpr OperandKind _ = OperandKind::None;
using enum OpEn;
using enum Prefix;
constexpr bool W0 = false, W1 = true;
} // namespace k

#define OPC(...) makeOpcode(__VA_ARGS__)
#define X64_INST(Id, Mn, A, B, C, Enc, Pfx, W, Opc, Dg, Fl, Sem)                         \
  InstrDesc{#Id, Mn, {k::A, k::B, k::C}, countOperands(k::A, k::B, k::C), k::Enc, k::Pfx,  \
            k::W, Opc, Dg, Fl, Sem},
constexpr InstrDesc kTable[] = {
#include "isa/x64/Instructions.def"
};
#undef X64_INST
#undef OPC
static_assert(sizeof(kTable) / sizeof(kTable[0]) == kNumOpcodes);

constexpr std::string_view kCondNames[] = {"o", "no", "b",  "ae", "e", "ne", "be", "a",
                                           "s", "ns", "p", "np", "l", "ge", "le", "g"};

} // namespace

const InstrDesc& desc(Opcode op) { return kTable[static_cast<unsigned>(op)]; }

std::optional<Opcode> opcodeByName(std::string_view id) {
  for (unsigned i = 0; i < kNumOpcodes; ++i)
    if (kTable[i].id == id)
      return static_cast<Opcode>(i);
  return std::nullopt;
}

std::string_view condName(Cond c) { return kCondNames[static_cast<unsigned>(c) & 15]; }

} // namespace wasmaot::isa::x64
