// ElfReader: bounds-checked parsing of ELF64 relocatable objects. Every
// read goes through `Input`, which checks the range first (without
// overflow); every index read from the file is checked before it is used.
#include "object/ElfReader.h"

#include <cstring>

namespace wasmaot::object {

namespace {

class Input {
public:
  explicit Input(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  uint64_t size() const { return bytes_.size(); }
  /// Whether [offset, offset + length) lies inside the input.
  bool contains(uint64_t offset, uint64_t length) const {
    return offset <= bytes_.size() && length <= bytes_.size() - offset;
  }
  // The readers below assume contains() was checked by the caller.
  uint8_t u8(uint64_t at) const { return bytes_[at]; }
  uint16_t u16(uint64_t at) const { return uint16_t(le(at, 2)); }
  uint32_t u32(uint64_t at) const { return uint32_t(le(at, 4)); }
  uint64_t u64(uint64_t at) const { return le(at, 8); }
  std::span<const uint8_t> slice(uint64_t offset, uint64_t length) const {
    return bytes_.subspan(offset, length);
  }

private:
  uint64_t le(uint64_t at, unsigned n) const {
    uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v |= uint64_t(bytes_[at + i]) << (8 * i);
    return v;
  }
  std::span<const uint8_t> bytes_;
};

Diagnostic fail(DiagKind kind, uint64_t offset, std::string message) {
  Diagnostic d;
  d.kind = kind;
  d.offset = offset;
  d.message = std::move(message);
  return d;
}

Diagnostic malformed(uint64_t offset, std::string message) {
  return fail(DiagKind::Malformed, offset, std::move(message));
}

/// The NUL-terminated string at `index` in string table `table`.
std::optional<std::string> stringAt(std::span<const uint8_t> table, uint64_t index) {
  if (index >= table.size()) return std::nullopt;
  const void *end = std::memchr(table.data() + index, 0, table.size() - index);
  if (!end) return std::nullopt;
  return std::string(reinterpret_cast<const char *>(table.data() + index),
                     static_cast<const uint8_t *>(end) - (table.data() + index));
}

bool isPowerOfTwoOrZero(uint64_t v) { return (v & (v - 1)) == 0; }

class Parser {
public:
  explicit Parser(std::span<const uint8_t> bytes) : in_(bytes) {}

  std::optional<Diagnostic> parse(ElfObject &obj) {
    if (auto e = header(obj)) return e;
    if (auto e = sectionHeaders(obj)) return e;
    if (auto e = symbols(obj)) return e;
    return relocations(obj);
  }

private:
  std::optional<Diagnostic> header(ElfObject &obj) {
    if (!in_.contains(0, 16)) return malformed(0, "file too short for an ELF identification");
    if (!(in_.u8(0) == 0x7f && in_.u8(1) == 'E' && in_.u8(2) == 'L' && in_.u8(3) == 'F'))
      return malformed(0, "not an ELF file (bad magic)");
    if (in_.u8(4) != elf::ELFCLASS64) return fail(DiagKind::Unsupported, 4, "not a 64-bit ELF file");
    if (in_.u8(5) != elf::ELFDATA2LSB) return fail(DiagKind::Unsupported, 5, "not a little-endian ELF file");
    if (in_.u8(6) != elf::EV_CURRENT) return malformed(6, "unknown ELF identification version");
    if (!in_.contains(0, elf::EhdrSize)) return malformed(16, "file too short for an ELF header");
    if (in_.u32(20) != elf::EV_CURRENT) return malformed(20, "unknown ELF version");
    if (in_.u16(16) != elf::ET_REL) return fail(DiagKind::Unsupported, 16, "not a relocatable object (ET_REL)");
    const uint16_t machine = in_.u16(18);
    if (!isKnownMachine(machine))
      return fail(DiagKind::Unsupported, 18, "unsupported machine " + std::to_string(machine));
    obj.machine = Machine(machine);
    obj.flags = in_.u32(48);
    if (in_.u16(52) < elf::EhdrSize) return malformed(52, "e_ehsize smaller than an ELF64 header");
    shoff_ = in_.u64(40);
    shnum_ = in_.u16(60);
    shstrndx_ = in_.u16(62);
    if (shnum_ == 0 && shoff_ != 0)
      return fail(DiagKind::Unsupported, 60, "extended section numbering is not supported");
    if (shnum_ != 0 && in_.u16(58) != elf::ShdrSize) return malformed(58, "e_shentsize is not 64");
    if (shstrndx_ == elf::SHN_XINDEX)
      return fail(DiagKind::Unsupported, 62, "extended section numbering is not supported");
    if (shnum_ != 0 && shstrndx_ >= shnum_) return malformed(62, "e_shstrndx is not a section index");
    if (!in_.contains(shoff_, uint64_t(shnum_) * elf::ShdrSize))
      return malformed(40, "section header table extends past the end of the file");
    return std::nullopt;
  }

  uint64_t headerAt(uint32_t index) const { return shoff_ + uint64_t(index) * elf::ShdrSize; }

  std::optional<Diagnostic> sectionHeaders(ElfObject &obj) {
    obj.sections.resize(shnum_);
    for (uint32_t i = 0; i < shnum_; ++i) {
      const uint64_t at = headerAt(i);
      ElfSection &s = obj.sections[i];
      s.type = in_.u32(at + 4);
      s.flags = in_.u64(at + 8);
      s.address = in_.u64(at + 16);
      s.offset = in_.u64(at + 24);
      s.size = in_.u64(at + 32);
      s.link = in_.u32(at + 40);
      s.info = in_.u32(at + 44);
      s.alignment = in_.u64(at + 48);
      s.entrySize = in_.u64(at + 56);
      if (i == 0) {
        if (s.type != elf::SHT_NULL) return malformed(at + 4, "section 0 is not SHT_NULL");
        continue;
      }
      if (s.type != elf::SHT_NOBITS && s.type != elf::SHT_NULL) {
        if (!in_.contains(s.offset, s.size))
          return malformed(at + 24, "section " + std::to_string(i) + " extends past the end of the file");
        s.bytes = in_.slice(s.offset, s.size);
      }
      if (!isPowerOfTwoOrZero(s.alignment))
        return malformed(at + 48, "section " + std::to_string(i) + ": alignment is not a power of two");
      if (s.type == elf::SHT_REL)
        return fail(DiagKind::Unsupported, at + 4, "SHT_REL sections (no addends) are not supported");
      if (s.type == elf::SHT_SYMTAB_SHNDX)
        return fail(DiagKind::Unsupported, at + 4, "extended section numbering is not supported");
    }
    if (shnum_ == 0) return std::nullopt;

    const ElfSection &names = obj.sections[shstrndx_];
    if (names.type != elf::SHT_STRTAB) return malformed(62, "e_shstrndx does not name a string table");
    for (uint32_t i = 1; i < shnum_; ++i) {
      const uint64_t at = headerAt(i);
      auto name = stringAt(names.bytes, in_.u32(at));
      if (!name) return malformed(at, "section " + std::to_string(i) + ": name is not in .shstrtab");
      obj.sections[i].name = std::move(*name);
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> symbols(ElfObject &obj) {
    std::optional<uint32_t> symtab;
    for (uint32_t i = 1; i < obj.sections.size(); ++i) {
      if (obj.sections[i].type != elf::SHT_SYMTAB) continue;
      if (symtab) return fail(DiagKind::Unsupported, headerAt(i) + 4, "more than one symbol table");
      symtab = i;
    }
    if (!symtab) return std::nullopt;
    symtab_ = *symtab;
    const ElfSection &s = obj.sections[symtab_];
    const uint64_t at = headerAt(symtab_);
    if (s.entrySize != elf::SymSize) return malformed(at + 56, "symbol table entry size is not 24");
    if (s.size % elf::SymSize) return malformed(at + 32, "symbol table size is not a multiple of 24");
    if (s.link == 0 || s.link >= obj.sections.size() || obj.sections[s.link].type != elf::SHT_STRTAB)
      return malformed(at + 40, "symbol table's sh_link is not a string table");
    const uint64_t count = s.size / elf::SymSize;
    if (count == 0) return malformed(at + 32, "symbol table without the null symbol");
    if (s.info > count) return malformed(at + 44, "symbol table's sh_info is past its last symbol");
    obj.firstGlobal = s.info;
    const std::span<const uint8_t> strings = obj.sections[s.link].bytes;

    obj.symbols.resize(count); // paid for: 24 input bytes per symbol
    for (uint64_t i = 0; i < count; ++i) {
      const uint64_t e = s.offset + i * elf::SymSize;
      ElfSymbol &sym = obj.symbols[i];
      auto name = stringAt(strings, in_.u32(e));
      if (!name) return malformed(e, "symbol " + std::to_string(i) + ": name is not in the string table");
      sym.name = std::move(*name);
      const uint8_t info = in_.u8(e + 4);
      sym.binding = info >> 4;
      sym.type = info & 0xf;
      sym.visibility = in_.u8(e + 5) & 0x3;
      sym.section = in_.u16(e + 6);
      sym.value = in_.u64(e + 8);
      sym.size = in_.u64(e + 16);
      if (sym.section == elf::SHN_XINDEX)
        return fail(DiagKind::Unsupported, e + 6, "extended section numbering is not supported");
      if (sym.section != elf::SHN_UNDEF && sym.section != elf::SHN_ABS && sym.section != elf::SHN_COMMON &&
          sym.section >= obj.sections.size())
        return malformed(e + 6, "symbol " + std::to_string(i) + ": section index out of range");
      if (i == 0) continue; // the null symbol: neither local nor global
      const bool local = sym.binding == elf::STB_LOCAL;
      if (local != (i < obj.firstGlobal))
        return malformed(e + 4, "symbol " + std::to_string(i) +
                                    (local ? ": local symbol after the first global (sh_info)"
                                           : ": global symbol before sh_info"));
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> relocations(ElfObject &obj) {
    for (uint32_t i = 1; i < obj.sections.size(); ++i) {
      const ElfSection &s = obj.sections[i];
      if (s.type != elf::SHT_RELA) continue;
      const uint64_t at = headerAt(i);
      if (s.entrySize != elf::RelaSize) return malformed(at + 56, "relocation entry size is not 24");
      if (s.size % elf::RelaSize) return malformed(at + 32, "relocation table size is not a multiple of 24");
      if (!symtab_ || s.link != symtab_) return malformed(at + 40, "relocation table's sh_link is not .symtab");
      if (s.info == 0 || s.info >= obj.sections.size())
        return malformed(at + 44, "relocation table's sh_info is not a section index");
      const ElfSection &target = obj.sections[s.info];
      if (target.type == elf::SHT_NOBITS) return malformed(at + 44, "relocations against a section without bytes");

      ElfRelocationTable table;
      table.section = i;
      table.target = s.info;
      const uint64_t count = s.size / elf::RelaSize;
      table.entries.reserve(count);
      for (uint64_t k = 0; k < count; ++k) {
        const uint64_t e = s.offset + k * elf::RelaSize;
        ElfRelocation r;
        r.offset = in_.u64(e);
        const uint64_t info = in_.u64(e + 8);
        r.symbol = uint32_t(info >> 32);
        r.type = RelocType(uint32_t(info));
        r.addend = int64_t(in_.u64(e + 16));
        if (r.symbol >= obj.symbols.size())
          return malformed(e + 8, "relocation " + std::to_string(k) + " in section " + std::to_string(i) +
                                      ": symbol index out of range");
        const uint64_t width = relocWidth(obj.machine, r.type);
        if (r.offset > target.size || width > target.size - r.offset)
          return malformed(e, "relocation " + std::to_string(k) + " in section " + std::to_string(i) +
                                  ": offset past the end of the section it patches");
        table.entries.push_back(r);
      }
      obj.relocations.push_back(std::move(table));
    }
    return std::nullopt;
  }

  Input in_;
  uint64_t shoff_ = 0;
  uint32_t shnum_ = 0;
  uint32_t shstrndx_ = 0;
  uint32_t symtab_ = 0;
};

} // namespace

std::optional<uint32_t> ElfObject::findSection(std::string_view name) const {
  for (uint32_t i = 1; i < sections.size(); ++i)
    if (sections[i].name == name) return i;
  return std::nullopt;
}

const ElfSymbol *ElfObject::findSymbol(std::string_view name) const {
  const ElfSymbol *local = nullptr;
  for (size_t i = 1; i < symbols.size(); ++i) {
    if (symbols[i].name != name) continue;
    if (symbols[i].binding != elf::STB_LOCAL) return &symbols[i];
    if (!local) local = &symbols[i];
  }
  return local;
}

const ElfRelocationTable *ElfObject::relocationsFor(uint32_t target) const {
  for (const ElfRelocationTable &t : relocations)
    if (t.target == target) return &t;
  return nullptr;
}

ElfReadResult readElf(std::span<const uint8_t> bytes) {
  ElfReadResult result;
  Parser parser(bytes);
  result.error = parser.parse(result.object);
  if (result.error) result.object = ElfObject();
  return result;
}

} // namespace wasmaot::object
