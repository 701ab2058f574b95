// DeadCode: removes instructions whose results nobody uses and whose execution
// nobody can observe.
//
// Why it is sound: an instruction may go only when it has no side effects, is
// not a terminator and cannot trap — a trapping instruction whose result is
// unused still decides whether the program traps. A load proven in bounds
// (bounds=none) cannot trap and only reads, so it may go too; a checked or
// guard-region load stays. Removal cascades: operands whose last use went are
// visited again.
#include "passes/Passes.h"

#include <vector>

namespace wasmaot::passes {

namespace {

bool removable(const ir::Inst *i) {
  if (i->isTerminator() || ir::hasSideEffects(i->op) || i->numResults == 0) return false;
  if (i->op == ir::Opcode::Load) return i->bounds == ir::BoundsCheck::None;
  return !ir::mayTrap(i->op);
}

uint64_t removeDeadCode(ir::Function &fn) {
  std::vector<uint32_t> uses(fn.numValues(), 0);
  for (ir::BasicBlock *b : fn.blocks())
    for (ir::Inst *i : *b) {
      for (ir::Value v : i->operandList()) ++uses[v.id];
      for (const ir::BlockCall &t : i->targetList())
        for (ir::Value v : t.argList()) ++uses[v.id];
    }
  auto unused = [&](const ir::Inst *i) {
    for (uint32_t r = 0; r < i->numResults; ++r)
      if (uses[i->result(r).id]) return false;
    return true;
  };
  std::vector<ir::Inst *> work;
  for (ir::BasicBlock *b : fn.blocks())
    for (ir::Inst *i : *b)
      if (removable(i) && unused(i)) work.push_back(i);
  uint64_t removed = 0;
  while (!work.empty()) {
    ir::Inst *i = work.back();
    work.pop_back();
    if (!i->block) continue; // already erased
    for (ir::Value v : i->operandList()) {
      if (--uses[v.id]) continue;
      const ir::ValueData &d = fn.valueData(v);
      if (d.def == ir::ValueDef::Result && d.inst->block && removable(d.inst) && unused(d.inst))
        work.push_back(d.inst);
    }
    fn.eraseInst(i);
    ++removed;
  }
  return removed;
}

} // namespace

void deadCode(const ir::Module &, ir::Function &fn, const PassOptions &options, PassReport &report) {
  if (options.optLevel < 2) return;
  report.changed += removeDeadCode(fn);
}

PassReport runDeadCode(ir::Module &module, const PassOptions &options) {
  return runOnEachFunction(module, options, deadCode);
}

} // namespace wasmaot::passes
