// Wasi: the wasi_snapshot_preview1 host module, as a table the runtime binds
// imports from.
//
// Binding: for an import `(import "wasi_snapshot_preview1" NAME (func PARAMS
// -> RESULTS))`, look up NAME with findWasiFunction, check that the import's
// type spells `params` and `results` (one letter per value: 'i' = i32,
// 'I' = i64; "" = none), then call `fn` as an ordinary host function:
// funcRef.code = fn, funcRef.vmctx = a runtime::HostCallContext whose
// userData is the program's WasiContext (HostCall.h). Every function but
// proc_exit returns the WASI errno as an i32; proc_exit returns nothing and
// leaves wasm through HostCallContext::exit after recording the exit code in
// WasiContext::exitCode.
//
// Supported and unsupported functions, and the sandboxing rules: docs/wasi.md.
#pragma once

#include "runtime/wasi/WasiContext.h"

#include <span>
#include <string_view>

namespace wasmaot::wasi {

inline constexpr std::string_view kWasiModuleName = "wasi_snapshot_preview1";

struct WasiFunction {
  const char *name;    ///< field name of the import
  const char *params;  ///< wasm parameter types, e.g. "iiii" ('i' i32, 'I' i64)
  const char *results; ///< wasm result types: "i", or "" for proc_exit
  void *fn;            ///< `R fn(runtime::HostCallContext *, params...)`
};

/// Every host function of the module, sorted by name.
std::span<const WasiFunction> wasiFunctions();
/// The function named `name`, or null if WASI preview1 has none by that name.
const WasiFunction *findWasiFunction(std::string_view name);

} // namespace wasmaot::wasi
