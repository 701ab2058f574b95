// Segue: the runtime's half of `--segue` (docs/sandboxing.md, "Segue").
//
// SUBTLE (sandboxing): Segue code addresses memory 0 as gs:[index + offset]
// and never checks which memory the %gs base points at. The invariant the
// runtime keeps: while code of a Segue instance runs, the %gs base of the
// thread is that instance's memory-0 base (VMContextLayout::kSegueBase). It is
// established at every way into generated code that does not come from the
// same instance's code:
//  - from the host: callWasm sets it and restores the caller's value after the
//    call returns, traps or exits (host calls, WASI and builtins called from
//    wasm never touch %gs, and their re-entries nest through callWasm); once
//    any Segue instance exists, callWasm also restores the caller's value
//    after a trap or exit out of code that is not Segue (a thunk inside it
//    may have been unwound before its restore);
//  - from any other code (another instance's, through an import, a shared
//    table, a call_ref value): every function reference of a Segue instance's
//    own function is a switch thunk (x64/SegueThunk.S) that sets the callee's
//    base and restores the caller's, and only jumps when the base is already
//    right (calls through references inside the instance: 8 instructions).
//    Direct calls inside a module are PC-relative and need nothing.
// A 32-bit memory's base never moves (its 4 GiB + guard reservation is fixed,
// LinearMemory.h), so memory.grow leaves the value valid.
#pragma once

#include "codegen/VMContext.h"

#include <cstdint>
#include <memory>

namespace wasmaot::runtime {

/// What a switch thunk calls: `code(vmctx, ...)` with the %gs base `gsBase`.
/// The thunk copies `stackBytes` of stack arguments (a multiple of 16).
struct SegueThunkRecord {
  void *code = nullptr;
  void *vmctx = nullptr;
  uint64_t gsBase = 0;
  uint64_t stackBytes = 0;
};

/// Whether this build can run Segue code at all (x86-64).
bool segueSupported();
/// True when wrgsbase/rdgsbase are usable (AT_HWCAP2 & HWCAP2_FSGSBASE), false
/// when arch_prctl is used. WASMAOT_SEGUE_ARCH_PRCTL=1 forces arch_prctl (tests).
bool segueUsesFsgsbase();
/// Tests: use arch_prctl even where wrgsbase works (false: back to the detected way).
void segueForceArchPrctl(bool force);
uint64_t readGsBase();
void writeGsBase(uint64_t base);

/// The %gs base the code of the instance behind `vmctx` needs (0: not Segue).
inline uint64_t segueBaseOf(const void *vmctx) {
  uint64_t b;
  __builtin_memcpy(&b, static_cast<const uint8_t *>(vmctx) + codegen::VMContextLayout::kSegueBase, 8);
  return b;
}

/// Whether a Segue instance was ever created in this process (set by
/// markSegueInUse at instantiation; callWasm then keeps the caller's value).
bool segueInUse();
void markSegueInUse();

/// The switch thunk's address (nullptr where Segue is not supported).
void *segueThunkCode();

} // namespace wasmaot::runtime
