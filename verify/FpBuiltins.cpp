// FpBuiltins: IEEE-754 operations over Z3's floating-point theory. Float values
// travel as their bit patterns (BV 32/64); arithmetic yields a Val::K::Fp whose
// `canon` says when a NaN result must be the canonical NaN (wasm's NaN rule:
// canonical when every NaN input is canonical, otherwise any arithmetic NaN).
#include "Eval.h"

#include <z3_api.h>

#include <cmath>

namespace wasmaot::verify {

namespace {

using Args = std::vector<Val>;
using rulec::SExpr;

void arity(const SExpr &e, const Args &a, size_t n) {
  if (a.size() != n)
    throw EvalError{"expected " + std::to_string(n) + " arguments in " + rulec::printSExpr(e)};
}

z3::sort fpSort(Evaluator &ev, unsigned width) {
  if (width == 32)
    return ev.z.fpa_sort<32>();
  if (width == 64)
    return ev.z.fpa_sort<64>();
  throw EvalError{"no float format of " + std::to_string(width) + " bits"};
}

unsigned fpWidth(const z3::expr &x) {
  z3::sort s = x.get_sort();
  return s.fpa_ebits() + s.fpa_sbits();
}

z3::expr rounding(Evaluator &ev, const Val &v) {
  std::string m = ev.asName(v, "rounding mode");
  if (m == "RNE") return z3::expr(ev.z, Z3_mk_fpa_rne(ev.z));
  if (m == "RTP") return z3::expr(ev.z, Z3_mk_fpa_rtp(ev.z));
  if (m == "RTN") return z3::expr(ev.z, Z3_mk_fpa_rtn(ev.z));
  if (m == "RTZ") return z3::expr(ev.z, Z3_mk_fpa_rtz(ev.z));
  throw EvalError{"unknown rounding mode '" + m + "'"};
}

Val fpVal(Evaluator &ev, const z3::expr &x, const z3::expr &canon) {
  Val v;
  v.k = Val::K::Fp;
  v.e = x;
  v.canon = canon;
  return v;
}

z3::expr isNanBits(Evaluator &ev, const z3::expr &b) {
  unsigned w = b.get_sort().bv_size();
  unsigned mant = w == 32 ? 23 : 52;
  return b.extract(w - 2, mant) == ev.bv(~0ull, w - 1 - mant) && b.extract(mant - 1, 0) != ev.bv(0, mant);
}

z3::expr isCanonicalBits(Evaluator &ev, const z3::expr &b) {
  unsigned w = b.get_sort().bv_size();
  uint64_t canon = w == 32 ? 0x7fc00000ull : 0x7ff8000000000000ull;
  return b.extract(w - 2, 0) == ev.bv(canon, w - 1);
}

/// The FP value of an operand: bits are reinterpreted, an Fp is taken as is.
z3::expr toFp(Evaluator &ev, const Val &v) {
  if (v.k == Val::K::Fp)
    return *v.e;
  z3::expr b = ev.asBV(v, "float operand");
  return bitsToFp(ev, b);
}

/// When a NaN result must be canonical: every NaN operand is canonical.
z3::expr canonOf(Evaluator &ev, const Val &v) {
  if (v.k == Val::K::Fp)
    return *v.canon;
  z3::expr b = ev.asBV(v, "float operand");
  return z3::implies(isNanBits(ev, b), isCanonicalBits(ev, b));
}

z3::expr fpNan(Evaluator &ev, unsigned width) { return z3::expr(ev.z, Z3_mk_fpa_nan(ev.z, fpSort(ev, width))); }
z3::expr fpZero(Evaluator &ev, unsigned width, bool negative) {
  return z3::expr(ev.z, Z3_mk_fpa_zero(ev.z, fpSort(ev, width), negative));
}

Evaluator::Builtin arith2(Z3_ast (*f)(Z3_context, Z3_ast, Z3_ast, Z3_ast)) {
  return [f](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    z3::expr x = toFp(ev, a[1]), y = toFp(ev, a[2]);
    return fpVal(ev, z3::expr(ev.z, f(ev.z, rounding(ev, a[0]), x, y)), canonOf(ev, a[1]) && canonOf(ev, a[2]));
  };
}

// IEEE 754 addition and multiplication are commutative for every input once NaN
// payloads are left out (Z3's FP sorts have one NaN; the payload rules live in
// the machine forms' semantics, outside fp.add/fp.mul): the operands are put
// in one order (by AST id), so `c + a` and `a + c` are the same term and the
// solver never has to prove two adders equal.
Evaluator::Builtin arith2Commutative(Z3_ast (*f)(Z3_context, Z3_ast, Z3_ast, Z3_ast)) {
  return [f](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    // Ordered by the simplified operands: the machine side's `lo32 d` of an xmm
    // (an extract of a concat) and the IR's value are different terms until
    // simplified, and ordering those by id could put the two sides' operands in
    // opposite orders (x86 fadd f64 then took the solver 340 s, not 1).
    z3::expr x = toFp(ev, a[1]).simplify(), y = toFp(ev, a[2]).simplify();
    if (y.id() < x.id())
      std::swap(x, y);
    return fpVal(ev, z3::expr(ev.z, f(ev.z, rounding(ev, a[0]), x, y)), canonOf(ev, a[1]) && canonOf(ev, a[2]));
  };
}

Evaluator::Builtin cmp2(Z3_ast (*f)(Z3_context, Z3_ast, Z3_ast)) {
  return [f](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return Val::of(z3::expr(ev.z, f(ev.z, toFp(ev, a[0]), toFp(ev, a[1]))));
  };
}

Evaluator::Builtin pred1(Z3_ast (*f)(Z3_context, Z3_ast)) {
  return [f](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(z3::expr(ev.z, f(ev.z, toFp(ev, a[0]))));
  };
}

/// wasm fmin/fmax: NaN if either operand is; -0 < +0; otherwise the IEEE min/max.
Val wasmMinMax(Evaluator &ev, const Args &a, bool isMax) {
  z3::expr x = toFp(ev, a[0]), y = toFp(ev, a[1]);
  unsigned w = fpWidth(x);
  z3::expr anyNan = x.mk_is_nan() || y.mk_is_nan();
  z3::expr bothZero = x.mk_is_zero() && y.mk_is_zero();
  z3::expr xNeg = z3::expr(ev.z, Z3_mk_fpa_is_negative(ev.z, x));
  z3::expr yNeg = z3::expr(ev.z, Z3_mk_fpa_is_negative(ev.z, y));
  z3::expr zero = isMax ? z3::ite(xNeg && yNeg, fpZero(ev, w, true), fpZero(ev, w, false))
                        : z3::ite(xNeg || yNeg, fpZero(ev, w, true), fpZero(ev, w, false));
  z3::expr lt = z3::expr(ev.z, Z3_mk_fpa_lt(ev.z, x, y));
  z3::expr pick = isMax ? z3::ite(lt, y, x) : z3::ite(lt, x, y);
  z3::expr r = z3::ite(anyNan, fpNan(ev, w), z3::ite(bothZero, zero, pick));
  return fpVal(ev, r, canonOf(ev, a[0]) && canonOf(ev, a[1]));
}

/// Whether trunc(x) fits a signed/unsigned integer of `bits` (false for NaN, ±inf).
z3::expr truncFits(Evaluator &ev, const z3::expr &x, unsigned bits, bool isSigned) {
  unsigned w = fpWidth(x);
  z3::expr t = z3::expr(ev.z, Z3_mk_fpa_round_to_integral(ev.z, Z3_mk_fpa_rtz(ev.z), x));
  auto cst = [&](double v) { return z3::expr(ev.z, Z3_mk_fpa_numeral_double(ev.z, v, fpSort(ev, w))); };
  double top = isSigned ? std::ldexp(1.0, int(bits) - 1) : std::ldexp(1.0, int(bits));
  double bottom = isSigned ? -std::ldexp(1.0, int(bits) - 1) : 0.0;
  z3::expr geq = z3::expr(ev.z, Z3_mk_fpa_geq(ev.z, t, cst(bottom)));
  z3::expr lt = z3::expr(ev.z, Z3_mk_fpa_lt(ev.z, t, cst(top)));
  return !x.mk_is_nan() && geq && lt;
}

z3::expr toInt(Evaluator &ev, const z3::expr &x, unsigned bits, bool isSigned) {
  Z3_ast rtz = Z3_mk_fpa_rtz(ev.z);
  return z3::expr(ev.z, isSigned ? Z3_mk_fpa_to_sbv(ev.z, rtz, x, bits) : Z3_mk_fpa_to_ubv(ev.z, rtz, x, bits));
}

/// wasm's trapping (sat = false) or saturating float → int conversion.
Val wasmTrunc(Evaluator &ev, const Args &a, bool isSigned, bool sat) {
  unsigned bits = Evaluator::typeWidth(ev.asName(a[0], "type"));
  z3::expr x = toFp(ev, a[1]);
  z3::expr fits = truncFits(ev, x, bits, isSigned);
  z3::expr conv = toInt(ev, x, bits, isSigned);
  if (!sat) {
    ev.trap(x.mk_is_nan(), ev.trapCodeBits(Val::enumerator("bad_conversion_to_integer")));
    ev.trap(!fits, ev.trapCodeBits(Val::enumerator("int_overflow")));
    return Val::of(z3::ite(fits, conv, ev.bv(0, bits)));
  }
  z3::expr neg = z3::expr(ev.z, Z3_mk_fpa_is_negative(ev.z, x));
  uint64_t maxv = isSigned ? (bits == 64 ? INT64_MAX : INT32_MAX) : (bits == 64 ? UINT64_MAX : UINT32_MAX);
  uint64_t minv = isSigned ? (bits == 64 ? uint64_t(INT64_MIN) : 0x80000000ull) : 0;
  z3::expr clamp = z3::ite(neg, ev.bv(minv, bits), ev.bv(maxv, bits));
  return Val::of(z3::ite(x.mk_is_nan(), ev.bv(0, bits), z3::ite(fits, conv, clamp)));
}

} // namespace

z3::expr bitsToFp(Evaluator &ev, const z3::expr &b) {
  return z3::expr(ev.z, Z3_mk_fpa_to_fp_bv(ev.z, b, fpSort(ev, b.get_sort().bv_size())));
}

z3::expr fpToBits(Evaluator &ev, const z3::expr &fp) { return z3::expr(ev.z, Z3_mk_fpa_to_ieee_bv(ev.z, fp)); }

z3::expr fpIsNanBits(Evaluator &ev, const z3::expr &b) { return isNanBits(ev, b); }
z3::expr fpIsCanonicalBits(Evaluator &ev, const z3::expr &b) { return isCanonicalBits(ev, b); }

void registerFpBuiltins(std::map<std::string, Evaluator::Builtin> &m) {
  m["fp.add"] = arith2Commutative(Z3_mk_fpa_add);
  m["fp.sub"] = arith2(Z3_mk_fpa_sub);
  m["fp.mul"] = arith2Commutative(Z3_mk_fpa_mul);
  m["fp.div"] = arith2(Z3_mk_fpa_div);
  m["fp.sqrt"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return fpVal(ev, z3::expr(ev.z, Z3_mk_fpa_sqrt(ev.z, rounding(ev, a[0]), toFp(ev, a[1]))), canonOf(ev, a[1]));
  };
  m["fp.roundToIntegral"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return fpVal(ev, z3::expr(ev.z, Z3_mk_fpa_round_to_integral(ev.z, rounding(ev, a[0]), toFp(ev, a[1]))),
                 canonOf(ev, a[1]));
  };
  m["fp.eq"] = cmp2(Z3_mk_fpa_eq);
  m["fp.lt"] = cmp2(Z3_mk_fpa_lt);
  m["fp.le"] = cmp2(Z3_mk_fpa_leq);
  m["fp.gt"] = cmp2(Z3_mk_fpa_gt);
  m["fp.ge"] = cmp2(Z3_mk_fpa_geq);
  m["fp.is_nan"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    if (a[0].k == Val::K::BV)
      return Val::of(isNanBits(ev, *a[0].e));
    return Val::of(toFp(ev, a[0]).mk_is_nan());
  };
  m["fp.is_zero"] = pred1(Z3_mk_fpa_is_zero);
  m["fp.is_inf"] = pred1(Z3_mk_fpa_is_infinite);
  m["fp.is_negative"] = pred1(Z3_mk_fpa_is_negative);
  // (fp.bits R): the bit pattern of a float result (NaN: unspecified; callers decide NaNs first).
  m["fp.bits"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    if (a[0].k == Val::K::BV)
      return a[0];
    return Val::of(fpToBits(ev, toFp(ev, a[0])));
  };
  m["bits.quiet"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    z3::expr b = ev.asBV(a[0], "bits.quiet");
    unsigned w = b.get_sort().bv_size();
    return Val::of(b | ev.bv(w == 32 ? 0x00400000ull : 0x0008000000000000ull, w));
  };
  m["bits.is_canonical_nan"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(isCanonicalBits(ev, ev.asBV(a[0], "bits")));
  };
  // (fp.from_sint RM X W) / (fp.from_uint RM X W): integer X to a W-bit float.
  auto fromInt = [](bool isSigned) {
    return [isSigned](Evaluator &ev, const SExpr &e, const Args &a) {
      arity(e, a, 3);
      unsigned w = unsigned(ev.asInt(a[2], "float width"));
      z3::expr x = ev.asBV(a[1], "integer");
      Z3_ast r = isSigned ? Z3_mk_fpa_to_fp_signed(ev.z, rounding(ev, a[0]), x, fpSort(ev, w))
                          : Z3_mk_fpa_to_fp_unsigned(ev.z, rounding(ev, a[0]), x, fpSort(ev, w));
      return fpVal(ev, z3::expr(ev.z, r), ev.z.bool_val(true));
    };
  };
  m["fp.from_sint"] = fromInt(true);
  m["fp.from_uint"] = fromInt(false);
  // (fp.convert RM X W): float X to a W-bit float.
  m["fp.convert"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    unsigned w = unsigned(ev.asInt(a[2], "float width"));
    z3::expr r(ev.z, Z3_mk_fpa_to_fp_float(ev.z, rounding(ev, a[0]), toFp(ev, a[1]), fpSort(ev, w)));
    return fpVal(ev, r, canonOf(ev, a[1]));
  };
  // (fp.trunc_fits X BITS SIGNED): trunc(X) is an integer of that range (no NaN, no inf).
  m["fp.trunc_fits"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    return Val::of(truncFits(ev, toFp(ev, a[0]), unsigned(ev.asInt(a[1], "bits")),
                             ev.asBool(a[2], "signed").simplify().is_true()));
  };
  // (fp.to_int X BITS SIGNED): trunc(X) as an integer (only meaningful where it fits).
  m["fp.to_int"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    unsigned bits = unsigned(ev.asInt(a[1], "bits"));
    return Val::of(toInt(ev, toFp(ev, a[0]), bits, ev.asBool(a[2], "signed").simplify().is_true()));
  };
  // ---- IR spellings (ir.rules)
  m["wasm_fmin"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return wasmMinMax(ev, a, false);
  };
  m["wasm_fmax"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return wasmMinMax(ev, a, true);
  };
  m["wasm_trunc_s"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return wasmTrunc(ev, a, true, false);
  };
  m["wasm_trunc_u"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return wasmTrunc(ev, a, false, false);
  };
  m["wasm_trunc_sat_s"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return wasmTrunc(ev, a, true, true);
  };
  m["wasm_trunc_sat_u"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return wasmTrunc(ev, a, false, true);
  };
  auto signOp = [](int mode) {
    return [mode](Evaluator &ev, const SExpr &e, const Args &a) {
      z3::expr x = ev.asBV(a.at(0), "sign operation");
      unsigned w = x.get_sort().bv_size();
      z3::expr sign = z3::shl(ev.bv(1, w), ev.bv(w - 1, w));
      if (mode == 0)
        return Val::of(x & ~sign);
      if (mode == 1)
        return Val::of(x ^ sign);
      arity(e, a, 2);
      return Val::of((x & ~sign) | (ev.asBV(a[1], w, "copysign") & sign));
    };
  };
  m["clear_sign"] = signOp(0);
  m["flip_sign"] = signOp(1);
  m["copysign"] = signOp(2);
  m["floatcc"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    std::string cc = ev.asName(a[0], "floatcc");
    z3::expr x = toFp(ev, a[1]), y = toFp(ev, a[2]);
    if (cc == "eq") return Val::of(z3::expr(ev.z, Z3_mk_fpa_eq(ev.z, x, y)));
    if (cc == "ne") return Val::of(!z3::expr(ev.z, Z3_mk_fpa_eq(ev.z, x, y)));
    if (cc == "lt") return Val::of(z3::expr(ev.z, Z3_mk_fpa_lt(ev.z, x, y)));
    if (cc == "le") return Val::of(z3::expr(ev.z, Z3_mk_fpa_leq(ev.z, x, y)));
    if (cc == "gt") return Val::of(z3::expr(ev.z, Z3_mk_fpa_gt(ev.z, x, y)));
    if (cc == "ge") return Val::of(z3::expr(ev.z, Z3_mk_fpa_geq(ev.z, x, y)));
    throw EvalError{"unknown FloatCC '" + cc + "'"};
  };
  // ((_ to_fp_signed T) RM x), ((_ to_fp_unsigned T) RM x), ((_ to_fp E S) RM x)
  m["_to_fp_signed"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    unsigned w = Evaluator::typeWidth(ev.asName(a[0], "type"));
    Z3_ast r = Z3_mk_fpa_to_fp_signed(ev.z, rounding(ev, a[1]), ev.asBV(a[2], "integer"), fpSort(ev, w));
    return fpVal(ev, z3::expr(ev.z, r), ev.z.bool_val(true));
  };
  m["_to_fp_unsigned"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    unsigned w = Evaluator::typeWidth(ev.asName(a[0], "type"));
    Z3_ast r = Z3_mk_fpa_to_fp_unsigned(ev.z, rounding(ev, a[1]), ev.asBV(a[2], "integer"), fpSort(ev, w));
    return fpVal(ev, z3::expr(ev.z, r), ev.z.bool_val(true));
  };
  m["_to_fp"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 4);
    unsigned w = unsigned(ev.asInt(a[0], "ebits") + ev.asInt(a[1], "sbits"));
    z3::expr r(ev.z, Z3_mk_fpa_to_fp_float(ev.z, rounding(ev, a[2]), toFp(ev, a[3]), fpSort(ev, w)));
    return fpVal(ev, r, canonOf(ev, a[3]));
  };
  m["fp_from_bits"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return a[1];
  };
  m["bits_as"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    if (a[1].k != Val::K::BV)
      throw EvalError{"bits_as of a computed float (its NaN is not one pattern)"};
    return a[1];
  };
}

} // namespace wasmaot::verify
