// Elf: names and widths of relocation types, machine names, e_flags.
#include "object/Elf.h"

namespace wasmaot::object {

namespace {

struct RelocRow {
  Machine machine;
  const char *name;
  uint32_t number;
  unsigned width;
};

constexpr RelocRow kRelocs[] = {
#define ELF_RELOC(m, name, elfName, number, width) {Machine::m, elfName, number, width},
#include "object/Relocations.def"
};

const RelocRow *findReloc(Machine machine, RelocType type) {
  for (const RelocRow &row : kRelocs)
    if (row.machine == machine && row.number == type.value) return &row;
  return nullptr;
}

} // namespace

const char *relocName(Machine machine, RelocType type) {
  const RelocRow *row = findReloc(machine, type);
  return row ? row->name : nullptr;
}

std::optional<RelocType> relocByName(Machine machine, std::string_view name) {
  for (const RelocRow &row : kRelocs)
    if (row.machine == machine && name == row.name) return RelocType(row.number);
  return std::nullopt;
}

unsigned relocWidth(Machine machine, RelocType type) {
  const RelocRow *row = findReloc(machine, type);
  return row ? row->width : 0;
}

const char *machineName(Machine machine) {
  switch (machine) {
  case Machine::X86_64: return "x86_64";
  case Machine::AArch64: return "aarch64";
  case Machine::RiscV64: return "riscv64";
  }
  return "unknown";
}

std::optional<Machine> machineByName(std::string_view name) {
  for (Machine m : {Machine::X86_64, Machine::AArch64, Machine::RiscV64})
    if (name == machineName(m)) return m;
  return std::nullopt;
}

bool isKnownMachine(uint16_t value) {
  return value == uint16_t(Machine::X86_64) || value == uint16_t(Machine::AArch64) ||
         value == uint16_t(Machine::RiscV64);
}

uint32_t defaultElfFlags(Machine machine) {
  switch (machine) {
  case Machine::X86_64:
  case Machine::AArch64: return 0;
  case Machine::RiscV64: return elf::EF_RISCV_FLOAT_ABI_DOUBLE | elf::EF_RISCV_RVC;
  }
  return 0;
}

} // namespace wasmaot::object
