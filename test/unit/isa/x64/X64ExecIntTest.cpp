// X64ExecIntTest: integer lowering on x86-64, executed. Every binary and unary
// integer operation at i32 and i64 is compiled from IR and run on edge-case and
// random operands against a C++ reference of the IR semantics (docs/ir.md),
// including the exact trap of division; plus comparisons, select, extensions,
// memory accesses of every width with their bounds traps, globals, control flow
// (loops, br_table), calls (recursion, many arguments, several results).
#include "JitHarness.h"

#include <gtest/gtest.h>

#include <bit>
#include <functional>
#include <random>

using namespace wasmaot;
using test::JitModule;

namespace {

std::vector<uint64_t> edgeValues(bool w64) {
  std::vector<uint64_t> v = {0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff};
  if (w64) {
    for (uint64_t x : {0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull, 0x7fffffffffffffffull,
                       0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull})
      v.push_back(x);
  } else {
    for (uint64_t x : {0x7fffffffull, 0x80000000ull, 0xffffffffull, 0xfffffffeull, 0x80000001ull})
      v.push_back(x);
  }
  std::mt19937_64 rng(42);
  for (int i = 0; i < 24; ++i) {
    uint64_t r = rng();
    v.push_back(w64 ? r : r & 0xffffffffu);
  }
  return v;
}

struct BinOp {
  const char *name;
  // Returns nullopt when the operation traps; sets trap.
  std::function<std::optional<uint64_t>(uint64_t, uint64_t, bool, ir::TrapCode &)> ref;
};

uint64_t mask(bool w64) { return w64 ? ~0ull : 0xffffffffull; }
int64_t sx(uint64_t v, bool w64) { return w64 ? int64_t(v) : int64_t(int32_t(uint32_t(v))); }

std::vector<BinOp> binOps() {
  using T = ir::TrapCode;
  return {
      {"iadd", [](uint64_t a, uint64_t b, bool w, T &) { return std::optional((a + b) & mask(w)); }},
      {"isub", [](uint64_t a, uint64_t b, bool w, T &) { return std::optional((a - b) & mask(w)); }},
      {"imul", [](uint64_t a, uint64_t b, bool w, T &) { return std::optional((a * b) & mask(w)); }},
      {"band", [](uint64_t a, uint64_t b, bool, T &) { return std::optional(a & b); }},
      {"bor", [](uint64_t a, uint64_t b, bool, T &) { return std::optional(a | b); }},
      {"bxor", [](uint64_t a, uint64_t b, bool, T &) { return std::optional(a ^ b); }},
      {"ishl", [](uint64_t a, uint64_t b, bool w, T &) { return std::optional((a << (b & (w ? 63 : 31))) & mask(w)); }},
      {"ushr", [](uint64_t a, uint64_t b, bool w, T &) { return std::optional((a & mask(w)) >> (b & (w ? 63 : 31))); }},
      {"sshr",
       [](uint64_t a, uint64_t b, bool w, T &) {
         return std::optional(uint64_t(sx(a, w) >> (b & (w ? 63 : 31))) & mask(w));
       }},
      {"rotl",
       [](uint64_t a, uint64_t b, bool w, T &) {
         return std::optional(w ? std::rotl(a, int(b & 63)) : uint64_t(std::rotl(uint32_t(a), int(b & 31))));
       }},
      {"rotr",
       [](uint64_t a, uint64_t b, bool w, T &) {
         return std::optional(w ? std::rotr(a, int(b & 63)) : uint64_t(std::rotr(uint32_t(a), int(b & 31))));
       }},
      {"udiv",
       [](uint64_t a, uint64_t b, bool w, T &t) -> std::optional<uint64_t> {
         if (b == 0) { t = T::IntDivideByZero; return std::nullopt; }
         return (a / b) & mask(w);
       }},
      {"urem",
       [](uint64_t a, uint64_t b, bool w, T &t) -> std::optional<uint64_t> {
         if (b == 0) { t = T::IntDivideByZero; return std::nullopt; }
         return (a % b) & mask(w);
       }},
      {"sdiv",
       [](uint64_t a, uint64_t b, bool w, T &t) -> std::optional<uint64_t> {
         if (b == 0) { t = T::IntDivideByZero; return std::nullopt; }
         int64_t x = sx(a, w), y = sx(b, w);
         int64_t min = w ? INT64_MIN : INT32_MIN;
         if (x == min && y == -1) { t = T::IntOverflow; return std::nullopt; }
         return uint64_t(x / y) & mask(w);
       }},
      {"srem",
       [](uint64_t a, uint64_t b, bool w, T &t) -> std::optional<uint64_t> {
         if (b == 0) { t = T::IntDivideByZero; return std::nullopt; }
         int64_t x = sx(a, w), y = sx(b, w);
         if (y == -1) return 0;
         return uint64_t(x % y) & mask(w);
       }},
  };
}

// One function per operation: register-register, and with an immediate right operand.
std::string binaryModule(const std::string &op, const char *ty) {
  return std::string("func @rr(") + ty + ", " + ty + ") -> " + ty + " {\nblock0(v0: " + ty + ", v1: " + ty +
         "):\n  v2 = " + op + "." + ty + " v0, v1\n  return v2\n}\n";
}

void checkBinary(const BinOp &op, bool w64) {
  const char *ty = w64 ? "i64" : "i32";
  JitModule rr(binaryModule(op.name, ty));
  ASSERT_EQ(rr.error(), "") << op.name;
  std::vector<uint64_t> vals = edgeValues(w64);
  for (uint64_t a : vals)
    for (uint64_t b : vals) {
      ir::TrapCode want{};
      std::optional<uint64_t> expect = op.ref(a, b, w64, want);
      std::optional<uint64_t> got = rr.call(0, {a, b});
      if (expect) {
        ASSERT_TRUE(got.has_value()) << op.name << "." << ty << " " << a << ", " << b << " trapped";
        ASSERT_EQ(*got, *expect) << op.name << "." << ty << " " << a << ", " << b;
      } else {
        ASSERT_FALSE(got.has_value()) << op.name << "." << ty << " " << a << ", " << b << " did not trap";
        ASSERT_EQ(rr.trapCode(), want) << op.name << "." << ty << " " << a << ", " << b;
      }
    }
  // Immediate forms: the constant as the right operand (and the left one, for the commutative rules).
  for (uint64_t c : {uint64_t(0), uint64_t(1), uint64_t(5), uint64_t(31), uint64_t(32), uint64_t(63), uint64_t(64),
                     uint64_t(127), uint64_t(128), uint64_t(0x7fffffff), uint64_t(0x80000000), uint64_t(0xffffffff),
                     mask(w64), mask(w64) - 1, uint64_t(0x123456789ull) & mask(w64)}) {
    std::string cs = std::to_string(c);
    std::string text = std::string("func @ri(") + ty + ") -> " + ty + " {\nblock0(v0: " + ty + "):\n  v1 = iconst." +
                       ty + " " + cs + "\n  v2 = " + op.name + "." + ty + " v0, v1\n  return v2\n}\n" +
                       "func @ir(" + ty + ") -> " + ty + " {\nblock0(v0: " + ty + "):\n  v1 = iconst." + ty + " " +
                       cs + "\n  v2 = " + op.name + "." + ty + " v1, v0\n  return v2\n}\n";
    JitModule m(text);
    ASSERT_EQ(m.error(), "") << op.name << " " << cs;
    for (uint64_t a : vals) {
      for (int side = 0; side < 2; ++side) {
        uint64_t x = side == 0 ? a : c, y = side == 0 ? c : a;
        ir::TrapCode want{};
        std::optional<uint64_t> expect = op.ref(x, y, w64, want);
        std::optional<uint64_t> got = m.call(uint32_t(side), {a});
        if (expect) {
          ASSERT_TRUE(got.has_value()) << op.name << "." << ty << " " << x << ", " << y << " (imm) trapped";
          ASSERT_EQ(*got, *expect) << op.name << "." << ty << " " << x << ", " << y << " (imm side " << side << ")";
        } else {
          ASSERT_FALSE(got.has_value()) << op.name << "." << ty << " " << x << ", " << y << " (imm)";
          ASSERT_EQ(m.trapCode(), want);
        }
      }
    }
  }
}

} // namespace

TEST(X64ExecInt, BinaryI32) {
  for (const BinOp &op : binOps())
    checkBinary(op, false);
}

TEST(X64ExecInt, BinaryI64) {
  for (const BinOp &op : binOps())
    checkBinary(op, true);
}

TEST(X64ExecInt, BitCountsWithAndWithoutCpuFeatures) {
  for (bool w64 : {false, true}) {
    const char *ty = w64 ? "i64" : "i32";
    for (auto features : {std::vector<std::string>{}, std::vector<std::string>{"lzcnt", "bmi1", "popcnt"}}) {
      std::string text;
      for (const char *op : {"clz", "ctz", "popcnt"})
        text += std::string("func @") + op + "(" + ty + ") -> " + ty + " {\nblock0(v0: " + ty + "):\n  v1 = " + op +
                "." + ty + " v0\n  return v1\n}\n";
      JitModule m(text, features);
      ASSERT_EQ(m.error(), "");
      for (uint64_t a : edgeValues(w64)) {
        unsigned bits = w64 ? 64 : 32;
        uint64_t clz = w64 ? uint64_t(std::countl_zero(a)) : uint64_t(std::countl_zero(uint32_t(a)));
        uint64_t ctz = a == 0 ? bits : uint64_t(std::countr_zero(a));
        uint64_t pop = uint64_t(std::popcount(a));
        EXPECT_EQ(m.call(0, {a}), clz) << ty << " clz " << a << " features " << features.size();
        EXPECT_EQ(m.call(1, {a}), ctz) << ty << " ctz " << a;
        EXPECT_EQ(m.call(2, {a}), pop) << ty << " popcnt " << a;
      }
    }
  }
}

TEST(X64ExecInt, ComparisonsAsValuesBranchesSelectsAndTraps) {
  const char *conds[] = {"eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"};
  for (bool w64 : {false, true}) {
    const char *ty = w64 ? "i64" : "i32";
    std::string text;
    for (const char *c : conds) {
      // value
      text += std::string("func @v_") + c + "(" + ty + ", " + ty + ") -> i32 {\nblock0(v0: " + ty + ", v1: " + ty +
              "):\n  v2 = icmp." + ty + " " + c + " v0, v1\n  return v2\n}\n";
      // branch (the compare folds into the jump)
      text += std::string("func @b_") + c + "(" + ty + ", " + ty + ") -> i32 {\nblock0(v0: " + ty + ", v1: " + ty +
              "):\n  v2 = icmp." + ty + " " + c + " v0, v1\n  brif v2, block1, block2\nblock1:\n  v3 = iconst.i32 "
              "7\n  return v3\nblock2:\n  v4 = iconst.i32 9\n  return v4\n}\n";
      // select (cmov)
      text += std::string("func @s_") + c + "(" + ty + ", " + ty + ") -> " + ty + " {\nblock0(v0: " + ty + ", v1: " +
              ty + "):\n  v2 = icmp." + ty + " " + c + " v0, v1\n  v3 = select." + ty + " v2, v0, v1\n  return v3\n}\n";
      // trap
      text += std::string("func @t_") + c + "(" + ty + ", " + ty + ") -> i32 {\nblock0(v0: " + ty + ", v1: " + ty +
              "):\n  v2 = icmp." + ty + " " + c + " v0, v1\n  trapnz v2, int_overflow\n  v3 = iconst.i32 1\n  return "
              "v3\n}\n";
    }
    JitModule m(text);
    ASSERT_EQ(m.error(), "");
    std::vector<uint64_t> vals = edgeValues(w64);
    vals.resize(20);
    for (unsigned ci = 0; ci < 10; ++ci)
      for (uint64_t a : vals)
        for (uint64_t b : vals) {
          int64_t x = sx(a, w64), y = sx(b, w64);
          bool r = false;
          switch (ci) {
          case 0: r = a == b; break;
          case 1: r = a != b; break;
          case 2: r = x < y; break;
          case 3: r = x <= y; break;
          case 4: r = x > y; break;
          case 5: r = x >= y; break;
          case 6: r = a < b; break;
          case 7: r = a <= b; break;
          case 8: r = a > b; break;
          case 9: r = a >= b; break;
          }
          ASSERT_EQ(m.call(4 * ci, {a, b}), uint64_t(r)) << ty << " " << conds[ci] << " " << a << " " << b;
          ASSERT_EQ(m.call(4 * ci + 1, {a, b}), r ? 7u : 9u) << ty << " brif " << conds[ci];
          ASSERT_EQ(m.call(4 * ci + 2, {a, b}), r ? a : b) << ty << " select " << conds[ci];
          std::optional<uint64_t> t = m.call(4 * ci + 3, {a, b});
          ASSERT_EQ(t.has_value(), !r) << ty << " trapnz " << conds[ci];
          if (r) {
            ASSERT_EQ(m.trapCode(), ir::TrapCode::IntOverflow);
          }
        }
  }
}

TEST(X64ExecInt, ConstantsExtensionsAndI32UpperBitsStayZero) {
  std::string text = R"(
func @k64a() -> i64 {
block0:
  v0 = iconst.i64 -1
  return v0
}
func @k64b() -> i64 {
block0:
  v0 = iconst.i64 0x123456789abcdef0
  return v0
}
func @k64c() -> i64 {
block0:
  v0 = iconst.i64 0xfffffffe
  return v0
}
func @sext(i32) -> i64 {
block0(v0: i32):
  v1 = sext.i64 v0
  return v1
}
func @zext(i32) -> i64 {
block0(v0: i32):
  v1 = iadd.i32 v0, v0
  v2 = zext.i64 v1
  return v2
}
func @wrap(i64) -> i64 {
block0(v0: i64):
  v1 = ireduce.i32 v0
  v2 = zext.i64 v1
  return v2
}
func @s8(i32) -> i32 {
block0(v0: i32):
  v1 = sext_low.i32 v0, 8
  return v1
}
func @s16_64(i64) -> i64 {
block0(v0: i64):
  v1 = sext_low.i64 v0, 16
  return v1
}
func @s32_64(i64) -> i64 {
block0(v0: i64):
  v1 = sext_low.i64 v0, 32
  return v1
}
func @param_upper(i32) -> i64 {
block0(v0: i32):
  v1 = zext.i64 v0
  return v1
}
)";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  EXPECT_EQ(m.call(0, {}), ~0ull);
  EXPECT_EQ(m.call(1, {}), 0x123456789abcdef0ull);
  EXPECT_EQ(m.call(2, {}), 0xfffffffeull);
  EXPECT_EQ(m.call(3, {0x80000000u}), 0xffffffff80000000ull);
  EXPECT_EQ(m.call(3, {5}), 5u);
  EXPECT_EQ(m.call(4, {0x80000001u}), 2u); // i32 wraps before the zero extension
  EXPECT_EQ(m.call(5, {0xaaaaaaaa12345678ull}), 0x12345678u);
  EXPECT_EQ(m.call(6, {0x1ff}), 0xffffffffu);
  EXPECT_EQ(m.call(6, {0x17f}), 0x7fu);
  EXPECT_EQ(m.call(7, {0x8000}), 0xffffffffffff8000ull);
  EXPECT_EQ(m.call(8, {0x1ffffffffull}), ~0ull);
  // A C caller may leave garbage in the upper half of an i32 argument.
  EXPECT_EQ(m.call(9, {0xdeadbeef00000007ull}), 7u);
}

TEST(X64ExecInt, MemoryAccessesOfEveryWidthAndBoundsTraps) {
  std::string text = R"(
memory mem0 i32 min 1
func @store_load(i32, i64) -> i64 {
block0(v0: i32, v1: i64):
  store.i64 v0, v1 mem0 align=1 bounds=check
  v2 = load.i64 v0 mem0 align=1 bounds=check
  return v2
}
func @widths(i32) -> i64 {
block0(v0: i32):
  v1 = load.i32 v0 mem0 s8 align=1 bounds=check
  v2 = load.i32 v0 mem0 u8 align=1 bounds=check
  v3 = load.i64 v0 mem0 s16 offset=2 align=1 bounds=check
  v4 = load.i64 v0 mem0 u32 offset=4 align=1 bounds=check
  v5 = zext.i64 v1
  v6 = zext.i64 v2
  v7 = bxor.i64 v5, v6
  v8 = bxor.i64 v7, v3
  v9 = bxor.i64 v8, v4
  return v9
}
func @narrow_store(i32, i32) {
block0(v0: i32, v1: i32):
  store.i32 v0, v1 mem0 8 offset=100 align=1 bounds=check
  store.i32 v0, v1 mem0 16 offset=200 align=1 bounds=check
  return
}
func @load_at(i32) -> i32 {
block0(v0: i32):
  v1 = load.i32 v0 mem0 offset=16 align=4 bounds=check
  return v1
}
func @big_offset(i32) -> i32 {
block0(v0: i32):
  v1 = load.i32 v0 mem0 offset=4294967295 align=4 bounds=check
  return v1
}
)";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  EXPECT_EQ(m.call(0, {8, 0x1122334455667788ull}), 0x1122334455667788ull);
  EXPECT_EQ(m.call(0, {65528, 42}), 42u);
  EXPECT_FALSE(m.call(0, {65529, 42}).has_value());
  EXPECT_EQ(m.trapCode(), ir::TrapCode::OutOfBoundsMemory);
  EXPECT_FALSE(m.call(0, {0xffffffffu, 42}).has_value()) << "address + 8 wraps at 32 bits but must not";
  auto &mem = m.memory();
  for (int i = 0; i < 16; ++i)
    mem[1000 + i] = uint8_t(0xf0 + i);
  uint64_t s8 = uint64_t(int64_t(int8_t(mem[1000]))) & 0xffffffffu, u8 = mem[1000];
  uint64_t s16 = uint64_t(int64_t(int16_t(uint16_t(mem[1002] | mem[1003] << 8))));
  uint64_t u32 = uint64_t(mem[1004]) | uint64_t(mem[1005]) << 8 | uint64_t(mem[1006]) << 16 | uint64_t(mem[1007]) << 24;
  EXPECT_EQ(m.call(1, {1000}), s8 ^ u8 ^ s16 ^ u32);
  EXPECT_TRUE(m.call(2, {0, 0xabcdef12}).has_value()); // returns nothing
  EXPECT_EQ(mem[100], 0x12);
  EXPECT_EQ(mem[101], 0);
  EXPECT_EQ(mem[200], 0x12);
  EXPECT_EQ(mem[201], 0xef);
  EXPECT_EQ(mem[202], 0);
  mem[65532] = 9;
  EXPECT_EQ(m.call(3, {65516}), 9u);
  EXPECT_FALSE(m.call(3, {65517}).has_value());
  EXPECT_FALSE(m.call(4, {0}).has_value());
  EXPECT_EQ(m.trapCode(), ir::TrapCode::OutOfBoundsMemory);
}

TEST(X64ExecInt, GlobalsLoopsBrTableAndCalls) {
  std::string text = R"(
global global0 i32 mut
global global1 i64 mut
func @fib(i32) -> i32 {
block0(v0: i32):
  v1 = iconst.i32 2
  v2 = icmp.i32 ult v0, v1
  brif v2, block1, block2
block1:
  return v0
block2:
  v3 = iconst.i32 1
  v4 = isub.i32 v0, v3
  v5 = call fn0(v4)
  v6 = isub.i32 v4, v3
  v7 = call fn0(v6)
  v8 = iadd.i32 v5, v7
  return v8
}
func @sum_to(i32) -> i64 {
block0(v0: i32):
  v1 = iconst.i64 0
  v2 = iconst.i32 0
  jump block1(v1, v2)
block1(v3: i64, v4: i32):
  v5 = icmp.i32 uge v4, v0
  brif v5, block3, block2
block2:
  v6 = zext.i64 v4
  v7 = iadd.i64 v3, v6
  v8 = iconst.i32 1
  v9 = iadd.i32 v4, v8
  jump block1(v7, v9)
block3:
  global_set global1, v3
  return v3
}
func @table(i32) -> i32 {
block0(v0: i32):
  br_table v0, [block1, block2, block3], block4
block1:
  v1 = iconst.i32 10
  return v1
block2:
  v2 = iconst.i32 20
  return v2
block3:
  v3 = iconst.i32 30
  return v3
block4:
  v4 = iconst.i32 99
  return v4
}
func @many(i32, i32, i32, i32, i32, i32, i32, i64) -> i64 {
block0(v0: i32, v1: i32, v2: i32, v3: i32, v4: i32, v5: i32, v6: i32, v7: i64):
  v8 = isub.i32 v0, v1
  v9 = isub.i32 v8, v2
  v10 = isub.i32 v9, v3
  v11 = isub.i32 v10, v4
  v12 = isub.i32 v11, v5
  v13 = isub.i32 v12, v6
  v14 = zext.i64 v13
  v15 = imul.i64 v14, v7
  return v15
}
func @call_many(i32) -> i64 {
block0(v0: i32):
  v1 = iconst.i32 1
  v2 = iconst.i64 3
  v3 = call fn3(v0, v1, v1, v1, v1, v1, v1, v2)
  return v3
}
func @pair(i32, i32) -> (i32, i32) {
block0(v0: i32, v1: i32):
  return v1, v0
}
func @use_pair(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2, v3 = call fn5(v0, v1)
  v4 = iconst.i32 16
  v5 = ishl.i32 v2, v4
  v6 = bor.i32 v5, v3
  global_set global0, v6
  v7 = global_get.i32 global0
  return v7
}
func @deep(i32) -> i32 {
block0(v0: i32):
  v1 = iconst.i32 1
  v2 = iadd.i32 v0, v1
  v3 = call fn7(v2)
  return v3
}
)";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  EXPECT_EQ(m.call(0, {20}), 6765u);
  EXPECT_EQ(m.call(1, {100000}), 4999950000ull);
  EXPECT_EQ(m.global(1), 4999950000ull);
  for (uint64_t i : {0, 1, 2, 3, 4, 1000}) {
    uint64_t want = i == 0 ? 10 : i == 1 ? 20 : i == 2 ? 30 : 99;
    EXPECT_EQ(m.call(2, {i}), want) << i;
  }
  EXPECT_EQ(m.call(2, {0xffffffffu}), 99u);
  EXPECT_EQ(m.call(4, {100}), 3u * 94);
  EXPECT_EQ(m.call(6, {0x12, 0x34}), 0x340012u);
  EXPECT_EQ(m.global(0), 0x340012u);
  EXPECT_FALSE(m.call(7, {0}).has_value());
  EXPECT_EQ(m.trapCode(), ir::TrapCode::StackExhausted);
}

// Regressions found by wasmaot-verify (counterexamples): trapz/trapnz of an i64
// tested only the low half, and an explicit check of a 32-bit memory access whose
// IR offset is 2^32 or more missed the wrap of index + offset + size.
TEST(X64ExecInt, TrapOnI64TestsAllBitsAndHugeOffsetsOfI32MemoriesTrap) {
  std::string text = R"(
memory mem0 i32 min 1
func @tz(i64) -> i32 {
block0(v0: i64):
  trapz v0, unreachable
  v1 = iconst.i32 1
  return v1
}
func @tnz(i64) -> i32 {
block0(v0: i64):
  trapnz v0, int_overflow
  v1 = iconst.i32 1
  return v1
}
func @huge(i32) -> i32 {
block0(v0: i32):
  v1 = load.i32 v0 mem0 offset=0xffffffff4af7fffe align=1 bounds=check
  return v1
}
)";
  JitModule m(text);
  ASSERT_EQ(m.error(), "");
  EXPECT_EQ(m.call(0, {0x60645e0900000000ull}), 1u) << "trapz of a non-zero i64 whose low half is 0";
  EXPECT_FALSE(m.call(0, {0}).has_value());
  EXPECT_FALSE(m.call(1, {0x60645e0900000000ull}).has_value()) << "trapnz of a non-zero i64";
  EXPECT_EQ(m.trapCode(), ir::TrapCode::IntOverflow);
  EXPECT_EQ(m.call(1, {0}), 1u);
  EXPECT_FALSE(m.call(2, {0xe887fffeu}).has_value()) << "index + offset wraps past 2^64";
  EXPECT_EQ(m.trapCode(), ir::TrapCode::OutOfBoundsMemory);
  EXPECT_FALSE(m.call(2, {0}).has_value());
}
