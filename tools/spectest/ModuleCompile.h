// ModuleCompile: the runner's one compile step — a binary module to an object
// in memory, with the library's Compiler (the same pipeline as `wasmaotc -c`).
#pragma once

#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <span>
#include "RunOptions.h"

#include <string>
#include <vector>

namespace wasmaot::spectest {

/// Compiles `wasm` for the runner's target and sandboxing mode with `features`.
/// On failure returns false with the compiler's diagnostic (DiagKind::Unsupported
/// for what it cannot compile yet).
bool compileToObject(std::span<const uint8_t> wasm, const Features &features, const RunOptions &run,
                     std::vector<uint8_t> &object, Diagnostic &diag);

/// The feature family an Unsupported diagnostic belongs to ("SIMD", "GC",
/// "exceptions", "tail calls"), or "" when it names none of them.
std::string unsupportedFamily(const Diagnostic &diag);

} // namespace wasmaot::spectest
