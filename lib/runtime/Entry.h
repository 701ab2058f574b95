// Entry: calls a function of generated code (or a host function bound to a
// HostCallContext) with run-time typed arguments, through the ISA's entry
// trampoline, and catches the traps and exits it raises.
#pragma once

#include "codegen/VMContext.h"
#include "runtime/TrapHandler.h"
#include "runtime/Value.h"

#include <span>

namespace wasmaot::runtime {

struct CallOutcome {
  ExitKind kind = ExitKind::Returned;
  ir::TrapCode trap = ir::TrapCode::Unreachable; ///< when Trapped
  int32_t exitCode = 0;                          ///< when Exited
  /// When Trapped at a trap site of generated code: the faulting PC (0 when a
  /// builtin or host function raised the trap), so embedders can name the function.
  uintptr_t trapPc = 0;
};

/// Calls `code(vmctx, args...)` per docs/abi.md's calling convention. `args`
/// must match `sig.params` and `results` must have sig.results.size() slots
/// (kinds are taken from `sig`). If `vmctxToLimit` is set, its stackLimit
/// field is set to this thread's limit first (generated code's vmctx only:
/// a HostCallContext has no such field).
CallOutcome callWasm(void *code, void *vmctx, const Signature &sig, std::span<const Value> args,
                     std::span<Value> results, void *vmctxToLimit);

/// Bytes of stack arguments a call with `sig` passes (a multiple of 16).
uint64_t stackArgumentBytes(const Signature &sig);

} // namespace wasmaot::runtime
