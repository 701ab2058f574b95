// Verifier: checks the IR's structural, type and SSA-dominance rules (docs/ir.md).
#pragma once

#include "ir/Module.h"

#include <string>
#include <vector>

namespace wasmaot::ir {

/// Appends one message per problem found ("function @f: block2: `v3 = iadd.i32 v1, v2`:
/// operand 1 is i64, expected i32") and returns true when there is none.
bool verifyModule(const Module &m, std::vector<std::string> &errors);
/// Checks one function against the declarations of `m`.
bool verifyFunction(const Module &m, const Function &f, std::vector<std::string> &errors);

} // namespace wasmaot::ir
