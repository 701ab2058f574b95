// Compiler: the library's entry point. Holds the options of one compilation
// and runs the pipeline (decode + validate, translate to IR, verify, then a
// back end to assembly text or an ELF object). All problems come back as
// Diagnostics; nothing is printed.
#pragma once

#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wasmaot {

/// How the code keeps linear-memory accesses in bounds (docs/abi.md). The
/// object records the mode and the guard size; the runtime refuses to run code
/// whose assumption it does not provide.
enum class BoundsChecks : uint8_t {
  Guard,    ///< 32-bit memories sit in a 4 GiB reservation + guard: accesses with offsets
            ///< inside the guard need no check (memory64 accesses are always checked)
  Explicit, ///< every access compares against the memory's length
};

struct CompileOptions {
  /// Which proposals the input may use (default: all of Wasm 3.0).
  Features features = Features::wasm3();
  /// Run the IR verifier on the translator's output and after every IR pass
  /// (always on in Debug builds). Off by default: it costs about 9% of a compile
  /// and only finds compiler bugs; the tests, the spec runner and the fuzzer
  /// turn it on.
  bool verifyIR = false;

  // ---- back end (compileToObject, compileToAsm)
  /// The back end: "x86_64", "aarch64", "riscv64" (those built: targetNames()).
  std::string target = "x86_64";
  /// CPU whose features the code may use. Empty: the target's fixed baseline
  /// (defaultCpu), so output never depends on the machine that compiles;
  /// "native": the compiling machine's CPU.
  std::string cpu;
  /// Adjustments after `cpu`, applied in order: "+name" (or "name") enables,
  /// "-name" disables a feature the target knows (targetFeatureNames).
  std::vector<std::string> targetFeatures;
  /// 0, 1 or 2 (-O0, -O1, -O2).
  unsigned optLevel = 1;
  BoundsChecks bounds = BoundsChecks::Guard;
  /// Guard bytes after the 4 GiB of a 32-bit memory (BoundsChecks::Guard); a
  /// multiple of 64 KiB, at least 64 KiB.
  uint64_t guardSize = uint64_t(2) << 30;
  /// Segue (x86_64 only): address memory 0 relative to the %gs base, which the
  /// runtime sets to the memory's base while the code runs, freeing the base
  /// register (docs/sandboxing.md). Combines with either bounds mode. Applies
  /// when memory 0 is a 32-bit memory; otherwise the module is compiled without
  /// it and the object records that (segueNotApplicable says why).
  bool segue = false;
  /// Remove explicit bounds checks that a fact proves redundant (a dominating
  /// access, a constant address, a loop induction range; at -O1 and up).
  bool eliminateBoundsChecks = true;
  /// compileToIR prints the translator's output, before any IR pass.
  bool irBeforePasses = false;
  /// Threads compiling functions; 0: one per hardware thread. Never changes the output.
  unsigned threads = 0;
  /// The object's module descriptor is the global symbol `wasmaot_module_<prefix>`;
  /// a C identifier.
  std::string prefix = "wasm";
};

/// Wall (or, where the name says so, summed CPU) seconds of one pipeline phase.
struct PhaseTime {
  std::string name;
  double seconds = 0;
};

class Compiler {
public:
  explicit Compiler(CompileOptions options = {}) : options_(std::move(options)) {}

  const CompileOptions &options() const { return options_; }

  /// Checks the back-end options without compiling: the target is built, the
  /// CPU and features are known to it, the prefix and opt level are valid.
  /// Returns false with a DiagKind::Unsupported diagnostic naming the problem
  /// (and the valid choices where they are few).
  bool checkOptions(Diagnostic &diag) const;

  /// Decodes and validates a module. Returns false and sets `diag` if it is malformed or invalid.
  bool validate(std::span<const uint8_t> wasm, Diagnostic &diag) const;

  /// Validates, translates every defined function to SSA IR, runs the IR
  /// passes (unless irBeforePasses) and appends the IR module's textual form
  /// (docs/ir.md) to `out`: what the back end would compile.
  bool compileToIR(std::span<const uint8_t> wasm, std::string &out, Diagnostic &diag,
                   std::vector<PhaseTime> *times = nullptr) const;

  /// Compiles to an ELF64 relocatable object (docs/abi.md, "Object format")
  /// in `object`. A function the back end cannot lower gives
  /// DiagKind::Unsupported with its function index and the back end's message.
  bool compileToObject(std::span<const uint8_t> wasm, std::vector<uint8_t> &object, Diagnostic &diag,
                       std::vector<PhaseTime> *times = nullptr) const;

  /// Compiles and appends the assembly listing to `out`: per defined
  /// function a `name:` line and its instructions.
  bool compileToAsm(std::span<const uint8_t> wasm, std::string &out, Diagnostic &diag,
                    std::vector<PhaseTime> *times = nullptr) const;

private:
  bool compileNative(std::span<const uint8_t> wasm, bool object, std::vector<uint8_t> *objectOut,
                     std::string *asmOut, Diagnostic &diag, std::vector<PhaseTime> *times) const;

  CompileOptions options_;
};

/// Why CompileOptions::segue does not apply to `wasm` (no memory, or memory 0
/// is a memory64), or empty when it does or the module does not decode.
std::string segueNotApplicable(std::span<const uint8_t> wasm);

/// The back ends built into this library, comma-separated ("x86_64").
std::string targetNames();
/// The CPU used when CompileOptions::cpu is empty ("x86-64-v2" for x86_64).
std::string defaultCpu(std::string_view target);
/// Every feature name `target` knows (empty if the target is not built).
std::vector<std::string> targetFeatureNames(std::string_view target);

/// "wasmaot 0.1.0"
const char *versionString();

} // namespace wasmaot
