// GroupPolicy: the feature set of each testsuite group and the groups we cannot run yet.
#include "GroupPolicy.h"

namespace wasmaot::spectest {

namespace {
// Groups whose proposals wasmaot does not implement; the folder name is the proposal name.
constexpr std::string_view kUnsupportedGroups[] = {
    "threads",           "legacy-exceptions", "custom-page-sizes",
    "custom-descriptors", "wide-arithmetic",   "annotations",
};
} // namespace

GroupPolicy groupPolicy(std::string_view group) {
  GroupPolicy policy;
  for (std::string_view name : kUnsupportedGroups) {
    if (group == name) {
      policy.unsupportedProposal = std::string(name);
      return policy;
    }
  }
  if (group == "core-2.0") {
    // Wasm 2.0-era negative assertions (multiple memories, global.get of a defined global in a
    // constant expression, ...) hold only with the 3.0 proposals off.
    policy.features = Features::wasm2();
  } else if (group == "extended-const") {
    // The proposal was written against 2.0: its data/elem/global scripts keep 2.0's rules
    // (e.g. "unknown global" for a defined global in a constant expression, which GC relaxed).
    policy.features = Features::wasm2();
    policy.features.extendedConst = true;
  } else {
    policy.features = Features::wasm3();
  }
  return policy;
}

} // namespace wasmaot::spectest
