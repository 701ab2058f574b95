// ElfWriter: builds a relocatable ELF64 little-endian object (ET_REL) for
// x86-64, AArch64 or RISC-V 64 from sections of bytes, symbols and
// relocations. The back end hands it machine code, read-only data and the
// runtime's metadata sections; the result links with the system linker and
// loads in wasmaot's runtime. Layout and ordering rules: docs/object.md.
//
// Contract:
//  - the output depends only on the calls made, in order: no timestamps, no
//    pointer or hash-map order, no padding bytes other than zeros;
//  - local symbols precede global ones (gABI), sh_info of .symtab is the
//    index of the first non-local;
//  - every section that has relocations gets one .rela<name> (SHT_RELA);
//  - a `.note.GNU-stack` section marks the stack non-executable.
// Mistakes in the description (a relocation past its section's end, a
// duplicate global, a type the machine does not know) are reported by
// validate(); write() requires a description that validates.
#pragma once

#include "object/Elf.h"
#include "wasmaot/Diagnostics.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::object {

/// What a section holds; decides its type and flags.
enum class SectionKind : uint8_t {
  Text,     ///< SHT_PROGBITS, alloc + exec
  ReadOnly, ///< SHT_PROGBITS, alloc
  Data,     ///< SHT_PROGBITS, alloc + write
  Bss,      ///< SHT_NOBITS, alloc + write; has a size, no bytes
  Metadata, ///< SHT_PROGBITS, not loaded by the system linker (unless `alloc`)
};

struct SectionId {
  uint32_t index = 0; ///< position in creation order (not the ELF section index)
  friend bool operator==(SectionId, SectionId) = default;
};

struct SymbolId {
  uint32_t index = 0; ///< position in creation order (not the ELF symbol index)
  friend bool operator==(SymbolId, SymbolId) = default;
};

enum class SymbolBinding : uint8_t { Local, Global, Weak };
enum class SymbolType : uint8_t { NoType, Function, Object };

/// A symbol to define (with `section`) or to reference (without: undefined).
struct SymbolDesc {
  std::string name;
  SymbolBinding binding = SymbolBinding::Global;
  SymbolType type = SymbolType::NoType;
  std::optional<SectionId> section; ///< nullopt: an undefined symbol
  uint64_t value = 0;               ///< offset within `section`
  uint64_t size = 0;
  bool hidden = false; ///< STV_HIDDEN: not exported from a linked shared object
};

/// One relocation in a section: patch `offset` with `type` applied to
/// `symbol + addend`. Without a symbol the entry names symbol 0, as marker
/// relocations such as R_RISCV_RELAX do.
struct Relocation {
  uint64_t offset = 0;
  std::optional<SymbolId> symbol;
  RelocType type;
  int64_t addend = 0;
};

class ElfWriter {
public:
  explicit ElfWriter(Machine machine) : machine_(machine), flags_(defaultElfFlags(machine)) {}

  Machine machine() const { return machine_; }
  /// Overrides the e_flags chosen by defaultElfFlags.
  void setFlags(uint32_t flags) { flags_ = flags; }

  /// A new, empty section. `alignment` 0 picks the kind's default (16 for
  /// code and read-only data, 8 otherwise). `alloc` only matters for
  /// Metadata: whether the section is loaded with the program (SHF_ALLOC).
  SectionId addSection(std::string name, SectionKind kind, uint64_t alignment = 0,
                       bool alloc = false);
  /// Appends bytes; returns the offset at which they start.
  uint64_t append(SectionId section, std::span<const uint8_t> bytes);
  /// Appends zeros until the section's size is a multiple of `alignment`
  /// (for Bss, grows the size). Returns the new size.
  uint64_t alignTo(SectionId section, uint64_t alignment);
  /// Grows a Bss section by `size` bytes; returns the offset of the first.
  uint64_t reserve(SectionId section, uint64_t size);
  uint64_t sectionSize(SectionId section) const;

  SymbolId addSymbol(SymbolDesc symbol);
  /// The STT_SECTION symbol of `section` (relocations against local data
  /// conventionally name the section, with the offset in the addend).
  SymbolId sectionSymbol(SectionId section);

  void addRelocation(SectionId section, Relocation relocation);

  /// The first problem with the description, if any (offset is 0: the
  /// message names the section or symbol).
  std::optional<Diagnostic> validate() const;
  /// The object file. Requires validate() to succeed.
  std::vector<uint8_t> write() const;

private:
  struct Section {
    std::string name;
    SectionKind kind;
    uint64_t alignment;
    bool alloc;
    std::vector<uint8_t> bytes;
    uint64_t bssSize = 0;
    std::vector<Relocation> relocations;
    std::optional<SymbolId> sectionSymbol;
  };
  struct Symbol {
    SymbolDesc desc;
    bool isSectionSymbol = false;
  };

  Machine machine_;
  uint32_t flags_;
  std::vector<Section> sections_;
  std::vector<Symbol> symbols_;
};

} // namespace wasmaot::object
