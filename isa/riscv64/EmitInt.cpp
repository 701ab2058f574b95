// EmitInt: the integer pseudos with internal structure: JumpTableAddr (the
// address computation of br_table) and Select (a branch over a move, the one
// conditional-move idiom of RV64GC; also the float selects). MovImm expands
// through materialize in Emit.cpp, and division needs no idiom: its checks are
// rules (lower.rules).
#include "isa/riscv64/Emit.h"

#include "isa/riscv64/RV64Lowering.h"

namespace wasmaot::isa::riscv64 {

using R = ::wasmaot::isa::riscv64::Operand;

// t = min(index, n) (unsigned, n = the default's entry; an i32 index is
// sign-extended, which keeps the unsigned order), then t = table + table[t];
// entries are int32 offsets from the table, which follows the code.
//   li t0, n; mv t, t0; bgeu index, t0, 1f; mv t, index; 1:
//   auipc t1, %pcrel_hi(table); addi t1, t1, %pcrel_lo(.)
//   slli t0, t, 2; add t0, t0, t1 (Zba: sh2add t0, t, t1); lw t0, 0(t0); add t, t1, t0
// Operands: 0 early def t, 1 use index.
void emitJumpTableAddr(Emitter &e, codegen::InstId i) {
  const Gpr t = e.gpr(i, 0), index = e.gpr(i, 1);
  const auto &mi = e.code().mf.inst(i);
  const uint32_t table = uint32_t(mi.imm);
  const int64_t n = int64_t(e.code().jumpTables[table].size()) - 1;
  e.materialize(kScratch, n);
  e.put(Inst(Opcode::MV, {R::r(t), R::r(kScratch)}));
  Label clamped = e.newLabel();
  e.put(Inst(Opcode::BGEU, {R::r(index), R::r(kScratch), R::to(clamped)}));
  e.put(Inst(Opcode::MV, {R::r(t), R::r(index)}));
  e.bind(clamped);
  e.loadAddress(kScratch2, e.tableLabel(table));
  if (e.features().zba) {
    e.put(Inst(Opcode::SH2ADD, {R::r(kScratch), R::r(t), R::r(kScratch2)}));
  } else {
    e.put(Inst(Opcode::SLLI, {R::r(kScratch), R::r(t), R::i(2)}));
    e.put(Inst(Opcode::ADD, {R::r(kScratch), R::r(kScratch), R::r(kScratch2)}));
  }
  e.put(Inst(Opcode::LW, {R::r(kScratch), R::m(Mem::at(kScratch, 0))}));
  e.put(Inst(Opcode::ADD, {R::r(t), R::r(kScratch2), R::r(kScratch)}));
}

// d = cond ? t : f, d already holding t (a reuse def of operand 0):
//   b<cond> a, b, 1f; mv d, f (fmv.d for floats); 1:
// Operands: 0 use t, 1 use f, then the condition's uses, last the def d.
void emitSelect(Emitter &e, codegen::InstId i) {
  const auto &mi = e.code().mf.inst(i);
  Gpr a, b;
  e.condRegs(i, 2, a, b);
  const unsigned def = 2 + CondCode::numUses(mi.aux);
  const bool isFloat = e.code().mf.vreg(e.code().mf.operands(i)[def].vreg).cls == codegen::RegClass::Float;
  Label done = e.newLabel();
  e.put(Inst(branchForm(CondCode::unpackCond(mi.aux)), {R::r(a), R::r(b), R::to(done)}));
  if (isFloat)
    e.put(Inst(Opcode::FMV_D, {R::r(e.fpr(i, def)), R::r(e.fpr(i, 1))}));
  else
    e.put(Inst(Opcode::MV, {R::r(e.gpr(i, def)), R::r(e.gpr(i, 1))}));
  e.bind(done);
}

} // namespace wasmaot::isa::riscv64
