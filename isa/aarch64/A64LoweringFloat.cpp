// A64LoweringFloat: the floating-point machine terms of float.rules and
// cond-float.rules. Each picks the form(s) its comment in the rule file names;
// the one idiom (trapping float → int) is MacroOp::FToIntTrap, expanded by
// EmitFloat.cpp.
#include "isa/aarch64/A64Lowering.h"

#include "isa/aarch64/Immediates.h"

#include <bit>

namespace wasmaot::isa::aarch64 {

using MOp = codegen::Operand;
using codegen::VReg;
using A = ::wasmaot::isa::aarch64::Operand;

namespace {
bool is64(Width w) { return w == Width::W64; }
A fpr0() { return A::r(Vreg::V0); }

/// The value of an fconst's bits at width w (f32 bits widen exactly).
double floatValue(Width w, uint64_t bits) {
  return is64(w) ? std::bit_cast<double>(bits) : double(std::bit_cast<float>(uint32_t(bits)));
}
} // namespace

ir::Type A64Lowering::value_type(ir::Value v) { return irFunction().typeOf(v); }

bool A64Lowering::fp_imm(Width w, uint64_t bits) {
  // The FMOV immediates are exact in both widths; a NaN or -0.0 never matches.
  return encodeFPImm(floatValue(w, bits)).has_value();
}

VReg A64Lowering::fmov_zero(Width w) {
  VReg d = newFpr();
  if (is64(w))
    form(Inst(Opcode::FMOVDXr, {fpr0(), A::r(Gpr::Zr)}), {MOp::def(d)}, {0, kKeep});
  else
    form(Inst(Opcode::FMOVSWr, {fpr0(), A::r(Gpr::Zr)}), {MOp::def(d)}, {0, kKeep});
  return d;
}

VReg A64Lowering::fmov_imm(Width w, uint64_t bits) {
  VReg d = newFpr();
  form(Inst(is64(w) ? Opcode::FMOVDi : Opcode::FMOVSi, {fpr0(), A::f(floatValue(w, bits))}), {MOp::def(d)}, {0});
  return d;
}

VReg A64Lowering::fconst_load(Width w, uint64_t bits) {
  VReg d = newFpr();
  codegen::InstId id =
      emit(uint32_t(Pseudo::LoadLiteral), {MOp::def(d)}, uint32_t(is64(w) ? Opcode::LDRDl : Opcode::LDRSl));
  mf().inst(id).payload = constant(is64(w) ? bits : uint32_t(bits));
  return d;
}

VReg A64Lowering::fop_rr(Width w, FpOp op, VReg a, VReg b) {
  const bool d64 = is64(w);
  Opcode f = Opcode::FADDSrr;
  switch (op) {
  case FpOp::Add: f = d64 ? Opcode::FADDDrr : Opcode::FADDSrr; break;
  case FpOp::Sub: f = d64 ? Opcode::FSUBDrr : Opcode::FSUBSrr; break;
  case FpOp::Mul: f = d64 ? Opcode::FMULDrr : Opcode::FMULSrr; break;
  case FpOp::Div: f = d64 ? Opcode::FDIVDrr : Opcode::FDIVSrr; break;
  case FpOp::Min: f = d64 ? Opcode::FMINDrr : Opcode::FMINSrr; break;
  case FpOp::Max: f = d64 ? Opcode::FMAXDrr : Opcode::FMAXSrr; break;
  }
  return rrr(f, a, b, codegen::RegClass::Float);
}

VReg A64Lowering::fun_r(Width w, FUnOp op, VReg a) {
  const bool d64 = is64(w);
  Opcode f = Opcode::FABSSr;
  switch (op) {
  case FUnOp::Abs: f = d64 ? Opcode::FABSDr : Opcode::FABSSr; break;
  case FUnOp::Neg: f = d64 ? Opcode::FNEGDr : Opcode::FNEGSr; break;
  case FUnOp::Sqrt: f = d64 ? Opcode::FSQRTDr : Opcode::FSQRTSr; break;
  case FUnOp::Ceil: f = d64 ? Opcode::FRINTPDr : Opcode::FRINTPSr; break;
  case FUnOp::Floor: f = d64 ? Opcode::FRINTMDr : Opcode::FRINTMSr; break;
  case FUnOp::Trunc: f = d64 ? Opcode::FRINTZDr : Opcode::FRINTZSr; break;
  case FUnOp::Nearest: f = d64 ? Opcode::FRINTNDr : Opcode::FRINTNSr; break;
  }
  return rr(f, a, codegen::RegClass::Float);
}

VReg A64Lowering::fcsel(Width w, CondCode c, VReg t, VReg f) {
  VReg d = newFpr();
  form(Inst(is64(w) ? Opcode::FCSELDrrr : Opcode::FCSELSrrr, c.cc, {fpr0(), fpr0(), fpr0()}),
       {MOp::use(t), MOp::use(f), MOp::def(d)}, {2, 0, 1});
  return d;
}

VReg A64Lowering::cvt_f2f(Width from, VReg a) {
  return rr(is64(from) ? Opcode::FCVTSDr : Opcode::FCVTDSr, a, codegen::RegClass::Float);
}

VReg A64Lowering::cvt_i2f(Width iw, Width fw, bool isSigned, VReg a) {
  Opcode op = isSigned ? (is64(fw) ? (is64(iw) ? Opcode::SCVTFDXr : Opcode::SCVTFDWr)
                                   : (is64(iw) ? Opcode::SCVTFSXr : Opcode::SCVTFSWr))
                       : (is64(fw) ? (is64(iw) ? Opcode::UCVTFDXr : Opcode::UCVTFDWr)
                                   : (is64(iw) ? Opcode::UCVTFSXr : Opcode::UCVTFSWr));
  return rr(op, a, codegen::RegClass::Float);
}

namespace {
Opcode fcvtz(bool isSigned, bool src64, bool dst64) {
  if (isSigned)
    return dst64 ? (src64 ? Opcode::FCVTZSXDr : Opcode::FCVTZSXSr) : (src64 ? Opcode::FCVTZSWDr : Opcode::FCVTZSWSr);
  return dst64 ? (src64 ? Opcode::FCVTZUXDr : Opcode::FCVTZUXSr) : (src64 ? Opcode::FCVTZUWDr : Opcode::FCVTZUWSr);
}
} // namespace

VReg A64Lowering::cvt_f2i_sat(Width fw, Width iw, bool isSigned, VReg a) {
  return rr(fcvtz(isSigned, is64(fw), is64(iw)), a, codegen::RegClass::Int);
}

VReg A64Lowering::cvt_f2i_trap(Width fw, Width iw, bool isSigned, VReg a) {
  // Early def: the idiom writes d before its last read of a.
  VReg d = newGpr();
  macro(MacroOp::FToIntTrap, {MOp::use(a), MOp::defEarly(d)},
        (is64(fw) ? kFToIntSrc64 : 0) | (is64(iw) ? kFToIntDst64 : 0) | (isSigned ? kFToIntSigned : 0));
  return d;
}

VReg A64Lowering::fmov_to_fpr(Width w, VReg a) {
  return rr(is64(w) ? Opcode::FMOVDXr : Opcode::FMOVSWr, a, codegen::RegClass::Float);
}

VReg A64Lowering::fmov_to_gpr(Width w, VReg a) {
  // FMOV wd, sn writes the W register: bits 63:32 are cleared.
  return rr(is64(w) ? Opcode::FMOVXDr : Opcode::FMOVWSr, a, codegen::RegClass::Int);
}

void A64Lowering::fcmp_rr(Width w, VReg a, VReg b) {
  form(Inst(is64(w) ? Opcode::FCMPDrr : Opcode::FCMPSrr, {fpr0(), fpr0()}), {MOp::use(a), MOp::use(b)},
       {0, 1});
}

CondCode A64Lowering::floatcc_cond(ir::FloatCC cc) {
  // Unordered is NZCV = 0011 (cond-float.rules): only ne may hold there.
  switch (cc) {
  case ir::FloatCC::Eq: return {Cond::EQ};
  case ir::FloatCC::Ne: return {Cond::NE};
  case ir::FloatCC::Lt: return {Cond::MI};
  case ir::FloatCC::Le: return {Cond::LS};
  case ir::FloatCC::Gt: return {Cond::GT};
  case ir::FloatCC::Ge: return {Cond::GE};
  }
  return {Cond::EQ};
}

} // namespace wasmaot::isa::aarch64
