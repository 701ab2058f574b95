// X64LoweringFloat: the floating-point machine terms of float.rules and
// cond-float.rules. Each picks the form(s) its comment in the rule file names;
// the multi-instruction idioms are MacroOps expanded by EmitFloat.cpp, which
// reads their constants from the pool entry in MachInst::payload.
#include "isa/x64/X64Lowering.h"

#include <bit>
#include <cstring>

namespace wasmaot::isa::x64 {

using codegen::Operand;
using codegen::VReg;

namespace {

bool is64(Width w) { return w == Width::W64; }

/// Appends the little-endian bytes of `bits` (4 bytes for w32, 8 for w64).
void putLane(std::vector<uint8_t> &out, Width w, uint64_t bits) {
  for (unsigned k = 0; k < (is64(w) ? 8u : 4u); ++k)
    out.push_back(uint8_t(bits >> (8 * k)));
}

uint64_t floatBits(Width w, double v) {
  return is64(w) ? std::bit_cast<uint64_t>(v) : std::bit_cast<uint32_t>(float(v));
}

/// 16 bytes holding `bits` in every lane (for the packed bitwise forms, whose
/// memory operand is an aligned xmmword).
std::vector<uint8_t> splat(Width w, uint64_t bits) {
  std::vector<uint8_t> out;
  while (out.size() < 16)
    putLane(out, w, bits);
  return out;
}

} // namespace

ir::Type X64Lowering::value_type(ir::Value v) { return irFunction().typeOf(v); }
bool X64Lowering::value_i32(ir::Value v) { return irFunction().typeOf(v) == ir::Type::I32; }

VReg X64Lowering::fconst_zero() {
  // XORPS d, d reads nothing meaningful: a def only (as zero_gpr).
  VReg d = newXmm();
  form(Opcode::XORPSrr, {Operand::def(d)}, {0, 0, kNoOperand});
  return d;
}

VReg X64Lowering::fconst_load(Width w, uint64_t bits) {
  std::vector<uint8_t> bytes;
  putLane(bytes, w, bits);
  VReg d = newXmm();
  codegen::InstId id = emit(uint32_t(Pseudo::LoadRodata), {Operand::def(d)}, is64(w) ? 1 : 0);
  mf().inst(id).payload = constant(bytes);
  return d;
}

namespace {
VReg xmmBinary(X64Lowering &l, Opcode op, VReg a, VReg b) {
  VReg d = l.newXmm();
  l.form(op, {Operand::use(a), Operand::use(b), Operand::defReuse(d, 0)}, {2, 1, kNoOperand});
  return d;
}
VReg xmmUnary(X64Lowering &l, Opcode op, VReg a, int64_t imm = 0) {
  VReg d = l.newXmm();
  l.form(op, {Operand::use(a), Operand::def(d)}, {1, 0, kNoOperand}, imm);
  return d;
}
} // namespace

VReg X64Lowering::fop_rr(Width w, FpOp op, VReg a, VReg b) {
  const bool d64 = is64(w);
  Opcode form = Opcode::ADDSSrr;
  switch (op) {
  case FpOp::Add: form = d64 ? Opcode::ADDSDrr : Opcode::ADDSSrr; break;
  case FpOp::Sub: form = d64 ? Opcode::SUBSDrr : Opcode::SUBSSrr; break;
  case FpOp::Mul: form = d64 ? Opcode::MULSDrr : Opcode::MULSSrr; break;
  case FpOp::Div: form = d64 ? Opcode::DIVSDrr : Opcode::DIVSSrr; break;
  }
  return xmmBinary(*this, form, a, b);
}

VReg X64Lowering::fop_rc(Width w, FpOp op, VReg a, uint64_t bits) {
  const bool d64 = is64(w);
  Opcode form = Opcode::ADDSSrm;
  switch (op) {
  case FpOp::Add: form = d64 ? Opcode::ADDSDrm : Opcode::ADDSSrm; break;
  case FpOp::Sub: form = d64 ? Opcode::SUBSDrm : Opcode::SUBSSrm; break;
  case FpOp::Mul: form = d64 ? Opcode::MULSDrm : Opcode::MULSSrm; break;
  case FpOp::Div: form = d64 ? Opcode::DIVSDrm : Opcode::DIVSSrm; break;
  }
  uint8_t bytes[8];
  for (unsigned i = 0; i < 8; ++i)
    bytes[i] = uint8_t(bits >> (8 * i));
  MemRef m;
  m.base = MemRef::kRodata;
  m.disp = int32_t(constant(std::span<const uint8_t>(bytes, d64 ? 8 : 4)));
  VReg d = newXmm();
  this->form(form, {Operand::use(a), Operand::defReuse(d, 0)}, {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  return d;
}

VReg X64Lowering::fsqrt_r(Width w, VReg a) {
  return xmmUnary(*this, is64(w) ? Opcode::SQRTSDrr : Opcode::SQRTSSrr, a);
}

VReg X64Lowering::fminmax(Width w, bool isMax, VReg a, VReg b) {
  VReg d = newXmm();
  macro(MacroOp::FMinMax, {Operand::use(a), Operand::use(b), Operand::defReuse(d, 0)},
        (isMax ? 1 : 0) | (is64(w) ? 2 : 0));
  return d;
}

namespace {
Opcode bitForm(FBitOp op, bool mem) {
  switch (op) {
  case FBitOp::And: return mem ? Opcode::ANDPSrm : Opcode::ANDPSrr;
  case FBitOp::Or: return mem ? Opcode::ORPSrm : Opcode::ORPSrr;
  case FBitOp::Xor: return mem ? Opcode::XORPSrm : Opcode::XORPSrr;
  }
  return Opcode::ANDPSrr;
}
} // namespace

VReg X64Lowering::fbits_rr(FBitOp op, VReg a, VReg b) { return xmmBinary(*this, bitForm(op, false), a, b); }

VReg X64Lowering::fbits_mask(FBitOp op, Width w, VReg a, uint64_t mask) {
  MemRef m;
  m.base = MemRef::kRodata;
  m.disp = int32_t(constant(splat(w, mask)));
  VReg d = newXmm();
  form(bitForm(op, true), {Operand::use(a), Operand::defReuse(d, 0)}, {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  return d;
}

VReg X64Lowering::fround(Width w, RoundMode mode, VReg a) {
  // imm8 bit 3 suppresses the precision exception; bit 2 clear: the mode is bits 1:0.
  return xmmUnary(*this, is64(w) ? Opcode::ROUNDSDrri : Opcode::ROUNDSSrri, a, int64_t(mode) | 8);
}

VReg X64Lowering::fround_nosse41(Width w, RoundMode mode, VReg a) {
  // Pool entry: |x| mask (16 bytes), sign mask (16), 2^52 or 2^23, 1.0.
  std::vector<uint8_t> k = splat(w, is64(w) ? 0x7fffffffffffffffull : 0x7fffffffull);
  std::vector<uint8_t> sign = splat(w, is64(w) ? 0x8000000000000000ull : 0x80000000ull);
  k.insert(k.end(), sign.begin(), sign.end());
  putLane(k, w, floatBits(w, is64(w) ? 4503599627370496.0 : 8388608.0));
  putLane(k, w, floatBits(w, 1.0));
  VReg d = newXmm();
  codegen::InstId id =
      macro(MacroOp::FRound, {Operand::use(a), Operand::defEarly(d)}, int64_t(mode) | (is64(w) ? 4 : 0));
  mf().inst(id).payload = constant(k);
  return d;
}

VReg X64Lowering::fselect(CondCode c, VReg t, VReg f) {
  VReg d = newXmm();
  macro(MacroOp::FSelect, {Operand::use(t), Operand::use(f), Operand::defReuse(d, 1)}, int64_t(c.pack()));
  return d;
}

VReg X64Lowering::cvt_f2f(Width from, VReg a) {
  return xmmUnary(*this, is64(from) ? Opcode::CVTSD2SSrr : Opcode::CVTSS2SDrr, a);
}

VReg X64Lowering::cvt_si2f(Width iw, Width fw, VReg a) {
  // CVTSI2S{S,D} writes only the low lane: zeroing d first (XORPS) breaks the
  // false dependency on its old contents, which would otherwise chain loop iterations.
  Opcode op = is64(fw) ? (is64(iw) ? Opcode::CVTSI2SD64rr : Opcode::CVTSI2SD32rr)
                       : (is64(iw) ? Opcode::CVTSI2SS64rr : Opcode::CVTSI2SS32rr);
  VReg z = fconst_zero(), d = newXmm();
  form(op, {Operand::use(a), Operand::use(z), Operand::defReuse(d, 1)}, {2, 0, kNoOperand});
  return d;
}

VReg X64Lowering::cvt_u64_to_f(Width fw, VReg a) {
  VReg d = newXmm();
  macro(MacroOp::U64ToFloat, {Operand::use(a), Operand::def(d)}, is64(fw) ? 2 : 0);
  return d;
}

namespace {
/// Pool constants of a float → int idiom (EmitFloat.cpp says how they are used).
/// Signed N bits: [lo, hi], a converts iff lo < a < hi: hi = 2^(N-1), lo the
/// largest float whose truncation is below -2^(N-1) (-2^31 - 1 when f64 holds it
/// exactly, else the float just below -2^(N-1)). Unsigned 64: [2^63]. Else none.
std::vector<uint8_t> convertConstants(Width fw, Width iw, bool isSigned) {
  std::vector<uint8_t> k;
  if (isSigned) {
    double lo = 0, hi = 0;
    if (is64(iw)) {
      hi = 9223372036854775808.0; // 2^63
      lo = is64(fw) ? -9223372036854777856.0 /* -2^63 - 2^11 */ : -9223373136366403584.0 /* -2^63 - 2^40 */;
    } else {
      hi = 2147483648.0;
      lo = is64(fw) ? -2147483649.0 : -2147483904.0; // -2^31 - 1, -2^31 - 2^8
    }
    putLane(k, fw, floatBits(fw, lo));
    putLane(k, fw, floatBits(fw, hi));
  } else if (is64(iw)) {
    putLane(k, fw, floatBits(fw, 9223372036854775808.0));
  }
  return k;
}

int64_t convertImm(Width fw, Width iw, bool isSigned) {
  return (is64(fw) ? kFToIntSrc64 : 0) | (is64(iw) ? kFToIntDst64 : 0) | (isSigned ? kFToIntSigned : 0);
}
} // namespace

VReg X64Lowering::cvt_f2i_trap(Width fw, Width iw, bool isSigned, VReg a) {
  VReg d = newGpr();
  codegen::InstId id = macro(MacroOp::FToIntTrap, {Operand::use(a), Operand::def(d)}, convertImm(fw, iw, isSigned));
  std::vector<uint8_t> k = convertConstants(fw, iw, isSigned);
  if (!k.empty())
    mf().inst(id).payload = constant(k);
  return d;
}

VReg X64Lowering::cvt_f2i_sat(Width fw, Width iw, bool isSigned, VReg a) {
  VReg d = newGpr();
  codegen::InstId id = macro(MacroOp::FToIntSat, {Operand::use(a), Operand::def(d)}, convertImm(fw, iw, isSigned));
  std::vector<uint8_t> k = convertConstants(fw, iw, isSigned);
  if (!k.empty())
    mf().inst(id).payload = constant(k);
  return d;
}

VReg X64Lowering::movd_to_xmm(Width w, VReg a) { return xmmUnary(*this, is64(w) ? Opcode::MOVQxr : Opcode::MOVDxr, a); }

VReg X64Lowering::movd_to_gpr(Width w, VReg a) {
  // MOVD r32, x clears bits 63:32: the i32 result is zero-extended.
  VReg d = newGpr();
  form(is64(w) ? Opcode::MOVQrx : Opcode::MOVDrx, {Operand::use(a), Operand::def(d)}, {1, 0, kNoOperand});
  return d;
}

void X64Lowering::ucomis(Width w, VReg a, VReg b) {
  Opcode op = is64(w) ? Opcode::UCOMISDrr : Opcode::UCOMISSrr;
  if (a == b)
    form(op, {Operand::use(a)}, {0, 0, kNoOperand});
  else
    form(op, {Operand::use(a), Operand::use(b)}, {0, 1, kNoOperand});
}

CondCode X64Lowering::float_flags_cond(FloatFlags f) {
  switch (f) {
  case FloatFlags::Above: return {Cond::A};
  case FloatFlags::AboveEqual: return {Cond::AE};
  case FloatFlags::EqualOrdered: return {Cond::E, CondCode::Parity::AndNotParity};
  case FloatFlags::NotEqualOrUnordered: return {Cond::NE, CondCode::Parity::OrParity};
  }
  return {Cond::E};
}

} // namespace wasmaot::isa::x64
