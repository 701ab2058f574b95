// Translator: wasm → SSA IR. Turns every defined function of a validated
// wasm::Module into an ir::Function, and the module's types, memories, tables
// and globals into the IR module's declarations.
#pragma once

#include "ir/Module.h"
#include "wasm/Module.h"
#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <memory>

namespace wasmaot::frontend {

/// Translates `module`, which decodeModule has validated with `features`.
/// Instructions the translator does not handle yet (SIMD, GC, exceptions, tail
/// calls) give a Diagnostic of kind Unsupported naming the opcode, its byte
/// offset and the function index.
///
/// With `validateBodies`, the bodies need not be validated yet (decodeModule
/// with DecodeOptions::callerValidatesBodies): each is validated as it is
/// translated, in one decode instead of two, and the result is the one
/// decodeModule would have given: the first invalid or malformed body is
/// reported even when an earlier one is unsupported.
bool translateModule(const wasm::Module &module, const Features &features, ir::Module &out,
                     Diagnostic &diag, bool validateBodies = false);

// One body at a time, on any number of threads (what Compiler does for native
// code: each function is translated, optimized, compiled and released in turn,
// so the module's IR never exists all at once).

struct ModuleContext;
class FunctionTranslator;
/// Owns a ModuleContext where its definition is not visible.
struct ModuleContextDeleter {
  void operator()(ModuleContext *ctx) const;
};
using ModuleContextPtr = std::unique_ptr<ModuleContext, ModuleContextDeleter>;

/// The declarations of translateModule: signatures, memories, tables, globals and
/// one ir::Function per wasm function, the defined ones marked defined and without
/// a body. The context is read-only afterwards; it must outlive `out`'s use by
/// every BodyTranslator made from it.
ModuleContextPtr declareModule(const wasm::Module &module, ir::Module &out);

/// One thread's translator of bodies (it reuses its buffers from one body to the
/// next). Several may work on one context at once, each on its own functions.
class BodyTranslator {
public:
  explicit BodyTranslator(const ModuleContext &ctx);
  ~BodyTranslator();
  BodyTranslator(const BodyTranslator &) = delete;
  BodyTranslator &operator=(const BodyTranslator &) = delete;

  /// Builds the body of defined function `funcIndex` (validating it first with
  /// `validate`), as translateModule does; the function must have no body yet.
  bool translate(uint32_t funcIndex, const Features &features, bool validate, Diagnostic &diag);

private:
  std::unique_ptr<FunctionTranslator> impl_;
};

/// Validates the bodies after function `after`; true with the first one's
/// diagnostic if one is invalid or malformed. An unsupported function is only
/// the module's problem when every body is valid: a caller that stops at one
/// asks this first.
bool firstInvalidBodyAfter(const wasm::Module &module, uint32_t after, const Features &features,
                           Diagnostic &diag);

} // namespace wasmaot::frontend
