// GuardRegions: turns explicit bounds checks of 32-bit memories into
// guard-region accesses where the guard covers them.
//
// SUBTLE — why it is sound: in Guard mode the runtime reserves 4 GiB for every
// 32-bit memory and keeps `guardBytes` of inaccessible address space after it;
// every byte at or beyond the memory's current length is inaccessible. An
// access reads bytes index + offset .. index + offset + size - 1 with
// index < 2^32 (an i32 zero-extended), so its last byte is below
// 2^32 + offset + size - 1. When offset + size <= guardBytes that is inside the
// reservation plus guard: if any byte is out of bounds, the access faults, and
// the fault is mapped to out_of_bounds_memory through the trap table. x86-64
// and AArch64 raise the fault before any byte of a faulting store is written.
// Accesses with bigger offsets, and all memory64 accesses, keep their explicit
// check. Each rewritten access names the invariant in its bounds form (`guard`).
#include "passes/Passes.h"

namespace wasmaot::passes {

void guardRegions(const ir::Module &module, ir::Function &fn, const PassOptions &options, PassReport &report) {
  if (options.bounds != BoundsMode::Guard)
    return;
  for (ir::BasicBlock *b : fn.blocks())
    for (ir::Inst *i : *b) {
      if (i->op != ir::Opcode::Load && i->op != ir::Opcode::Store)
        continue;
      if (i->bounds != ir::BoundsCheck::Check || module.memories[i->idx[0]].indexType != ir::Type::I32)
        continue;
      unsigned size = ir::memAccessBytes(i->access);
      if (size == 0)
        size = ir::typeBytes(i->type);
      if (i->offset() > options.guardBytes || size > options.guardBytes - i->offset())
        continue;
      i->bounds = ir::BoundsCheck::Guard;
      ++report.changed;
    }
}

PassReport runGuardRegions(ir::Module &module, const PassOptions &options) {
  return runOnEachFunction(module, options, guardRegions);
}

} // namespace wasmaot::passes
