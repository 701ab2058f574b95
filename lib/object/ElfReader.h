// ElfReader: parses a relocatable ELF64 little-endian object (the header,
// section headers, the symbol table and SHT_RELA tables) with every offset,
// size, index and string checked against the input. It reads files a user
// passes, so malformed input yields a Diagnostic with the byte offset of the
// offending field, never a crash, and nothing is allocated that the input's
// own size does not pay for.
//
// What it accepts: ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ET_REL, one of the
// machines in Elf.h, at most one SHT_SYMTAB, no SHT_REL and no extended
// section numbering (wasmaot never writes them; they are reported as
// unsupported). Other section types (notes, groups, debug info) are listed
// with their bytes but not interpreted.
#pragma once

#include "object/Elf.h"
#include "wasmaot/Diagnostics.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::object {

struct ElfSection {
  std::string name;
  uint32_t type = 0;
  uint64_t flags = 0;
  uint64_t address = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  uint32_t link = 0;
  uint32_t info = 0;
  uint64_t alignment = 0;
  uint64_t entrySize = 0;
  /// The section's bytes within the input (empty for SHT_NOBITS). Points
  /// into the buffer given to readElf, which must outlive it.
  std::span<const uint8_t> bytes;
};

struct ElfSymbol {
  std::string name;
  uint64_t value = 0;
  uint64_t size = 0;
  uint8_t binding = 0;    ///< elf::STB_*
  uint8_t type = 0;       ///< elf::STT_*
  uint8_t visibility = 0; ///< elf::STV_*
  uint16_t section = 0;   ///< section index, or elf::SHN_UNDEF / SHN_ABS / SHN_COMMON
  bool isUndefined() const { return section == elf::SHN_UNDEF; }
};

struct ElfRelocation {
  uint64_t offset = 0;
  uint32_t symbol = 0; ///< index into ElfObject::symbols
  RelocType type;
  int64_t addend = 0;
};

struct ElfRelocationTable {
  uint32_t section = 0; ///< index of the SHT_RELA section itself
  uint32_t target = 0;  ///< index of the section it patches
  std::vector<ElfRelocation> entries;
};

struct ElfObject {
  Machine machine = Machine::X86_64;
  uint32_t flags = 0;
  std::vector<ElfSection> sections; ///< [0] is the null section
  std::vector<ElfSymbol> symbols;   ///< [0] is the null symbol; empty without .symtab
  uint32_t firstGlobal = 0;         ///< .symtab's sh_info
  std::vector<ElfRelocationTable> relocations;

  /// Index of the first section called `name`, if any.
  std::optional<uint32_t> findSection(std::string_view name) const;
  /// The first symbol called `name`, preferring a global one.
  const ElfSymbol *findSymbol(std::string_view name) const;
  /// The relocations that patch section `target` (nullptr when none).
  const ElfRelocationTable *relocationsFor(uint32_t target) const;
};

struct ElfReadResult {
  ElfObject object;
  std::optional<Diagnostic> error;
  bool ok() const { return !error; }
};

/// Parses `bytes` as an ELF64 relocatable object.
ElfReadResult readElf(std::span<const uint8_t> bytes);

} // namespace wasmaot::object
