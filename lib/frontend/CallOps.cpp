// CallOps: call, call_indirect (through a table, with the signature check) and
// call_ref. Indirect calls name the canonical signature index, so calls through
// equivalent wasm types agree on the index the runtime compares.
#include "frontend/FunctionTranslator.h"

#include <cassert>

namespace wasmaot::frontend {

using W = wasm::Opcode;

void FunctionTranslator::callOp(const wasm::Instr &in) {
  switch (in.op) {
  case W::Call: {
    const ir::Signature &sig = m_.ir.functions[in.idx[0]]->signature();
    const size_t n = sig.params.size();
    ir::Inst *call = b_->call(in.idx[0], sig, topN(n));
    popN(n);
    return pushResults(call);
  }
  case W::CallIndirect: {
    const uint32_t sigIndex = m_.sigOfType[in.idx[0]];
    const ir::Signature &sig = m_.ir.signatures[sigIndex];
    ir::Value callee = pop();
    const size_t n = sig.params.size();
    ir::Inst *call = b_->callIndirect(sigIndex, sig, in.idx[1], callee, topN(n), true);
    popN(n);
    return pushResults(call);
  }
  case W::CallRef: {
    const uint32_t sigIndex = m_.sigOfType[in.idx[0]];
    const ir::Signature &sig = m_.ir.signatures[sigIndex];
    ir::Value ref = pop();
    const size_t n = sig.params.size();
    ir::Inst *call = b_->callRef(sigIndex, sig, ref, topN(n));
    popN(n);
    return pushResults(call);
  }
  default:
    assert(opFamily(in.op) != OpFamily::Call && "call opcode without a translation");
    return unsupported(in);
  }
}

} // namespace wasmaot::frontend
