// ModuleCompilerTest: protects the module level of the back end against a fake
// Backend with known bytes: .text layout (index order, 16-alignment, int3
// padding), fixup resolution (calls patched in place, .rodata references and
// jump tables as relocations against section symbols), the trap table, the
// descriptor bytes at the offsets docs/abi.md gives, symbols, that
// ElfReader reads the object, the same bytes for any thread count, and the
// lowest failing function being the one reported.
#include "codegen/ModuleCompiler.h"
#include "codegen/TargetDesc.h"
#include "ir/Module.h"
#include "object/ElfReader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::codegen;

namespace {

uint64_t le(std::span<const uint8_t> b, uint64_t at, unsigned n) {
  uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i) v |= uint64_t(b[at + i]) << (8 * i);
  return v;
}

/// The function and trap tables of a descriptor, read at the header offsets docs/abi.md gives.
struct RawTables {
  std::vector<DescriptorFunction> functions;
  std::vector<DescriptorTrap> traps;
  uint32_t numFunctions = 0;
};
RawTables readTables(std::span<const uint8_t> d) {
  RawTables t;
  EXPECT_GE(d.size(), 112u);
  if (d.size() < 112) return t;
  t.numFunctions = uint32_t(le(d, 40, 4));
  const uint64_t ft = le(d, 48, 8), nf = le(d, 56, 4), tt = le(d, 64, 8), nt = le(d, 72, 4);
  EXPECT_LE(ft + 8 * nf, d.size());
  EXPECT_LE(tt + 8 * nt, d.size());
  for (uint64_t i = 0; i < nf && ft + 8 * i + 8 <= d.size(); ++i)
    t.functions.push_back({uint32_t(le(d, ft + 8 * i, 4)), uint32_t(le(d, ft + 8 * i + 4, 4))});
  for (uint64_t i = 0; i < nt && tt + 8 * i + 8 <= d.size(); ++i)
    t.traps.push_back({uint32_t(le(d, tt + 8 * i, 4)), uint32_t(le(d, tt + 8 * i + 4, 4))});
  return t;
}

// The fake's code for function i (bytes chosen to be readable x86-64):
//   0: e8 <rel32>          call   the next defined function (wraps to the first)
//   5: 48 8d 05 <rel32>    lea    rax, [rip + rodata + 4]
//  12: 90 * (i % 7)        nops: functions of different sizes
//   n: 0f 0b               ud2    (trap site: Unreachable)
// Functions whose index is a multiple of 3 also have a jump table: 8 more
// rodata bytes with an OwnCode fixup to their ud2.
constexpr uint32_t kCallField = 1, kLeaField = 8, kNops = 12;

struct FakeBackend : Backend {
  std::set<uint32_t> failing;  ///< functions that "use an opcode the back end cannot lower"
  bool randomDelays = false;   ///< shuffle completion order across threads
  std::set<uint32_t> slow;     ///< functions that take 20 ms
  std::optional<CodeFixup> extraFixup;
  std::optional<TrapSite> extraTrap;

  std::string_view name() const override { return "fake"; }
  object::Machine machine() const override { return object::Machine::X86_64; }
  const TargetDesc &targetDesc() const override {
    static const TargetDesc desc;
    return desc;
  }
  bool cpuFeatures(std::string_view, std::vector<std::string> &) const override { return true; }
  std::vector<std::string> knownFeatures() const override { return {}; }

  static uint32_t nextDefined(const ir::Module &m, uint32_t i) {
    for (uint32_t j = i + 1; j < m.functions.size(); ++j)
      if (!m.functions[j]->isDeclaration()) return j;
    for (uint32_t j = 0;; ++j)
      if (!m.functions[j]->isDeclaration()) return j;
  }

  bool compileFunction(const ir::Module &m, uint32_t i, const VMContextLayout &, const CodegenOptions &,
                       CompiledFunction &out, std::string &error, CodegenTimes *) const override {
    if (randomDelays) {
      thread_local std::mt19937 rng(std::hash<std::thread::id>()(std::this_thread::get_id()));
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 300));
    }
    if (slow.count(i)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (failing.count(i)) {
      error = "cannot lower i64.frob in function " + std::to_string(i);
      return false;
    }
    out.code = {0xe8, 0, 0, 0, 0, 0x48, 0x8d, 0x05, 0, 0, 0, 0};
    out.code.insert(out.code.end(), i % 7, 0x90);
    const uint32_t ud2 = uint32_t(out.code.size());
    out.code.insert(out.code.end(), {0x0f, 0x0b});
    out.fixups.push_back({kCallField, false, FixupTarget::Function, nextDefined(m, i), -4, object::X86_64Reloc::PC32});
    out.fixups.push_back({kLeaField, false, FixupTarget::OwnRodata, 4, -4, object::X86_64Reloc::PC32});
    // Constants: the same 8 bytes for every even function (shareable), distinct for odd ones.
    out.rodata = {1, 2, 3, 4, 5, 6, 7, uint8_t(i % 2 ? i : 0)};
    out.rodataAlign = 8;
    if (i % 3 == 0) {
      out.rodata.insert(out.rodata.end(), 8, 0);
      out.fixups.push_back({8, true, FixupTarget::OwnCode, ud2, 0, object::X86_64Reloc::PC32});
    }
    out.traps.push_back({ud2, ir::TrapCode::Unreachable});
    if (extraFixup) out.fixups.push_back(*extraFixup);
    if (extraTrap) out.traps.push_back(*extraTrap);
    out.asmText = "  call f" + std::to_string(nextDefined(m, i)) + "\n  ud2\n";
    return true;
  }

  bool resolveLocal(object::RelocType type, std::span<uint8_t> section, uint64_t place,
                    uint64_t target) const override {
    if (type != object::X86_64Reloc::PC32) return false;
    const uint32_t v = uint32_t(target - place);
    for (unsigned b = 0; b < 4; ++b) section[place + b] = uint8_t(v >> (8 * b));
    return true;
  }
};

/// `imports` declarations, then `defined` functions with a (trivial) body.
std::unique_ptr<ir::Module> makeModule(uint32_t imports, uint32_t defined) {
  auto m = std::make_unique<ir::Module>();
  for (uint32_t i = 0; i < imports + defined; ++i) {
    ir::Function *f = m->addFunction(i == imports ? "first_defined" : "", {});
    if (i >= imports) f->createBlock();
  }
  m->memories.resize(1);
  m->globals.resize(3);
  m->tables.resize(2);
  return m;
}

const std::vector<uint8_t> kWasm = {0, 'a', 's', 'm', 1, 0, 0, 0, 0xAB};

ModuleOutput compile(const ir::Module &m, const FakeBackend &b, unsigned threads, bool asmText = false) {
  ModuleCompileOptions options;
  options.threads = threads;
  options.prefix = "demo";
  options.codegen.emitAsm = asmText;
  ModuleOutput out;
  Diagnostic diag;
  EXPECT_TRUE(compileModule(m, kWasm, b, options, out, diag)) << diag.str();
  return out;
}

const object::ElfSection &section(const object::ElfObject &o, std::string_view name) {
  std::optional<uint32_t> i = o.findSection(name);
  EXPECT_TRUE(i.has_value()) << name;
  return o.sections[i.value_or(0)];
}

TEST(ModuleCompiler, LayoutFixupsTrapsAndDescriptor) {
  constexpr uint32_t kImports = 2, kDefined = 9;
  auto m = makeModule(kImports, kDefined);
  FakeBackend backend;
  ModuleOutput out = compile(*m, backend, 1);
  object::ElfReadResult r = object::readElf(out.object);
  ASSERT_TRUE(r.ok()) << r.error->str();
  const object::ElfObject &o = r.object;
  const object::ElfSection &text = section(o, ".text");
  const object::ElfSection &rodata = section(o, ".rodata");
  const object::ElfSection &meta = section(o, ".wasmaot.module");
  EXPECT_EQ(text.flags, object::elf::SHF_ALLOC | object::elf::SHF_EXECINSTR);
  EXPECT_EQ(meta.flags, object::elf::SHF_ALLOC | object::elf::SHF_WRITE) << "no DT_TEXTREL in a PIE";

  // Expected layout from the rules: index order, each start rounded up to 16.
  std::vector<uint64_t> start(kImports + kDefined), size(kImports + kDefined);
  uint64_t end = 0;
  for (uint32_t i = kImports; i < kImports + kDefined; ++i) {
    start[i] = (end + 15) / 16 * 16;
    size[i] = kNops + i % 7 + 2;
    for (uint64_t p = end; p < start[i]; ++p) EXPECT_EQ(text.bytes[p], 0xCC) << "padding at " << p;
    end = start[i] + size[i];
  }
  ASSERT_EQ(text.size, end);

  // Calls are patched in place: field + 4 + rel32 is the callee's start.
  for (uint32_t i = kImports; i < kImports + kDefined; ++i) {
    const uint32_t callee = i + 1 < kImports + kDefined ? i + 1 : kImports;
    const int32_t rel = int32_t(le(text.bytes, start[i] + kCallField, 4));
    EXPECT_EQ(int64_t(start[i] + kCallField + 4) + rel, int64_t(start[callee])) << "function " << i;
    EXPECT_EQ(text.bytes[start[i]], 0xe8);
    EXPECT_EQ(text.bytes[start[i] + size[i] - 2], 0x0f);
  }

  // Function symbols: local STT_FUNC with offset and size; the module symbol is global.
  for (uint32_t i = kImports; i < kImports + kDefined; ++i) {
    const std::string name = i == kImports ? "first_defined" : "wasm_function_" + std::to_string(i);
    const object::ElfSymbol *s = o.findSymbol(name);
    ASSERT_NE(s, nullptr) << name;
    EXPECT_EQ(s->binding, object::elf::STB_LOCAL);
    EXPECT_EQ(s->type, object::elf::STT_FUNC);
    EXPECT_EQ(s->section, *o.findSection(".text"));
    EXPECT_EQ(s->value, start[i]);
    EXPECT_EQ(s->size, size[i]);
  }
  EXPECT_EQ(o.findSymbol("wasm_function_0"), nullptr) << "imports have no code";
  const object::ElfSymbol *mod = o.findSymbol("wasmaot_module_demo");
  ASSERT_NE(mod, nullptr);
  EXPECT_EQ(mod->binding, object::elf::STB_GLOBAL);
  EXPECT_EQ(mod->section, *o.findSection(".wasmaot.module"));
  EXPECT_EQ(mod->value, 0u);
  EXPECT_EQ(mod->size, meta.size);

  // Relocations in .text: one lea per function, against .rodata's section
  // symbol, addend = the function's rodata offset + 4 - 4; none for calls.
  const object::ElfRelocationTable *textRelocs = o.relocationsFor(*o.findSection(".text"));
  ASSERT_NE(textRelocs, nullptr);
  ASSERT_EQ(textRelocs->entries.size(), kDefined);
  std::set<int64_t> rodataOffsets;
  for (uint32_t k = 0; k < kDefined; ++k) {
    const uint32_t i = kImports + k;
    const object::ElfRelocation &rel = textRelocs->entries[k];
    EXPECT_EQ(rel.offset, start[i] + kLeaField);
    EXPECT_EQ(rel.type, object::RelocType(object::X86_64Reloc::PC32));
    const object::ElfSymbol &sym = o.symbols[rel.symbol];
    EXPECT_EQ(sym.type, object::elf::STT_SECTION);
    EXPECT_EQ(sym.section, *o.findSection(".rodata"));
    const int64_t block = rel.addend; // + 4 (byte 4) - 4 (psABI)
    ASSERT_GE(block, 0);
    ASSERT_LE(uint64_t(block) + 8, rodata.size);
    EXPECT_EQ(block % 8, 0) << "rodata block of function " << i << " is not 8-aligned";
    EXPECT_EQ(rodata.bytes[block], 1);
    EXPECT_EQ(rodata.bytes[block + 7], i % 2 ? i : 0);
    rodataOffsets.insert(block);
    // Even functions without a jump table share one block.
    if (i % 2 == 0 && i % 3 != 0) {
      EXPECT_EQ(block, textRelocs->entries[0].addend) << "function " << i << " shares function 2's block";
    }
  }
  EXPECT_LT(rodataOffsets.size(), kDefined) << "identical constant blocks are shared";

  // Jump tables in .rodata: PC32 against .text with addend = target offset (the ud2).
  const object::ElfRelocationTable *rodataRelocs = o.relocationsFor(*o.findSection(".rodata"));
  ASSERT_NE(rodataRelocs, nullptr);
  std::vector<uint32_t> withTables;
  for (uint32_t i = kImports; i < kImports + kDefined; ++i)
    if (i % 3 == 0) withTables.push_back(i);
  ASSERT_EQ(rodataRelocs->entries.size(), withTables.size());
  for (size_t t = 0; t < withTables.size(); ++t) {
    const object::ElfRelocation &rel = rodataRelocs->entries[t];
    EXPECT_EQ(o.symbols[rel.symbol].section, *o.findSection(".text"));
    EXPECT_EQ(rel.addend, int64_t(start[withTables[t]] + size[withTables[t]] - 2));
    // The table follows its function's 8 constant bytes; the constant pool entry is patched by the lea.
    const auto lea = std::find_if(textRelocs->entries.begin(), textRelocs->entries.end(),
                                  [&](const object::ElfRelocation &e) { return e.offset == start[withTables[t]] + kLeaField; });
    ASSERT_NE(lea, textRelocs->entries.end());
    EXPECT_EQ(rel.offset, uint64_t(lea->addend) + 8);
  }

  // Descriptor: the fields at the offsets docs/abi.md gives.
  std::span<const uint8_t> d = meta.bytes;
  ASSERT_GE(d.size(), 112u);
  EXPECT_EQ(std::memcmp(d.data(), "WAOTMOD\0", 8), 0);
  EXPECT_EQ(le(d, 8, 4), kAbiVersion);
  EXPECT_EQ(le(d, 12, 4), 62u);
  EXPECT_EQ(le(d, 16, 4), 0u);
  EXPECT_EQ(le(d, 24, 8), 0u);
  EXPECT_EQ(le(d, 32, 8), 0u) << "the text address comes from the relocation";
  EXPECT_EQ(le(d, 40, 4), kImports + kDefined);
  EXPECT_EQ(le(d, 44, 4), kImports);
  EXPECT_EQ(le(d, 56, 4), kDefined);
  const VMContextLayout vm = VMContextLayout::forCounts(1, 3, 2);
  EXPECT_EQ(le(d, 96, 4), vm.size);
  EXPECT_EQ(le(d, 100, 4), vm.memoriesOffset);
  EXPECT_EQ(le(d, 104, 4), vm.globalsOffset);
  EXPECT_EQ(le(d, 108, 4), vm.tablesOffset);
  const uint64_t ft = le(d, 48, 8);
  for (uint32_t k = 0; k < kDefined; ++k) {
    EXPECT_EQ(le(d, ft + 8 * k, 4), start[kImports + k]);
    EXPECT_EQ(le(d, ft + 8 * k + 4, 4), size[kImports + k]);
  }
  const uint64_t tt = le(d, 64, 8);
  ASSERT_EQ(le(d, 72, 4), kDefined);
  for (uint32_t k = 0; k < kDefined; ++k) {
    EXPECT_EQ(le(d, tt + 8 * k, 4), start[kImports + k] + size[kImports + k] - 2);
    EXPECT_EQ(le(d, tt + 8 * k + 4, 4), uint32_t(ir::TrapCode::Unreachable));
  }
  const uint64_t wasmAt = le(d, 80, 8);
  ASSERT_EQ(le(d, 88, 8), kWasm.size());
  EXPECT_TRUE(std::equal(kWasm.begin(), kWasm.end(), d.begin() + wasmAt));

  // The one relocation of the descriptor: R_X86_64_64 at 32 against .text + 0.
  const object::ElfRelocationTable *metaRelocs = o.relocationsFor(*o.findSection(".wasmaot.module"));
  ASSERT_NE(metaRelocs, nullptr);
  ASSERT_EQ(metaRelocs->entries.size(), 1u);
  EXPECT_EQ(metaRelocs->entries[0].offset, 32u);
  EXPECT_EQ(metaRelocs->entries[0].type, object::RelocType(object::X86_64Reloc::R64));
  EXPECT_EQ(metaRelocs->entries[0].addend, 0);
  EXPECT_EQ(o.symbols[metaRelocs->entries[0].symbol].type, object::elf::STT_SECTION);
  EXPECT_EQ(o.symbols[metaRelocs->entries[0].symbol].section, *o.findSection(".text"));

  // The tables are 8-aligned and lie after the header, without overlapping.
  EXPECT_EQ(ft % 8, 0u);
  EXPECT_EQ(tt % 8, 0u);
  EXPECT_GE(ft, 112u);
  EXPECT_GE(tt, ft + 8 * kDefined);
  EXPECT_GE(wasmAt, tt + 8 * kDefined);
}

TEST(ModuleCompiler, TrapTableIsSortedAcrossFunctions) {
  auto m = makeModule(0, 4);
  FakeBackend backend;
  backend.extraTrap = TrapSite{0, ir::TrapCode::StackExhausted}; // after the ud2 in the list
  ModuleOutput out = compile(*m, backend, 1);
  object::ElfReadResult r = object::readElf(out.object);
  ASSERT_TRUE(r.ok());
  const RawTables d = readTables(section(r.object, ".wasmaot.module").bytes);
  ASSERT_EQ(d.traps.size(), 8u);
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(d.traps[2 * k].textOffset, d.functions[k].textOffset);
    EXPECT_EQ(d.traps[2 * k].code, uint32_t(ir::TrapCode::StackExhausted));
    EXPECT_EQ(d.traps[2 * k + 1].textOffset, d.functions[k].textOffset + d.functions[k].size - 2);
  }
}

TEST(ModuleCompiler, SameBytesForAnyThreadCount) {
  auto m = makeModule(3, 60);
  FakeBackend backend;
  backend.randomDelays = true;
  const ModuleOutput one = compile(*m, backend, 1, true);
  ASSERT_FALSE(one.object.empty());
  for (unsigned threads : {2u, 4u, 8u, 0u}) {
    const ModuleOutput many = compile(*m, backend, threads, true);
    EXPECT_EQ(many.object, one.object) << threads << " threads";
    EXPECT_EQ(many.asmText, one.asmText) << threads << " threads";
  }
}

TEST(ModuleCompiler, AssemblyListingInIndexOrder) {
  auto m = makeModule(1, 3);
  FakeBackend backend;
  ModuleOutput out = compile(*m, backend, 2, true);
  EXPECT_EQ(out.asmText, "first_defined:\n  call f2\n  ud2\n\n"
                         "wasm_function_2:\n  call f3\n  ud2\n\n"
                         "wasm_function_3:\n  call f1\n  ud2\n");
}

TEST(ModuleCompiler, NoObjectWhenOnlyAssemblyIsAsked) {
  auto m = makeModule(0, 2);
  FakeBackend backend;
  ModuleCompileOptions options;
  options.emitObject = false;
  options.codegen.emitAsm = true;
  ModuleOutput out;
  Diagnostic diag;
  ASSERT_TRUE(compileModule(*m, kWasm, backend, options, out, diag));
  EXPECT_TRUE(out.object.empty());
  EXPECT_NE(out.asmText.find("wasm_function_1:"), std::string::npos);
}

TEST(ModuleCompiler, LowestFailingFunctionIsReported) {
  auto m = makeModule(2, 40);
  FakeBackend backend;
  backend.randomDelays = true;
  backend.failing = {9, 30, 41};
  backend.slow = {9}; // with threads, 30 and 41 fail first in time
  for (unsigned threads : {1u, 4u, 4u, 8u}) {
    ModuleOutput out;
    Diagnostic diag;
    ModuleCompileOptions options;
    options.threads = threads;
    EXPECT_FALSE(compileModule(*m, kWasm, backend, options, out, diag));
    EXPECT_EQ(diag.kind, DiagKind::Unsupported);
    EXPECT_EQ(diag.funcIndex, std::optional<uint32_t>(9));
    EXPECT_EQ(diag.message, "cannot lower i64.frob in function 9");
  }
}

TEST(ModuleCompiler, EmptyModule) {
  ir::Module m;
  FakeBackend backend;
  ModuleOutput out = compile(m, backend, 0);
  object::ElfReadResult r = object::readElf(out.object);
  ASSERT_TRUE(r.ok()) << r.error->str();
  EXPECT_EQ(section(r.object, ".text").size, 0u);
  EXPECT_FALSE(r.object.findSection(".rodata").has_value());
  const RawTables d = readTables(section(r.object, ".wasmaot.module").bytes);
  EXPECT_EQ(d.numFunctions, 0u);
  EXPECT_EQ(d.functions.size(), 0u);
  EXPECT_EQ(d.traps.size(), 0u);
}

Diagnostic compileError(const ir::Module &m, const FakeBackend &backend, std::string prefix = "wasm") {
  ModuleCompileOptions options;
  options.prefix = prefix;
  ModuleOutput out;
  Diagnostic diag;
  EXPECT_FALSE(compileModule(m, kWasm, backend, options, out, diag));
  return diag;
}

TEST(ModuleCompiler, BrokenBackendPromisesAreDiagnostics) {
  auto m = makeModule(1, 2);
  FakeBackend backend;
  backend.extraFixup = CodeFixup{30, false, FixupTarget::OwnCode, 0, -4, object::X86_64Reloc::PC32};
  Diagnostic d = compileError(*m, backend);
  EXPECT_EQ(d.funcIndex, std::optional<uint32_t>(1));
  EXPECT_NE(d.message.find("past the end of the function's code"), std::string::npos) << d.message;

  backend.extraFixup = CodeFixup{1, false, FixupTarget::Function, 0, -4, object::X86_64Reloc::PC32};
  d = compileError(*m, backend);
  EXPECT_NE(d.message.find("function 0, which is not a defined function"), std::string::npos) << d.message;

  backend.extraFixup = CodeFixup{1, false, FixupTarget::OwnRodata, 100, -4, object::X86_64Reloc::PC32};
  d = compileError(*m, backend);
  EXPECT_NE(d.message.find("read-only data byte 100"), std::string::npos) << d.message;

  backend.extraFixup = CodeFixup{1, false, FixupTarget::OwnCode, 0, 0, object::RelocType(999)};
  d = compileError(*m, backend);
  EXPECT_NE(d.message.find("relocation type 999"), std::string::npos) << d.message;

  backend.extraFixup.reset();
  backend.extraTrap = TrapSite{500, ir::TrapCode::Unreachable};
  d = compileError(*m, backend);
  EXPECT_NE(d.message.find("trap site at offset 500"), std::string::npos) << d.message;

  backend.extraTrap = TrapSite{kNops + 1, ir::TrapCode::OutOfBoundsMemory}; // function 1's ud2 again
  d = compileError(*m, backend);
  EXPECT_NE(d.message.find("two trap sites at text offset"), std::string::npos) << d.message;
}

TEST(ModuleCompiler, RejectsBadPrefixAndLateDeclarations) {
  auto m = makeModule(0, 1);
  FakeBackend backend;
  EXPECT_NE(compileError(*m, backend, "9lives").message.find("not a C identifier"), std::string::npos);
  EXPECT_NE(compileError(*m, backend, "a-b").message.find("not a C identifier"), std::string::npos);
  EXPECT_TRUE(isValidPrefix("_my_module2"));

  m->addFunction("late_import", {});
  EXPECT_NE(compileError(*m, backend).message.find("imports must come first"), std::string::npos);
}

TEST(ModuleCompiler, SymbolNamesAreUnique) {
  ir::Module m;
  for (const char *n : {"imp", "f", "f", "", "wasm_function_4"}) m.addFunction(n, {});
  for (size_t i = 1; i < m.functions.size(); ++i) m.functions[i]->createBlock();
  const std::vector<std::string> names = functionSymbolNames(m);
  EXPECT_EQ(names[1], "f");
  EXPECT_NE(names[2], "f");
  EXPECT_EQ(names[3], "wasm_function_3");
  EXPECT_EQ(std::set<std::string>(names.begin() + 1, names.end()).size(), 4u);
}

} // namespace
