// RunOptions: the command-line settings of wasmaot-spectest that every script run sees.
#pragma once

#include <cstdint>
#include <string>

namespace wasmaot::spectest {

struct RunOptions {
  /// Only decode and validate: compile nothing, count execution commands as skipped
  /// with reason "validate-only".
  bool validateOnly = false;
  /// Log every decode/validate outcome, including whether the diagnostic kind matched.
  bool verbose = false;
  /// A Features::apply spec applied on top of each group's default feature set ("" = none).
  std::string featureSpec;
  /// x86_64, aarch64 or riscv64: the back end modules are compiled with.
  std::string target = "x86_64";
  /// Sandboxing of linear memory (wasmaotc's --bounds-checks, --guard, --no-bce).
  bool explicitChecks = false;
  bool segue = false; ///< --segue: memory 0 through %gs (x86_64)
  uint64_t guardSize = uint64_t(2) << 30;
  bool eliminateBoundsChecks = true;
  /// -O0, -O1 (default), -O2: the compiler's optimization level.
  unsigned optLevel = 1;
  /// Run each script in a forked child process (a crash fails only that script).
  bool isolate = true;
  /// Scripts run in parallel.
  unsigned jobs = 1;
};

} // namespace wasmaot::spectest
