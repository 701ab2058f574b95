// Opcode: name, format and flag tables generated from Opcodes.def.
#include "ir/Opcode.h"

namespace wasmaot::ir {

namespace {
struct OpcodeInfo {
  const char *name;
  Format format;
  uint8_t flags;
};

constexpr OpcodeInfo kInfo[] = {
#define IR_OPCODE(Enum, Name, Fmt, Flags) {Name, Format::Fmt, static_cast<uint8_t>(Flags)},
#include "ir/Opcodes.def"
};
static_assert(sizeof(kInfo) / sizeof(kInfo[0]) == kNumOpcodes);
} // namespace

const char *opcodeName(Opcode op) { return kInfo[static_cast<unsigned>(op)].name; }
Format opcodeFormat(Opcode op) { return kInfo[static_cast<unsigned>(op)].format; }
uint8_t opcodeFlags(Opcode op) { return kInfo[static_cast<unsigned>(op)].flags; }

std::optional<Opcode> parseOpcode(std::string_view name) {
  for (unsigned i = 0; i < kNumOpcodes; ++i)
    if (name == kInfo[i].name) return static_cast<Opcode>(i);
  return std::nullopt;
}

} // namespace wasmaot::ir
