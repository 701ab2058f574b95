// ModuleCompiler: the module level of the back end. Compiles every defined
// function with a Backend (on several threads), lays out .text and .rodata,
// resolves the functions' fixups, and writes the ELF object with the
// `.wasmaot.module` descriptor (docs/abi.md) and/or the assembly listing.
//
// Contract:
//  - the output depends only on the IR module, the wasm bytes, the backend and
//    the options other than `threads`: results are kept per function index and
//    laid out in index order, so -j1 and -jN give the same bytes;
//  - `.text` holds the defined functions in index order, each at a multiple
//    of 16; padding is 0xCC (int3) on x86-64 and zeros elsewhere (zeros are a
//    permanently undefined instruction on AArch64 and illegal on RISC-V, so
//    padding traps on every target);
//  - fixups to functions, and any fixup whose place and target share a
//    section, are patched through Backend::resolveLocal (whose `target` is
//    S + A: the target's offset plus CodeFixup::addend); the others (code
//    to .rodata, jump tables to .text) become relocations against the target
//    section's symbol with addend = target offset + CodeFixup::addend;
//  - a function the backend cannot lower is a DiagKind::Unsupported
//    diagnostic naming the function; with several such functions, the one
//    with the lowest index is reported, whatever the thread count (a
//    FunctionSource's failures count the same way, with its own diagnostic);
//  - trap sites become .text offsets, sorted, at most one per offset.
#pragma once

#include "codegen/Backend.h"
#include "codegen/ModuleDescriptor.h"
#include "wasmaot/Diagnostics.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::ir {
class Module;
}

namespace wasmaot::codegen {

struct ModuleCompileOptions {
  /// Passed to every compileFunction; codegen.emitAsm asks for ModuleOutput::asmText.
  CodegenOptions codegen;
  bool emitObject = true; ///< fill ModuleOutput::object
  /// Worker threads; 0 means std::thread::hardware_concurrency(). Never changes the output.
  unsigned threads = 0;
  /// The descriptor's global symbol is `wasmaot_module_<prefix>`; a C identifier.
  std::string prefix = "wasm";
  /// Recorded in the descriptor: what the code relies on (the IR's bounds= forms decide).
  Sandboxing sandboxing = Sandboxing::ExplicitChecks;
  uint64_t guardSize = 0;
};

/// Seconds per phase. `lower`, `regalloc` and `emit` are summed over functions
/// (CPU time across threads); `codegen` is the wall time of the parallel part.
struct ModuleCompileTimes {
  double codegen = 0, lower = 0, regalloc = 0, emit = 0;
  double layout = 0; ///< .text/.rodata layout, fixups, trap table
  double object = 0; ///< descriptor and ELF writing
  double asmText = 0;
};

struct ModuleOutput {
  std::vector<uint8_t> object; ///< the ELF relocatable object (emitObject)
  std::string asmText;         ///< per function `name:` then its instructions (codegen.emitAsm)
  ModuleCompileTimes times;
  uint32_t definedFunctions = 0;
  uint64_t textSize = 0, rodataSize = 0;
};

/// Builds each function's IR just before it is compiled and frees it just after,
/// on the worker thread that compiles it, so that a module's IR never exists all
/// at once (memory, and cache: the IR is still hot when the back end reads it).
/// Before compileModule starts, every defined function must already answer
/// isDeclaration() == false (ir::Function::markDefined) and keep its signature.
class FunctionSource {
public:
  virtual ~FunctionSource() = default;
  /// Called once, before any prepare, with the number of workers; a worker's
  /// calls all come from one thread and carry its number, in [0, workers).
  virtual void start(unsigned workers) = 0;
  /// Builds the body of defined function `index`. False with `diag` set: the
  /// function fails (diag.funcIndex defaults to `index`).
  virtual bool prepare(unsigned worker, uint32_t index, Diagnostic &diag) = 0;
  /// The function's code is done (or failed): its body may be freed.
  virtual void finish(unsigned worker, uint32_t index) = 0;
};

/// Per function index, the name of the function's symbol and asm label: its
/// IR name when non-empty and NUL-free, else `wasm_function_<index>`; a name a
/// defined function before it already took gets `.<index>` appended.
std::vector<std::string> functionSymbolNames(const ir::Module &module);

/// Whether `prefix` is usable in `wasmaot_module_<prefix>`: [A-Za-z_][A-Za-z0-9_]*.
bool isValidPrefix(std::string_view prefix);

/// Compiles `module` (verified IR of the wasm module `wasm`, which is embedded
/// in the descriptor byte for byte) with `backend`. Imported functions must
/// come first in the index space, as declarations.
/// With a `source`, each defined function's body comes from it (see FunctionSource).
bool compileModule(const ir::Module &module, std::span<const uint8_t> wasm, const Backend &backend,
                   const ModuleCompileOptions &options, ModuleOutput &out, Diagnostic &diag,
                   FunctionSource *source = nullptr);

} // namespace wasmaot::codegen
