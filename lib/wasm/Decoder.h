// Decoder: the entry points of the wasm layer. decodeModule decodes every
// section and validates the module (types, imports, segments, constant
// expressions and, unless told otherwise, every function body).
#pragma once

#include "wasm/Module.h"
#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <span>

namespace wasmaot::wasm {

struct DecodeOptions {
  Features features = Features::wasm3();
  /// Validate function bodies (the translator re-decodes them unchecked later).
  bool validateBodies = true;
  /// With validateBodies: the caller validates the bodies itself, in index order,
  /// after a successful decode (the translator does, as it translates them), so
  /// decodeModule skips them then; it still looks for a malformed body when a
  /// later section is malformed, as the spec decodes the code section first.
  bool callerValidatesBodies = false;
};

/// Decodes and validates `bytes` into `out`. On failure returns false and sets
/// `diag` (kind Malformed for decoding errors, Invalid for validation errors).
bool decodeModule(std::span<const uint8_t> bytes, const DecodeOptions &options, Module &out,
                  Diagnostic &diag);

/// Validates the body of defined function `funcIndex` of a module whose
/// sections have been decoded.
bool validateFunctionBody(const Module &module, uint32_t funcIndex, const Features &features,
                          Diagnostic &diag);

/// Validates a constant expression of type `expected`. `numGlobals` is how many
/// globals it may refer to (the imported ones, or all globals preceding the one
/// being initialised under extended-const/GC rules).
bool validateConstExpr(const Module &module, ConstExpr expr, ValType expected,
                       uint32_t numGlobals, const Features &features, Diagnostic &diag);

} // namespace wasmaot::wasm
