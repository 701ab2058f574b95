// EmitFloat: the floating-point pseudo LoadConst, a constant-pool entry read
// PC-relatively (the pool follows the function's code in .text):
//   .Lk: auipc t1, %pcrel_hi(entry); flw/fld d, %pcrel_lo(.Lk)(t1)
// No idiom of float.rules needs internal branches (selects are EmitInt's), so
// this is the only one.
#include "isa/riscv64/Emit.h"

#include "isa/riscv64/RV64Lowering.h"

namespace wasmaot::isa::riscv64 {

using R = ::wasmaot::isa::riscv64::Operand;

void emitLoadConst(Emitter &e, codegen::InstId i) {
  const auto &mi = e.code().mf.inst(i);
  Label at = e.newLabel();
  e.bind(at);
  e.put(Inst(Opcode::AUIPC, {R::r(kScratch2), R::pcrelHi(e.constantLabel(mi.payload))}));
  e.put(Inst(mi.aux ? Opcode::FLD : Opcode::FLW, {R::r(e.fpr(i, 0)), R::m(Mem::pcrelLo(kScratch2, at))}));
}

} // namespace wasmaot::isa::riscv64
