// EmitFloat: the floating-point idiom of MacroOp, the trapping float → int
// conversion. Its internal branches stay inside one MachInst; the registers
// written are its def and the scratch register v31.
//
// SUBTLE: FCVTZS/FCVTZU never trap: NaN converts to 0 and out-of-range values
// saturate (Arm ARM FPToFixed). Wasm's trapping conversions therefore test NaN
// first (FCMP a, a; B.VS: only a NaN is unordered with itself) and then tell a
// real result from a saturated one:
//   i32 results convert to 64 bits, where every float in (-2^63, 2^63) is
//   exact after truncation, and check the 32-bit range on the integer;
//   i64 results are saturated only at INT64_MIN/INT64_MAX (signed) or
//   UINT64_MAX/0 (unsigned), and only those values need a second look.
#include "isa/aarch64/Emit.h"

#include "isa/aarch64/A64Lowering.h"

namespace wasmaot::isa::aarch64 {

namespace {

using A = ::wasmaot::isa::aarch64::Operand;
using codegen::InstId;

A r(Gpr g) { return A::r(g); }
A r(Vreg v) { return A::r(v); }

// Operands: 0 use a (fpr), 1 early def d (gpr). imm: kFToInt* bits.
//   fcmp a, a; b.vs bad_conversion_to_integer
//   signed i32:   fcvtzs xd, a; cmp xd, wd, sxtw; b.ne int_overflow; mov wd, wd
//   unsigned i32: fcvtzs xd, a; tst xd, #0xffffffff00000000; b.ne int_overflow
//   signed i64:   fcvtzs xd, a; cmp xd, #1 (V: xd = INT64_MIN); ccmn xd, #1, #1, vc
//                 (V: xd = INT64_MAX, or the first was); b.vc done;
//                 cmp xd, #0; b.ge int_overflow (INT64_MAX: a >= 2^63);
//                 scvtf v31, xd (= -2^63 exactly); fcmp a, v31; b.ne int_overflow
//                 (only a = -2^63 truncates to INT64_MIN: the next float below is
//                 at least 2^63 + 2^11 away); done:
//   unsigned i64: fcvtzu xd, a; cmn xd, #1; b.eq int_overflow (UINT64_MAX: a >= 2^64);
//                 cbnz xd, done; fmov v31, #-1.0; fcmp a, v31; b.ls int_overflow
//                 (0 is right for -1 < a < 1 only); done:
void emitFloatToIntTrap(Emitter &e, InstId i, int64_t imm) {
  const bool s64 = imm & kFToIntSrc64, d64 = imm & kFToIntDst64, isSigned = imm & kFToIntSigned;
  const Vreg a = e.vreg(i, 0);
  const Gpr d = e.gpr(i, 1);
  const Label overflow = e.trapLabel(ir::TrapCode::IntOverflow);
  e.put(Inst(s64 ? Opcode::FCMPDrr : Opcode::FCMPSrr, {r(a), r(a)}));
  e.condBranch(Cond::VS, e.trapLabel(ir::TrapCode::BadConversionToInteger));
  if (!d64) {
    e.put(Inst(s64 ? Opcode::FCVTZSXDr : Opcode::FCVTZSXSr, {r(d), r(a)}));
    if (isSigned) {
      e.put(Inst(Opcode::CMPXrx, {r(d), A::ext(d, Extend::Sxtw)}));
      e.condBranch(Cond::NE, overflow);
      e.put(Inst(Opcode::MOVWr, {r(d), r(d)}));
    } else {
      e.put(Inst(Opcode::TSTXri, {r(d), A::i(int64_t(0xffffffff00000000ull))}));
      e.condBranch(Cond::NE, overflow);
    }
    return;
  }
  Label done = e.newLabel();
  if (isSigned) {
    e.put(Inst(s64 ? Opcode::FCVTZSXDr : Opcode::FCVTZSXSr, {r(d), r(a)}));
    e.put(Inst(Opcode::CMPXri, {r(d), A::i(1)}));
    e.put(Inst(Opcode::CCMNXi, Cond::VC, {r(d), A::i(1), A::i(1)}));
    e.put(Inst(Opcode::Bcc, Cond::VC, {A::to(done)}));
    e.put(Inst(Opcode::CMPXri, {r(d), A::i(0)}));
    e.condBranch(Cond::GE, overflow);
    e.put(Inst(s64 ? Opcode::SCVTFDXr : Opcode::SCVTFSXr, {r(kFpScratch), r(d)}));
    e.put(Inst(s64 ? Opcode::FCMPDrr : Opcode::FCMPSrr, {r(a), r(kFpScratch)}));
    e.condBranch(Cond::NE, overflow);
  } else {
    e.put(Inst(s64 ? Opcode::FCVTZUXDr : Opcode::FCVTZUXSr, {r(d), r(a)}));
    e.put(Inst(Opcode::CMNXri, {r(d), A::i(1)}));
    e.condBranch(Cond::EQ, overflow);
    e.put(Inst(Opcode::CBNZX, {r(d), A::to(done)}));
    e.put(Inst(s64 ? Opcode::FMOVDi : Opcode::FMOVSi, {r(kFpScratch), A::f(-1.0)}));
    e.put(Inst(s64 ? Opcode::FCMPDrr : Opcode::FCMPSrr, {r(a), r(kFpScratch)}));
    e.condBranch(Cond::LS, overflow);
  }
  e.bind(done);
}

} // namespace

bool emitFloatMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm) {
  switch (op) {
  case MacroOp::FToIntTrap:
    emitFloatToIntTrap(e, i, imm);
    return true;
  }
  return false;
}

} // namespace wasmaot::isa::aarch64
