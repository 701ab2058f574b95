// WasiCommand: runs a loaded module as a WASI program, the one way both
// `wasmaotc run` and the native executables of `wasmaotc app.wasm -o app`
// (lib/runtime/exe/main/ExeMain.cpp) do it: bind every import from the
// wasi_snapshot_preview1 table (type-checked, naming the first import that
// cannot be bound), instantiate, then call `_start` — or, for `--invoke`, one
// named export with arguments parsed from text — and turn the end into a
// process exit status. Errors and traps come back as text; nothing is printed.
#pragma once

#include "runtime/Runtime.h"
#include "runtime/wasi/WasiContext.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::exe {

/// Exit status of a program that trapped: what a shell reports for a process
/// killed by SIGABRT (128 + 6), so it stands apart from ordinary exit codes.
inline constexpr int kTrapExitStatus = 134;
/// Exit status when the module cannot start: an import that cannot be bound,
/// no `_start`, bad --invoke arguments, an instantiation failure.
inline constexpr int kStartFailureStatus = 1;
/// Exit status when the host cannot provide what was asked (a preopened
/// directory that does not open, address space).
inline constexpr int kHostFailureStatus = 2;

struct CommandConfig {
  wasi::WasiOptions wasi;
  /// Empty: run the WASI command (`_start`). Otherwise the export to call
  /// (after `_initialize`, if the module exports one) with `invokeArgs`.
  std::string invoke;
  std::vector<std::string> invokeArgs;
};

struct CommandOutcome {
  enum class End : uint8_t {
    Returned, ///< `_start` (or the invoked export) returned: status 0
    Exited,   ///< proc_exit: status is its code
    Trapped,  ///< status kTrapExitStatus; message says which trap and where
    Failed,   ///< the program could not start; message says why
  };
  End end = End::Returned;
  int status = 0;
  std::string message;
  /// --invoke: the export's results, one per value ("42", "-1", "1.5", ...).
  std::vector<std::string> results;
};

/// Defines every import of `module` in `linker` from the WASI preview1 table,
/// with `context` as the host functions' user data. Returns a message naming
/// the first import that is not a WASI function of the right type.
std::optional<std::string> defineWasiImports(runtime::Runtime &rt, const runtime::Module &module,
                                             wasi::WasiContext &context, runtime::Linker &linker);

/// Instantiates `module` with WASI and runs it as `config` says.
CommandOutcome runCommand(runtime::Runtime &rt, const std::shared_ptr<runtime::Module> &module,
                          const CommandConfig &config);

/// "integer divide by zero (in function 3 'div' at +0x1c)": the trap's message
/// and, when `pc` lies in `module`'s code, the function it trapped in.
std::string describeTrap(const runtime::Module &module, ir::TrapCode code, uintptr_t pc);

/// The wasm function type as text, e.g. "(i32, i64) -> (i32)".
std::string funcTypeText(const wasm::FuncType &type);

} // namespace wasmaot::exe
