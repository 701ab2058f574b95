// EmitHeader: `wasmaotc -c -o app.o --emit-header app.h`: a C header that
// lets a C program call the exports of the object it goes with, through the
// runtime's C API (include/wasmaot/runtime.h): the descriptor symbol, an
// instantiate helper, one typed inline function per exported function and
// accessors for exported memories and globals (docs/embedding.md).
#pragma once

#include "wasm/Module.h"

#include <string>

namespace wasmaotc {

/// `text` as a C string literal: printable ASCII as is, everything else as
/// three-digit octal escapes (which never run into the next character).
std::string cStringLiteral(const std::string &text);

/// The header text for `module` compiled with descriptor prefix `prefix`;
/// `input` and `object` name the files in its banner.
std::string headerFor(const wasmaot::wasm::Module &module, const std::string &prefix, const std::string &input,
                      const std::string &object);

} // namespace wasmaotc
