// BvBuiltins: bit-vector and boolean operations of the semantics language
// (SMT-LIB names: bvadd ... bvsge, concat, =), concrete integer arithmetic on
// widths, and the counting/rotation/extension helpers IR semantics use.
#include "Eval.h"

#include <algorithm>
#include <optional>

#include <z3_api.h>

namespace wasmaot::verify {

namespace {

using Args = std::vector<Val>;
using rulec::SExpr;

void arity(const SExpr &e, const Args &a, size_t n) {
  if (a.size() != n)
    throw EvalError{"expected " + std::to_string(n) + " arguments in " + rulec::printSExpr(e)};
}

std::optional<z3::expr> mulByConstant(const z3::expr &x, const z3::expr &c);

/// Binary bit-vector operation; two concrete integers are folded by `concrete` when given.
/// `abstractName`: the uninterpreted function standing for it under abstractArith.
Evaluator::Builtin binop(std::function<z3::expr(const z3::expr &, const z3::expr &)> f,
                         std::function<int64_t(int64_t, int64_t)> concrete = nullptr,
                         const char *abstractName = nullptr) {
  return [f, concrete, abstractName](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    Val x = a[0], y = a[1];
    ev.unify(x, y);
    if (x.k == Val::K::Int && y.k == Val::K::Int) {
      if (!concrete)
        throw EvalError{"the width of " + rulec::printSExpr(e) + " is unknown (two untyped integers)"};
      return Val::integer(concrete(x.i, y.i));
    }
    z3::expr p = ev.asBV(x, "operand"), q = ev.asBV(y, "operand");
    if (p.get_sort().bv_size() != q.get_sort().bv_size())
      throw EvalError{"operand widths differ in " + rulec::printSExpr(e)};
    if (std::string(abstractName ? abstractName : "") == "uf_mul") {
      // By a constant: shifts and adds, real in both runs (nothing to abstract).
      if (auto r = mulByConstant(p, q))
        return Val::of(*r);
      if (auto r = mulByConstant(q, p))
        return Val::of(*r);
    }
    if (abstractName && ev.abstractArith && !(p.is_numeral() && q.is_numeral())) {
      unsigned w = p.get_sort().bv_size();
      ++ev.abstractUses;
      z3::func_decl fn = ev.z.function((std::string(abstractName) + std::to_string(w)).c_str(), ev.z.bv_sort(w),
                                       ev.z.bv_sort(w), ev.z.bv_sort(w));
      if (std::string(abstractName) == "uf_mul") // commutative: the function of the sorted pair
        return Val::of(fn(z3::ite(z3::ult(p, q), p, q), z3::ite(z3::ult(p, q), q, p)));
      return Val::of(fn(p, q));
    }
    return Val::of(f(p, q));
  };
}

Evaluator::Builtin unop(std::function<z3::expr(const z3::expr &)> f, std::function<int64_t(int64_t)> concrete) {
  return [f, concrete](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    if (a[0].k == Val::K::Int)
      return Val::integer(concrete(a[0].i));
    return Val::of(f(ev.asBV(a[0], "operand")));
  };
}

/// The number of set bits of x, as a w-bit value: a balanced tree of adds as
/// narrow as the partial counts need (the same number as a chain of w-bit
/// adds, with far fewer gates for the solver).
z3::expr popcount(Evaluator &ev, const z3::expr &x) {
  unsigned w = x.get_sort().bv_size();
  std::vector<z3::expr> level;
  for (unsigned k = 0; k < w; ++k)
    level.push_back(x.extract(k, k));
  while (level.size() > 1) {
    std::vector<z3::expr> up;
    for (size_t k = 0; k + 1 < level.size(); k += 2) {
      unsigned bw = std::max(level[k].get_sort().bv_size(), level[k + 1].get_sort().bv_size()) + 1;
      auto widen = [&](const z3::expr &v) {
        unsigned vw = v.get_sort().bv_size();
        return vw == bw ? v : z3::zext(v, bw - vw);
      };
      up.push_back(widen(level[k]) + widen(level[k + 1])); // cannot overflow: one bit wider
    }
    if (level.size() % 2)
      up.push_back(level.back());
    level = std::move(up);
  }
  z3::expr r = level[0];
  unsigned rw = r.get_sort().bv_size();
  return rw >= w ? r.extract(w - 1, 0) : z3::zext(r, w - rw);
}

/// x * c for a numeral c with few set bits (or few in -c): the sum of the
/// shifted copies of x, the same number modulo 2^w, without a multiplier.
std::optional<z3::expr> mulByConstant(const z3::expr &x, const z3::expr &c) {
  if (!c.is_numeral() || x.is_numeral())
    return std::nullopt;
  unsigned w = x.get_sort().bv_size();
  uint64_t v = 0;
  if (w > 64 || !c.is_numeral_u64(v))
    return std::nullopt;
  const uint64_t mask = w == 64 ? ~0ull : (1ull << w) - 1;
  bool negate = __builtin_popcountll(v) > __builtin_popcountll(-v & mask) + 1;
  uint64_t m = negate ? (-v & mask) : v;
  if (__builtin_popcountll(m) > 12)
    return std::nullopt;
  z3::expr sum = x.ctx().bv_val(0, w);
  for (unsigned k = 0; k < w; ++k)
    if (m >> k & 1)
      sum = sum + (k ? z3::shl(x, x.ctx().bv_val(k, w)) : x);
  return negate ? -sum : sum;
}

z3::expr countLeading(Evaluator &ev, const z3::expr &x) {
  unsigned w = x.get_sort().bv_size();
  z3::expr r = ev.bv(w, w);
  for (unsigned k = 0; k < w; ++k) // the highest set bit wins: build from the lowest up
    r = z3::ite(x.extract(k, k) == ev.bv(1, 1), ev.bv(w - 1 - k, w), r);
  return r;
}

z3::expr countTrailing(Evaluator &ev, const z3::expr &x) {
  unsigned w = x.get_sort().bv_size();
  z3::expr r = ev.bv(w, w);
  for (int k = int(w) - 1; k >= 0; --k)
    r = z3::ite(x.extract(unsigned(k), unsigned(k)) == ev.bv(1, 1), ev.bv(unsigned(k), w), r);
  return r;
}

unsigned targetWidth(Evaluator &ev, const Val &t) {
  if (t.k == Val::K::Int)
    return unsigned(t.i);
  return Evaluator::typeWidth(ev.asName(t, "type"));
}

Val extendTo(Evaluator &ev, const SExpr &e, const Args &a, bool sign) {
  arity(e, a, 2);
  unsigned w = targetWidth(ev, a[0]);
  z3::expr x = ev.asBV(a[1], "extend");
  unsigned n = x.get_sort().bv_size();
  if (n > w)
    throw EvalError{"cannot extend " + std::to_string(n) + " bits to " + std::to_string(w) + " in " +
                    rulec::printSExpr(e)};
  if (n == w)
    return Val::of(x);
  return Val::of(sign ? z3::sext(x, w - n) : z3::zext(x, w - n));
}

Val compare(Evaluator &ev, const Val &a0, const Val &b0) {
  Val a = a0, b = b0;
  ev.unify(a, b);
  if (a.k == Val::K::Int && b.k == Val::K::Int)
    return Val::of(ev.z.bool_val(a.i == b.i));
  if ((a.k == Val::K::Enum || a.k == Val::K::Str) && (b.k == Val::K::Enum || b.k == Val::K::Str))
    return Val::of(ev.z.bool_val(a.name == b.name));
  if (a.k == Val::K::Bool && b.k == Val::K::Bool)
    return Val::of(*a.e == *b.e);
  if (a.k == Val::K::BV && b.k == Val::K::BV) {
    if (a.width() != b.width())
      throw EvalError{"= between " + std::to_string(a.width()) + " and " + std::to_string(b.width()) + " bits"};
    return Val::of(*a.e == *b.e);
  }
  if (a.k == Val::K::Rec && b.k == Val::K::Rec) {
    z3::expr all = ev.z.bool_val(true);
    for (auto &[n, v] : *a.rec) {
      const Val *w = b.field(n);
      if (!w)
        return Val::of(ev.z.bool_val(false));
      all = all && ev.asBool(compare(ev, v, *w), "=");
    }
    return Val::of(all);
  }
  throw EvalError{"= between incomparable values"};
}

} // namespace

void registerBvBuiltins(std::map<std::string, Evaluator::Builtin> &m) {
  m["bvadd"] = binop([](auto &x, auto &y) { return x + y; }, [](int64_t x, int64_t y) { return x + y; });
  m["+"] = m["bvadd"];
  m["bvsub"] = binop([](auto &x, auto &y) { return x - y; }, [](int64_t x, int64_t y) { return x - y; });
  m["-"] = m["bvsub"];
  m["bvmul"] = binop([](auto &x, auto &y) { return x * y; }, [](int64_t x, int64_t y) { return x * y; }, "uf_mul");
  m["*"] = m["bvmul"];
  m["bvudiv"] = binop([](auto &x, auto &y) { return z3::udiv(x, y); }, nullptr, "uf_udiv");
  m["bvurem"] = binop([](auto &x, auto &y) { return z3::urem(x, y); },
                      [](int64_t x, int64_t y) { return y ? int64_t(uint64_t(x) % uint64_t(y)) : x; }, "uf_urem");
  m["bvsdiv"] = binop([](auto &x, auto &y) { return x / y; }, nullptr, "uf_sdiv");
  m["bvsrem"] = binop([](auto &x, auto &y) { return z3::srem(x, y); }, nullptr, "uf_srem");
  m["bvand"] = binop([](auto &x, auto &y) { return x & y; }, [](int64_t x, int64_t y) { return x & y; });
  m["bvor"] = binop([](auto &x, auto &y) { return x | y; }, [](int64_t x, int64_t y) { return x | y; });
  m["bvxor"] = binop([](auto &x, auto &y) { return x ^ y; }, [](int64_t x, int64_t y) { return x ^ y; });
  m["bvshl"] = binop([](auto &x, auto &y) { return z3::shl(x, y); });
  m["bvlshr"] = binop([](auto &x, auto &y) { return z3::lshr(x, y); });
  m["bvashr"] = binop([](auto &x, auto &y) { return z3::ashr(x, y); });
  m["bvnot"] = unop([](auto &x) { return ~x; }, [](int64_t x) { return ~x; });
  m["bvneg"] = unop([](auto &x) { return -x; }, [](int64_t x) { return -x; });
  auto cmp = [](std::function<z3::expr(const z3::expr &, const z3::expr &)> f) {
    return [f](Evaluator &ev, const SExpr &e, const Args &a) {
      arity(e, a, 2);
      Val x = a[0], y = a[1];
      ev.unify(x, y);
      if (x.k == Val::K::Int && y.k == Val::K::Int)
        throw EvalError{"unsized comparison in " + rulec::printSExpr(e)};
      return Val::of(f(ev.asBV(x, "operand"), ev.asBV(y, "operand")));
    };
  };
  m["bvult"] = cmp([](auto &x, auto &y) { return z3::ult(x, y); });
  m["bvule"] = cmp([](auto &x, auto &y) { return z3::ule(x, y); });
  m["bvugt"] = cmp([](auto &x, auto &y) { return z3::ugt(x, y); });
  m["bvuge"] = cmp([](auto &x, auto &y) { return z3::uge(x, y); });
  m["bvslt"] = cmp([](auto &x, auto &y) { return x < y; });
  m["bvsle"] = cmp([](auto &x, auto &y) { return x <= y; });
  m["bvsgt"] = cmp([](auto &x, auto &y) { return x > y; });
  m["bvsge"] = cmp([](auto &x, auto &y) { return x >= y; });
  m["="] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return compare(ev, a[0], a[1]);
  };
  m["distinct"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return Val::of(!ev.asBool(compare(ev, a[0], a[1]), "distinct"));
  };
  m["not"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of((!ev.asBool(a[0], "not")).simplify());
  };
  m["=>"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return Val::of(z3::implies(ev.asBool(a[0], "=>"), ev.asBool(a[1], "=>")));
  };
  m["xor"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return Val::of(ev.asBool(a[0], "xor") != ev.asBool(a[1], "xor"));
  };
  m["concat"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    if (a.empty())
      throw EvalError{"concat of nothing"};
    z3::expr r = ev.asBV(a[0], "concat");
    for (size_t k = 1; k < a.size(); ++k)
      r = z3::concat(r, ev.asBV(a[k], "concat"));
    return Val::of(r);
  };
  // (extract HI LO x) as a plain call, for semantics files that build indices.
  m["extract"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    unsigned hi = unsigned(ev.asInt(a[0], "extract")), lo = unsigned(ev.asInt(a[1], "extract"));
    z3::expr x = ev.asBV(a[2], "extract");
    if (hi >= x.get_sort().bv_size() || lo > hi)
      throw EvalError{"extract out of range in " + rulec::printSExpr(e)};
    return Val::of(x.extract(hi, lo));
  };
  m["zext"] = [](Evaluator &ev, const SExpr &e, const Args &a) { return extendTo(ev, e, a, false); };
  m["sext"] = [](Evaluator &ev, const SExpr &e, const Args &a) { return extendTo(ev, e, a, true); };
  m["zero_extend_to"] = m["zext"];
  m["sign_extend_to"] = m["sext"];
  // (bits N x): the low N bits of x (an Int becomes an N-bit constant).
  m["bits"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    unsigned w = unsigned(ev.asInt(a[0], "bits"));
    if (a[1].k == Val::K::Int)
      return Val::of(ev.bv(uint64_t(a[1].i), w));
    z3::expr x = ev.asBV(a[1], "bits");
    unsigned n = x.get_sort().bv_size();
    if (n == w)
      return Val::of(x);
    if (n > w)
      return Val::of(x.extract(w - 1, 0));
    return Val::of(z3::zext(x, w - n));
  };
  m["width"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    if (a[0].k == Val::K::BV)
      return Val::integer(a[0].width());
    return Val::integer(Evaluator::typeWidth(ev.asName(a[0], "width")));
  };
  m["int_min"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    unsigned w = targetWidth(ev, a[0]);
    return Val::of(z3::shl(ev.bv(1, w), ev.bv(w - 1, w)).simplify());
  };
  m["rotate_left"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    Val x = a[0], n = a[1];
    ev.unify(x, n);
    z3::expr p = ev.asBV(x, "rotate"), q = ev.asBV(n, "rotate");
    return Val::of(z3::expr(ev.z, Z3_mk_ext_rotate_left(ev.z, p, q)));
  };
  m["rotate_right"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    Val x = a[0], n = a[1];
    ev.unify(x, n);
    z3::expr p = ev.asBV(x, "rotate"), q = ev.asBV(n, "rotate");
    return Val::of(z3::expr(ev.z, Z3_mk_ext_rotate_right(ev.z, p, q)));
  };
  m["clz"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(countLeading(ev, ev.asBV(a[0], "clz")));
  };
  m["ctz"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(countTrailing(ev, ev.asBV(a[0], "ctz")));
  };
  m["popcnt"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(popcount(ev, ev.asBV(a[0], "popcnt")));
  };
  // (parity_even x): 1 when the low byte of x has an even number of set bits (x86 PF).
  m["parity_even"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    z3::expr x = ev.asBV(a[0], "parity_even");
    z3::expr p = x.extract(0, 0);
    for (unsigned k = 1; k < 8; ++k)
      p = p ^ x.extract(k, k);
    return Val::of(p == ev.bv(0, 1));
  };
  m["intcc"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    std::string cc = ev.asName(a[0], "intcc");
    Val x = a[1], y = a[2];
    ev.unify(x, y);
    z3::expr p = ev.asBV(x, "intcc"), q = ev.asBV(y, "intcc");
    if (cc == "eq") return Val::of(p == q);
    if (cc == "ne") return Val::of(p != q);
    if (cc == "slt") return Val::of(p < q);
    if (cc == "sle") return Val::of(p <= q);
    if (cc == "sgt") return Val::of(p > q);
    if (cc == "sge") return Val::of(p >= q);
    if (cc == "ult") return Val::of(z3::ult(p, q));
    if (cc == "ule") return Val::of(z3::ule(p, q));
    if (cc == "ugt") return Val::of(z3::ugt(p, q));
    if (cc == "uge") return Val::of(z3::uge(p, q));
    throw EvalError{"unknown IntCC '" + cc + "'"};
  };
  m["assume"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    ev.assumptions.push_back(ev.asBool(a[0], "assume"));
    return Val::unit();
  };
  // Records: (record NAME VALUE ...), (get R NAME), (with R NAME VALUE).
  m["record"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    if (a.size() % 2)
      throw EvalError{"record takes name/value pairs: " + rulec::printSExpr(e)};
    Val r;
    r.k = Val::K::Rec;
    r.rec = std::make_shared<std::vector<std::pair<std::string, Val>>>();
    for (size_t k = 0; k < a.size(); k += 2)
      r.rec->emplace_back(ev.asName(a[k], "record field"), a[k + 1]);
    return r;
  };
  m["get"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    const Val *f = a[0].field(ev.asName(a[1], "field"));
    if (!f)
      throw EvalError{"no field '" + ev.asName(a[1], "field") + "' in " + rulec::printSExpr(e)};
    return *f;
  };
  m["with"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    if (a[0].k != Val::K::Rec)
      throw EvalError{"with: not a record"};
    Val r = a[0];
    r.rec = std::make_shared<std::vector<std::pair<std::string, Val>>>(*a[0].rec);
    std::string n = ev.asName(a[1], "field");
    for (auto &[k, v] : *r.rec)
      if (k == n) {
        v = a[2];
        return r;
      }
    r.rec->emplace_back(n, a[2]);
    return r;
  };
  m["str"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    std::string s;
    for (const Val &v : a)
      s += v.k == Val::K::Int ? std::to_string(v.i) : ev.asName(v, "str");
    return Val::str(s);
  };
  // (apply NAME args...): calls the definition or form whose name was built.
  m["apply"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    if (a.empty())
      throw EvalError{"apply of nothing"};
    return ev.callNamed(ev.asName(a[0], "apply"), Args(a.begin() + 1, a.end()));
  };
  // (fits_i8 x): x (any width) is the sign extension of its low byte.
  m["fits_i8"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    z3::expr x = ev.asBV(a[0], "fits_i8");
    unsigned w = x.get_sort().bv_size();
    return Val::of(z3::sext(x.extract(7, 0), w - 8) == x);
  };
}

} // namespace wasmaot::verify
