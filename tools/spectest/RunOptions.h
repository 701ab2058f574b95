// RunOptions: the command-line settings of wasmaot-spectest that every script run sees.
#pragma once

#include <string>

namespace wasmaot::spectest {

struct RunOptions {
  /// Count execution commands as skipped with reason "validate-only" instead of
  /// "execution not implemented yet".
  bool validateOnly = false;
  /// Log every decode/validate outcome, including whether the diagnostic kind matched.
  bool verbose = false;
  /// A Features::apply spec applied on top of each group's default feature set ("" = none).
  std::string featureSpec;
  /// x86_64, aarch64 or riscv64. Validation does not depend on it.
  std::string target = "x86_64";
  /// Scripts run in parallel.
  unsigned jobs = 1;
};

} // namespace wasmaot::spectest
