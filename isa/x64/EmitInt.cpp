// EmitInt: the integer idioms of MacroOp, each a fixed sequence whose internal
// branches stay inside one MachInst (the allocator never sees them).
#include "isa/x64/Emit.h"

namespace wasmaot::isa::x64 {

namespace {

// SUBTLE: wasm division traps on a zero divisor (int_divide_by_zero) and, for
// signed division only, on INT_MIN / -1 (int_overflow); the signed remainder
// of INT_MIN by -1 is 0. x86's idiv faults on both, so both are checked first,
// and the remainder case never reaches idiv.
// With imm bit 8 the divisor is a constant that is neither 0 nor (signed) -1
// (X64Lowering::divrem_by_const): no checks.
// Operands: 0 use a (rax), 1 use b, 2 def q (rax), 3 early def r (rdx).
void emitDivRem(Emitter &e, codegen::InstId i, int64_t imm) {
  const bool isSigned = imm & 1, isRem = imm & 2, w64 = imm & 4, unchecked = imm & 8;
  const Gpr b = e.gpr(i, 1);
  const Gpr rdx = Gpr::Rdx;
  if (unchecked) {
    if (isSigned) {
      e.put(Inst(w64 ? Opcode::CQO : Opcode::CDQ));
      e.put(Inst(w64 ? Opcode::IDIV64r : Opcode::IDIV32r, {Operand::r(b)}));
    } else {
      e.put(Inst(Opcode::XOR32rr, {Operand::r(rdx), Operand::r(rdx)}));
      e.put(Inst(w64 ? Opcode::DIV64r : Opcode::DIV32r, {Operand::r(b)}));
    }
    return;
  }
  e.put(Inst(w64 ? Opcode::TEST64rr : Opcode::TEST32rr, {Operand::r(b), Operand::r(b)}));
  e.put(Inst(Opcode::JCC32, Cond::E, {Operand::to(e.trapLabel(ir::TrapCode::IntDivideByZero))}));
  if (!isSigned) {
    e.put(Inst(Opcode::XOR32rr, {Operand::r(rdx), Operand::r(rdx)}));
    e.put(Inst(w64 ? Opcode::DIV64r : Opcode::DIV32r, {Operand::r(b)}));
    return;
  }
  Label divide = e.newLabel(), done = e.newLabel();
  e.put(Inst(w64 ? Opcode::CMP64ri8 : Opcode::CMP32ri8, {Operand::r(b), Operand::i(-1)}));
  e.put(Inst(Opcode::JCC32, Cond::NE, {Operand::to(divide)}));
  if (isRem) {
    // x rem -1 is 0 for every x (and idiv would fault on INT_MIN).
    e.put(Inst(Opcode::XOR32rr, {Operand::r(rdx), Operand::r(rdx)}));
    e.put(Inst(Opcode::JMP32, {Operand::to(done)}));
  } else {
    if (w64) {
      e.put(Inst(Opcode::MOV64ri, {Operand::r(Gpr::R11), Operand::i(INT64_MIN)}));
      e.put(Inst(Opcode::CMP64rr, {Operand::r(Gpr::Rax), Operand::r(Gpr::R11)}));
    } else {
      e.put(Inst(Opcode::CMP32ri, {Operand::r(Gpr::Rax), Operand::i(int64_t(0x80000000u))}));
    }
    e.put(Inst(Opcode::JCC32, Cond::E, {Operand::to(e.trapLabel(ir::TrapCode::IntOverflow))}));
  }
  e.bind(divide);
  e.put(Inst(w64 ? Opcode::CQO : Opcode::CDQ));
  e.put(Inst(w64 ? Opcode::IDIV64r : Opcode::IDIV32r, {Operand::r(b)}));
  e.bind(done);
}

// clz via BSR: the index of the highest set bit i gives clz = (w-1) - i = i ^ (w-1);
// for zero BSR sets ZF and the CMOVZ loads 2w-1, which XOR (w-1) turns into w.
// Operands: 0 use a, 1 def d.
void emitClzBsr(Emitter &e, codegen::InstId i, int64_t width) {
  const bool w64 = width == 64;
  const Gpr a = e.gpr(i, 0), d = e.gpr(i, 1);
  e.put(Inst(w64 ? Opcode::BSR64rr : Opcode::BSR32rr, {Operand::r(d), Operand::r(a)}));
  e.put(Inst(Opcode::MOV32ri, {Operand::r(Gpr::R11), Operand::i(2 * width - 1)}));
  e.put(Inst(w64 ? Opcode::CMOVCC64rr : Opcode::CMOVCC32rr, Cond::E, {Operand::r(d), Operand::r(Gpr::R11)}));
  e.put(Inst(w64 ? Opcode::XOR64ri8 : Opcode::XOR32ri8, {Operand::r(d), Operand::i(width - 1)}));
}

// ctz via BSF: the index of the lowest set bit; for zero (ZF) the width.
void emitCtzBsf(Emitter &e, codegen::InstId i, int64_t width) {
  const bool w64 = width == 64;
  const Gpr a = e.gpr(i, 0), d = e.gpr(i, 1);
  e.put(Inst(w64 ? Opcode::BSF64rr : Opcode::BSF32rr, {Operand::r(d), Operand::r(a)}));
  e.put(Inst(Opcode::MOV32ri, {Operand::r(Gpr::R11), Operand::i(width)}));
  e.put(Inst(w64 ? Opcode::CMOVCC64rr : Opcode::CMOVCC32rr, Cond::E, {Operand::r(d), Operand::r(Gpr::R11)}));
}

} // namespace

bool emitIntMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm) {
  switch (op) {
  case MacroOp::DivRem:
    emitDivRem(e, i, imm);
    return true;
  case MacroOp::ClzBsr:
    emitClzBsr(e, i, imm);
    return true;
  case MacroOp::CtzBsf:
    emitCtzBsf(e, i, imm);
    return true;
  default:
    return false;
  }
}

} // namespace wasmaot::isa::x64
