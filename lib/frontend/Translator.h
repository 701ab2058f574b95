// Translator: wasm → SSA IR. Turns every defined function of a validated
// wasm::Module into an ir::Function, and the module's types, memories, tables
// and globals into the IR module's declarations.
#pragma once

#include "ir/Module.h"
#include "wasm/Module.h"
#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

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

} // namespace wasmaot::frontend
