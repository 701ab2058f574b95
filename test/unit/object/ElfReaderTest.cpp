// ElfReaderTest: the reader must turn any input into an object or an error
// value: every truncation of a valid object, every single-byte corruption,
// and targeted corruptions of each checked field (with the offset reported).
#include "object/ElfReader.h"
#include "object/ElfWriter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::object;

namespace {

std::vector<uint8_t> validObject() {
  ElfWriter w(Machine::X86_64);
  const SectionId text = w.addSection(".text", SectionKind::Text);
  const SectionId traps = w.addSection(".wasmaot.traps", SectionKind::Metadata);
  w.append(text, std::vector<uint8_t>{0x8d, 0x04, 0x37, 0xc3, 0xe8, 0, 0, 0, 0, 0xc3});
  w.append(traps, std::vector<uint8_t>(8, 0));
  w.addSymbol({"local_fn", SymbolBinding::Local, SymbolType::Function, text, 4, 6});
  w.addSymbol({"wasm_add", SymbolBinding::Global, SymbolType::Function, text, 0, 4});
  const SymbolId ext = w.addSymbol({"ext", SymbolBinding::Global, SymbolType::Function, {}, 0, 0});
  w.addRelocation(text, {5, ext, X86_64Reloc::PLT32, -4});
  w.addRelocation(traps, {0, w.sectionSymbol(text), X86_64Reloc::R64, 4});
  return w.write();
}

void put(std::vector<uint8_t> &b, uint64_t at, uint64_t value, unsigned width) {
  for (unsigned i = 0; i < width; ++i) b.at(at + i) = uint8_t(value >> (8 * i));
}

uint64_t get(const std::vector<uint8_t> &b, uint64_t at, unsigned width) {
  uint64_t v = 0;
  for (unsigned i = 0; i < width; ++i) v |= uint64_t(b.at(at + i)) << (8 * i);
  return v;
}

/// File offset of section `index`'s header field at `field` (sh_* offset).
uint64_t shdr(const std::vector<uint8_t> &b, uint32_t index, unsigned field) {
  return get(b, 40, 8) + uint64_t(index) * 64 + field;
}

uint32_t sectionIndex(const std::vector<uint8_t> &b, const char *name) {
  ElfReadResult r = readElf(b);
  return *r.object.findSection(name);
}

/// Reads `bytes`, expects an error, and returns "kind@offset: message".
std::string readError(const std::vector<uint8_t> &bytes) {
  ElfReadResult r = readElf(bytes);
  if (r.ok()) return "ok";
  return std::string(diagKindName(r.error->kind)) + "@" + std::to_string(r.error->offset) + ": " +
         r.error->message;
}

/// What a successful read promises its users: every index is in range.
void expectConsistent(const ElfObject &obj, std::span<const uint8_t> input) {
  for (const ElfSection &s : obj.sections) {
    if (s.bytes.empty()) continue;
    EXPECT_GE(s.bytes.data(), input.data());
    EXPECT_LE(s.bytes.data() + s.bytes.size(), input.data() + input.size());
  }
  for (const ElfSymbol &s : obj.symbols) {
    if (s.section != elf::SHN_UNDEF && s.section < elf::SHN_LORESERVE) {
      EXPECT_LT(s.section, obj.sections.size());
    }
  }
  for (const ElfRelocationTable &t : obj.relocations) {
    EXPECT_LT(t.target, obj.sections.size());
    for (const ElfRelocation &r : t.entries) {
      EXPECT_LT(r.symbol, obj.symbols.size());
      EXPECT_LE(r.offset, obj.sections[t.target].size);
    }
  }
}

} // namespace

TEST(ElfReaderTest, ReadsValidObject) {
  const std::vector<uint8_t> bytes = validObject();
  ElfReadResult r = readElf(bytes);
  ASSERT_TRUE(r.ok()) << r.error->str();
  expectConsistent(r.object, bytes);
  EXPECT_EQ(r.object.findSymbol("wasm_add")->size, 4u);
  EXPECT_EQ(r.object.relocations.size(), 2u);
}

TEST(ElfReaderTest, EveryTruncationIsAnError) {
  const std::vector<uint8_t> bytes = validObject();
  // The section header table is last, so every proper prefix loses part of it.
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + n);
    EXPECT_FALSE(readElf(prefix).ok()) << "prefix of " << n << " bytes";
  }
}

TEST(ElfReaderTest, EveryByteCorruptionIsHandled) {
  const std::vector<uint8_t> bytes = validObject();
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t value : {uint8_t(0x00), uint8_t(0xff), uint8_t(0x80), uint8_t(bytes[i] + 1)}) {
      std::vector<uint8_t> corrupt = bytes;
      corrupt[i] = value;
      ElfReadResult r = readElf(corrupt);
      if (r.ok()) {
        expectConsistent(r.object, corrupt);
      } else {
        EXPECT_FALSE(r.error->message.empty());
      }
    }
  }
}

TEST(ElfReaderTest, Identification) {
  std::vector<uint8_t> b = validObject();
  EXPECT_EQ(readError({}), "malformed@0: file too short for an ELF identification");
  b[1] = 'X';
  EXPECT_EQ(readError(b), "malformed@0: not an ELF file (bad magic)");
  b = validObject();
  b[4] = 1;
  EXPECT_EQ(readError(b), "unsupported@4: not a 64-bit ELF file");
  b = validObject();
  b[5] = 2;
  EXPECT_EQ(readError(b), "unsupported@5: not a little-endian ELF file");
  b = validObject();
  put(b, 16, 2, 2);
  EXPECT_EQ(readError(b), "unsupported@16: not a relocatable object (ET_REL)");
  b = validObject();
  put(b, 18, 40, 2);
  EXPECT_EQ(readError(b), "unsupported@18: unsupported machine 40");
  b = validObject();
  b.resize(40);
  EXPECT_EQ(readError(b), "malformed@16: file too short for an ELF header");
}

TEST(ElfReaderTest, SectionHeaderTable) {
  std::vector<uint8_t> b = validObject();
  put(b, 40, ~uint64_t(0) - 10, 8); // e_shoff that overflows when added to
  EXPECT_EQ(readError(b), "malformed@40: section header table extends past the end of the file");
  b = validObject();
  put(b, 62, get(b, 60, 2), 2); // e_shstrndx = e_shnum
  EXPECT_EQ(readError(b), "malformed@62: e_shstrndx is not a section index");
  b = validObject();
  put(b, 58, 40, 2);
  EXPECT_EQ(readError(b), "malformed@58: e_shentsize is not 64");
  b = validObject();
  put(b, 60, 0, 2);
  EXPECT_EQ(readError(b), "unsupported@60: extended section numbering is not supported");
}

TEST(ElfReaderTest, SectionRangesAndNames) {
  std::vector<uint8_t> b = validObject();
  put(b, shdr(b, 1, 32), uint64_t(1) << 40, 8); // .text size
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, 1, 24)) +
                              ": section 1 extends past the end of the file");
  b = validObject();
  put(b, shdr(b, 1, 24), ~uint64_t(0), 8); // .text offset: offset + size wraps
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, 1, 24)) +
                              ": section 1 extends past the end of the file");
  b = validObject();
  put(b, shdr(b, 1, 0), 100000, 4);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, 1, 0)) + ": section 1: name is not in .shstrtab");
  b = validObject();
  put(b, shdr(b, 2, 48), 3, 8);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, 2, 48)) +
                              ": section 2: alignment is not a power of two");
  b = validObject();
  const uint32_t shstrtab = uint32_t(get(b, 62, 2));
  // Cut .shstrtab short so its last name loses the terminating NUL.
  put(b, shdr(b, shstrtab, 32), get(b, shdr(b, shstrtab, 32), 8) - 1, 8);
  EXPECT_NE(readError(b).find("name is not in .shstrtab"), std::string::npos);
  b = validObject();
  put(b, shdr(b, 1, 4), elf::SHT_REL, 4);
  EXPECT_EQ(readError(b), "unsupported@" + std::to_string(shdr(b, 1, 4)) +
                              ": SHT_REL sections (no addends) are not supported");
}

TEST(ElfReaderTest, SymbolTable) {
  std::vector<uint8_t> b = validObject();
  const uint32_t symtab = sectionIndex(b, ".symtab");
  put(b, shdr(b, symtab, 56), 16, 8);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, symtab, 56)) + ": symbol table entry size is not 24");
  b = validObject();
  put(b, shdr(b, symtab, 32), get(b, shdr(b, symtab, 32), 8) - 1, 8);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, symtab, 32)) +
                              ": symbol table size is not a multiple of 24");
  b = validObject();
  put(b, shdr(b, symtab, 40), 1, 4); // sh_link -> .text
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, symtab, 40)) +
                              ": symbol table's sh_link is not a string table");
  b = validObject();
  put(b, shdr(b, symtab, 44), 99, 4);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, symtab, 44)) +
                              ": symbol table's sh_info is past its last symbol");

  // Symbol 2 is local_fn (null, .text section symbol, local_fn, then globals).
  b = validObject();
  const uint64_t sym2 = get(b, shdr(b, symtab, 24), 8) + 2 * 24;
  put(b, sym2 + 6, 77, 2);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(sym2 + 6) + ": symbol 2: section index out of range");
  b = validObject();
  put(b, sym2, 1u << 30, 4);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(sym2) + ": symbol 2: name is not in the string table");
  b = validObject();
  put(b, sym2 + 4, elf::STB_GLOBAL << 4 | elf::STT_FUNC, 1);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(sym2 + 4) + ": symbol 2: global symbol before sh_info");
  b = validObject();
  put(b, sym2 + 6, elf::SHN_XINDEX, 2);
  EXPECT_EQ(readError(b), "unsupported@" + std::to_string(sym2 + 6) +
                              ": extended section numbering is not supported");
}

TEST(ElfReaderTest, Relocations) {
  std::vector<uint8_t> b = validObject();
  const uint32_t rela = sectionIndex(b, ".rela.text");
  const uint64_t entry = get(b, shdr(b, rela, 24), 8);
  put(b, entry + 12, 1000, 4); // symbol index (high half of r_info)
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(entry + 8) + ": relocation 0 in section " +
                              std::to_string(rela) + ": symbol index out of range");
  b = validObject();
  put(b, entry, 8, 8); // a 4-byte PLT32 at offset 8 of a 10-byte .text
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(entry) + ": relocation 0 in section " +
                              std::to_string(rela) + ": offset past the end of the section it patches");
  b = validObject();
  put(b, shdr(b, rela, 44), 500, 4);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, rela, 44)) +
                              ": relocation table's sh_info is not a section index");
  b = validObject();
  put(b, shdr(b, rela, 40), 1, 4);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, rela, 40)) +
                              ": relocation table's sh_link is not .symtab");
  b = validObject();
  put(b, shdr(b, rela, 56), 0, 8);
  EXPECT_EQ(readError(b), "malformed@" + std::to_string(shdr(b, rela, 56)) + ": relocation entry size is not 24");
}

TEST(ElfReaderTest, RandomMultiByteCorruptionIsHandled) {
  const std::vector<uint8_t> bytes = validObject();
  uint64_t state = 0x9e3779b97f4a7c15; // fixed seed: the test is reproducible
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return uint32_t(state >> 33);
  };
  for (int iteration = 0; iteration < 5000; ++iteration) {
    std::vector<uint8_t> corrupt = bytes;
    const unsigned edits = 1 + next() % 8;
    for (unsigned k = 0; k < edits; ++k) corrupt[next() % corrupt.size()] = uint8_t(next());
    if (next() % 4 == 0) corrupt.resize(next() % corrupt.size());
    ElfReadResult r = readElf(corrupt);
    if (r.ok()) {
      expectConsistent(r.object, corrupt);
    } else {
      EXPECT_FALSE(r.error->message.empty());
    }
  }
}
