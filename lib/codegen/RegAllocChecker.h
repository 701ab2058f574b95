// RegAllocChecker: proves an allocation correct by symbolic execution.
//
// Independent of the allocator's internals: it reads only the input function,
// the target and the result. Each register and slot holds a set of vregs (the
// values known to be there); a move copies the set, a def makes the location hold
// exactly its vreg (and removes the vreg everywhere else: SSA redefinition in a
// loop), clobbers empty a register, a safepoint empties every register of GC
// references (a moving collector may relocate them) after checking that each
// reference live across it is in a stack-map slot. On an edge, every location
// holding branch argument i also holds block parameter i. States meet by
// intersection at block entries, iterated to a fixed point. Then every use must
// find its vreg in its allocation, and every allocation must satisfy its operand's
// constraint. Also checks that every callee-saved register written is reported.
#pragma once

#include "codegen/RegAlloc.h"

#include <string>

namespace wasmaot::codegen {

/// Returns "" if the allocation is correct, else the first error found.
std::string checkAllocation(const MachFunction &f, const TargetDesc &target, const RegAllocResult &r);

} // namespace wasmaot::codegen
