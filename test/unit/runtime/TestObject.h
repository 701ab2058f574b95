// TestObject: builds small objects in the format of docs/abi.md for the
// runtime's tests, from hand-assembled wasm modules (WasmBuilder) and x86-64
// code written with isa/x64's Encoder (TestAsm), so the loader, traps and
// instances are tested independently of the compiler's back end. The
// descriptor bytes come from codegen::encodeModuleDescriptor, the compiler's
// own encoder, so a disagreement with the runtime's parser shows up here.
#pragma once

#include "codegen/ModuleDescriptor.h"
#include "ir/Conditions.h"
#include "isa/x64/Encoder.h"
#include "object/ElfWriter.h"
#include "wasm/Decoder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::runtime::test {

namespace x = wasmaot::isa::x64;

inline constexpr uint8_t kI32 = 0x7F, kI64 = 0x7E, kF32 = 0x7D, kF64 = 0x7C, kFuncRef = 0x70, kExternRef = 0x6F;

/// Writes a wasm binary section by section (only what the tests need).
class WasmBuilder {
public:
  uint32_t type(std::vector<uint8_t> params, std::vector<uint8_t> results) {
    std::vector<uint8_t> t{0x60};
    vec(t, params);
    vec(t, results);
    types_.push_back(t);
    return uint32_t(types_.size() - 1);
  }
  uint32_t importFunc(const std::string &m, const std::string &n, uint32_t type) {
    std::vector<uint8_t> e = names(m, n);
    e.push_back(0x00);
    leb(e, type);
    imports_.push_back(e);
    return numImportedFuncs_++;
  }
  void importMemory(const std::string &m, const std::string &n, uint32_t min, std::optional<uint32_t> max = {}) {
    std::vector<uint8_t> e = names(m, n);
    e.push_back(0x02);
    limits(e, min, max);
    imports_.push_back(e);
  }
  void importGlobal(const std::string &m, const std::string &n, uint8_t type, bool mut) {
    std::vector<uint8_t> e = names(m, n);
    e.push_back(0x03);
    e.push_back(type);
    e.push_back(mut ? 1 : 0);
    imports_.push_back(e);
  }
  void importTable(const std::string &m, const std::string &n, uint32_t min, std::optional<uint32_t> max = {}) {
    std::vector<uint8_t> e = names(m, n);
    e.push_back(0x01);
    e.push_back(kFuncRef);
    limits(e, min, max);
    imports_.push_back(e);
  }
  /// A defined function; its body is `unreachable` (the code is the test's machine code).
  uint32_t func(uint32_t type) {
    funcs_.push_back(type);
    return numImportedFuncs_ + uint32_t(funcs_.size() - 1);
  }
  void memory(uint32_t min, std::optional<uint32_t> max = {}, bool is64 = false) {
    std::vector<uint8_t> e;
    limits(e, min, max, is64);
    memories_.push_back(e);
  }
  void table(uint32_t min, std::optional<uint32_t> max = {}) {
    std::vector<uint8_t> e{kFuncRef};
    limits(e, min, max);
    tables_.push_back(e);
  }
  /// `init` is a constant expression without its final `end`.
  void global(uint8_t type, bool mut, std::vector<uint8_t> init) {
    std::vector<uint8_t> e{type, uint8_t(mut ? 1 : 0)};
    e.insert(e.end(), init.begin(), init.end());
    e.push_back(0x0B);
    globals_.push_back(e);
  }
  void exportAs(const std::string &name, uint8_t kind, uint32_t index) {
    std::vector<uint8_t> e;
    str(e, name);
    e.push_back(kind);
    leb(e, index);
    exports_.push_back(e);
  }
  void start(uint32_t f) { start_ = f; }
  /// An active data segment for memory 0 at i32 offset `offset`.
  void data(uint32_t offset, std::vector<uint8_t> bytes) {
    std::vector<uint8_t> e{0x00, 0x41};
    sleb(e, int32_t(offset));
    e.push_back(0x0B);
    vec(e, bytes);
    datas_.push_back(e);
  }
  void passiveData(std::vector<uint8_t> bytes) {
    std::vector<uint8_t> e{0x01};
    vec(e, bytes);
    datas_.push_back(e);
  }
  /// An active funcref element segment for table 0 (function indices).
  void elem(uint32_t offset, std::vector<uint32_t> funcs) {
    std::vector<uint8_t> e{0x00, 0x41};
    sleb(e, int32_t(offset));
    e.push_back(0x0B);
    leb(e, uint32_t(funcs.size()));
    for (uint32_t f : funcs) leb(e, f);
    elems_.push_back(e);
  }

  std::vector<uint8_t> build() const {
    std::vector<uint8_t> out{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    section(out, 1, types_);
    section(out, 2, imports_);
    std::vector<std::vector<uint8_t>> funcIdx;
    for (uint32_t t : funcs_) {
      std::vector<uint8_t> e;
      leb(e, t);
      funcIdx.push_back(e);
    }
    section(out, 3, funcIdx);
    section(out, 4, tables_);
    section(out, 5, memories_);
    section(out, 6, globals_);
    section(out, 7, exports_);
    if (start_) {
      std::vector<uint8_t> s;
      leb(s, *start_);
      raw(out, 8, s);
    }
    section(out, 9, elems_);
    if (!datas_.empty()) {
      std::vector<uint8_t> c;
      leb(c, uint32_t(datas_.size()));
      raw(out, 12, c); // data count: passive segments may be used by memory.init
    }
    std::vector<std::vector<uint8_t>> bodies(funcs_.size(), std::vector<uint8_t>{0x03, 0x00, 0x00, 0x0B});
    section(out, 10, bodies, /*sized=*/false);
    section(out, 11, datas_);
    return out;
  }

private:
  static void leb(std::vector<uint8_t> &o, uint64_t v) {
    do {
      uint8_t b = v & 0x7F;
      v >>= 7;
      o.push_back(b | (v ? 0x80 : 0));
    } while (v);
  }
  static void sleb(std::vector<uint8_t> &o, int64_t v) {
    bool more = true;
    while (more) {
      uint8_t b = v & 0x7F;
      v >>= 7;
      more = !((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40)));
      o.push_back(b | (more ? 0x80 : 0));
    }
  }
  static void str(std::vector<uint8_t> &o, const std::string &s) {
    leb(o, s.size());
    o.insert(o.end(), s.begin(), s.end());
  }
  static void vec(std::vector<uint8_t> &o, const std::vector<uint8_t> &b) {
    leb(o, b.size());
    o.insert(o.end(), b.begin(), b.end());
  }
  static std::vector<uint8_t> names(const std::string &m, const std::string &n) {
    std::vector<uint8_t> e;
    str(e, m);
    str(e, n);
    return e;
  }
  static void limits(std::vector<uint8_t> &e, uint32_t min, std::optional<uint32_t> max, bool is64 = false) {
    e.push_back(uint8_t((max ? 1 : 0) | (is64 ? 4 : 0)));
    leb(e, min);
    if (max) leb(e, *max);
  }
  static void raw(std::vector<uint8_t> &out, uint8_t id, const std::vector<uint8_t> &body) {
    out.push_back(id);
    leb(out, body.size());
    out.insert(out.end(), body.begin(), body.end());
  }
  // Bodies in the code section are already size-prefixed entries.
  static void section(std::vector<uint8_t> &out, uint8_t id, const std::vector<std::vector<uint8_t>> &items,
                      bool = true) {
    if (items.empty()) return;
    std::vector<uint8_t> body;
    leb(body, items.size());
    for (const auto &i : items) body.insert(body.end(), i.begin(), i.end());
    raw(out, id, body);
  }

  std::vector<std::vector<uint8_t>> types_, imports_, memories_, tables_, globals_, exports_, elems_, datas_;
  std::vector<uint32_t> funcs_;
  uint32_t numImportedFuncs_ = 0;
  std::optional<uint32_t> start_;
};

/// Machine code of one function plus its trap sites.
struct TestFunction {
  std::vector<uint8_t> code;
  std::vector<codegen::DescriptorTrap> traps; ///< offsets within the function
  /// Places in `code` (rel32 fields) to relocate against .rodata + addend (PC32, addend - 4 applied).
  std::vector<std::pair<uint32_t, int64_t>> rodataRefs;
};

/// Writes instructions and records trap sites.
class TestAsm {
public:
  TestAsm &operator<<(const x::Inst &inst) {
    enc_.emit(inst);
    return *this;
  }
  /// The next instruction is a trap site with `code`.
  TestAsm &trapNext(ir::TrapCode code) {
    fn_.traps.push_back({enc_.offset(), uint32_t(code)});
    return *this;
  }
  TestAsm &ud2(ir::TrapCode code) { return trapNext(code) << x::Inst(x::Opcode::UD2); }
  x::Label label() { return enc_.newLabel(); }
  void bind(x::Label l) { enc_.bind(l); }
  uint32_t offset() const { return enc_.offset(); }
  /// `lea rax, [rip + .rodata + off]`, relocated by the object writer.
  TestAsm &leaRodata(x::Gpr dst, int64_t off) {
    const uint32_t at = enc_.emit(x::Inst(x::Opcode::LEA64, {x::Operand::r(dst), x::Operand::m(x::Mem::rip(0))}));
    fn_.rodataRefs.push_back({at + 3, off});
    return *this;
  }
  TestFunction finish() {
    std::string error;
    enc_.finalize(&error);
    fn_.code = enc_.bytes();
    return fn_;
  }

private:
  x::Encoder enc_;
  TestFunction fn_;
};

struct ObjectOptions {
  codegen::Sandboxing sandboxing = codegen::Sandboxing::ExplicitChecks;
  uint64_t guardSize = 0;
  uint32_t abiVersion = codegen::kAbiVersion;
  object::Machine elfMachine = object::Machine::X86_64;
  uint32_t descriptorMachine = uint32_t(object::Machine::X86_64);
  std::vector<uint8_t> rodata;
  /// .rodata offsets holding an R_X86_64_64 to the start of defined function i.
  std::vector<std::pair<uint32_t, uint32_t>> rodataCodePointers;
  bool relocateTextAddress = true;
  std::string prefix = "wasm";
};

/// The object for module `wasm` whose defined functions have the given code.
inline std::vector<uint8_t> buildObject(const std::vector<uint8_t> &wasm, const std::vector<TestFunction> &functions,
                                        const ObjectOptions &o = {}) {
  wasm::Module m;
  Diagnostic diag;
  wasm::DecodeOptions dopts;
  dopts.validateBodies = false;
  if (!wasm::decodeModule(wasm, dopts, m, diag)) return {};

  object::ElfWriter w(o.elfMachine);
  const object::SectionId text = w.addSection(".text", object::SectionKind::Text, 16);
  const object::SectionId rodata = w.addSection(".rodata", object::SectionKind::ReadOnly, 16);
  const object::SectionId meta = w.addSection(".wasmaot.module", object::SectionKind::Data, 8);

  codegen::ModuleDescriptor d;
  d.abiVersion = o.abiVersion;
  d.machine = o.descriptorMachine;
  d.sandboxing = o.sandboxing;
  d.guardSize = o.guardSize;
  d.numFunctions = uint32_t(m.functions.size());
  d.numImportedFunctions = m.numImportedFunctions;
  const codegen::VMContextLayout l = codegen::VMContextLayout::forCounts(
      uint32_t(m.memories.size()), uint32_t(m.globals.size()), uint32_t(m.tables.size()));
  d.vmctxSize = l.size;
  d.memoriesOffset = l.memoriesOffset;
  d.globalsOffset = l.globalsOffset;
  d.tablesOffset = l.tablesOffset;

  std::vector<uint8_t> rodataBytes = o.rodata;
  if (rodataBytes.empty()) rodataBytes.resize(16);
  w.append(rodata, rodataBytes);
  std::vector<uint32_t> starts;
  for (const TestFunction &f : functions) {
    while (w.sectionSize(text) % 16) w.append(text, std::vector<uint8_t>{0xCC});
    const uint32_t start = uint32_t(w.sectionSize(text));
    starts.push_back(start);
    w.append(text, f.code);
    d.functions.push_back({start, uint32_t(f.code.size())});
    for (const codegen::DescriptorTrap &t : f.traps) d.traps.push_back({start + t.textOffset, t.code});
    for (auto [at, addend] : f.rodataRefs)
      w.addRelocation(text, {start + at, w.sectionSymbol(rodata), object::X86_64Reloc::PC32, addend - 4});
  }
  for (auto [at, fn] : o.rodataCodePointers)
    w.addRelocation(rodata, {at, w.sectionSymbol(text), object::X86_64Reloc::R64, int64_t(starts[fn])});
  d.wasm = wasm;
  w.append(meta, codegen::encodeModuleDescriptor(d));
  if (o.relocateTextAddress)
    w.addRelocation(meta, {codegen::descriptor::kTextAddressAt, w.sectionSymbol(text),
                           o.elfMachine == object::Machine::X86_64 ? object::RelocType(object::X86_64Reloc::R64)
                                                                    : object::RelocType(object::AArch64Reloc::ABS64),
                           0});
  w.addSymbol({"wasmaot_module_" + o.prefix, object::SymbolBinding::Global, object::SymbolType::Object, meta, 0,
               w.sectionSize(meta)});
  if (w.validate()) return {};
  return w.write();
}

/// Shorthands for instructions.
inline x::Operand R(x::Gpr g) { return x::Operand::r(g); }
inline x::Operand R(x::Xmm g) { return x::Operand::r(g); }
inline x::Operand M(x::Gpr b, int32_t d = 0) { return x::Operand::m(x::Mem::at(b, d)); }
inline x::Operand MI(x::Gpr b, x::Gpr i, int32_t d = 0) { return x::Operand::m(x::Mem::indexed(b, i, 1, d)); }
inline x::Operand I(int64_t v) { return x::Operand::i(v); }
using x::Gpr;
using x::Inst;
using x::Opcode;

} // namespace wasmaot::runtime::test
