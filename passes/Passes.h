// Passes: the IR pass pipeline (Passes.def) and its options.
//
// Contract of every pass: it takes a verified IR module and leaves a verified
// IR module with the same observable behaviour under the options it was given
// (e.g. guard-region lowering is only sound when the runtime reserves the guard
// the options name; the object records it so the runtime can refuse a mismatch).
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
};

#define WASMAOT_PASS(Name, Function) PassReport Function(ir::Module &module, const PassOptions &options);
#include "passes/Passes.def"

/// Runs every pass of Passes.def in order. With options.verifyEach, a pass that
/// leaves IR the verifier rejects stops the pipeline: *irError (when given)
/// names the pass and the first problem.
std::vector<PassReport> runPasses(ir::Module &module, const PassOptions &options,
                                  std::string *irError = nullptr);

} // namespace wasmaot::passes
