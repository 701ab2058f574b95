// EmitFloat: the floating-point idioms of MacroOp (min/max with wasm's NaN and
// signed-zero rules, selects, rounding without SSE4.1, trapping and saturating
// float → int conversions, u64 → float). Each is a fixed sequence whose
// internal branches stay inside one MachInst; the registers written are the
// instruction's defs and the scratch registers r11 and xmm15.
//
// SUBTLE: CVTTSS2SI/CVTTSD2SI return the "integer indefinite" value INT_MIN
// for NaN and for every out-of-range input, so the fast path of each
// conversion only checks for that value and the slow path tells the cases apart
// (NaN, a valid INT_MIN, too small, too large) with UCOMIS against the pool
// constants of the instruction (X64LoweringFloat.cpp, convertConstants).
#include "isa/x64/Emit.h"

namespace wasmaot::isa::x64 {

namespace {

using codegen::InstId;

constexpr Xmm kXmmScratch = Xmm::Xmm15;
constexpr Gpr kGprScratch = Gpr::R11;

/// The ss or sd form of a scalar operation.
Opcode sx(bool d64, Opcode ss, Opcode sd) { return d64 ? sd : ss; }

Operand r(Xmm x) { return Operand::r(x); }
Operand r(Gpr g) { return Operand::r(g); }

/// [rip + constant pool entry `payload` + offset].
Operand pool(Emitter &e, InstId i, int32_t offset) {
  Mem m = e.constant(e.code().mf.inst(i).payload);
  m.disp += offset;
  return Operand::m(m);
}

void jcc(Emitter &e, Cond c, Label l) { e.put(Inst(Opcode::JCC32, c, {Operand::to(l)})); }
void jmp(Emitter &e, Label l) { e.put(Inst(Opcode::JMP32, {Operand::to(l)})); }

// wasm min/max: NaN if either operand is NaN, and -0 < +0. MINSS/MAXSS return
// the second operand on NaN and on equal operands, so both cases go first:
//   ucomis d, b; jp nan; jne ordered
//   orps d, b (min: -0 if either is -0) / andps d, b (max: +0 unless both are -0); jmp done
//   ordered: mins/maxs d, b; jmp done
//   nan: adds d, b  (a NaN operand, quieted: arithmetic, canonical if the input was)
// Operands: 0 use a, 1 use b, 2 def d (= a's register).
void emitMinMax(Emitter &e, InstId i, int64_t imm) {
  const bool isMax = imm & 1, d64 = imm & 2;
  const Xmm b = e.xmm(i, 1), d = e.xmm(i, 2);
  Label nan = e.newLabel(), ordered = e.newLabel(), done = e.newLabel();
  e.put(Inst(sx(d64, Opcode::UCOMISSrr, Opcode::UCOMISDrr), {r(d), r(b)}));
  jcc(e, Cond::P, nan);
  jcc(e, Cond::NE, ordered);
  e.put(Inst(isMax ? Opcode::ANDPSrr : Opcode::ORPSrr, {r(d), r(b)}));
  jmp(e, done);
  e.bind(ordered);
  e.put(Inst(isMax ? sx(d64, Opcode::MAXSSrr, Opcode::MAXSDrr) : sx(d64, Opcode::MINSSrr, Opcode::MINSDrr),
             {r(d), r(b)}));
  jmp(e, done);
  e.bind(nan);
  e.put(Inst(sx(d64, Opcode::ADDSSrr, Opcode::ADDSDrr), {r(d), r(b)}));
  e.bind(done);
}

// d = c ? t : f with d in f's register: skip the copy of t unless c holds. The
// flags were set by the instruction before (the allocator's moves keep them).
// Operands: 0 use t, 1 use f, 2 def d (= f's register). imm: the packed CondCode.
void emitSelect(Emitter &e, InstId i, int64_t imm) {
  const Xmm t = e.xmm(i, 0), d = e.xmm(i, 2);
  Label skip = e.newLabel();
  e.condJump(CondCode::unpack(uint32_t(imm)).inverted(), skip);
  e.put(Inst(Opcode::MOVAPSrr, {r(d), r(t)}));
  e.bind(skip);
}

// Rounding without SSE4.1. Pool: |x| mask (0), sign mask (16), 2^52 or 2^23
// (32), 1.0 (32 + lane). For |a| < 2^52 (2^23), (|a| + 2^52) - 2^52 rounds |a|
// to an integer, to nearest even (MXCSR's default mode, which wasm code never
// changes). From that r and m = |a|:
//   trunc: r > m ? r - 1 : r             (floor of the magnitude)
//   floor: a < 0 ? (r < m ? r + 1 : r)   (ceil of the magnitude)  : trunc
//   ceil:  a < 0 ? trunc : (r < m ? r + 1 : r)
// and the result takes a's sign (ORPS: r is non-negative), which also gives
// -0 for ceil(-0.5) and nearest(-0.2). Larger values, infinities and NaN are
// already integral: MULS by 1.0 returns them unchanged, quieting a NaN.
// Operands: 0 use a, 1 early def d. imm: RoundMode | f64 << 2.
void emitRound(Emitter &e, InstId i, int64_t imm) {
  const RoundMode mode = RoundMode(imm & 3);
  const bool d64 = imm & 4;
  const int32_t lane = d64 ? 8 : 4;
  const Xmm a = e.xmm(i, 0), d = e.xmm(i, 1), t = kXmmScratch;
  const Opcode ucomis = sx(d64, Opcode::UCOMISSrr, Opcode::UCOMISDrr);
  const Opcode add = sx(d64, Opcode::ADDSSrr, Opcode::ADDSDrr), sub = sx(d64, Opcode::SUBSSrr, Opcode::SUBSDrr);
  const Opcode addOne = sx(d64, Opcode::ADDSSrm, Opcode::ADDSDrm), subOne = sx(d64, Opcode::SUBSSrm, Opcode::SUBSDrm);
  Label small = e.newLabel(), adjusted = e.newLabel(), done = e.newLabel();
  e.put(Inst(Opcode::MOVAPSrr, {r(d), r(a)}));
  e.put(Inst(Opcode::ANDPSrm, {r(d), pool(e, i, 0)}));
  e.put(Inst(sx(d64, Opcode::MOVSSrm, Opcode::MOVSDrm), {r(t), pool(e, i, 32)}));
  e.put(Inst(ucomis, {r(t), r(d)}));
  jcc(e, Cond::A, small); // 2^52 > |a| (false for NaN)
  e.put(Inst(Opcode::MOVAPSrr, {r(d), r(a)}));
  e.put(Inst(sx(d64, Opcode::MULSSrm, Opcode::MULSDrm), {r(d), pool(e, i, 32 + lane)}));
  jmp(e, done);
  e.bind(small);
  e.put(Inst(add, {r(d), r(t)}));
  e.put(Inst(sub, {r(d), r(t)}));
  if (mode != RoundMode::Nearest) {
    e.put(Inst(Opcode::MOVAPSrr, {r(t), r(a)}));
    e.put(Inst(Opcode::ANDPSrm, {r(t), pool(e, i, 0)}));
    // down: r > m → r - 1 (floor of the magnitude); up: r < m → r + 1.
    auto down = [&] {
      Label keep = e.newLabel();
      e.put(Inst(ucomis, {r(d), r(t)}));
      jcc(e, Cond::BE, keep);
      e.put(Inst(subOne, {r(d), pool(e, i, 32 + lane)}));
      e.bind(keep);
    };
    auto up = [&] {
      Label keep = e.newLabel();
      e.put(Inst(ucomis, {r(t), r(d)}));
      jcc(e, Cond::BE, keep);
      e.put(Inst(addOne, {r(d), pool(e, i, 32 + lane)}));
      e.bind(keep);
    };
    if (mode == RoundMode::Trunc) {
      down();
    } else {
      // The sign of a: MOVD/MOVQ r11, a; TEST r11, r11.
      Label negative = e.newLabel();
      e.put(Inst(d64 ? Opcode::MOVQrx : Opcode::MOVDrx, {r(kGprScratch), r(a)}));
      e.put(Inst(d64 ? Opcode::TEST64rr : Opcode::TEST32rr, {r(kGprScratch), r(kGprScratch)}));
      jcc(e, Cond::S, negative);
      mode == RoundMode::Floor ? down() : up();
      jmp(e, adjusted);
      e.bind(negative);
      mode == RoundMode::Floor ? up() : down();
    }
  }
  e.bind(adjusted);
  e.put(Inst(Opcode::MOVAPSrr, {r(t), r(a)}));
  e.put(Inst(Opcode::ANDPSrm, {r(t), pool(e, i, 16)}));
  e.put(Inst(Opcode::ORPSrr, {r(d), r(t)}));
  e.bind(done);
}

Opcode cvtt(bool src64, bool dst64) {
  return src64 ? (dst64 ? Opcode::CVTTSD2SI64rr : Opcode::CVTTSD2SI32rr)
               : (dst64 ? Opcode::CVTTSS2SI64rr : Opcode::CVTTSS2SI32rr);
}

// Float → int. Operands: 0 use a (xmm), 1 def d (gpr). imm: kFToInt* bits.
// Every 32-bit result is written by a 32-bit form or is below 2^32, so it is
// zero-extended.
void emitFloatToInt(Emitter &e, InstId i, int64_t imm, bool saturate) {
  const bool s64 = imm & kFToIntSrc64, d64 = imm & kFToIntDst64, isSigned = imm & kFToIntSigned;
  const Xmm a = e.xmm(i, 0);
  const Gpr d = e.gpr(i, 1);
  const int32_t lane = s64 ? 8 : 4;
  const Opcode ucomisRR = sx(s64, Opcode::UCOMISSrr, Opcode::UCOMISDrr);
  const Opcode ucomisRM = sx(s64, Opcode::UCOMISSrm, Opcode::UCOMISDrm);
  Label done = e.newLabel();
  auto trap = [&](Cond c, ir::TrapCode code) { jcc(e, c, e.trapLabel(code)); };
  // NaN traps bad_conversion_to_integer; anything else that gets here int_overflow.
  auto trapNanElseOverflow = [&] {
    e.put(Inst(ucomisRR, {r(a), r(a)}));
    trap(Cond::P, ir::TrapCode::BadConversionToInteger);
    jmp(e, e.trapLabel(ir::TrapCode::IntOverflow));
  };

  if (isSigned) {
    // cvtt d, a; cmp d, 1 (OF iff d = INT_MIN); jno done; then tell the INT_MIN cases apart.
    e.put(Inst(cvtt(s64, d64), {r(d), r(a)}));
    e.put(Inst(d64 ? Opcode::CMP64ri8 : Opcode::CMP32ri8, {r(d), Operand::i(1)}));
    jcc(e, Cond::NO, done);
    e.put(Inst(ucomisRR, {r(a), r(a)}));
    if (!saturate) {
      // Pool [lo, hi]: a converts iff lo < a < hi; here only a truncating to INT_MIN does.
      trap(Cond::P, ir::TrapCode::BadConversionToInteger);
      e.put(Inst(ucomisRM, {r(a), pool(e, i, 0)}));
      trap(Cond::BE, ir::TrapCode::IntOverflow);
      e.put(Inst(ucomisRM, {r(a), pool(e, i, lane)}));
      trap(Cond::AE, ir::TrapCode::IntOverflow);
    } else {
      // NaN → 0; a > 0 (so a >= 2^(N-1)) → INT_MAX = NOT INT_MIN; otherwise INT_MIN stays.
      Label nan = e.newLabel();
      jcc(e, Cond::P, nan);
      e.put(Inst(Opcode::XORPSrr, {r(kXmmScratch), r(kXmmScratch)}));
      e.put(Inst(ucomisRR, {r(a), r(kXmmScratch)}));
      jcc(e, Cond::BE, done);
      e.put(Inst(d64 ? Opcode::NOT64r : Opcode::NOT32r, {r(d)}));
      jmp(e, done);
      e.bind(nan);
      e.put(Inst(Opcode::XOR32rr, {r(d), r(d)}));
    }
    e.bind(done);
    return;
  }

  if (!d64) {
    // Unsigned 32 through the 64-bit conversion: exact for -1 < a < 2^63, and
    // a converts iff the result is below 2^32 (NaN and |a| >= 2^63 give INT64_MIN).
    e.put(Inst(cvtt(s64, true), {r(d), r(a)}));
    if (!saturate) {
      e.put(Inst(Opcode::MOV64rr, {r(kGprScratch), r(d)}));
      e.put(Inst(Opcode::SHR64ri, {r(kGprScratch), Operand::i(32)}));
      jcc(e, Cond::E, done);
      trapNanElseOverflow();
    } else {
      // d >= 0: min(d, 2^32 - 1). d < 0 (NaN, a <= -1, |a| >= 2^63): a > 0 ? 2^32 - 1 : 0.
      Label negative = e.newLabel();
      e.put(Inst(Opcode::TEST64rr, {r(d), r(d)}));
      jcc(e, Cond::S, negative);
      e.put(Inst(Opcode::MOV32ri, {r(kGprScratch), Operand::i(0xffffffffll)}));
      e.put(Inst(Opcode::CMP64rr, {r(d), r(kGprScratch)}));
      e.put(Inst(Opcode::CMOVCC64rr, Cond::A, {r(d), r(kGprScratch)}));
      jmp(e, done);
      e.bind(negative);
      e.put(Inst(Opcode::XORPSrr, {r(kXmmScratch), r(kXmmScratch)}));
      e.put(Inst(Opcode::XOR32rr, {r(d), r(d)}));
      e.put(Inst(ucomisRR, {r(a), r(kXmmScratch)}));
      jcc(e, Cond::BE, done); // a <= 0 or NaN
      e.put(Inst(Opcode::MOV32ri, {r(d), Operand::i(0xffffffffll)}));
    }
    e.bind(done);
    return;
  }

  // Unsigned 64. Pool [2^63]. Below 2^63 (or NaN) the signed conversion is
  // right when its result is non-negative; from 2^63 on, convert a - 2^63 and
  // set bit 63 (the subtraction is exact there).
  Label big = e.newLabel();
  e.put(Inst(ucomisRM, {r(a), pool(e, i, 0)}));
  jcc(e, Cond::AE, big); // a >= 2^63 (false for NaN)
  e.put(Inst(cvtt(s64, true), {r(d), r(a)}));
  e.put(Inst(Opcode::TEST64rr, {r(d), r(d)}));
  jcc(e, Cond::NS, done);
  if (!saturate) {
    trapNanElseOverflow();
  } else {
    e.put(Inst(Opcode::XOR32rr, {r(d), r(d)})); // NaN or a <= -1
    jmp(e, done);
  }
  e.bind(big);
  e.put(Inst(Opcode::MOVAPSrr, {r(kXmmScratch), r(a)}));
  e.put(Inst(sx(s64, Opcode::SUBSSrm, Opcode::SUBSDrm), {r(kXmmScratch), pool(e, i, 0)}));
  e.put(Inst(cvtt(s64, true), {r(d), r(kXmmScratch)}));
  e.put(Inst(Opcode::TEST64rr, {r(d), r(d)}));
  Label tooBig = e.newLabel();
  if (!saturate)
    trap(Cond::S, ir::TrapCode::IntOverflow); // a >= 2^64
  else
    jcc(e, Cond::S, tooBig);
  e.put(Inst(Opcode::MOV64ri, {r(kGprScratch), Operand::i(INT64_MIN)}));
  e.put(Inst(Opcode::XOR64rr, {r(d), r(kGprScratch)}));
  if (saturate) {
    jmp(e, done);
    e.bind(tooBig);
    e.put(Inst(Opcode::MOV64ri32, {r(d), Operand::i(-1)}));
  }
  e.bind(done);
}

// u64 → float: non-negative as signed values convert directly; from 2^63 on,
// halve with the shifted-out bit ORed back in (a sticky bit, so the one
// rounding of the conversion is still correct), convert, and double.
//   xorps d, d; test a, a; js big; cvtsi2s{s,d} d, a; jmp done
//   big: mov r11, a; shr r11, 1; jnc even; or r11, 1; even: cvtsi2s{s,d} d, r11; adds d, d
// Operands: 0 use a (gpr), 1 def d (xmm). imm bit 1: f64.
void emitU64ToFloat(Emitter &e, InstId i, int64_t imm) {
  const bool d64 = imm & 2;
  const Gpr a = e.gpr(i, 0);
  const Xmm d = e.xmm(i, 1);
  const Opcode cvt = sx(d64, Opcode::CVTSI2SS64rr, Opcode::CVTSI2SD64rr);
  Label big = e.newLabel(), even = e.newLabel(), done = e.newLabel();
  e.put(Inst(Opcode::XORPSrr, {r(d), r(d)})); // no false dependency on d's old contents
  e.put(Inst(Opcode::TEST64rr, {r(a), r(a)}));
  jcc(e, Cond::S, big);
  e.put(Inst(cvt, {r(d), r(a)}));
  jmp(e, done);
  e.bind(big);
  e.put(Inst(Opcode::MOV64rr, {r(kGprScratch), r(a)}));
  e.put(Inst(Opcode::SHR64ri, {r(kGprScratch), Operand::i(1)}));
  jcc(e, Cond::AE, even); // CF = the bit shifted out
  e.put(Inst(Opcode::OR64ri8, {r(kGprScratch), Operand::i(1)}));
  e.bind(even);
  e.put(Inst(cvt, {r(d), r(kGprScratch)}));
  e.put(Inst(sx(d64, Opcode::ADDSSrr, Opcode::ADDSDrr), {r(d), r(d)}));
  e.bind(done);
}

} // namespace

bool emitFloatMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm) {
  switch (op) {
  case MacroOp::FMinMax:
    emitMinMax(e, i, imm);
    return true;
  case MacroOp::FSelect:
    emitSelect(e, i, imm);
    return true;
  case MacroOp::FRound:
    emitRound(e, i, imm);
    return true;
  case MacroOp::FToIntTrap:
    emitFloatToInt(e, i, imm, false);
    return true;
  case MacroOp::FToIntSat:
    emitFloatToInt(e, i, imm, true);
    return true;
  case MacroOp::U64ToFloat:
    emitU64ToFloat(e, i, imm);
    return true;
  default:
    return false;
  }
}

} // namespace wasmaot::isa::x64
