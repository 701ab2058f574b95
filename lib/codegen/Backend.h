// Backend: what an ISA gives the target-independent pipeline, as data and a
// few virtual functions (DESIGN.md: "a target is data"). Core code never
// includes an isa/ header: each ISA defines one accessor listed in
// codegen/Targets.def, and findBackend looks targets up by name.
//
// Contract of compileFunction: given a verified IR function, it returns the
// function's machine code with every reference that leaves the function as a
// CodeFixup (calls to other functions of the module, the function's own
// read-only data), the trap sites, and optionally the assembly text. The
// result depends only on its inputs, so functions may be compiled in parallel
// and in any order and the module's bytes stay the same (ModuleCompiler).
#pragma once

#include "codegen/VMContext.h"
#include "ir/Conditions.h"
#include "object/Elf.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::ir {
class Module;
class Function;
} // namespace wasmaot::ir

namespace wasmaot::codegen {

struct TargetDesc;

/// Options of the back end for one compilation.
struct CodegenOptions {
  /// CPU features the code may use, as the target names them (x86-64: "lzcnt",
  /// "bmi1", "popcnt", "sse4.1"); set from --cpu / --target-features.
  std::vector<std::string> features;
  bool emitAsm = false; ///< fill CompiledFunction::asmText
  unsigned optLevel = 1;
  /// Check the back end's own work on every function: the lowered code against
  /// the allocator's input contract and the allocation with the symbolic checker
  /// (RegAllocChecker). Slower; on in tests and in Debug builds.
  bool verifyMachineCode = false;
  /// Segue (x86-64): memory 0, a 32-bit memory, is addressed relative to the
  /// %gs base, which the runtime sets to its base (docs/sandboxing.md). The
  /// compiler sets it only where it applies.
  bool segue = false;
  bool hasFeature(std::string_view f) const {
    for (const auto &x : features)
      if (x == f) return true;
    return false;
  }
};

/// Where a fixup points.
enum class FixupTarget : uint8_t {
  Function,    ///< the start of function `index` of the module's index space (defined functions only)
  OwnRodata,   ///< byte `index` of this function's read-only data
  OwnCode,     ///< byte `index` of this function's code (from read-only data: jump tables)
};

/// A field to patch once the module's layout is known: at `offset` of the
/// code (or of the read-only data when `inRodata`), apply relocation `type`
/// of the target's machine to (target address + addend).
struct CodeFixup {
  uint32_t offset = 0;
  bool inRodata = false;
  FixupTarget target = FixupTarget::Function;
  uint32_t index = 0;
  int64_t addend = 0;
  object::RelocType type{};
};

/// An instruction that may trap: the offset of its first byte and the trap code.
/// Explicit traps (ud2, ...) and accesses that may fault in a guard region.
struct TrapSite {
  uint32_t offset = 0;
  ir::TrapCode code = ir::TrapCode::Unreachable;
};

struct CompiledFunction {
  std::vector<uint8_t> code;
  std::vector<uint8_t> rodata;  ///< constants and jump tables (aligned to rodataAlign)
  uint32_t rodataAlign = 16;
  std::vector<CodeFixup> fixups;
  std::vector<TrapSite> traps; ///< sorted by offset
  std::string asmText;         ///< CodegenOptions::emitAsm: one instruction per line
  // statistics
  uint32_t frameSize = 0;
  uint32_t numMachInsts = 0, numSpills = 0;
};

/// Per-phase time of one compileFunction call, for --time and the benchmarks.
struct CodegenTimes {
  double lower = 0, regalloc = 0, emit = 0; // seconds
};

class Backend {
public:
  virtual ~Backend() = default;
  /// The --target name: "x86_64", "aarch64", "riscv64".
  virtual std::string_view name() const = 0;
  virtual object::Machine machine() const = 0;
  virtual const TargetDesc &targetDesc() const = 0;
  /// The CPU features enabled by a --cpu name (e.g. "x86-64-v3", "native"); false if unknown.
  virtual bool cpuFeatures(std::string_view cpu, std::vector<std::string> &features) const = 0;
  /// Every feature name the target knows (for --help and validation).
  virtual std::vector<std::string> knownFeatures() const = 0;

  /// Compiles function `index` of `module` (which has a body). Returns false
  /// with `error` set when the function uses something this back end cannot
  /// lower (the message names the opcode); never aborts on valid IR.
  virtual bool compileFunction(const ir::Module &module, uint32_t index, const VMContextLayout &vmctx,
                               const CodegenOptions &options, CompiledFunction &out, std::string &error,
                               CodegenTimes *times = nullptr) const = 0;

  /// Patches `field` (the bytes at a fixup's offset) for a fixup resolved
  /// inside one section: `place` and `target` are addresses in the same
  /// section. Returns false if the type cannot be resolved this way (the
  /// object then carries a relocation).
  virtual bool resolveLocal(object::RelocType type, std::span<uint8_t> section, uint64_t place,
                            uint64_t target) const = 0;
};

/// The back end registered under `name` (see Targets.def), or null.
const Backend *findBackend(std::string_view name);
/// Names of all registered back ends, comma-separated (for --help).
std::string backendNames();

} // namespace wasmaot::codegen
