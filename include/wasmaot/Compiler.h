// Compiler: the library's entry point. Holds the options of one compilation
// and runs the pipeline (decode + validate, translate to IR, later passes and
// back ends). All problems come back as Diagnostics; nothing is printed.
#pragma once

#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <span>
#include <string>

namespace wasmaot {

struct CompileOptions {
  /// Which proposals the input may use (default: all of Wasm 3.0).
  Features features = Features::wasm3();
  /// Run the IR verifier on the translator's output (always on in Debug builds).
  bool verifyIR = true;
};

class Compiler {
public:
  explicit Compiler(CompileOptions options = {}) : options_(options) {}

  const CompileOptions &options() const { return options_; }

  /// Decodes and validates a module. Returns false and sets `diag` if it is malformed or invalid.
  bool validate(std::span<const uint8_t> wasm, Diagnostic &diag) const;

  /// Validates, translates every defined function to SSA IR and appends the
  /// IR module's textual form (docs/ir.md) to `out`.
  bool compileToIR(std::span<const uint8_t> wasm, std::string &out, Diagnostic &diag) const;

private:
  CompileOptions options_;
};

/// "wasmaot 0.1.0"
const char *versionString();

} // namespace wasmaot
