// RV64LoweringFloat: the floating-point machine terms of float.rules and
// cond-float.rules. Each picks the form(s) its comment in the rule file names.
// Arithmetic and int → float conversions encode rne, float → int the mode the
// rule names: nothing depends on the dynamic rounding mode in frm.
#include "isa/riscv64/RV64Lowering.h"

#include "isa/riscv64/Immediates.h"

#include <bit>
#include <cmath>

namespace wasmaot::isa::riscv64 {

using MOp = codegen::Operand;
using codegen::VReg;
using R = ::wasmaot::isa::riscv64::Operand;

namespace {
bool is64(Width w) { return w == Width::W64; }
R x0() { return R::r(Gpr::Zero); }
R f0() { return R::r(Fpr::F0); }

Rm rmOf(RoundMode m) {
  switch (m) {
  case RoundMode::Rne: return Rm::Rne;
  case RoundMode::Rtz: return Rm::Rtz;
  case RoundMode::Rdn: return Rm::Rdn;
  case RoundMode::Rup: return Rm::Rup;
  }
  return Rm::Rne;
}

/// rne for a form with a rounding-mode field; the exact forms have none.
Rm rneIfAny(Opcode op) { return (desc(op).flags & kRm) ? Rm::Rne : Rm::Dyn; }

uint64_t bitsOf(Width w, double v) {
  return is64(w) ? std::bit_cast<uint64_t>(v) : uint64_t(std::bit_cast<uint32_t>(float(v)));
}
} // namespace

ir::Type RV64Lowering::value_type(ir::Value v) { return irFunction().typeOf(v); }

IntKind RV64Lowering::int_kind(ir::Type t, bool isSigned) {
  if (t == ir::Type::I64)
    return isSigned ? IntKind::L : IntKind::Lu;
  return isSigned ? IntKind::W : IntKind::Wu;
}

int64_t RV64Lowering::fp_imm_bits(Width w, uint64_t bits) {
  // fmv.w.x reads the low 32 bits: an f32's register value is its bits
  // sign-extended, which lui/addiw write in at most 2 instructions.
  return is64(w) ? int64_t(bits) : int64_t(int32_t(uint32_t(bits)));
}

bool RV64Lowering::short_fp_imm(Width w, uint64_t bits) {
  Features f;
  f.zba = zba_;
  f.zbb = zbb_;
  return materialize(kScratch, fp_imm_bits(w, bits), f).size() <= 2;
}

uint64_t RV64Lowering::trunc_lo(Width w, IntKind k) {
  // The smallest float that truncates into the range: -2^31 / -2^63 when the
  // width represents it exactly and nothing between it and the next integer
  // below; otherwise the float just above -2^31 - 1 (f64 → i32) or -1 (unsigned).
  switch (k) {
  case IntKind::W:
    return is64(w) ? bitsOf(w, std::nextafter(-2147483649.0, 0.0)) : bitsOf(w, -2147483648.0);
  case IntKind::L: return bitsOf(w, -9223372036854775808.0);
  case IntKind::Wu:
  case IntKind::Lu:
    return is64(w) ? bitsOf(w, std::nextafter(-1.0, 0.0)) : bitsOf(w, double(std::nextafter(-1.0f, 0.0f)));
  }
  return 0;
}

uint64_t RV64Lowering::trunc_hi(Width w, IntKind k) {
  // The first float at or above 2^31, 2^32, 2^63, 2^64: all exact in both widths.
  switch (k) {
  case IntKind::W: return bitsOf(w, 2147483648.0);
  case IntKind::Wu: return bitsOf(w, 4294967296.0);
  case IntKind::L: return bitsOf(w, 9223372036854775808.0);
  case IntKind::Lu: return bitsOf(w, 18446744073709551616.0);
  }
  return 0;
}

VReg RV64Lowering::fmv_zero(Width w) {
  VReg d = newFpr();
  form(Inst(is64(w) ? Opcode::FMV_D_X : Opcode::FMV_W_X, {f0(), x0()}), {MOp::def(d)}, {0, kKeep});
  return d;
}

VReg RV64Lowering::fconst_load(Width w, uint64_t bits) {
  VReg d = newFpr();
  codegen::InstId id = emit(uint32_t(Pseudo::LoadConst), {MOp::def(d)}, is64(w) ? 1 : 0);
  mf().inst(id).payload = constant(is64(w) ? bits : uint32_t(bits));
  return d;
}

VReg RV64Lowering::fop_rr(Width w, FpOp op, VReg a, VReg b) {
  const bool d64 = is64(w);
  Opcode f = Opcode::FADD_S;
  switch (op) {
  case FpOp::Add: f = d64 ? Opcode::FADD_D : Opcode::FADD_S; break;
  case FpOp::Sub: f = d64 ? Opcode::FSUB_D : Opcode::FSUB_S; break;
  case FpOp::Mul: f = d64 ? Opcode::FMUL_D : Opcode::FMUL_S; break;
  case FpOp::Div: f = d64 ? Opcode::FDIV_D : Opcode::FDIV_S; break;
  case FpOp::Min: f = d64 ? Opcode::FMIN_D : Opcode::FMIN_S; break;
  case FpOp::Max: f = d64 ? Opcode::FMAX_D : Opcode::FMAX_S; break;
  case FpOp::Sgnj: f = d64 ? Opcode::FSGNJ_D : Opcode::FSGNJ_S; break;
  case FpOp::Sgnjn: f = d64 ? Opcode::FSGNJN_D : Opcode::FSGNJN_S; break;
  case FpOp::Sgnjx: f = d64 ? Opcode::FSGNJX_D : Opcode::FSGNJX_S; break;
  }
  return rrr(f, a, b, codegen::RegClass::Float, rneIfAny(f));
}

VReg RV64Lowering::fsqrt_r(Width w, VReg a) {
  return rr(is64(w) ? Opcode::FSQRT_D : Opcode::FSQRT_S, a, codegen::RegClass::Float, Rm::Rne);
}

VReg RV64Lowering::select_fpr(CondCode c, VReg t, VReg f) {
  VReg d = newFpr();
  std::vector<MOp> ops = {MOp::use(t), MOp::use(f)};
  condOperands(c, ops);
  ops.push_back(MOp::defReuse(d, 0));
  emit(uint32_t(Pseudo::Select), std::span<const MOp>(ops), c.pack());
  return d;
}

VReg RV64Lowering::fcvt_f2i(Width w, IntKind k, RoundMode rm, VReg a) {
  const bool d64 = is64(w);
  Opcode op = Opcode::FCVT_W_S;
  switch (k) {
  case IntKind::W: op = d64 ? Opcode::FCVT_W_D : Opcode::FCVT_W_S; break;
  case IntKind::Wu: op = d64 ? Opcode::FCVT_WU_D : Opcode::FCVT_WU_S; break;
  case IntKind::L: op = d64 ? Opcode::FCVT_L_D : Opcode::FCVT_L_S; break;
  case IntKind::Lu: op = d64 ? Opcode::FCVT_LU_D : Opcode::FCVT_LU_S; break;
  }
  return rr(op, a, codegen::RegClass::Int, rmOf(rm));
}

VReg RV64Lowering::fcvt_i2f(Width w, IntKind k, VReg a) {
  const bool d64 = is64(w);
  Opcode op = Opcode::FCVT_S_W;
  switch (k) {
  case IntKind::W: op = d64 ? Opcode::FCVT_D_W : Opcode::FCVT_S_W; break;
  case IntKind::Wu: op = d64 ? Opcode::FCVT_D_WU : Opcode::FCVT_S_WU; break;
  case IntKind::L: op = d64 ? Opcode::FCVT_D_L : Opcode::FCVT_S_L; break;
  case IntKind::Lu: op = d64 ? Opcode::FCVT_D_LU : Opcode::FCVT_S_LU; break;
  }
  return rr(op, a, codegen::RegClass::Float, rneIfAny(op));
}

VReg RV64Lowering::fcvt_f2f(Width from, VReg a) {
  const Opcode op = is64(from) ? Opcode::FCVT_S_D : Opcode::FCVT_D_S;
  return rr(op, a, codegen::RegClass::Float, rneIfAny(op));
}

VReg RV64Lowering::fmv_to_fpr(Width w, VReg a) {
  return rr(is64(w) ? Opcode::FMV_D_X : Opcode::FMV_W_X, a, codegen::RegClass::Float);
}

VReg RV64Lowering::fmv_to_gpr(Width w, VReg a) {
  // fmv.x.w sign-extends bit 31 into bits 63:32: the i32 invariant.
  return rr(is64(w) ? Opcode::FMV_X_D : Opcode::FMV_X_W, a, codegen::RegClass::Int);
}

VReg RV64Lowering::fcmp_rr(Width w, FCmpOp op, VReg a, VReg b) {
  const bool d64 = is64(w);
  Opcode f = op == FCmpOp::Eq   ? (d64 ? Opcode::FEQ_D : Opcode::FEQ_S)
             : op == FCmpOp::Lt ? (d64 ? Opcode::FLT_D : Opcode::FLT_S)
                                : (d64 ? Opcode::FLE_D : Opcode::FLE_S);
  return rrr(f, a, b, codegen::RegClass::Int);
}

} // namespace wasmaot::isa::riscv64
