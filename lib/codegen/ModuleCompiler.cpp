// ModuleCompiler: compiles every defined function in parallel, then lays the
// results out in index order (contract in ModuleCompiler.h). Three steps:
// compileAll (threads), layoutModule (bytes, fixups, trap table) and
// writeObject (descriptor + ELF).
#include "codegen/ModuleCompiler.h"

#include "ir/Module.h"
#include "object/ElfWriter.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

namespace wasmaot::codegen {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool fail(Diagnostic &diag, DiagKind kind, std::optional<uint32_t> func, std::string message) {
  diag = Diagnostic{};
  diag.kind = kind;
  diag.funcIndex = func;
  diag.message = std::move(message);
  return false;
}

/// A broken promise of the back end (a fixup past its code, ...): a compiler bug.
bool internalError(Diagnostic &diag, std::optional<uint32_t> func, std::string message) {
  return fail(diag, DiagKind::Unsupported, func, "internal error: " + std::move(message));
}

struct FunctionResult {
  CompiledFunction code;
  CodegenTimes times;
  std::string error;
  std::optional<Diagnostic> sourceDiag; ///< the FunctionSource's failure, as it reported it
  bool ok = false;
};

/// Compiles defined[i] into results[i] on `threads` threads (the caller's
/// included). Work is handed out in index order by one atomic counter; once
/// a function fails, functions after it are skipped, but every function
/// before it is still compiled, so the lowest failing index is found no
/// matter how the threads interleave. Returns that position or nullopt.
std::optional<size_t> compileAll(const ir::Module &module, std::span<const uint32_t> defined,
                                 const Backend &backend, const VMContextLayout &vmctx,
                                 const CodegenOptions &options, unsigned threads, FunctionSource *source,
                                 std::vector<FunctionResult> &results) {
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  std::atomic<size_t> next{0}, firstFailure{kNone};
  auto work = [&](unsigned worker) {
    for (;;) {
      const size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= defined.size() || i > firstFailure.load(std::memory_order_relaxed)) return;
      FunctionResult &r = results[i];
      try {
        Diagnostic d;
        if (source && !source->prepare(worker, defined[i], d)) {
          if (!d.funcIndex) d.funcIndex = defined[i];
          r.sourceDiag = std::move(d);
        } else {
          r.ok = backend.compileFunction(module, defined[i], vmctx, options, r.code, r.error, &r.times);
        }
      } catch (const std::exception &e) {
        r.ok = false;
        r.error = std::string("internal error: the back end threw: ") + e.what();
      }
      if (source) source->finish(worker, defined[i]);
      if (r.ok) continue;
      size_t seen = firstFailure.load(std::memory_order_relaxed);
      while (i < seen && !firstFailure.compare_exchange_weak(seen, i, std::memory_order_relaxed)) {
      }
    }
  };

  if (source) source->start(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work, t);
    } catch (const std::system_error &) {
      break; // fewer threads than asked; the output does not depend on it
    }
  }
  work(0);
  for (std::thread &t : pool) t.join();
  const size_t failed = firstFailure.load();
  return failed == kNone ? std::nullopt : std::optional<size_t>(failed);
}

enum class Section : uint8_t { Text, Rodata };

/// A fixup that could not be patched in place: a relocation against the
/// target section's symbol.
struct PendingReloc {
  Section place;
  uint64_t offset;
  Section target;
  int64_t addend;
  object::RelocType type;
};

struct ModuleLayout {
  std::vector<uint8_t> text, rodata;
  uint64_t rodataAlign = 1;
  std::vector<DescriptorFunction> functions; // per defined function
  std::vector<DescriptorTrap> traps;
  std::vector<PendingReloc> relocs;
};

uint8_t paddingByte(object::Machine m) {
  switch (m) {
  case object::Machine::X86_64: return 0xCC; // int3
  case object::Machine::AArch64: return 0;   // udf #0
  case object::Machine::RiscV64: return 0;   // the all-zero illegal instruction
  }
  return 0;
}

object::RelocType absolute64(object::Machine m) {
  switch (m) {
  case object::Machine::X86_64: return object::X86_64Reloc::R64;
  case object::Machine::AArch64: return object::AArch64Reloc::ABS64;
  case object::Machine::RiscV64: return object::RiscV64Reloc::R64;
  }
  return {};
}

/// Orders byte strings by size, then contents (a map key for shared rodata).
struct BytesLess {
  bool operator()(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b) const {
    if (a.size() != b.size()) return a.size() < b.size();
    return !a.empty() && std::memcmp(a.data(), b.data(), a.size()) < 0;
  }
};

bool isPowerOfTwo(uint64_t v) { return v && (v & (v - 1)) == 0; }

void padTo(std::vector<uint8_t> &bytes, uint64_t alignment, uint8_t fill) {
  bytes.resize((bytes.size() + alignment - 1) / alignment * alignment, fill);
}

bool layoutModule(const ir::Module &module, std::span<const uint32_t> defined,
                  const std::vector<FunctionResult> &results, const Backend &backend, ModuleLayout &l,
                  Diagnostic &diag) {
  const object::Machine machine = backend.machine();
  constexpr uint64_t kNoOffset = std::numeric_limits<uint64_t>::max();
  std::vector<uint64_t> textStart(module.functions.size(), kNoOffset), rodataStart(defined.size(), 0);

  // .text: functions in index order, each 16-aligned.
  size_t textBytes = 0;
  for (const FunctionResult &r : results) textBytes += r.code.code.size() + 15;
  l.text.reserve(textBytes);
  for (size_t k = 0; k < defined.size(); ++k) {
    padTo(l.text, 16, paddingByte(machine));
    textStart[defined[k]] = l.text.size();
    const std::vector<uint8_t> &code = results[k].code.code;
    l.text.insert(l.text.end(), code.begin(), code.end());
    if (l.text.size() > std::numeric_limits<uint32_t>::max())
      return fail(diag, DiagKind::Limit, defined[k], "the module's code exceeds 4 GiB");
    l.functions.push_back({uint32_t(textStart[defined[k]]), uint32_t(code.size())});
  }

  // .rodata: each function's block at its alignment; identical blocks that
  // nothing patches are shared.
  std::map<std::vector<uint8_t>, uint64_t, BytesLess> shared;
  for (size_t k = 0; k < defined.size(); ++k) {
    const CompiledFunction &c = results[k].code;
    if (c.rodata.empty()) continue;
    if (!isPowerOfTwo(c.rodataAlign) || c.rodataAlign > 4096)
      return internalError(diag, defined[k], "read-only data alignment " + std::to_string(c.rodataAlign));
    const bool patched = std::any_of(c.fixups.begin(), c.fixups.end(),
                                     [](const CodeFixup &f) { return f.inRodata; });
    if (!patched) {
      auto it = shared.find(c.rodata);
      if (it != shared.end() && it->second % c.rodataAlign == 0) {
        rodataStart[k] = it->second;
        continue;
      }
    }
    l.rodataAlign = std::max<uint64_t>(l.rodataAlign, c.rodataAlign);
    padTo(l.rodata, c.rodataAlign, 0);
    rodataStart[k] = l.rodata.size();
    if (!patched) shared.emplace(c.rodata, rodataStart[k]);
    l.rodata.insert(l.rodata.end(), c.rodata.begin(), c.rodata.end());
  }

  // Fixups.
  for (size_t k = 0; k < defined.size(); ++k) {
    const CompiledFunction &c = results[k].code;
    const uint32_t func = defined[k];
    for (const CodeFixup &f : c.fixups) {
      const char *name = object::relocName(machine, f.type);
      if (!name)
        return internalError(diag, func, "fixup with relocation type " + std::to_string(f.type.value) +
                                             ", which " + object::machineName(machine) + " does not have");
      const uint64_t width = object::relocWidth(machine, f.type);
      const uint64_t blobSize = f.inRodata ? c.rodata.size() : c.code.size();
      if (f.offset > blobSize || width > blobSize - f.offset)
        return internalError(diag, func, std::string(name) + " fixup at offset " + std::to_string(f.offset) +
                                             " is past the end of the function's " +
                                             (f.inRodata ? "read-only data" : "code"));
      const Section place = f.inRodata ? Section::Rodata : Section::Text;
      const uint64_t placeOffset = (f.inRodata ? rodataStart[k] : textStart[func]) + f.offset;
      Section target = Section::Text;
      uint64_t targetOffset = 0;
      switch (f.target) {
      case FixupTarget::Function:
        if (f.index >= module.functions.size() || textStart[f.index] == kNoOffset)
          return internalError(diag, func, "fixup names function " + std::to_string(f.index) +
                                               ", which is not a defined function");
        targetOffset = textStart[f.index];
        break;
      case FixupTarget::OwnRodata:
        if (f.index > c.rodata.size())
          return internalError(diag, func, "fixup names read-only data byte " + std::to_string(f.index) +
                                               " of " + std::to_string(c.rodata.size()));
        target = Section::Rodata;
        targetOffset = rodataStart[k] + f.index;
        break;
      case FixupTarget::OwnCode:
        if (f.index > c.code.size())
          return internalError(diag, func, "fixup names code byte " + std::to_string(f.index) + " of " +
                                               std::to_string(c.code.size()));
        targetOffset = textStart[func] + f.index;
        break;
      }
      const int64_t symbolPlusAddend = int64_t(targetOffset) + f.addend;
      if (place == target) {
        std::vector<uint8_t> &bytes = place == Section::Text ? l.text : l.rodata;
        // resolveLocal's `target` is S + A: the fixup's addend is relative to the target.
        if (backend.resolveLocal(f.type, bytes, placeOffset, uint64_t(symbolPlusAddend))) continue;
      }
      l.relocs.push_back({place, placeOffset, target, symbolPlusAddend, f.type});
    }
  }

  // Trap table, sorted by text offset.
  for (size_t k = 0; k < defined.size(); ++k) {
    const CompiledFunction &c = results[k].code;
    for (const TrapSite &t : c.traps) {
      if (t.offset >= c.code.size())
        return internalError(diag, defined[k], "trap site at offset " + std::to_string(t.offset) +
                                                   " is past the end of the function's code");
      l.traps.push_back({uint32_t(textStart[defined[k]] + t.offset), uint32_t(t.code)});
    }
  }
  std::stable_sort(l.traps.begin(), l.traps.end(),
                   [](const DescriptorTrap &a, const DescriptorTrap &b) { return a.textOffset < b.textOffset; });
  // The runtime maps a faulting PC to one trap code.
  for (size_t i = 1; i < l.traps.size(); ++i)
    if (l.traps[i].textOffset == l.traps[i - 1].textOffset)
      return internalError(diag, std::nullopt, "two trap sites at text offset " +
                                                   std::to_string(l.traps[i].textOffset));
  return true;
}

bool writeObject(const ir::Module &module, std::span<const uint8_t> wasm, std::span<const uint32_t> defined,
                 const Backend &backend, const ModuleCompileOptions &options, const VMContextLayout &vmctx,
                 const ModuleLayout &l, std::vector<uint8_t> &object, Diagnostic &diag) {
  const object::Machine machine = backend.machine();
  ModuleDescriptor d;
  d.machine = uint32_t(machine);
  d.sandboxing = options.sandboxing;
  d.segue = options.codegen.segue;
  d.guardSize = options.guardSize;
  d.numFunctions = uint32_t(module.functions.size());
  d.numImportedFunctions = uint32_t(module.functions.size() - defined.size());
  d.vmctxSize = vmctx.size;
  d.memoriesOffset = vmctx.memoriesOffset;
  d.globalsOffset = vmctx.globalsOffset;
  d.tablesOffset = vmctx.tablesOffset;
  d.functions = l.functions;
  d.traps = l.traps;
  d.wasm = wasm;
  const std::vector<uint8_t> descriptor = encodeModuleDescriptor(d);

  object::ElfWriter w(machine);
  const object::SectionId text = w.addSection(".text", object::SectionKind::Text, 16);
  w.append(text, l.text);
  std::optional<object::SectionId> rodata;
  const bool rodataTargeted = std::any_of(l.relocs.begin(), l.relocs.end(), [](const PendingReloc &r) {
    return r.place == Section::Rodata || r.target == Section::Rodata;
  });
  if (!l.rodata.empty() || rodataTargeted) {
    rodata = w.addSection(".rodata", object::SectionKind::ReadOnly, std::max<uint64_t>(l.rodataAlign, 16));
    w.append(*rodata, l.rodata);
  }
  // Writable data, not read-only: the text address is an absolute
  // relocation, which the dynamic linker patches when the object is linked
  // into a PIE; in a read-only section that would need DT_TEXTREL.
  const object::SectionId meta = w.addSection(".wasmaot.module", object::SectionKind::Data, 8);
  w.append(meta, descriptor);

  auto sectionOf = [&](Section s) { return s == Section::Text ? text : *rodata; };
  for (const PendingReloc &r : l.relocs)
    w.addRelocation(sectionOf(r.place), {r.offset, w.sectionSymbol(sectionOf(r.target)), r.type, r.addend});
  w.addRelocation(meta, {descriptor::kTextAddressAt, w.sectionSymbol(text), absolute64(machine), 0});

  const std::vector<std::string> names = functionSymbolNames(module);
  for (size_t k = 0; k < defined.size(); ++k)
    w.addSymbol({names[defined[k]], object::SymbolBinding::Local, object::SymbolType::Function, text,
                 l.functions[k].textOffset, l.functions[k].size});
  w.addSymbol({"wasmaot_module_" + options.prefix, object::SymbolBinding::Global, object::SymbolType::Object,
               meta, 0, descriptor.size()});

  if (std::optional<Diagnostic> bad = w.validate())
    return internalError(diag, std::nullopt, "object: " + bad->message);
  object = w.write();
  return true;
}

std::string assemblyListing(std::span<const uint32_t> defined, const std::vector<FunctionResult> &results,
                            const std::vector<std::string> &names) {
  std::string s;
  for (size_t k = 0; k < defined.size(); ++k) {
    if (k) s += '\n';
    s += names[defined[k]] + ":\n";
    s += results[k].code.asmText;
    if (!s.empty() && s.back() != '\n') s += '\n';
  }
  return s;
}

} // namespace

bool isValidPrefix(std::string_view prefix) {
  if (prefix.empty()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    const char c = prefix[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::vector<std::string> functionSymbolNames(const ir::Module &module) {
  std::vector<std::string> names(module.functions.size());
  std::set<std::string> used;
  for (uint32_t i = 0; i < module.functions.size(); ++i) {
    const std::string &name = module.functions[i]->name();
    std::string n = name.empty() || name.find('\0') != std::string::npos
                        ? "wasm_function_" + std::to_string(i)
                        : name;
    if (module.functions[i]->isDeclaration()) {
      names[i] = n;
      continue;
    }
    // Keep names unique among defined functions (name sections may repeat names).
    while (!used.insert(n).second) n += "." + std::to_string(i);
    names[i] = std::move(n);
  }
  return names;
}

bool compileModule(const ir::Module &module, std::span<const uint8_t> wasm, const Backend &backend,
                   const ModuleCompileOptions &options, ModuleOutput &out, Diagnostic &diag,
                   FunctionSource *source) {
  out = ModuleOutput{};
  if (!isValidPrefix(options.prefix))
    return fail(diag, DiagKind::Unsupported, std::nullopt,
                "prefix '" + options.prefix + "' is not a C identifier");
  if (module.functions.size() > std::numeric_limits<uint32_t>::max())
    return fail(diag, DiagKind::Limit, std::nullopt, "too many functions");

  // Imports are declarations and come first (the descriptor's index rule).
  std::vector<uint32_t> defined;
  for (uint32_t i = 0; i < module.functions.size(); ++i) {
    if (!module.functions[i]->isDeclaration())
      defined.push_back(i);
    else if (!defined.empty())
      return internalError(diag, i, "declaration after a defined function; imports must come first");
  }
  out.definedFunctions = uint32_t(defined.size());

  const VMContextLayout vmctx = VMContextLayout::forCounts(
      uint32_t(module.memories.size()), uint32_t(module.globals.size()), uint32_t(module.tables.size()));
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min<unsigned>(threads, unsigned(std::max<size_t>(defined.size(), 1))));

  Clock::time_point start = Clock::now();
  std::vector<FunctionResult> results(defined.size());
  if (std::optional<size_t> failed =
          compileAll(module, defined, backend, vmctx, options.codegen, threads, source, results)) {
    if (results[*failed].sourceDiag) {
      diag = *results[*failed].sourceDiag;
      return false;
    }
    const std::string &error = results[*failed].error;
    return fail(diag, DiagKind::Unsupported, defined[*failed],
                error.empty() ? "the " + std::string(backend.name()) + " back end cannot compile it" : error);
  }
  out.times.codegen = secondsSince(start);
  for (const FunctionResult &r : results) {
    out.times.lower += r.times.lower;
    out.times.regalloc += r.times.regalloc;
    out.times.emit += r.times.emit;
  }

  if (options.codegen.emitAsm) {
    start = Clock::now();
    out.asmText = assemblyListing(defined, results, functionSymbolNames(module));
    out.times.asmText = secondsSince(start);
  }
  if (!options.emitObject) return true;

  start = Clock::now();
  ModuleLayout layout;
  if (!layoutModule(module, defined, results, backend, layout, diag)) return false;
  out.textSize = layout.text.size();
  out.rodataSize = layout.rodata.size();
  out.times.layout = secondsSince(start);

  start = Clock::now();
  if (!writeObject(module, wasm, defined, backend, options, vmctx, layout, out.object, diag)) return false;
  out.times.object = secondsSince(start);
  return true;
}

} // namespace wasmaot::codegen
