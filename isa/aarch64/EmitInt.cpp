// EmitInt: the integer pseudo with internal structure, JumpTableAddr (the
// address computation of br_table; MovImm expands through materialize in
// Emit.cpp, and division needs no idiom on AArch64: its checks are rules).
#include "isa/aarch64/Emit.h"

#include "isa/aarch64/A64Lowering.h"

namespace wasmaot::isa::aarch64 {

using A = ::wasmaot::isa::aarch64::Operand;

// t = min(index, n) (unsigned, n = the default's entry), then t = table +
// table[t]; entries are int32 offsets from the table, which follows the code.
//   mov w16, #n; cmp w_index, w16; csel w_t, w_index, w16, lo
//   adr x17, table; ldrsw x16, [x17, w_t, uxtw #2]; add x_t, x17, x16
// Operands: 0 early def t, 1 use index (an i32, or the low half of an i64).
void emitJumpTableAddr(Emitter &e, codegen::InstId i) {
  const Gpr t = e.gpr(i, 0), index = e.gpr(i, 1);
  const auto &mi = e.code().mf.inst(i);
  const uint32_t table = uint32_t(mi.imm);
  const int64_t n = int64_t(e.code().jumpTables[table].size()) - 1;
  e.materialize(kScratch, uint64_t(n), false);
  e.put(Inst(Opcode::CMPWrs, {A::r(index), A::sh(kScratch, Shift::Lsl, 0)}));
  e.put(Inst(Opcode::CSELWr, Cond::LO, {A::r(t), A::r(index), A::r(kScratch)}));
  e.put(Inst(Opcode::ADR, {A::r(kScratch2), A::to(e.tableLabel(table))}));
  e.put(Inst(Opcode::LDRSWro, {A::r(kScratch), A::m(Mem::reg(kScratch2, t, Extend::Uxtw, true))}));
  e.put(Inst(Opcode::ADDXrs, {A::r(t), A::r(kScratch2), A::sh(kScratch, Shift::Lsl, 0)}));
}

} // namespace wasmaot::isa::aarch64
