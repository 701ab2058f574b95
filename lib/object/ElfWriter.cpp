// ElfWriter: section/symbol bookkeeping, validation, and the byte layout of
// the ELF64 relocatable object (docs/object.md, "Layout").
#include "object/ElfWriter.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <string_view>

namespace wasmaot::object {

namespace {

bool isPowerOfTwo(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

uint64_t alignUp(uint64_t v, uint64_t align) { return align <= 1 ? v : (v + align - 1) & ~(align - 1); }

uint64_t defaultAlignment(SectionKind kind) {
  switch (kind) {
  case SectionKind::Text:
  case SectionKind::ReadOnly: return 16;
  case SectionKind::Data:
  case SectionKind::Bss:
  case SectionKind::Metadata: return 8;
  }
  return 8;
}

/// Little-endian output buffer.
class Out {
public:
  std::vector<uint8_t> bytes;

  void u8(uint8_t v) { bytes.push_back(v); }
  void u16(uint16_t v) { le(v, 2); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void raw(std::span<const uint8_t> b) { bytes.insert(bytes.end(), b.begin(), b.end()); }
  void padTo(uint64_t offset) {
    assert(offset >= bytes.size() && "layout went backwards");
    bytes.resize(offset, 0);
  }
  uint64_t size() const { return bytes.size(); }

private:
  void le(uint64_t v, unsigned n) {
    for (unsigned i = 0; i < n; ++i) bytes.push_back(uint8_t(v >> (8 * i)));
  }
};

/// A string table: "\0" then each distinct name once, in first-use order.
class StringTable {
public:
  StringTable() { data_.push_back('\0'); }
  uint32_t add(std::string_view s) {
    if (s.empty()) return 0;
    auto [it, inserted] = offsets_.try_emplace(std::string(s), uint32_t(data_.size()));
    if (inserted) {
      data_.insert(data_.end(), s.begin(), s.end());
      data_.push_back('\0');
    }
    return it->second;
  }
  std::span<const uint8_t> bytes() const { return data_; }

private:
  std::vector<uint8_t> data_;
  std::map<std::string, uint32_t, std::less<>> offsets_;
};

struct SectionHeader {
  uint32_t name = 0;
  uint32_t type = elf::SHT_NULL;
  uint64_t flags = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  uint32_t link = 0;
  uint32_t info = 0;
  uint64_t alignment = 0;
  uint64_t entrySize = 0;
};

Diagnostic error(std::string message) {
  Diagnostic d;
  d.kind = DiagKind::Invalid;
  d.message = std::move(message);
  return d;
}

bool isReservedName(std::string_view name) {
  return name == ".symtab" || name == ".strtab" || name == ".shstrtab" || name == ".note.GNU-stack" ||
         name.starts_with(".rela");
}

} // namespace

SectionId ElfWriter::addSection(std::string name, SectionKind kind, uint64_t alignment, bool alloc) {
  Section s;
  s.name = std::move(name);
  s.kind = kind;
  s.alignment = alignment ? alignment : defaultAlignment(kind);
  s.alloc = kind == SectionKind::Metadata ? alloc : true;
  sections_.push_back(std::move(s));
  return SectionId{uint32_t(sections_.size() - 1)};
}

uint64_t ElfWriter::append(SectionId section, std::span<const uint8_t> bytes) {
  Section &s = sections_.at(section.index);
  assert(s.kind != SectionKind::Bss && "a .bss section has no bytes; use reserve()");
  const uint64_t at = s.bytes.size();
  s.bytes.insert(s.bytes.end(), bytes.begin(), bytes.end());
  return at;
}

uint64_t ElfWriter::alignTo(SectionId section, uint64_t alignment) {
  assert(isPowerOfTwo(alignment) && "alignment must be a power of two");
  Section &s = sections_.at(section.index);
  if (s.kind == SectionKind::Bss) return s.bssSize = alignUp(s.bssSize, alignment);
  s.bytes.resize(alignUp(s.bytes.size(), alignment), 0);
  return s.bytes.size();
}

uint64_t ElfWriter::reserve(SectionId section, uint64_t size) {
  Section &s = sections_.at(section.index);
  assert(s.kind == SectionKind::Bss && "reserve() is for .bss sections");
  const uint64_t at = s.bssSize;
  s.bssSize += size;
  return at;
}

uint64_t ElfWriter::sectionSize(SectionId section) const {
  const Section &s = sections_.at(section.index);
  return s.kind == SectionKind::Bss ? s.bssSize : s.bytes.size();
}

SymbolId ElfWriter::addSymbol(SymbolDesc symbol) {
  symbols_.push_back(Symbol{std::move(symbol), false});
  return SymbolId{uint32_t(symbols_.size() - 1)};
}

SymbolId ElfWriter::sectionSymbol(SectionId section) {
  Section &s = sections_.at(section.index);
  if (s.sectionSymbol) return *s.sectionSymbol;
  SymbolDesc d;
  d.binding = SymbolBinding::Local;
  d.section = section;
  symbols_.push_back(Symbol{std::move(d), true});
  s.sectionSymbol = SymbolId{uint32_t(symbols_.size() - 1)};
  return *s.sectionSymbol;
}

void ElfWriter::addRelocation(SectionId section, Relocation relocation) {
  sections_.at(section.index).relocations.push_back(relocation);
}

std::optional<Diagnostic> ElfWriter::validate() const {
  // null + user sections + .note.GNU-stack + .rela* + .symtab/.strtab/.shstrtab
  size_t relaCount = 0;
  for (const Section &s : sections_) relaCount += !s.relocations.empty();
  if (1 + sections_.size() + 1 + relaCount + 3 >= elf::SHN_LORESERVE)
    return error("too many sections for ELF section indices without extended numbering");

  std::map<std::string_view, size_t> sectionNames;
  for (const Section &s : sections_) {
    if (s.name.empty()) return error("section with an empty name");
    if (s.name.find('\0') != std::string::npos) return error("section name contains a NUL byte");
    if (isReservedName(s.name)) return error("section name '" + s.name + "' is reserved for the writer");
    if (!sectionNames.emplace(s.name, 0).second) return error("duplicate section '" + s.name + "'");
    if (!isPowerOfTwo(s.alignment)) return error("section '" + s.name + "': alignment is not a power of two");
  }

  std::map<std::string_view, size_t> globals;
  for (const Symbol &sym : symbols_) {
    if (sym.isSectionSymbol) continue;
    const SymbolDesc &d = sym.desc;
    if (d.name.empty()) return error("symbol with an empty name");
    if (d.name.find('\0') != std::string::npos) return error("symbol name contains a NUL byte");
    if (!d.section) {
      if (d.binding == SymbolBinding::Local) return error("undefined symbol '" + d.name + "' is local");
      if (d.value || d.size) return error("undefined symbol '" + d.name + "' has a value or size");
    } else {
      if (d.section->index >= sections_.size()) return error("symbol '" + d.name + "' names no section");
      const uint64_t size = sectionSize(*d.section);
      if (d.value > size || d.size > size - d.value)
        return error("symbol '" + d.name + "' extends past the end of section '" +
                     sections_[d.section->index].name + "'");
    }
    if (d.binding != SymbolBinding::Local && !globals.emplace(d.name, 0).second)
      return error("duplicate global symbol '" + d.name + "'");
  }

  for (const Section &s : sections_) {
    if (s.relocations.empty()) continue;
    if (s.kind == SectionKind::Bss) return error("section '" + s.name + "' has no bytes to relocate");
    for (const Relocation &r : s.relocations) {
      const char *name = relocName(machine_, r.type);
      if (!name)
        return error("section '" + s.name + "': relocation type " + std::to_string(r.type.value) +
                     " is not a " + machineName(machine_) + " relocation wasmaot knows");
      if (r.symbol && r.symbol->index >= symbols_.size())
        return error("section '" + s.name + "': relocation names no symbol");
      const uint64_t width = relocWidth(machine_, r.type);
      if (r.offset > s.bytes.size() || width > s.bytes.size() - r.offset)
        return error("section '" + s.name + "': " + name + " at offset " + std::to_string(r.offset) +
                     " is past the end of the section");
    }
  }
  return std::nullopt;
}

std::vector<uint8_t> ElfWriter::write() const {
  assert(!validate() && "write() needs a description that validates");

  // --- Section indices -------------------------------------------------------
  const uint32_t firstUser = 1;
  const uint32_t noteIndex = firstUser + uint32_t(sections_.size());
  std::vector<uint32_t> relaIndex(sections_.size(), 0);
  uint32_t next = noteIndex + 1;
  for (size_t i = 0; i < sections_.size(); ++i)
    if (!sections_[i].relocations.empty()) relaIndex[i] = next++;
  const uint32_t symtabIndex = next++;
  const uint32_t strtabIndex = next++;
  const uint32_t shstrtabIndex = next++;
  const uint32_t sectionCount = next;

  // --- Symbol order: null, section symbols (section order), locals, globals --
  std::vector<uint32_t> symbolIndex(symbols_.size(), 0);
  std::vector<uint32_t> order; // creation indices in output order
  for (const Section &s : sections_)
    if (s.sectionSymbol) order.push_back(s.sectionSymbol->index);
  for (size_t i = 0; i < symbols_.size(); ++i)
    if (!symbols_[i].isSectionSymbol && symbols_[i].desc.binding == SymbolBinding::Local) order.push_back(uint32_t(i));
  const uint32_t firstGlobal = 1 + uint32_t(order.size());
  for (size_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i].desc.binding != SymbolBinding::Local) order.push_back(uint32_t(i));
  for (size_t i = 0; i < order.size(); ++i) symbolIndex[order[i]] = uint32_t(i + 1);

  StringTable strtab;
  Out symtab;
  for (int i = 0; i < 24; ++i) symtab.u8(0); // the null symbol
  for (uint32_t creation : order) {
    const Symbol &sym = symbols_[creation];
    const SymbolDesc &d = sym.desc;
    uint8_t bind = elf::STB_LOCAL;
    switch (d.binding) {
    case SymbolBinding::Local: bind = elf::STB_LOCAL; break;
    case SymbolBinding::Global: bind = elf::STB_GLOBAL; break;
    case SymbolBinding::Weak: bind = elf::STB_WEAK; break;
    }
    uint8_t type = elf::STT_NOTYPE;
    switch (d.type) {
    case SymbolType::NoType: type = elf::STT_NOTYPE; break;
    case SymbolType::Function: type = elf::STT_FUNC; break;
    case SymbolType::Object: type = elf::STT_OBJECT; break;
    }
    if (sym.isSectionSymbol) type = elf::STT_SECTION;
    symtab.u32(sym.isSectionSymbol ? 0 : strtab.add(d.name));
    symtab.u8(uint8_t(bind << 4 | type));
    symtab.u8(d.hidden ? elf::STV_HIDDEN : elf::STV_DEFAULT);
    symtab.u16(d.section ? uint16_t(firstUser + d.section->index) : elf::SHN_UNDEF);
    symtab.u64(sym.isSectionSymbol ? 0 : d.value);
    symtab.u64(sym.isSectionSymbol ? 0 : d.size);
  }

  // --- Relocation tables, sorted by offset (stable: pairs at one offset, such
  // as RISC-V's reloc + R_RISCV_RELAX, keep their order) -----------------------
  std::vector<Out> relas(sections_.size());
  for (size_t i = 0; i < sections_.size(); ++i) {
    std::vector<Relocation> relocs = sections_[i].relocations;
    std::stable_sort(relocs.begin(), relocs.end(),
                     [](const Relocation &a, const Relocation &b) { return a.offset < b.offset; });
    for (const Relocation &r : relocs) {
      relas[i].u64(r.offset);
      relas[i].u64(uint64_t(r.symbol ? symbolIndex[r.symbol->index] : 0) << 32 | r.type.value);
      relas[i].u64(uint64_t(r.addend));
    }
  }

  // --- Headers and file layout -----------------------------------------------
  StringTable shstrtab;
  std::vector<SectionHeader> headers(sectionCount);
  Out out;
  // One allocation for the file (its pages are touched once, not copied as it grows):
  // the contents plus room for alignment padding, tables and headers.
  uint64_t estimate = elf::EhdrSize + symtab.size() + 4096;
  for (const Section &s : sections_) estimate += s.bytes.size() + s.alignment;
  for (const Out &r : relas) estimate += r.size() + 8;
  out.bytes.reserve(estimate);
  out.padTo(elf::EhdrSize);
  auto place = [&](SectionHeader &h, std::span<const uint8_t> bytes) {
    out.padTo(alignUp(out.size(), std::max<uint64_t>(h.alignment, 1)));
    h.offset = out.size();
    h.size = bytes.size();
    out.raw(bytes);
  };

  for (size_t i = 0; i < sections_.size(); ++i) {
    const Section &s = sections_[i];
    SectionHeader &h = headers[firstUser + i];
    h.name = shstrtab.add(s.name);
    h.alignment = s.alignment;
    h.type = s.kind == SectionKind::Bss ? elf::SHT_NOBITS : elf::SHT_PROGBITS;
    switch (s.kind) {
    case SectionKind::Text: h.flags = elf::SHF_ALLOC | elf::SHF_EXECINSTR; break;
    case SectionKind::ReadOnly: h.flags = elf::SHF_ALLOC; break;
    case SectionKind::Data:
    case SectionKind::Bss: h.flags = elf::SHF_ALLOC | elf::SHF_WRITE; break;
    case SectionKind::Metadata: h.flags = s.alloc ? elf::SHF_ALLOC : 0; break;
    }
    if (s.kind == SectionKind::Bss) {
      out.padTo(alignUp(out.size(), h.alignment));
      h.offset = out.size();
      h.size = s.bssSize;
    } else {
      place(h, s.bytes);
    }
  }

  SectionHeader &note = headers[noteIndex];
  note.name = shstrtab.add(".note.GNU-stack");
  note.type = elf::SHT_PROGBITS;
  note.alignment = 1;
  place(note, {});

  std::vector<std::string> relaNames(sections_.size());
  for (size_t i = 0; i < sections_.size(); ++i) {
    if (!relaIndex[i]) continue;
    SectionHeader &h = headers[relaIndex[i]];
    h.name = shstrtab.add(".rela" + sections_[i].name);
    h.type = elf::SHT_RELA;
    h.flags = elf::SHF_INFO_LINK;
    h.link = symtabIndex;
    h.info = firstUser + uint32_t(i);
    h.alignment = 8;
    h.entrySize = elf::RelaSize;
    place(h, relas[i].bytes);
  }

  SectionHeader &sym = headers[symtabIndex];
  sym.name = shstrtab.add(".symtab");
  sym.type = elf::SHT_SYMTAB;
  sym.link = strtabIndex;
  sym.info = firstGlobal;
  sym.alignment = 8;
  sym.entrySize = elf::SymSize;
  place(sym, symtab.bytes);

  SectionHeader &str = headers[strtabIndex];
  str.name = shstrtab.add(".strtab");
  str.type = elf::SHT_STRTAB;
  str.alignment = 1;
  place(str, strtab.bytes());

  SectionHeader &shstr = headers[shstrtabIndex];
  shstr.name = shstrtab.add(".shstrtab");
  shstr.type = elf::SHT_STRTAB;
  shstr.alignment = 1;
  place(shstr, shstrtab.bytes());

  out.padTo(alignUp(out.size(), 8));
  const uint64_t shoff = out.size();
  for (const SectionHeader &h : headers) {
    out.u32(h.name);
    out.u32(h.type);
    out.u64(h.flags);
    out.u64(0); // sh_addr: 0 in a relocatable object
    out.u64(h.offset);
    out.u64(h.size);
    out.u32(h.link);
    out.u32(h.info);
    out.u64(h.alignment);
    out.u64(h.entrySize);
  }

  // --- ELF header ------------------------------------------------------------
  Out ehdr;
  const uint8_t ident[16] = {0x7f, 'E', 'L', 'F', elf::ELFCLASS64, elf::ELFDATA2LSB, elf::EV_CURRENT};
  ehdr.raw(ident);
  ehdr.u16(elf::ET_REL);
  ehdr.u16(uint16_t(machine_));
  ehdr.u32(elf::EV_CURRENT);
  ehdr.u64(0); // e_entry
  ehdr.u64(0); // e_phoff
  ehdr.u64(shoff);
  ehdr.u32(flags_);
  ehdr.u16(elf::EhdrSize);
  ehdr.u16(0); // e_phentsize
  ehdr.u16(0); // e_phnum
  ehdr.u16(elf::ShdrSize);
  ehdr.u16(uint16_t(sectionCount));
  ehdr.u16(uint16_t(shstrtabIndex));
  assert(ehdr.size() == elf::EhdrSize);
  std::copy(ehdr.bytes.begin(), ehdr.bytes.end(), out.bytes.begin());
  return std::move(out.bytes);
}

} // namespace wasmaot::object
