// FuzzingSupport: the `fuzzing-support` imports of modules made by Binaryen's
// `wasm-opt -ttf`. Binaryen 108 generates log-i32, log-i64, log-f32 and
// log-f64; its --fuzz-exec interpreter logs the arguments of any function
// imported from `fuzzing-support` and returns nothing, so every such import
// with one numeric parameter and no result is provided here, whatever its
// name. Each call prints `[LoggingExternalInterface logging ARGS]`, an i64 as
// its low and high halves in signed decimal (as Binaryen 108 prints it).
#pragma once

#include "runtime/Runtime.h"

#include <string>

namespace wasmaot::fuzzexec {

/// Defines in `linker` every function that `module` imports from
/// `fuzzing-support`. Returns false with `error` for an import this harness
/// cannot provide (another module, or a signature it does not log).
bool defineFuzzingSupport(runtime::Runtime &rt, runtime::Linker &linker, const wasm::Module &module,
                          std::string &error);

} // namespace wasmaot::fuzzexec
