// Relocate: the machine dispatch and the x86-64 relocation formulas (System V
// AMD64 psABI, "Relocation Types": 64 = S + A, PC32/PLT32 = S + A - P with the
// result required to fit a signed 32-bit field; PLT32 is resolved directly
// since in-process code has no PLT).
#include "runtime/Relocate.h"

#include <cstring>

namespace wasmaot::runtime {

std::optional<std::string> applyX86_64Relocation(const RelocationSite &site) {
  using object::X86_64Reloc;
  const uint64_t value = site.symbolAddress + uint64_t(site.addend);
  switch (X86_64Reloc(site.type.value)) {
  case X86_64Reloc::R64:
    std::memcpy(site.place, &value, 8);
    return std::nullopt;
  case X86_64Reloc::PC32:
  case X86_64Reloc::PLT32: {
    const int64_t delta = int64_t(value - reinterpret_cast<uint64_t>(site.place));
    if (delta < INT32_MIN || delta > INT32_MAX)
      return "PC-relative displacement " + std::to_string(delta) + " does not fit 32 bits";
    const int32_t field = int32_t(delta);
    std::memcpy(site.place, &field, 4);
    return std::nullopt;
  }
  case X86_64Reloc::GOTPCREL:
  case X86_64Reloc::R32:
  case X86_64Reloc::R32S: break;
  }
  const char *name = object::relocName(object::Machine::X86_64, site.type);
  return std::string("relocation type ") + (name ? name : std::to_string(site.type.value)) +
         " is not supported by the in-process loader";
}

std::optional<std::string> applyRelocation(object::Machine machine, const RelocationSite &site) {
  switch (machine) {
  case object::Machine::X86_64: return applyX86_64Relocation(site);
  case object::Machine::AArch64:
  case object::Machine::RiscV64: break;
  }
  return std::string("the in-process loader does not relocate ") + object::machineName(machine) + " code yet";
}

} // namespace wasmaot::runtime
