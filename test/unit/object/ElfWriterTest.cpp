// ElfWriterTest: writer → reader round trips for each machine (sections,
// flags, symbol order with locals first, relocations with psABI numbers),
// byte-for-byte determinism, and the description errors validate() reports.
#include "object/ElfReader.h"
#include "object/ElfWriter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::object;

namespace {

const std::vector<uint8_t> kAddCode = {0x8d, 0x04, 0x37, 0xc3}; // lea eax,[rdi+rsi]; ret

/// A module-shaped object: code calling an import, read-only data, .bss,
/// a trap table that points into the code, and a symbol for each.
ElfWriter sampleObject(Machine machine) {
  ElfWriter w(machine);
  const SectionId text = w.addSection(".text", SectionKind::Text);
  const SectionId rodata = w.addSection(".rodata", SectionKind::ReadOnly);
  const SectionId bss = w.addSection(".bss", SectionKind::Bss);
  const SectionId traps = w.addSection(".wasmaot.traps", SectionKind::Metadata);
  const SectionId module = w.addSection(".wasmaot.module", SectionKind::Metadata, 4, /*alloc=*/true);

  w.append(text, kAddCode);
  const std::vector<uint8_t> call(12, 0);
  const uint64_t callAt = w.append(text, call);
  w.append(rodata, std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8});
  w.reserve(bss, 64);
  w.append(traps, std::vector<uint8_t>(16, 0));
  w.append(module, std::vector<uint8_t>{'w', 'a', 'o', 't'});

  // Added in an order that mixes locals and globals: the writer must sort.
  const SymbolId add = w.addSymbol({"wasm_add", SymbolBinding::Global, SymbolType::Function, text, 0, 4});
  const SymbolId helper = w.addSymbol({"helper", SymbolBinding::Local, SymbolType::Function, text, 4, 12});
  const SymbolId imp = w.addSymbol({"wasmaot_rt_trap", SymbolBinding::Global, SymbolType::Function, {}, 0, 0});
  w.addSymbol({"consts", SymbolBinding::Local, SymbolType::Object, rodata, 0, 8});
  w.addSymbol({"wasm_memory", SymbolBinding::Global, SymbolType::Object, bss, 0, 64, /*hidden=*/true});
  w.addSymbol({"weak_hook", SymbolBinding::Weak, SymbolType::NoType, {}, 0, 0});
  (void)helper;

  const SymbolId textSym = w.sectionSymbol(text);
  switch (machine) {
  case Machine::X86_64:
    w.addRelocation(text, {callAt + 1, imp, X86_64Reloc::PLT32, -4});
    w.addRelocation(text, {callAt + 6, add, X86_64Reloc::PC32, -4});
    break;
  case Machine::AArch64:
    w.addRelocation(text, {callAt + 4, imp, AArch64Reloc::CALL26, 0});
    w.addRelocation(text, {callAt, add, AArch64Reloc::JUMP26, 0});
    break;
  case Machine::RiscV64:
    w.addRelocation(text, {callAt, imp, RiscV64Reloc::CALL_PLT, 0});
    w.addRelocation(text, {callAt, std::nullopt, RiscV64Reloc::RELAX, 0});
    break;
  }
  const RelocType abs64 = machine == Machine::X86_64    ? RelocType(X86_64Reloc::R64)
                          : machine == Machine::AArch64 ? RelocType(AArch64Reloc::ABS64)
                                                        : RelocType(RiscV64Reloc::R64);
  w.addRelocation(traps, {8, textSym, abs64, 4});
  w.addRelocation(traps, {0, textSym, abs64, 0});
  return w;
}

ElfObject roundTrip(const ElfWriter &w, std::vector<uint8_t> &storage) {
  EXPECT_FALSE(w.validate()) << w.validate()->message;
  storage = w.write();
  ElfReadResult r = readElf(storage);
  EXPECT_TRUE(r.ok()) << r.error->str();
  return std::move(r.object);
}

std::string validateMessage(const ElfWriter &w) {
  auto e = w.validate();
  return e ? e->message : "";
}

} // namespace

TEST(ElfWriterTest, HeaderPerMachine) {
  for (Machine m : {Machine::X86_64, Machine::AArch64, Machine::RiscV64}) {
    std::vector<uint8_t> bytes;
    const ElfObject obj = roundTrip(sampleObject(m), bytes);
    EXPECT_EQ(obj.machine, m);
    EXPECT_EQ(obj.flags, m == Machine::RiscV64 ? 0x5u : 0u) << machineName(m);
    // e_ident: ELF64, little-endian, version 1, System V ABI, zero padding.
    const std::vector<uint8_t> ident = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 16), ident);
    EXPECT_EQ(bytes[16] | bytes[17] << 8, 1); // ET_REL
  }
}

TEST(ElfWriterTest, SectionsTypesFlagsAndAlignment) {
  std::vector<uint8_t> bytes;
  const ElfObject obj = roundTrip(sampleObject(Machine::X86_64), bytes);
  std::vector<std::string> names;
  for (const ElfSection &s : obj.sections) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"", ".text", ".rodata", ".bss", ".wasmaot.traps", ".wasmaot.module",
                                             ".note.GNU-stack", ".rela.text", ".rela.wasmaot.traps", ".symtab",
                                             ".strtab", ".shstrtab"}));
  const ElfSection &text = obj.sections[1];
  EXPECT_EQ(text.type, elf::SHT_PROGBITS);
  EXPECT_EQ(text.flags, elf::SHF_ALLOC | elf::SHF_EXECINSTR);
  EXPECT_EQ(text.alignment, 16u);
  EXPECT_EQ(text.offset % 16, 0u);
  EXPECT_EQ(text.size, 16u);
  EXPECT_EQ(std::vector<uint8_t>(text.bytes.begin(), text.bytes.begin() + 4), kAddCode);
  EXPECT_EQ(obj.sections[2].flags, elf::SHF_ALLOC);
  EXPECT_EQ(obj.sections[3].type, elf::SHT_NOBITS);
  EXPECT_EQ(obj.sections[3].flags, elf::SHF_ALLOC | elf::SHF_WRITE);
  EXPECT_EQ(obj.sections[3].size, 64u);
  EXPECT_TRUE(obj.sections[3].bytes.empty());
  EXPECT_EQ(obj.sections[4].flags, 0u); // non-alloc metadata
  EXPECT_EQ(obj.sections[5].flags, elf::SHF_ALLOC);
  EXPECT_EQ(obj.sections[5].alignment, 4u);
  const ElfSection &note = obj.sections[6];
  EXPECT_EQ(note.type, elf::SHT_PROGBITS);
  EXPECT_EQ(note.flags, 0u); // no SHF_EXECINSTR: the stack is not executable
  EXPECT_EQ(note.size, 0u);
  for (uint32_t rela : {7u, 8u}) {
    EXPECT_EQ(obj.sections[rela].type, elf::SHT_RELA);
    EXPECT_EQ(obj.sections[rela].link, 9u);
    EXPECT_EQ(obj.sections[rela].flags, elf::SHF_INFO_LINK);
    EXPECT_EQ(obj.sections[rela].entrySize, 24u);
  }
  EXPECT_EQ(obj.sections[7].info, 1u);
  EXPECT_EQ(obj.sections[8].info, 4u);
  EXPECT_EQ(obj.sections[9].link, 10u);
}

TEST(ElfWriterTest, LocalsPrecedeGlobals) {
  std::vector<uint8_t> bytes;
  const ElfObject obj = roundTrip(sampleObject(Machine::X86_64), bytes);
  ASSERT_EQ(obj.symbols.size(), 8u);
  // null, section symbol, locals in creation order, then globals in creation order.
  EXPECT_EQ(obj.symbols[1].type, elf::STT_SECTION);
  EXPECT_EQ(obj.symbols[1].section, 1);
  EXPECT_EQ(obj.symbols[2].name, "helper");
  EXPECT_EQ(obj.symbols[3].name, "consts");
  EXPECT_EQ(obj.firstGlobal, 4u);
  EXPECT_EQ(obj.symbols[4].name, "wasm_add");
  EXPECT_EQ(obj.symbols[5].name, "wasmaot_rt_trap");
  EXPECT_EQ(obj.symbols[6].name, "wasm_memory");
  EXPECT_EQ(obj.symbols[7].name, "weak_hook");

  const ElfSymbol *add = obj.findSymbol("wasm_add");
  ASSERT_TRUE(add);
  EXPECT_EQ(add->binding, elf::STB_GLOBAL);
  EXPECT_EQ(add->type, elf::STT_FUNC);
  EXPECT_EQ(add->size, 4u);
  const ElfSymbol *helper = obj.findSymbol("helper");
  EXPECT_EQ(helper->value, 4u);
  EXPECT_EQ(helper->size, 12u);
  EXPECT_TRUE(obj.findSymbol("wasmaot_rt_trap")->isUndefined());
  EXPECT_EQ(obj.findSymbol("wasm_memory")->visibility, elf::STV_HIDDEN);
  EXPECT_EQ(obj.findSymbol("wasm_memory")->type, elf::STT_OBJECT);
  EXPECT_EQ(obj.findSymbol("weak_hook")->binding, elf::STB_WEAK);
}

TEST(ElfWriterTest, RelocationsRoundTripSortedByOffset) {
  for (Machine m : {Machine::X86_64, Machine::AArch64, Machine::RiscV64}) {
    std::vector<uint8_t> bytes;
    const ElfObject obj = roundTrip(sampleObject(m), bytes);
    const ElfRelocationTable *text = obj.relocationsFor(*obj.findSection(".text"));
    ASSERT_TRUE(text);
    ASSERT_EQ(text->entries.size(), 2u);
    EXPECT_LE(text->entries[0].offset, text->entries[1].offset);
    const ElfRelocationTable *traps = obj.relocationsFor(*obj.findSection(".wasmaot.traps"));
    ASSERT_TRUE(traps);
    ASSERT_EQ(traps->entries.size(), 2u);
    EXPECT_EQ(traps->entries[0].offset, 0u); // added second, sorted first
    EXPECT_EQ(traps->entries[0].addend, 0);
    EXPECT_EQ(traps->entries[1].offset, 8u);
    EXPECT_EQ(traps->entries[1].addend, 4);
    EXPECT_EQ(obj.symbols[traps->entries[0].symbol].type, elf::STT_SECTION);
  }
  std::vector<uint8_t> bytes;
  const ElfObject x64 = roundTrip(sampleObject(Machine::X86_64), bytes);
  const auto &e = x64.relocationsFor(1)->entries;
  EXPECT_EQ(e[0].type, RelocType(X86_64Reloc::PLT32));
  EXPECT_EQ(e[0].type.value, 4u);
  EXPECT_EQ(e[0].addend, -4);
  EXPECT_EQ(x64.symbols[e[0].symbol].name, "wasmaot_rt_trap");
  EXPECT_EQ(e[1].type.value, 2u); // R_X86_64_PC32

  const ElfObject rv = roundTrip(sampleObject(Machine::RiscV64), bytes);
  const auto &r = rv.relocationsFor(1)->entries;
  // Same offset: the stable sort keeps CALL_PLT before its RELAX marker.
  EXPECT_EQ(r[0].type.value, 19u);
  EXPECT_EQ(r[1].type.value, 51u);
  EXPECT_EQ(r[1].symbol, 0u);
}

TEST(ElfWriterTest, PsAbiNumbers) {
  EXPECT_EQ(uint32_t(X86_64Reloc::R64), 1u);
  EXPECT_EQ(uint32_t(X86_64Reloc::PC32), 2u);
  EXPECT_EQ(uint32_t(X86_64Reloc::PLT32), 4u);
  EXPECT_EQ(uint32_t(X86_64Reloc::GOTPCREL), 9u);
  EXPECT_EQ(uint32_t(X86_64Reloc::R32S), 11u);
  EXPECT_EQ(uint32_t(AArch64Reloc::ABS64), 257u);
  EXPECT_EQ(uint32_t(AArch64Reloc::PREL32), 261u);
  EXPECT_EQ(uint32_t(AArch64Reloc::ADR_PREL_PG_HI21), 275u);
  EXPECT_EQ(uint32_t(AArch64Reloc::ADD_ABS_LO12_NC), 277u);
  EXPECT_EQ(uint32_t(AArch64Reloc::JUMP26), 282u);
  EXPECT_EQ(uint32_t(AArch64Reloc::CALL26), 283u);
  EXPECT_EQ(uint32_t(RiscV64Reloc::R64), 2u);
  EXPECT_EQ(uint32_t(RiscV64Reloc::CALL_PLT), 19u);
  EXPECT_EQ(uint32_t(RiscV64Reloc::PCREL_HI20), 23u);
  EXPECT_EQ(uint32_t(RiscV64Reloc::PCREL_LO12_I), 24u);
  EXPECT_EQ(uint32_t(RiscV64Reloc::R32_PCREL), 57u);
  EXPECT_STREQ(relocName(Machine::AArch64, AArch64Reloc::CALL26), "R_AARCH64_CALL26");
  EXPECT_EQ(relocByName(Machine::RiscV64, "R_RISCV_PCREL_LO12_I"), RelocType(RiscV64Reloc::PCREL_LO12_I));
  EXPECT_FALSE(relocByName(Machine::X86_64, "R_RISCV_64"));
  EXPECT_EQ(relocName(Machine::X86_64, RelocType(257)), nullptr);
}

TEST(ElfWriterTest, Deterministic) {
  for (Machine m : {Machine::X86_64, Machine::AArch64, Machine::RiscV64}) {
    const ElfWriter a = sampleObject(m);
    const ElfWriter b = sampleObject(m);
    const std::vector<uint8_t> first = a.write();
    EXPECT_EQ(first, b.write());
    EXPECT_EQ(first, a.write());
  }
}

TEST(ElfWriterTest, EmptyObjectIsValid) {
  ElfWriter w(Machine::X86_64);
  std::vector<uint8_t> bytes;
  const ElfObject obj = roundTrip(w, bytes);
  EXPECT_TRUE(obj.findSection(".note.GNU-stack"));
  EXPECT_EQ(obj.symbols.size(), 1u);
  EXPECT_EQ(obj.firstGlobal, 1u);
}

TEST(ElfWriterTest, AlignToPadsWithZeros) {
  ElfWriter w(Machine::AArch64);
  const SectionId text = w.addSection(".text", SectionKind::Text);
  w.append(text, std::vector<uint8_t>{0xc0, 0x03, 0x5f, 0xd6});
  EXPECT_EQ(w.alignTo(text, 16), 16u);
  EXPECT_EQ(w.append(text, std::vector<uint8_t>{1}), 16u);
  const SectionId bss = w.addSection(".bss", SectionKind::Bss);
  w.reserve(bss, 3);
  EXPECT_EQ(w.alignTo(bss, 8), 8u);
  EXPECT_EQ(w.sectionSize(bss), 8u);
}

TEST(ElfWriterTest, ValidateReportsDescriptionErrors) {
  {
    ElfWriter w(Machine::X86_64);
    const SectionId t = w.addSection(".text", SectionKind::Text);
    w.append(t, kAddCode);
    const SymbolId s = w.addSymbol({"f", SymbolBinding::Global, SymbolType::Function, t, 0, 4});
    w.addRelocation(t, {1, s, X86_64Reloc::PC32, 0});
    EXPECT_EQ(validateMessage(w), "section '.text': R_X86_64_PC32 at offset 1 is past the end of the section");
  }
  {
    ElfWriter w(Machine::X86_64);
    const SectionId t = w.addSection(".text", SectionKind::Text);
    w.append(t, std::vector<uint8_t>(8, 0));
    w.addRelocation(t, {0, w.sectionSymbol(t), AArch64Reloc::CALL26, 0});
    EXPECT_EQ(validateMessage(w), "section '.text': relocation type 283 is not a x86_64 relocation wasmaot knows");
  }
  {
    ElfWriter w(Machine::X86_64);
    w.addSymbol({"f", SymbolBinding::Global, SymbolType::Function, {}, 0, 0});
    w.addSymbol({"f", SymbolBinding::Weak, SymbolType::Function, {}, 0, 0});
    EXPECT_EQ(validateMessage(w), "duplicate global symbol 'f'");
  }
  {
    ElfWriter w(Machine::X86_64);
    w.addSymbol({"g", SymbolBinding::Local, SymbolType::Object, {}, 0, 0});
    EXPECT_EQ(validateMessage(w), "undefined symbol 'g' is local");
  }
  {
    ElfWriter w(Machine::X86_64);
    const SectionId t = w.addSection(".text", SectionKind::Text);
    w.append(t, kAddCode);
    w.addSymbol({"f", SymbolBinding::Global, SymbolType::Function, t, 2, 4});
    EXPECT_EQ(validateMessage(w), "symbol 'f' extends past the end of section '.text'");
  }
  {
    ElfWriter w(Machine::X86_64);
    w.addSection(".text", SectionKind::Text);
    w.addSection(".text", SectionKind::Text);
    EXPECT_EQ(validateMessage(w), "duplicate section '.text'");
  }
  {
    ElfWriter w(Machine::X86_64);
    w.addSection(".symtab", SectionKind::Metadata);
    EXPECT_EQ(validateMessage(w), "section name '.symtab' is reserved for the writer");
  }
  {
    ElfWriter w(Machine::X86_64);
    w.addSection(".data", SectionKind::Data, 12);
    EXPECT_EQ(validateMessage(w), "section '.data': alignment is not a power of two");
  }
  {
    ElfWriter w(Machine::RiscV64);
    const SectionId b = w.addSection(".bss", SectionKind::Bss);
    w.reserve(b, 16);
    w.addRelocation(b, {0, w.sectionSymbol(b), RiscV64Reloc::R64, 0});
    EXPECT_EQ(validateMessage(w), "section '.bss' has no bytes to relocate");
  }
}
