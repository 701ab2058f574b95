// Elf: the ELF64 facts the object writer and reader share — constants from
// the System V gABI, the machines wasmaot targets, and their relocation types
// (one enum per machine, generated from Relocations.def).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::object {

/// e_machine values of the targets (gABI).
enum class Machine : uint16_t { X86_64 = 62, AArch64 = 183, RiscV64 = 243 };

// Each enum takes its machine's rows of Relocations.def: ELF_RELOC pastes the
// machine name onto a per-machine macro, and only one of those emits anything.
#define WASMAOT_RELOC_ROW(name, number) name = number,
#define WASMAOT_RELOC_SKIP(name, number)

/// x86-64 psABI relocation types.
enum class X86_64Reloc : uint32_t {
#define ELF_RELOC_X86_64 WASMAOT_RELOC_ROW
#define ELF_RELOC_AArch64 WASMAOT_RELOC_SKIP
#define ELF_RELOC_RiscV64 WASMAOT_RELOC_SKIP
#define ELF_RELOC(m, name, elfName, number, width) ELF_RELOC_##m(name, number)
#include "object/Relocations.def"
#undef ELF_RELOC_X86_64
#undef ELF_RELOC_AArch64
#undef ELF_RELOC_RiscV64
};

/// AArch64 (AAELF64) relocation types.
enum class AArch64Reloc : uint32_t {
#define ELF_RELOC_X86_64 WASMAOT_RELOC_SKIP
#define ELF_RELOC_AArch64 WASMAOT_RELOC_ROW
#define ELF_RELOC_RiscV64 WASMAOT_RELOC_SKIP
#define ELF_RELOC(m, name, elfName, number, width) ELF_RELOC_##m(name, number)
#include "object/Relocations.def"
#undef ELF_RELOC_X86_64
#undef ELF_RELOC_AArch64
#undef ELF_RELOC_RiscV64
};

/// RISC-V psABI relocation types.
enum class RiscV64Reloc : uint32_t {
#define ELF_RELOC_X86_64 WASMAOT_RELOC_SKIP
#define ELF_RELOC_AArch64 WASMAOT_RELOC_SKIP
#define ELF_RELOC_RiscV64 WASMAOT_RELOC_ROW
#define ELF_RELOC(m, name, elfName, number, width) ELF_RELOC_##m(name, number)
#include "object/Relocations.def"
#undef ELF_RELOC_X86_64
#undef ELF_RELOC_AArch64
#undef ELF_RELOC_RiscV64
};

#undef WASMAOT_RELOC_ROW
#undef WASMAOT_RELOC_SKIP

/// A relocation type: the psABI number for the object's machine.
struct RelocType {
  uint32_t value = 0;
  constexpr RelocType() = default;
  constexpr explicit RelocType(uint32_t v) : value(v) {}
  constexpr RelocType(X86_64Reloc r) : value(static_cast<uint32_t>(r)) {}
  constexpr RelocType(AArch64Reloc r) : value(static_cast<uint32_t>(r)) {}
  constexpr RelocType(RiscV64Reloc r) : value(static_cast<uint32_t>(r)) {}
  friend constexpr bool operator==(RelocType, RelocType) = default;
};

/// "R_X86_64_PC32", or nullptr when `type` is not in Relocations.def for `machine`.
const char *relocName(Machine machine, RelocType type);
/// The inverse of relocName.
std::optional<RelocType> relocByName(Machine machine, std::string_view name);
/// Bytes the relocation patches at r_offset (0 for marker relocations such as R_RISCV_RELAX).
unsigned relocWidth(Machine machine, RelocType type);
/// "x86_64", "aarch64", "riscv64".
const char *machineName(Machine machine);
std::optional<Machine> machineByName(std::string_view name);
/// Whether `value` is one of the machines above.
bool isKnownMachine(uint16_t value);

/// The e_flags wasmaot writes: 0 on x86-64 and AArch64; on RISC-V the lp64d
/// convention (double-precision float ABI) with compressed instructions.
uint32_t defaultElfFlags(Machine machine);

namespace elf {
// gABI constants (only those this layer uses).
inline constexpr uint8_t ELFCLASS64 = 2;
inline constexpr uint8_t ELFDATA2LSB = 1;
inline constexpr uint8_t EV_CURRENT = 1;
inline constexpr uint16_t ET_REL = 1;
inline constexpr uint16_t EhdrSize = 64;
inline constexpr uint16_t ShdrSize = 64;
inline constexpr uint64_t SymSize = 24;
inline constexpr uint64_t RelaSize = 24;

inline constexpr uint32_t SHT_NULL = 0;
inline constexpr uint32_t SHT_PROGBITS = 1;
inline constexpr uint32_t SHT_SYMTAB = 2;
inline constexpr uint32_t SHT_STRTAB = 3;
inline constexpr uint32_t SHT_RELA = 4;
inline constexpr uint32_t SHT_NOTE = 7;
inline constexpr uint32_t SHT_NOBITS = 8;
inline constexpr uint32_t SHT_REL = 9;
inline constexpr uint32_t SHT_SYMTAB_SHNDX = 18;

inline constexpr uint64_t SHF_WRITE = 0x1;
inline constexpr uint64_t SHF_ALLOC = 0x2;
inline constexpr uint64_t SHF_EXECINSTR = 0x4;
inline constexpr uint64_t SHF_INFO_LINK = 0x40;

inline constexpr uint16_t SHN_UNDEF = 0;
inline constexpr uint16_t SHN_LORESERVE = 0xff00;
inline constexpr uint16_t SHN_ABS = 0xfff1;
inline constexpr uint16_t SHN_COMMON = 0xfff2;
inline constexpr uint16_t SHN_XINDEX = 0xffff;

inline constexpr uint8_t STB_LOCAL = 0;
inline constexpr uint8_t STB_GLOBAL = 1;
inline constexpr uint8_t STB_WEAK = 2;
inline constexpr uint8_t STT_NOTYPE = 0;
inline constexpr uint8_t STT_OBJECT = 1;
inline constexpr uint8_t STT_FUNC = 2;
inline constexpr uint8_t STT_SECTION = 3;
inline constexpr uint8_t STT_FILE = 4;
inline constexpr uint8_t STV_DEFAULT = 0;
inline constexpr uint8_t STV_HIDDEN = 2;

inline constexpr uint32_t EF_RISCV_RVC = 0x1;
inline constexpr uint32_t EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;
} // namespace elf

} // namespace wasmaot::object
