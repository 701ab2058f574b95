// TrapHandler: turns hardware faults in generated code into wasm traps.
//
// SUBTLE: this runs inside signal handlers. A SIGSEGV/SIGBUS (guard-region
// hit), SIGILL (x86-64 ud2, AArch64 udf #code) or SIGFPE (hardware divide) whose PC is a trap site of a
// registered module, raised while this thread is inside a call into wasm,
// becomes a trap: the handler records the trap code in the innermost
// Activation and siglongjmps to its entry. Anything else — a fault outside
// generated code, a PC that is not a trap site, a signal sent with kill — is
// passed to the handler that was installed before ours, exactly as if we were
// not there. Handlers run on a per-thread sigaltstack, because a stack
// overflow leaves no room on the faulting stack. Everything reachable from the
// handler is async-signal-safe: fixed arrays of atomics, no locks, no malloc.
#pragma once

#include "ir/Conditions.h"
#include "runtime/ModuleDescriptor.h"

#include <csetjmp>
#include <cstdint>
#include <optional>
#include <span>

namespace wasmaot::runtime {

/// Registers [text, text + size) and its trap table (sorted, offsets relative
/// to `text`; must stay alive until unregisterCode). Returns a slot, or -1
/// when the fixed registry is full.
int registerCode(const uint8_t *text, uint64_t size, std::span<const TrapEntry> traps);
void unregisterCode(int slot);
/// The trap code of the trap site at `pc`, if `pc` is one (signal-safe).
std::optional<ir::TrapCode> lookupTrapSite(uintptr_t pc);
/// Whether `pc` lies in registered generated code (signal-safe).
bool isGeneratedCode(uintptr_t pc);

/// How a call into wasm ended.
enum class ExitKind : uint32_t { Returned, Trapped, Exited };

/// One call into wasm on this thread's stack (innermost first). The entry code
/// sigsetjmps into `jump`; traps and exits siglongjmp back with the outcome.
struct Activation {
  sigjmp_buf jump;
  Activation *previous = nullptr;
  volatile ExitKind kind = ExitKind::Returned;
  volatile uint32_t trapCode = 0;
  volatile int32_t exitCode = 0;
  volatile uintptr_t faultPc = 0;
  /// For a trap taken from a signal: the address a faulting access used
  /// (SIGSEGV/SIGBUS), else the instruction's address as the kernel reports it.
  volatile uintptr_t faultAddress = 0;
};

/// The innermost activation of this thread (nullptr outside wasm).
Activation *currentActivation();
void setCurrentActivation(Activation *a);
/// Leaves wasm from a builtin or host function: unwinds to the innermost
/// activation with a trap (or, for exit, to the outermost). Never returns.
[[noreturn]] void raiseTrap(ir::TrapCode code);
[[noreturn]] void raiseExit(int32_t code);

/// Installs the signal handlers (once per process) and this thread's
/// sigaltstack (once per thread). Called before every entry into wasm.
void prepareThreadForWasm();
/// Installs the handlers again, chaining to whatever is installed now (tests
/// that set their own handler first; not for embedders).
void reinstallTrapHandlersForTesting();

/// The lowest stack address wasm code on this thread may use (what vmctx's
/// stackLimit holds): the thread's stack bottom plus a reserve that host
/// functions and builtins called from wasm may still use.
uintptr_t threadStackLimit();
inline constexpr uintptr_t kHostStackReserve = 256 * 1024;

} // namespace wasmaot::runtime
