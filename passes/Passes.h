// Passes: the IR pass pipeline (Passes.def) and its options.
//
// Contract of every pass: it takes a verified IR function and leaves a verified
// IR function with the same observable behaviour under the options it was given
// (e.g. guard-region lowering is only sound when the runtime reserves the guard
// the options name; the object records it so the runtime can refuse a mismatch).
// A pass sees one function at a time and reads nothing of the module but its
// declarations (memories, signatures), so functions may be optimized in any
// order, on several threads, and each as soon as it is translated.
#pragma once

#include "ir/Module.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace wasmaot::passes {

/// How linear-memory accesses are kept in bounds (docs/sandboxing.md).
enum class BoundsMode : uint8_t {
  Explicit, ///< every access compares against the memory's length and traps
  Guard,    ///< 32-bit memories live in a 4 GiB reservation followed by `guardBytes` of
            ///< inaccessible memory: accesses whose offset fits the guard need no check
};

struct PassOptions {
  BoundsMode bounds = BoundsMode::Guard;
  /// Bytes of inaccessible address space after the 4 GiB reservation of a
  /// 32-bit memory (Guard mode).
  uint64_t guardBytes = uint64_t(2) << 30;
  /// Remove explicit checks that a dominating access, a constant address or a
  /// loop induction range proves redundant (BoundsCheckElimination.cpp), and
  /// give loops an unchecked copy behind one test (LoopVersioning.cpp).
  bool eliminateBoundsChecks = true;
  /// 0 runs only what sandboxing needs (guard-region lowering); 1 (the
  /// default) also bounds-check elimination; 2 also simplification, value numbering and
  /// dead-code removal (on clang -O2 output they find next to nothing for
  /// their cost: 1 and 18 instructions of large_program.wasm, 70 + 29 ms).
  unsigned optLevel = 1;
  /// Verify the IR after every pass (CompileOptions::verifyIR; Debug builds
  /// always do, and assert).
  bool verifyEach = false;
};

/// What one pass did, for --time and the tests.
struct PassReport {
  std::string name;
  uint64_t changed = 0; ///< instructions rewritten
  double seconds = 0;   ///< wall time (set by runPasses)
  /// Per-rule or per-kind counts, for --time and the tests (Simplify: rule name, hits).
  std::vector<std::pair<const char *, uint64_t>> counts;

  /// Adds `n` to the count named `what` (appended the first time).
  void addCount(const char *what, uint64_t n);
  /// Adds `other`'s changes, time and counts (the same pass, other functions).
  void add(const PassReport &other);
};

/// One pass over one function: what Passes.def's third column names.
using FunctionPass = void (*)(const ir::Module &module, ir::Function &fn, const PassOptions &options,
                              PassReport &report);

/// A pass over every defined function of `module`, in index order.
PassReport runOnEachFunction(ir::Module &module, const PassOptions &options, FunctionPass pass);

#define WASMAOT_PASS(Name, ModuleFunction, FunctionFunction)                                       \
  PassReport ModuleFunction(ir::Module &module, const PassOptions &options);                     \
  void FunctionFunction(const ir::Module &module, ir::Function &fn, const PassOptions &options,   \
                        PassReport &report);
#include "passes/Passes.def"

/// Runs every pass of Passes.def in order. With options.verifyEach, a pass that
/// leaves IR the verifier rejects stops the pipeline: *irError (when given)
/// names the pass and the first problem.
std::vector<PassReport> runPasses(ir::Module &module, const PassOptions &options,
                                  std::string *irError = nullptr);

/// Runs every pass of Passes.def in order on `fn` (defined, with a body) alone,
/// adding to `reports` (one per pass, in Passes.def order; empty ones are made on
/// the first call, and `seconds` sums each pass's time over the calls). With
/// options.verifyEach, a pass that breaks `fn` stops: false, *irError (when
/// given) names the pass and the first problem.
bool runFunctionPasses(const ir::Module &module, ir::Function &fn, const PassOptions &options,
                       std::vector<PassReport> &reports, std::string *irError = nullptr);

} // namespace wasmaot::passes
