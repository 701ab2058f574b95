// VariableOps: locals (through SsaBuilder: no memory, no copies), globals,
// drop and select (typed and untyped: the IR type comes from the operands).
#include "frontend/FunctionTranslator.h"

#include <cassert>

namespace wasmaot::frontend {

using W = wasm::Opcode;

void FunctionTranslator::variable(const wasm::Instr &in) {
  switch (in.op) {
  case W::Drop: return (void)pop();
  case W::Select:
  case W::SelectTyped: {
    ir::Value cond = pop();
    ir::Value ifFalse = pop();
    ir::Value ifTrue = pop();
    return push(b_->select(f_->typeOf(ifTrue), cond, ifTrue, ifFalse));
  }
  case W::LocalGet: return push(ssa_.read(in.idx[0]));
  case W::LocalSet: return ssa_.write(in.idx[0], pop());
  case W::LocalTee: return ssa_.write(in.idx[0], top());
  case W::GlobalGet: return push(b_->globalGet(m_.ir.globals[in.idx[0]].type, in.idx[0]));
  case W::GlobalSet: return b_->globalSet(in.idx[0], pop());
  default:
    assert(opFamily(in.op) != OpFamily::Variable && "variable opcode without a translation");
    return unsupported(in);
  }
}

} // namespace wasmaot::frontend
