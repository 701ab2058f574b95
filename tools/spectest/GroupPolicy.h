// GroupPolicy: how the runner treats each testsuite group (its feature set, or why it is skipped).
#pragma once

#include "wasmaot/Features.h"

#include <string>
#include <string_view>

namespace wasmaot::spectest {

struct GroupPolicy {
  /// Empty when the group runs; otherwise the proposal it needs ("threads"), and every
  /// command of the group is skipped with reason "proposal not supported: <proposal>".
  std::string unsupportedProposal;
  /// The features its modules are decoded with (before any --features override).
  Features features;
};

/// The policy for testsuite group `group` (the script's folder name). Unknown groups run
/// with Wasm 3.0 features.
GroupPolicy groupPolicy(std::string_view group);

} // namespace wasmaot::spectest
