// HostCall: how generated code calls a host (C/C++) function, e.g. WASI.
//
// An imported function is called as funcRefs[i].code(funcRefs[i].vmctx, args...)
// (docs/abi.md). For a host function the runtime sets `vmctx` to a
// HostCallContext it owns, so a host function is the C function
//     R fn(HostCallContext *ctx, wasm params...)
// with i32 as uint32_t, i64 as uint64_t, f32 float, f64 double (System V).
// A host function with several results takes a pointer to the return area as
// its second argument (after the context) and stores them there as compiled
// functions do (docs/abi.md, "Calling convention").
// The context gives the host the caller's memory and a way to leave wasm.
#pragma once

#include "codegen/VMContext.h"

#include <cstdint>

namespace wasmaot::runtime {

struct HostCallContext {
  /// Memory 0 of the instance that imports the function (the runtime keeps it
  /// current when the memory grows), or null if it has none.
  codegen::VMMemory *memory = nullptr;
  /// What the embedder registered with the function (WASI: its WasiContext).
  void *userData = nullptr;
  /// Leaves wasm: unwinds to the entry trampoline of the outermost call into
  /// wasm, which reports an exit with `code` (WASI proc_exit). Never returns
  /// (standard C++ has no [[noreturn]] for a function pointer).
  void (*exit)(HostCallContext *ctx, int32_t code) = nullptr;
  /// Traps with ir::TrapCode `code` (as if the wasm code trapped). Never returns.
  void (*trap)(HostCallContext *ctx, uint32_t code) = nullptr;
  /// The runtime's own state (opaque to hosts).
  void *runtime = nullptr;
};

} // namespace wasmaot::runtime
