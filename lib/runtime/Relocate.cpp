// Relocate: the machine dispatch and the relocation formulas.
// x86-64 (System V AMD64 psABI, "Relocation Types"): 64 = S + A, PC32/PLT32 =
// S + A - P with the result required to fit a signed 32-bit field; PLT32 is
// resolved directly since in-process code has no PLT.
// AArch64 (AAELF64, "Relocation codes" tables): ABS64 = S + A; PREL32 =
// S + A - P (−2^31 <= X < 2^32); CALL26/JUMP26 = S + A - P into imm26 of
// bl/b, word-aligned, ±128 MiB (no veneers: in-process code is one mapping);
// ADR_PREL_PG_HI21 = Page(S + A) - Page(P) into adrp's immhi:immlo, ±4 GiB;
// ADD_ABS_LO12_NC = (S + A) & 0xfff into add's imm12, unchecked. Code that the
// compiler writes carries only ABS64 (the descriptor's text address); the
// others are accepted so hand-written or future objects load too.
// RISC-V 64 (RISC-V ELF psABI, "Relocations"): 64 = S + A; 32_PCREL = S + A - P
// (signed 32 bits); CALL_PLT = S + A - P into an auipc + jalr pair (hi20 =
// (X + 0x800) >> 12 into auipc's imm[31:12], lo12 = X & 0xfff into jalr's
// imm[31:20], ±2 GiB), resolved directly (no PLT in process); RELAX is a hint
// for linkers and does nothing here. PCREL_HI20/PCREL_LO12_I come in pairs
// whose LO12 names the auipc, not the target, so one site cannot be applied
// alone: refused, as is GOT_HI20. Code that the compiler writes carries only
// R_RISCV_64 (the descriptor's text address; calls and the pool's auipc
// pairs are resolved by the compiler).
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

namespace {

uint32_t readWord(const uint8_t *p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
void writeWord(uint8_t *p, uint32_t w) { std::memcpy(p, &w, 4); }

} // namespace

std::optional<std::string> applyAArch64Relocation(const RelocationSite &site) {
  using object::AArch64Reloc;
  const uint64_t value = site.symbolAddress + uint64_t(site.addend);
  const uint64_t place = reinterpret_cast<uint64_t>(site.place);
  const int64_t delta = int64_t(value - place);
  switch (AArch64Reloc(site.type.value)) {
  case AArch64Reloc::ABS64:
    std::memcpy(site.place, &value, 8);
    return std::nullopt;
  case AArch64Reloc::PREL32: {
    if (delta < INT32_MIN || delta > int64_t(UINT32_MAX))
      return "PC-relative displacement " + std::to_string(delta) + " does not fit 32 bits";
    const uint32_t field = uint32_t(uint64_t(delta));
    std::memcpy(site.place, &field, 4);
    return std::nullopt;
  }
  case AArch64Reloc::CALL26:
  case AArch64Reloc::JUMP26: {
    if (delta & 3) return "branch displacement " + std::to_string(delta) + " is not a multiple of 4";
    if (delta < -(int64_t(1) << 27) || delta >= (int64_t(1) << 27))
      return "branch displacement " + std::to_string(delta) + " is out of range (±128 MiB)";
    const uint32_t imm26 = uint32_t(uint64_t(delta) >> 2) & 0x03FFFFFFu;
    writeWord(site.place, (readWord(site.place) & 0xFC000000u) | imm26);
    return std::nullopt;
  }
  case AArch64Reloc::ADR_PREL_PG_HI21: {
    const int64_t pages = int64_t((value & ~uint64_t(0xFFF)) - (place & ~uint64_t(0xFFF))) >> 12;
    if (pages < -(int64_t(1) << 20) || pages >= (int64_t(1) << 20))
      return "adrp page displacement " + std::to_string(pages) + " is out of range (±4 GiB)";
    const uint32_t imm = uint32_t(uint64_t(pages)) & 0x1FFFFFu;
    const uint32_t immlo = imm & 3, immhi = imm >> 2;
    writeWord(site.place, (readWord(site.place) & 0x9F00001Fu) | (immlo << 29) | (immhi << 5));
    return std::nullopt;
  }
  case AArch64Reloc::ADD_ABS_LO12_NC:
    writeWord(site.place, (readWord(site.place) & 0xFFC003FFu) | (uint32_t(value & 0xFFF) << 10));
    return std::nullopt;
  case AArch64Reloc::ADR_GOT_PAGE:
  case AArch64Reloc::LD64_GOT_LO12_NC: break;
  }
  const char *name = object::relocName(object::Machine::AArch64, site.type);
  return std::string("relocation type ") + (name ? name : std::to_string(site.type.value)) +
         " is not supported by the in-process loader";
}

std::optional<std::string> applyRiscV64Relocation(const RelocationSite &site) {
  using object::RiscV64Reloc;
  const uint64_t value = site.symbolAddress + uint64_t(site.addend);
  const int64_t delta = int64_t(value - reinterpret_cast<uint64_t>(site.place));
  switch (RiscV64Reloc(site.type.value)) {
  case RiscV64Reloc::R64:
    std::memcpy(site.place, &value, 8);
    return std::nullopt;
  case RiscV64Reloc::R32_PCREL: {
    if (delta < INT32_MIN || delta > INT32_MAX)
      return "PC-relative displacement " + std::to_string(delta) + " does not fit 32 bits";
    const int32_t field = int32_t(delta);
    std::memcpy(site.place, &field, 4);
    return std::nullopt;
  }
  case RiscV64Reloc::CALL_PLT: {
    // The auipc's hi20 rounds up when lo12 (sign-extended by jalr) is negative.
    if (delta < INT32_MIN - int64_t(2048) || delta > INT32_MAX - int64_t(2048))
      return "call displacement " + std::to_string(delta) + " is out of range (±2 GiB)";
    const uint32_t hi20 = uint32_t(uint64_t(delta + 0x800) >> 12) & 0xFFFFFu;
    const uint32_t lo12 = uint32_t(uint64_t(delta)) & 0xFFFu;
    writeWord(site.place, (readWord(site.place) & 0x00000FFFu) | (hi20 << 12));
    writeWord(site.place + 4, (readWord(site.place + 4) & 0x000FFFFFu) | (lo12 << 20));
    return std::nullopt;
  }
  case RiscV64Reloc::RELAX: return std::nullopt;
  case RiscV64Reloc::GOT_HI20:
  case RiscV64Reloc::PCREL_HI20:
  case RiscV64Reloc::PCREL_LO12_I: break;
  }
  const char *name = object::relocName(object::Machine::RiscV64, site.type);
  return std::string("relocation type ") + (name ? name : std::to_string(site.type.value)) +
         " is not supported by the in-process loader";
}

std::optional<std::string> applyRelocation(object::Machine machine, const RelocationSite &site) {
  switch (machine) {
  case object::Machine::X86_64: return applyX86_64Relocation(site);
  case object::Machine::AArch64: return applyAArch64Relocation(site);
  case object::Machine::RiscV64: return applyRiscV64Relocation(site);
  }
  return std::string("the in-process loader does not relocate ") + object::machineName(machine) + " code yet";
}

} // namespace wasmaot::runtime
