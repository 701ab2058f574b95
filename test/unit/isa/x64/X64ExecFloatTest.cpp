// X64ExecFloatTest: floating-point lowering on x86-64, executed. Every float
// operation and conversion at f32 and f64 is compiled from IR and run on edge
// cases (±0, ±inf, NaNs with payloads, denormals, the exact integer-range
// boundaries of every conversion and the values just inside and outside them)
// and random values against a C++ reference of wasm semantics (docs/ir.md),
// comparing exact bits; NaN results must be NaN, arithmetic, and canonical when
// every NaN input is. Trapping conversions must trap with the right code.
// Rounding runs with and without SSE4.1 (the fallback idiom); comparisons run
// as values and folded into brif, select (xmm and gpr) and trapnz.
#include "JitHarness.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>

using namespace wasmaot;
using test::JitModule;

namespace {

// ---- bit-level helpers. A "float value" in this file is its bit pattern in a
// uint64_t (the low 32 bits for f32), so NaN payloads never pass through a
// C++ float conversion.
float f32(uint64_t b) { return std::bit_cast<float>(uint32_t(b)); }
double f64(uint64_t b) { return std::bit_cast<double>(b); }
uint64_t bits(float f) { return std::bit_cast<uint32_t>(f); }
uint64_t bits(double d) { return std::bit_cast<uint64_t>(d); }

struct Fmt {
  bool d64;
  uint64_t signBit() const { return d64 ? 0x8000000000000000ull : 0x80000000ull; }
  uint64_t expMask() const { return d64 ? 0x7ff0000000000000ull : 0x7f800000ull; }
  uint64_t quietBit() const { return d64 ? 0x0008000000000000ull : 0x00400000ull; }
  uint64_t fracMask() const { return d64 ? 0x000fffffffffffffull : 0x007fffffull; }
  uint64_t mask() const { return d64 ? ~0ull : 0xffffffffull; }
  bool isNaN(uint64_t b) const { return (b & expMask()) == expMask() && (b & fracMask()); }
  bool isCanonical(uint64_t b) const { return isNaN(b) && (b & fracMask()) == quietBit(); }
  bool isArithmetic(uint64_t b) const { return isNaN(b) && (b & quietBit()); }
  const char *name() const { return d64 ? "f64" : "f32"; }
};

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
  return buf;
}

/// Checks a NaN result against wasm's rule: canonical if every NaN input is
/// canonical (or the NaN is new), else any arithmetic NaN.
::testing::AssertionResult nanResultOk(const Fmt &f, uint64_t got, std::initializer_list<uint64_t> inputs) {
  if (!f.isNaN(got))
    return ::testing::AssertionFailure() << hex(got) << " is not a NaN";
  bool allCanonical = true;
  for (uint64_t in : inputs)
    if (f.isNaN(in) && !f.isCanonical(in))
      allCanonical = false;
  if (allCanonical && !f.isCanonical(got))
    return ::testing::AssertionFailure() << hex(got) << " is not a canonical NaN";
  if (!f.isArithmetic(got))
    return ::testing::AssertionFailure() << hex(got) << " is not an arithmetic NaN";
  return ::testing::AssertionSuccess();
}

/// promote/demote of a NaN: an arithmetic NaN of the other format, canonical if the input was.
::testing::AssertionResult nanConversionOk(const Fmt &from, uint64_t in, const Fmt &to, uint64_t got) {
  if (!to.isArithmetic(got))
    return ::testing::AssertionFailure() << hex(got) << " is not an arithmetic NaN";
  if (from.isCanonical(in) && !to.isCanonical(got))
    return ::testing::AssertionFailure() << hex(got) << " is not a canonical NaN";
  return ::testing::AssertionSuccess();
}

std::vector<uint64_t> edgeFloats(const Fmt &f, int randomCount = 40) {
  std::vector<uint64_t> v;
  auto add = [&](double x) { v.push_back(f.d64 ? bits(x) : bits(float(x))); };
  for (double x : {0.0, 1.0, 0.5, 1.5, 2.5, 3.5, 0.49999999999999994, 0.7, 1e-3, 3.0, 4.0, 1e10, 123456.789, 1e30,
                   8388607.5, 8388608.0, 8388609.0, 4503599627370495.5, 4503599627370496.0, 2147483647.0,
                   2147483648.0, 4294967295.0, 4294967296.0})
    for (double s : {1.0, -1.0})
      add(s * x);
  for (uint64_t b : f.d64 ? std::vector<uint64_t>{0x0000000000000001ull, 0x000fffffffffffffull, 0x0010000000000000ull,
                                                  0x7fefffffffffffffull, 0x7ff0000000000000ull}
                          : std::vector<uint64_t>{0x00000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0x7f800000}) {
    v.push_back(b);
    v.push_back(b | f.signBit());
  }
  // NaNs: canonical of both signs, quiet and signalling with payloads.
  uint64_t canon = f.expMask() | f.quietBit();
  for (uint64_t b : {canon, canon | f.signBit(), canon | 0x12345, f.expMask() | 1, f.expMask() | 0x5a5a5,
                     f.signBit() | f.expMask() | f.quietBit() | 7})
    v.push_back(b);
  std::mt19937_64 rng(f.d64 ? 64 : 32);
  std::uniform_real_distribution<double> nice(-1000.0, 1000.0);
  std::uniform_int_distribution<int> exponent(-4, 66);
  std::uniform_real_distribution<double> mantissa(1.0, 2.0);
  for (int i = 0; i < randomCount; ++i) {
    if (i % 3 == 0)
      v.push_back(rng() & f.mask());
    else if (i % 3 == 1)
      add(nice(rng));
    else // any magnitude up to 2^67, where the integer conversions' ranges end
      add((rng() & 1 ? -1.0 : 1.0) * std::ldexp(mantissa(rng), exponent(rng)));
  }
  return v;
}

std::string sig(std::initializer_list<const char *> params, const char *ret) {
  std::string s = "(";
  std::string block = "(";
  unsigned n = 0;
  for (const char *p : params) {
    s += std::string(n ? ", " : "") + p;
    block += std::string(n ? ", " : "") + "v" + std::to_string(n) + ": " + p;
    ++n;
  }
  s += ")";
  block += ")";
  return s + " -> " + ret + " {\nblock0" + (n ? block : std::string()) + ":\n";
}

/// Calls function `fn` with float arguments given as bits; returns xmm0 bits (masked) or rax.
std::optional<uint64_t> callF(JitModule &m, uint32_t fn, const std::vector<uint64_t> &floats, bool wantRax,
                              const Fmt &retFmt) {
  auto r = m.callBits(fn, {}, floats);
  if (!r)
    return std::nullopt;
  return wantRax ? r->rax : r->xmm0 & retFmt.mask();
}

// ---- arithmetic

struct FloatBinOp {
  const char *name;
  std::function<double(double, double)> d;
  std::function<float(float, float)> s;
};

double wasmMin(double a, double b) {
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
double wasmMax(double a, double b) {
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
float wasmMinF(float a, float b) {
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
float wasmMaxF(float a, float b) {
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

std::vector<FloatBinOp> floatBinOps() {
  return {
      {"fadd", [](double a, double b) { return a + b; }, [](float a, float b) { return a + b; }},
      {"fsub", [](double a, double b) { return a - b; }, [](float a, float b) { return a - b; }},
      {"fmul", [](double a, double b) { return a * b; }, [](float a, float b) { return a * b; }},
      {"fdiv", [](double a, double b) { return a / b; }, [](float a, float b) { return a / b; }},
      {"fmin", wasmMin, wasmMinF},
      {"fmax", wasmMax, wasmMaxF},
  };
}

} // namespace

TEST(X64ExecFloat, BinaryArithmeticMinMaxExactBits) {
  size_t cases = 0;
  for (bool d64 : {false, true}) {
    Fmt f{d64};
    const char *ty = f.name();
    std::string text;
    for (const FloatBinOp &op : floatBinOps())
      text += std::string("func @") + op.name + sig({ty, ty}, ty) + "  v2 = " + op.name + "." + ty +
              " v0, v1\n  return v2\n}\n";
    JitModule m(text);
    ASSERT_EQ(m.error(), "");
    std::vector<uint64_t> vals = edgeFloats(f);
    const std::vector<FloatBinOp> ops = floatBinOps(); // op refers into it: keep it alive
    for (unsigned k = 0; k < ops.size(); ++k) {
      const FloatBinOp &op = ops[k];
      for (uint64_t a : vals)
        for (uint64_t b : vals) {
          std::optional<uint64_t> got = callF(m, k, {a, b}, false, f);
          ASSERT_TRUE(got.has_value()) << op.name;
          bool nanIn = f.isNaN(a) || f.isNaN(b);
          uint64_t want = d64 ? bits(op.d(f64(a), f64(b))) : bits(op.s(f32(a), f32(b)));
          ++cases;
          if (nanIn || f.isNaN(want))
            ASSERT_TRUE(nanResultOk(f, *got, {a, b})) << op.name << "." << ty << " " << hex(a) << ", " << hex(b);
          else
            ASSERT_EQ(*got, want) << op.name << "." << ty << " " << hex(a) << ", " << hex(b);
        }
    }
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, MinMaxSignedZerosAndNaNOperandOrder) {
  for (bool d64 : {false, true}) {
    Fmt f{d64};
    const char *ty = f.name();
    std::string text = std::string("func @min") + sig({ty, ty}, ty) + "  v2 = fmin." + ty +
                       " v0, v1\n  return v2\n}\nfunc @max" + sig({ty, ty}, ty) + "  v2 = fmax." + ty +
                       " v0, v1\n  return v2\n}\n";
    JitModule m(text);
    ASSERT_EQ(m.error(), "");
    uint64_t pz = 0, nz = f.signBit(), one = d64 ? bits(1.0) : bits(1.0f), nan = f.expMask() | f.quietBit() | 3;
    EXPECT_EQ(callF(m, 0, {pz, nz}, false, f), nz);
    EXPECT_EQ(callF(m, 0, {nz, pz}, false, f), nz);
    EXPECT_EQ(callF(m, 1, {pz, nz}, false, f), pz);
    EXPECT_EQ(callF(m, 1, {nz, pz}, false, f), pz);
    for (uint32_t fn : {0u, 1u}) {
      EXPECT_TRUE(f.isNaN(*callF(m, fn, {nan, one}, false, f)));
      EXPECT_TRUE(f.isNaN(*callF(m, fn, {one, nan}, false, f)));
    }
    // One value as both operands (one register for both uses).
    JitModule same(std::string("func @min") + sig({ty}, ty) + "  v1 = fmin." + ty + " v0, v0\n  return v1\n}\n" +
                   "func @isnan" + sig({ty}, "i32") + "  v1 = fcmp." + ty + " ne v0, v0\n  return v1\n}\n" +
                   "func @eqself" + sig({ty}, "i32") + "  v1 = fcmp." + ty + " eq v0, v0\n  return v1\n}\n");
    ASSERT_EQ(same.error(), "");
    for (uint64_t a : edgeFloats(f)) {
      std::optional<uint64_t> got = callF(same, 0, {a}, false, f);
      if (f.isNaN(a))
        EXPECT_TRUE(nanResultOk(f, *got, {a}));
      else
        EXPECT_EQ(got, a);
      EXPECT_EQ(callF(same, 1, {a}, true, f), uint64_t(f.isNaN(a))) << hex(a);
      EXPECT_EQ(callF(same, 2, {a}, true, f), uint64_t(!f.isNaN(a))) << hex(a);
    }
  }
}

TEST(X64ExecFloat, UnaryOpsRoundingWithAndWithoutSse41) {
  size_t cases = 0;
  const char *ops[] = {"fsqrt", "fceil", "ffloor", "ftrunc", "fnearest", "fabs", "fneg"};
  for (bool d64 : {false, true}) {
    Fmt f{d64};
    const char *ty = f.name();
    std::string text;
    for (const char *op : ops)
      text += std::string("func @") + op + sig({ty}, ty) + "  v1 = " + op + "." + ty + " v0\n  return v1\n}\n";
    for (auto features : {std::vector<std::string>{"sse4.1"}, std::vector<std::string>{}}) {
      JitModule m(text, features);
      ASSERT_EQ(m.error(), "");
      std::vector<uint64_t> vals = edgeFloats(f, 400);
      // Halves and near-integers around the rounding thresholds.
      for (double x : {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, -0.49999997, 1e-40, -1e-40, 4503599627370497.0,
                       -4503599627370497.0, 8388607.0, -8388607.0, 8388607.5, -8388607.5, 2.0000001, -2.0000001})
        vals.push_back(d64 ? bits(x) : bits(float(x)));
      for (unsigned k = 0; k < std::size(ops); ++k)
        for (uint64_t a : vals) {
          std::optional<uint64_t> got = callF(m, k, {a}, false, f);
          ASSERT_TRUE(got.has_value());
          uint64_t want = 0;
          std::string_view op = ops[k];
          if (op == "fabs")
            want = a & ~f.signBit();
          else if (op == "fneg")
            want = a ^ f.signBit();
          else if (d64) {
            double x = f64(a);
            want = bits(op == "fsqrt"   ? std::sqrt(x)
                        : op == "fceil" ? std::ceil(x)
                        : op == "ffloor" ? std::floor(x)
                        : op == "ftrunc" ? std::trunc(x)
                                         : std::nearbyint(x));
          } else {
            float x = f32(a);
            want = bits(op == "fsqrt"   ? std::sqrt(x)
                        : op == "fceil" ? std::ceil(x)
                        : op == "ffloor" ? std::floor(x)
                        : op == "ftrunc" ? std::trunc(x)
                                         : std::nearbyint(x));
          }
          ++cases;
          // Sign operations never touch a NaN's payload; the others follow the NaN rule.
          if (op != "fabs" && op != "fneg" && (f.isNaN(a) || f.isNaN(want)))
            ASSERT_TRUE(nanResultOk(f, *got, {a})) << op << "." << ty << " " << hex(a) << " sse4.1 " << features.size();
          else
            ASSERT_EQ(*got, want) << op << "." << ty << " " << hex(a) << " sse4.1 " << features.size();
        }
    }
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, CopysignKeepsPayloads) {
  size_t cases = 0;
  for (bool d64 : {false, true}) {
    Fmt f{d64};
    const char *ty = f.name();
    JitModule m(std::string("func @c") + sig({ty, ty}, ty) + "  v2 = fcopysign." + ty + " v0, v1\n  return v2\n}\n");
    ASSERT_EQ(m.error(), "");
    std::vector<uint64_t> vals = edgeFloats(f);
    for (uint64_t a : vals)
      for (uint64_t b : vals) {
        ++cases;
        ASSERT_EQ(callF(m, 0, {a, b}, false, f), (a & ~f.signBit()) | (b & f.signBit())) << hex(a) << " " << hex(b);
      }
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, ConstantsByBitPattern) {
  std::vector<uint64_t> k32 = {0, 0x80000000, 0x3f800000, 0x7fc00000, 0xffc00000, 0x7fa00001, 0x7f800000,
                               0x00000001, 0x7f7fffff, 0xc0490fdb};
  std::vector<uint64_t> k64 = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0x7ff8000000000000ull,
                               0x7ff0000000000001ull, 0xfff4000000000abcull, 0x0000000000000001ull,
                               0x400921fb54442d18ull};
  std::string text;
  for (uint64_t k : k32)
    text += "func @k" + sig({}, "f32") + "  v0 = fconst.f32 " + hex(k) + "\n  return v0\n}\n";
  for (uint64_t k : k64)
    text += "func @k" + sig({}, "f64") + "  v0 = fconst.f64 " + hex(k) + "\n  return v0\n}\n";
  // Two constants used together (the pool holds both) and a constant used twice.
  text += "func @two" + sig({"f64"}, "f64") +
          "  v1 = fconst.f64 0x4000000000000000\n  v2 = fconst.f64 0x3ff0000000000000\n  v3 = fmul.f64 v0, v1\n"
          "  v4 = fadd.f64 v3, v2\n  v5 = fadd.f64 v4, v2\n  return v5\n}\n";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  uint32_t fn = 0;
  for (uint64_t k : k32)
    EXPECT_EQ(callF(m, fn++, {}, false, Fmt{false}), k) << hex(k);
  for (uint64_t k : k64)
    EXPECT_EQ(callF(m, fn++, {}, false, Fmt{true}), k) << hex(k);
  EXPECT_EQ(callF(m, fn, {bits(3.25)}, false, Fmt{true}), bits(8.5));
}

// ---- comparisons

namespace {
const char *kFloatConds[] = {"eq", "ne", "lt", "le", "gt", "ge"};
bool fcmpRef(unsigned c, double a, double b) {
  switch (c) {
  case 0: return a == b;
  case 1: return a != b;
  case 2: return a < b;
  case 3: return a <= b;
  case 4: return a > b;
  case 5: return a >= b;
  }
  return false;
}
} // namespace

TEST(X64ExecFloat, ComparisonsAsValuesBranchesSelectsAndTraps) {
  size_t cases = 0;
  for (bool d64 : {false, true}) {
    Fmt f{d64};
    const char *ty = f.name();
    std::string text;
    for (const char *c : kFloatConds) {
      std::string cmp = std::string("  v2 = fcmp.") + ty + " " + c + " v0, v1\n";
      text += std::string("func @v_") + c + sig({ty, ty}, "i32") + cmp + "  return v2\n}\n";
      text += std::string("func @b_") + c + sig({ty, ty}, "i32") + cmp +
              "  brif v2, block1, block2\nblock1:\n  v3 = iconst.i32 7\n  return v3\nblock2:\n  v4 = iconst.i32 9\n"
              "  return v4\n}\n";
      text += std::string("func @s_") + c + sig({ty, ty}, ty) + cmp + "  v3 = select." + ty +
              " v2, v0, v1\n  return v3\n}\n";
      text += std::string("func @si_") + c + sig({ty, ty}, "i64") + cmp +
              "  v3 = iconst.i64 7\n  v4 = iconst.i64 9\n  v5 = select.i64 v2, v3, v4\n  return v5\n}\n";
      text += std::string("func @t_") + c + sig({ty, ty}, "i32") + cmp +
              "  trapnz v2, int_overflow\n  v3 = iconst.i32 1\n  return v3\n}\n";
      // The compare has two uses: it is materialized once and tested (no fold).
      text += std::string("func @m_") + c + sig({ty, ty}, "i32") + cmp +
              "  v3 = select." + ty + " v2, v0, v1\n  v4 = fcmp." + ty + " eq v3, v0\n  v5 = iadd.i32 v2, v4\n"
              "  return v5\n}\n";
    }
    JitModule m(text);
    ASSERT_EQ(m.error(), "");
    std::vector<uint64_t> vals = edgeFloats(f, 10);
    for (unsigned ci = 0; ci < 6; ++ci)
      for (uint64_t a : vals)
        for (uint64_t b : vals) {
          double x = d64 ? f64(a) : double(f32(a)), y = d64 ? f64(b) : double(f32(b));
          bool r = fcmpRef(ci, x, y);
          const unsigned base = 6 * ci;
          ++cases;
          ASSERT_EQ(callF(m, base, {a, b}, true, f), uint64_t(r)) << ty << " " << kFloatConds[ci] << " " << hex(a)
                                                                 << " " << hex(b);
          ASSERT_EQ(callF(m, base + 1, {a, b}, true, f), r ? 7u : 9u) << ty << " brif " << kFloatConds[ci];
          ASSERT_EQ(callF(m, base + 2, {a, b}, false, f), r ? a : b) << ty << " select " << kFloatConds[ci];
          ASSERT_EQ(callF(m, base + 3, {a, b}, true, f), r ? 7u : 9u) << ty << " select.i64 " << kFloatConds[ci];
          std::optional<uint64_t> t = callF(m, base + 4, {a, b}, true, f);
          ASSERT_EQ(t.has_value(), !r) << ty << " trapnz " << kFloatConds[ci];
          if (r) {
            ASSERT_EQ(m.trapCode(), ir::TrapCode::IntOverflow);
          }
          uint64_t sel = r ? a : b;
          bool eq = d64 ? f64(sel) == f64(a) : f32(sel) == f32(a);
          ASSERT_EQ(callF(m, base + 5, {a, b}, true, f), uint64_t(r) + uint64_t(eq)) << ty << " two uses";
        }
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, SelectV128) {
  std::string text = "memory mem0 i32 min 1\nfunc @s" + sig({"i32", "i32"}, "i32") +
                     "  v2 = iconst.i32 0\n  v3 = load.v128 v2 mem0 align=16 bounds=check\n"
                     "  v4 = iconst.i32 16\n  v5 = load.v128 v4 mem0 align=16 bounds=check\n"
                     "  v6 = select.v128 v0, v3, v5\n  v7 = iconst.i32 32\n"
                     "  store.v128 v7, v6 mem0 align=16 bounds=check\n  return v1\n}\n";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  for (int i = 0; i < 32; ++i)
    m.memory()[i] = uint8_t(i + 1);
  for (uint64_t c : {0u, 1u, 0x80000000u}) {
    ASSERT_TRUE(m.call(0, {c, 0}).has_value());
    for (int i = 0; i < 16; ++i)
      ASSERT_EQ(m.memory()[32 + i], uint8_t((c ? 0 : 16) + i + 1)) << c << " byte " << i;
  }
}

// ---- conversions

namespace {

/// Exact truncation and range checks in long double (64-bit significand: every
/// f32/f64 integer value below 2^64 in magnitude is exact).
struct ToIntRef {
  bool trapped = false;
  ir::TrapCode code{};
  uint64_t value = 0;
};

ToIntRef toIntRef(long double x, bool isNaN, bool d64, bool isSigned, bool saturate) {
  ToIntRef r;
  long double lo = isSigned ? -std::ldexp(1.0L, d64 ? 63 : 31) : 0.0L;
  long double hiExcl = std::ldexp(1.0L, (d64 ? 64 : 32) - (isSigned ? 1 : 0));
  if (isNaN) {
    if (saturate)
      return r;
    r.trapped = true;
    r.code = ir::TrapCode::BadConversionToInteger;
    return r;
  }
  long double t = std::trunc(x);
  uint64_t mask = d64 ? ~0ull : 0xffffffffull;
  if (t < lo || t >= hiExcl) {
    if (!saturate) {
      r.trapped = true;
      r.code = ir::TrapCode::IntOverflow;
      return r;
    }
    t = t < lo ? lo : hiExcl - 1;
  }
  if (isSigned)
    r.value = uint64_t(int64_t(t)) & mask;
  else
    r.value = uint64_t(t) & mask;
  return r;
}

std::vector<uint64_t> conversionInputs(const Fmt &f) {
  std::vector<uint64_t> v = edgeFloats(f, 200);
  auto add = [&](long double x) {
    if (f.d64) {
      double d = double(x);
      v.push_back(bits(d));
      v.push_back(bits(std::nextafter(d, std::numeric_limits<double>::infinity())));
      v.push_back(bits(std::nextafter(d, -std::numeric_limits<double>::infinity())));
    } else {
      float s = float(x);
      v.push_back(bits(s));
      v.push_back(bits(std::nextafter(s, std::numeric_limits<float>::infinity())));
      v.push_back(bits(std::nextafter(s, -std::numeric_limits<float>::infinity())));
    }
  };
  // Every integer-range boundary and its neighbours: ±2^31, 2^32, ±2^63, 2^64, ±1, and
  // the f64-only values between integers (e.g. -2147483648.9 converts, -2147483649 does not).
  for (long double x : {0.0L, 1.0L, -1.0L, 0.5L, -0.5L, 0.9999L, -0.9999L, 2147483647.0L, 2147483648.0L,
                        -2147483648.0L, -2147483649.0L, 2147483647.9L, -2147483648.9L, 4294967295.0L,
                        4294967296.0L, 4294967295.9L, 9223372036854775807.0L, 9223372036854775808.0L,
                        -9223372036854775808.0L, 18446744073709551615.0L, 18446744073709551616.0L, 1e20L, -1e20L})
    add(x);
  return v;
}

} // namespace

TEST(X64ExecFloat, FloatToIntTrappingAndSaturatingAtEveryBoundary) {
  size_t cases = 0;
  const char *ops[] = {"fcvt_to_sint", "fcvt_to_uint", "fcvt_to_sint_sat", "fcvt_to_uint_sat"};
  for (bool src64 : {false, true}) {
    Fmt f{src64};
    const char *sty = f.name();
    std::string text;
    for (bool dst64 : {false, true})
      for (const char *op : ops)
        text += std::string("func @") + op + sig({sty}, dst64 ? "i64" : "i32") + "  v1 = " + op + "." +
                (dst64 ? "i64" : "i32") + " v0\n  return v1\n}\n";
    JitModule m(text);
    ASSERT_EQ(m.error(), "");
    for (uint64_t a : conversionInputs(f)) {
      long double x = src64 ? (long double)f64(a) : (long double)f32(a);
      for (unsigned fn = 0; fn < 8; ++fn) {
        bool dst64 = fn >= 4, isSigned = fn % 2 == 0, saturate = fn % 4 >= 2;
        ToIntRef want = toIntRef(x, f.isNaN(a), dst64, isSigned, saturate);
        std::optional<uint64_t> got = callF(m, fn, {a}, true, f);
        ++cases;
        if (want.trapped) {
          ASSERT_FALSE(got.has_value()) << ops[fn % 4] << (dst64 ? ".i64 " : ".i32 ") << sty << " " << hex(a)
                                        << " should trap, got " << (got ? hex(*got) : "");
          ASSERT_EQ(m.trapCode(), want.code) << ops[fn % 4] << " " << sty << " " << hex(a);
        } else {
          ASSERT_TRUE(got.has_value()) << ops[fn % 4] << (dst64 ? ".i64 " : ".i32 ") << sty << " " << hex(a)
                                       << " trapped";
          // The whole of rax: an i32 result is zero-extended.
          ASSERT_EQ(*got, want.value) << ops[fn % 4] << (dst64 ? ".i64 " : ".i32 ") << sty << " " << hex(a);
        }
      }
    }
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, ExactBoundariesNamedInTheSpec) {
  JitModule m("func @s" + sig({"f64"}, "i32") + "  v1 = fcvt_to_sint.i32 v0\n  return v1\n}\n");
  ASSERT_EQ(m.error(), "");
  auto rax = [&](double x) -> std::optional<uint64_t> {
    auto r = m.callBits(0, {}, {bits(x)});
    return r ? std::optional<uint64_t>(r->rax) : std::nullopt;
  };
  EXPECT_EQ(rax(-2147483648.9), 0x80000000u);
  EXPECT_EQ(rax(-2147483649.0), std::nullopt);
  EXPECT_EQ(m.trapCode(), ir::TrapCode::IntOverflow);
  EXPECT_EQ(rax(2147483647.9), 0x7fffffffu);
  EXPECT_EQ(rax(2147483648.0), std::nullopt);
  EXPECT_EQ(m.trapCode(), ir::TrapCode::IntOverflow);
  EXPECT_EQ(rax(std::nan("")), std::nullopt);
  EXPECT_EQ(m.trapCode(), ir::TrapCode::BadConversionToInteger);
}

namespace {
std::vector<uint64_t> edgeInts() {
  std::vector<uint64_t> v = {0, 1, 2, 3, 0x7f, 0xff, 0xffffff, 0x1000000, 0x1000001, 0x1ffffff, 0x7fffffff,
                             0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x100000000ull, 0x20000000000001ull,
                             0x20000000000003ull, 0x7fffffffffffffffull, 0x7ffffffffffffdffull,
                             0x7ffffffffffffe00ull, 0x7ffffffffffffc00ull, 0x8000000000000000ull,
                             0x8000000000000001ull, 0x8000000000000400ull, 0x8000000000000401ull,
                             0x8000008000000000ull, 0x8000008000000001ull, 0xfffffffffffff800ull,
                             0xfffffffffffffc00ull, 0xfffffffffffffbffull, 0xffffff7fffffffffull,
                             0xffffff8000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull};
  size_t n = v.size();
  for (size_t i = 0; i < n; ++i)
    v.push_back(0 - v[i]);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 300; ++i) {
    uint64_t r = rng();
    v.push_back(i % 3 == 0 ? r : i % 3 == 1 ? r >> (r & 63) : r | 0x8000000000000000ull);
  }
  return v;
}
} // namespace

TEST(X64ExecFloat, IntToFloatRoundsToNearestEven) {
  size_t cases = 0;
  std::string text;
  for (const char *ity : {"i32", "i64"})
    for (const char *fty : {"f32", "f64"})
      for (const char *op : {"fcvt_from_sint", "fcvt_from_uint"})
        text += std::string("func @") + op + sig({ity}, fty) + "  v1 = " + op + "." + fty + " v0\n  return v1\n}\n";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  for (uint64_t x : edgeInts()) {
    unsigned fn = 0;
    for (bool i64 : {false, true})
      for (bool d64 : {false, true})
        for (bool isSigned : {true, false}) {
          uint64_t in = i64 ? x : x & 0xffffffffu;
          // The C++ conversions of an exact long double round once, to nearest even.
          long double exact = isSigned ? (long double)(i64 ? int64_t(in) : int64_t(int32_t(uint32_t(in))))
                                       : (long double)in;
          uint64_t want = d64 ? bits(double(exact)) : bits(float(exact));
          auto r = m.callBits(fn, {in}, {});
          ASSERT_TRUE(r.has_value());
          ++cases;
          ASSERT_EQ(r->xmm0 & Fmt{d64}.mask(), want)
              << (isSigned ? "sint " : "uint ") << (i64 ? "i64 " : "i32 ") << (d64 ? "f64 " : "f32 ") << hex(in);
          ++fn;
        }
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, PromoteDemoteAndBitcasts) {
  std::string text = "func @promote" + sig({"f32"}, "f64") + "  v1 = fpromote.f64 v0\n  return v1\n}\n" +
                     "func @demote" + sig({"f64"}, "f32") + "  v1 = fdemote.f32 v0\n  return v1\n}\n" +
                     "func @f2i" + sig({"f32"}, "i32") + "  v1 = bitcast.i32 v0\n  return v1\n}\n" +
                     "func @d2l" + sig({"f64"}, "i64") + "  v1 = bitcast.i64 v0\n  return v1\n}\n" +
                     "func @i2f" + sig({"i32"}, "f32") + "  v1 = bitcast.f32 v0\n  return v1\n}\n" +
                     "func @l2d" + sig({"i64"}, "f64") + "  v1 = bitcast.f64 v0\n  return v1\n}\n" +
                     // i32 from an f32 then used as an address-sized value: must be zero-extended.
                     "func @f2i_zext" + sig({"f32"}, "i64") +
                     "  v1 = bitcast.i32 v0\n  v2 = zext.i64 v1\n  return v2\n}\n";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  size_t cases = 0;
  for (uint64_t a : edgeFloats(Fmt{false}, 300)) {
    float x = f32(a);
    uint64_t got = m.callBits(0, {}, {a})->xmm0;
    if (Fmt{false}.isNaN(a))
      ASSERT_TRUE(nanConversionOk(Fmt{false}, a, Fmt{true}, got)) << "promote " << hex(a) << " -> " << hex(got);
    else
      ASSERT_EQ(got, bits(double(x))) << "promote " << hex(a);
    ASSERT_EQ(m.callBits(2, {}, {a})->rax, a) << "bitcast.i32 " << hex(a);
    ASSERT_EQ(m.callBits(4, {a}, {})->xmm0 & 0xffffffffu, a);
    ASSERT_EQ(m.callBits(6, {}, {a | 0xdead000000000000ull})->rax, a) << "upper half of the i32 must be zero";
    cases += 4;
  }
  for (uint64_t a : edgeFloats(Fmt{true}, 300)) {
    double x = f64(a);
    uint64_t got = m.callBits(1, {}, {a})->xmm0 & 0xffffffffu;
    if (Fmt{true}.isNaN(a))
      ASSERT_TRUE(nanConversionOk(Fmt{true}, a, Fmt{false}, got)) << "demote " << hex(a) << " -> " << hex(got);
    else
      ASSERT_EQ(got, bits(float(x))) << "demote " << hex(a);
    ASSERT_EQ(m.callBits(3, {}, {a})->rax, a);
    ASSERT_EQ(m.callBits(5, {a}, {})->xmm0, a);
    cases += 3;
  }
  RecordProperty("cases", int(cases));
}

TEST(X64ExecFloat, LoopsCallsSpillsAndMixedArguments) {
  // Harmonic sum with an int→float conversion in a loop, a float call with
  // more float arguments than registers, and enough live values to spill.
  std::string text = R"(
func @harmonic(i32) -> f64 {
block0(v0: i32):
  v1 = fconst.f64 0x0000000000000000
  v2 = iconst.i32 1
  jump block1(v1, v2)
block1(v3: f64, v4: i32):
  v5 = icmp.i32 ugt v4, v0
  brif v5, block3, block2
block2:
  v6 = fcvt_from_sint.f64 v4
  v7 = fconst.f64 0x3ff0000000000000
  v8 = fdiv.f64 v7, v6
  v9 = fadd.f64 v3, v8
  v10 = iadd.i32 v4, v2
  jump block1(v9, v10)
block3:
  return v3
}
func @many(f64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> f64 {
block0(v0: f64, v1: f64, v2: f64, v3: f64, v4: f64, v5: f64, v6: f64, v7: f64, v8: f64, v9: f64):
  v10 = fsub.f64 v0, v1
  v11 = fmul.f64 v10, v2
  v12 = fadd.f64 v11, v3
  v13 = fsub.f64 v12, v4
  v14 = fadd.f64 v13, v5
  v15 = fmul.f64 v14, v6
  v16 = fsub.f64 v15, v7
  v17 = fadd.f64 v16, v8
  v18 = fdiv.f64 v17, v9
  return v18
}
func @call_many(f64) -> f64 {
block0(v0: f64):
  v1 = fconst.f64 0x4000000000000000
  v2 = fadd.f64 v0, v1
  v3 = fmul.f64 v2, v1
  v4 = fsub.f64 v3, v0
  v5 = call fn1(v0, v1, v2, v3, v4, v0, v1, v2, v3, v4)
  v6 = fadd.f64 v5, v0
  v7 = fmul.f64 v6, v4
  return v7
}
func @pressure(f32) -> f32 {
block0(v0: f32):
  v1 = fadd.f32 v0, v0
  v2 = fadd.f32 v1, v0
  v3 = fadd.f32 v2, v1
  v4 = fadd.f32 v3, v2
  v5 = fadd.f32 v4, v3
  v6 = fadd.f32 v5, v4
  v7 = fadd.f32 v6, v5
  v8 = fadd.f32 v7, v6
  v9 = fadd.f32 v8, v7
  v10 = fadd.f32 v9, v8
  v11 = fadd.f32 v10, v9
  v12 = fadd.f32 v11, v10
  v13 = fadd.f32 v12, v11
  v14 = fadd.f32 v13, v12
  v15 = fadd.f32 v14, v13
  v16 = fadd.f32 v15, v14
  v17 = fadd.f32 v16, v15
  v18 = fmul.f32 v17, v1
  v19 = fmul.f32 v18, v2
  v20 = fmul.f32 v19, v3
  v21 = fmul.f32 v20, v4
  v22 = fmul.f32 v21, v5
  v23 = fmul.f32 v22, v6
  v24 = fmul.f32 v23, v7
  v25 = fmin.f32 v24, v8
  v26 = fmax.f32 v25, v9
  v27 = fadd.f32 v26, v10
  v28 = fadd.f32 v27, v11
  v29 = fadd.f32 v28, v12
  v30 = fadd.f32 v29, v13
  v31 = fadd.f32 v30, v14
  v32 = fadd.f32 v31, v15
  v33 = fadd.f32 v32, v16
  v34 = fadd.f32 v33, v17
  return v34
}
)";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  double h = 0;
  for (int i = 1; i <= 1000; ++i)
    h += 1.0 / double(i);
  EXPECT_EQ(m.callBits(0, {1000}, {})->xmm0, bits(h));
  auto many = [](double a0, double a1, double a2, double a3, double a4, double a5, double a6, double a7, double a8,
                 double a9) { return (((((((a0 - a1) * a2 + a3) - a4) + a5) * a6 - a7) + a8) / a9); };
  double x = 1.25;
  double two = 2, v2 = x + two, v3 = v2 * two, v4 = v3 - x;
  double want = (many(x, two, v2, v3, v4, x, two, v2, v3, v4) + x) * v4;
  EXPECT_EQ(m.callBits(2, {}, {bits(x)})->xmm0, bits(want));
  float y = 0.375f;
  float v[35];
  v[0] = y;
  v[1] = y + y;
  v[2] = v[1] + y;
  for (int i = 3; i <= 17; ++i)
    v[i] = v[i - 1] + v[i - 2];
  v[18] = v[17] * v[1];
  for (int i = 19; i <= 24; ++i)
    v[i] = v[i - 1] * v[i - 17];
  v[25] = wasmMinF(v[24], v[8]);
  v[26] = wasmMaxF(v[25], v[9]);
  for (int i = 27; i <= 34; ++i)
    v[i] = v[i - 1] + v[i - 17];
  EXPECT_EQ(m.callBits(3, {}, {bits(y)})->xmm0 & 0xffffffffu, bits(v[34]));
}
