// BoundsCheckEliminationTest: which explicit checks the pass removes and the
// fact it records — and, as much, which it must keep: a non-dominating access,
// an end past the dominating one, another memory, a constant or loop range that
// reaches past the minimum size, loops whose induction shape is not proven.
#include "ir/Parser.h"
#include "ir/Verifier.h"
#include "passes/Passes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace wasmaot;

namespace {

struct Access {
  ir::BoundsCheck bounds;
  ir::BoundsProof proof;
};

passes::PassOptions explicitMode() {
  passes::PassOptions o;
  o.bounds = passes::BoundsMode::Explicit;
  return o;
}

/// The bounds form of every access of function 0, in block then instruction order.
std::vector<Access> after(const std::string &text, passes::PassOptions options = explicitMode()) {
  ir::Error err;
  auto m = ir::parseModule(text, err);
  EXPECT_TRUE(m) << err.message;
  if (!m) return {};
  // These two passes alone: dead-code removal would drop the unused proven loads.
  passes::runGuardRegions(*m, options);
  passes::runBoundsCheckElimination(*m, options);
  std::vector<std::string> errors;
  EXPECT_TRUE(ir::verifyModule(*m, errors)) << (errors.empty() ? "" : errors.front());
  std::vector<Access> out;
  for (ir::BasicBlock *b : m->functions[0]->blocks())
    for (ir::Inst *i : *b)
      if (i->op == ir::Opcode::Load || i->op == ir::Opcode::Store) out.push_back({i->bounds, i->proof});
  return out;
}

using B = ir::BoundsCheck;
using P = ir::BoundsProof;

bool removed(const Access &a, P why) { return a.bounds == B::None && a.proof == why; }
bool kept(const Access &a) { return a.bounds == B::Check; }

} // namespace

TEST(BoundsCheckElimination, DominatingAccessWithLargerEndCoversSmallerOnes) {
  auto a = after(R"(
memory mem0 i32 min 1
memory mem1 i32 min 1
func @f(i32, i32) {
block0(v0: i32, v9: i32):
  v1 = load.i32 v0 mem0 offset=8 align=4 bounds=check
  v2 = load.i32 v0 mem0 offset=4 align=4 bounds=check
  v3 = load.i64 v0 mem0 offset=8 align=8 bounds=check
  v4 = load.i32 v0 mem0 offset=12 align=4 bounds=check
  v5 = load.i32 v0 mem1 align=4 bounds=check
  store.i32 v0, v1 mem0 8 offset=15 align=1 bounds=check
  v6 = load.i32 v9 mem0 align=4 bounds=check
  return
}
)");
  ASSERT_EQ(a.size(), 7u);
  EXPECT_TRUE(kept(a[0]));
  EXPECT_TRUE(removed(a[1], P::DominatingCheck)) << "end 8 <= 12";
  EXPECT_TRUE(kept(a[2])) << "end 16 > 12";
  EXPECT_TRUE(removed(a[3], P::DominatingCheck)) << "end 16 <= 16 (checked by the i64 load)";
  EXPECT_TRUE(kept(a[4])) << "another memory";
  EXPECT_TRUE(removed(a[5], P::DominatingCheck)) << "a store at end 16";
  EXPECT_TRUE(kept(a[6])) << "another address value";
}

TEST(BoundsCheckElimination, OnlyDominatingBlocksCount) {
  auto a = after(R"(
memory mem0 i32 min 1
func @f(i32, i32) {
block0(v0: i32, v1: i32):
  brif v1, block1, block2
block1:
  v2 = load.i32 v0 mem0 align=4 bounds=check
  jump block3
block2:
  jump block3
block3:
  v3 = load.i32 v0 mem0 align=4 bounds=check
  v4 = load.i32 v0 mem0 align=4 bounds=check
  brif v1, block4, block5
block4:
  v5 = load.i32 v0 mem0 align=4 bounds=check
  return
block5:
  return
}
)");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_TRUE(kept(a[0]));
  EXPECT_TRUE(kept(a[1])) << "block1 does not dominate block3";
  EXPECT_TRUE(removed(a[2], P::DominatingCheck));
  EXPECT_TRUE(removed(a[3], P::DominatingCheck)) << "block3 dominates block4";
}

TEST(BoundsCheckElimination, ConstantAddressUpToTheMinimumSize) {
  auto a = after(R"(
memory mem0 i32 min 1
memory mem1 i64 min 2
func @f() {
block0:
  v0 = iconst.i32 65532
  v1 = load.i32 v0 mem0 align=4 bounds=check
  v2 = load.i32 v0 mem0 offset=1 align=1 bounds=check
  v3 = iconst.i32 -4
  v4 = load.i32 v3 mem0 align=4 bounds=check
  v5 = iconst.i64 131064
  v6 = load.i64 v5 mem1 align=8 bounds=check
  v7 = load.i64 v5 mem1 offset=8 align=8 bounds=check
  return
}
)");
  ASSERT_EQ(a.size(), 5u);
  EXPECT_TRUE(removed(a[0], P::ConstantAddress)) << "65532 + 4 == 65536";
  EXPECT_TRUE(kept(a[1])) << "65533 + 4 > 65536";
  EXPECT_TRUE(kept(a[2])) << "0xfffffffc is an unsigned address";
  EXPECT_TRUE(removed(a[3], P::ConstantAddress)) << "memory64, 2 pages";
  EXPECT_TRUE(kept(a[4]));
}

// The shape clang -O2 gives `for (i = 0; i < 1000; i++) a[i] = ...` over a static
// array: the induction variable steps by the unrolled stride until it equals N.
TEST(BoundsCheckElimination, LoopUntilNotEqual) {
  const char *text = R"(
memory mem0 i32 min 1
func @f() {
block0:
  v0 = iconst.i32 0
  jump block1(v0)
block1(v1: i32):
  v2 = iconst.i32 1024
  v3 = iadd.i32 v1, v2
  store.i32 v3, v1 mem0 align=4 bounds=check
  v4 = iconst.i32 20
  v5 = iadd.i32 v1, v4
  v6 = iconst.i32 LIMIT
  v7 = icmp.i32 ne v5, v6
  brif v7, block1(v5), block2
block2:
  return
}
)";
  auto fits = std::string(text).replace(std::string(text).find("LIMIT"), 5, "4000");
  auto a = after(fits);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(removed(a[0], P::LoopRange)) << "v1 in [0, 3980]: 1024 + 3980 + 4 <= 65536";

  auto past = std::string(text).replace(std::string(text).find("LIMIT"), 5, "64540");
  a = after(past);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(kept(a[0])) << "v1 reaches 64520: 1024 + 64520 + 4 > 65536";

  auto skips = std::string(text).replace(std::string(text).find("LIMIT"), 5, "4010");
  a = after(skips);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(kept(a[0])) << "4010 is not a multiple of 20: v1 wraps past it";
}

// clang's other shape: count a negative index up to zero (brif on the value itself).
TEST(BoundsCheckElimination, NegativeInductionUpToZero) {
  auto a = after(R"(
memory mem0 i32 min 1
func @f() {
block0:
  v0 = iconst.i32 -4000
  jump block1(v0)
block1(v1: i32):
  v2 = iconst.i32 5040
  v3 = iadd.i32 v1, v2
  v4 = load.i32 v3 mem0 align=4 bounds=check
  v5 = iconst.i32 20
  v6 = iadd.i32 v1, v5
  brif v6, block1(v6), block2
block2:
  return
}
)");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(removed(a[0], P::LoopRange)) << "v1 in [-4000, -20]: addresses 1040 .. 5020";
}

TEST(BoundsCheckElimination, LoopWhileLessThan) {
  const char *text = R"(
memory mem0 i32 min 1
func @f() {
block0:
  v0 = iconst.i32 0
  jump block1(v0)
block1(v1: i32):
  v2 = iconst.i32 2
  v3 = ishl.i32 v1, v2
  v4 = load.i32 v3 mem0 offset=16 align=4 bounds=check
  v5 = iconst.i32 1
  v6 = iadd.i32 v1, v5
  v7 = iconst.i32 LIMIT
  v8 = icmp.i32 CC v6, v7
  brif v8, block1(v6), block2
block2:
  return
}
)";
  auto make = [&](const char *cc, const char *limit) {
    std::string s = text;
    s.replace(s.find("LIMIT"), 5, limit);
    s.replace(s.find("CC"), 2, cc);
    return after(s);
  };
  EXPECT_TRUE(removed(make("ult", "16380")[0], P::LoopRange)) << "(16379 << 2) + 16 + 4 == 65536";
  EXPECT_TRUE(kept(make("ult", "16381")[0]));
  EXPECT_TRUE(removed(make("slt", "16380")[0], P::LoopRange));
  EXPECT_TRUE(removed(make("ule", "16379")[0], P::LoopRange));
  EXPECT_TRUE(kept(make("ule", "16380")[0]));
  EXPECT_TRUE(kept(make("ugt", "10")[0])) << "not a bound from above";
  EXPECT_TRUE(removed(make("slt", "-1")[0], P::LoopRange)) << "1 < -1 never holds: v1 is always 0";
  EXPECT_TRUE(kept(make("slt", "2147483647")[0])) << "in range, but the addresses are not";
}

TEST(BoundsCheckElimination, UnprovenInductionShapesKeepTheirChecks) {
  // Two back edges with != : the sequence can step past N.
  auto a = after(R"(
memory mem0 i32 min 1
func @f(i32) {
block0(v9: i32):
  v0 = iconst.i32 0
  jump block1(v0)
block1(v1: i32):
  v4 = load.i32 v1 mem0 align=4 bounds=check
  v5 = iconst.i32 4
  v6 = iadd.i32 v1, v5
  v7 = iconst.i32 400
  v8 = icmp.i32 ne v6, v7
  brif v9, block2, block3
block2:
  brif v8, block1(v6), block4
block3:
  v10 = iconst.i32 8
  v11 = iadd.i32 v1, v10
  v12 = icmp.i32 ne v11, v7
  brif v12, block1(v11), block4
block4:
  return
}
)");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(kept(a[0]));

  // The loop variable also comes from a parameter: its start is unknown.
  a = after(R"(
memory mem0 i32 min 1
func @f(i32) {
block0(v0: i32):
  jump block1(v0)
block1(v1: i32):
  v4 = load.i32 v1 mem0 align=4 bounds=check
  v5 = iconst.i32 4
  v6 = iadd.i32 v1, v5
  v7 = iconst.i32 400
  v8 = icmp.i32 ult v6, v7
  brif v8, block1(v6), block2
block2:
  return
}
)");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(kept(a[0]));
}

TEST(BoundsCheckElimination, OffOrAtO0ChangesNothing) {
  const char *text = R"(
memory mem0 i32 min 1
func @f(i32) {
block0(v0: i32):
  v1 = load.i32 v0 mem0 align=4 bounds=check
  v2 = load.i32 v0 mem0 align=4 bounds=check
  return
}
)";
  passes::PassOptions off = explicitMode();
  off.eliminateBoundsChecks = false;
  auto a = after(text, off);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_TRUE(kept(a[0]));
  EXPECT_TRUE(kept(a[1]));
}

TEST(BoundsCheckElimination, GuardAccessesProveTheirBytesForMemory64Too) {
  // In guard mode a 32-bit access that completed proves its bytes in bounds;
  // memory64 checks are removed by the same facts.
  auto a = after(R"(
memory mem0 i32 min 1
memory mem1 i64 min 1
func @f(i32, i64) {
block0(v0: i32, v1: i64):
  v2 = load.i32 v0 mem0 align=4 bounds=check
  v3 = load.i32 v1 mem1 offset=4 align=4 bounds=check
  v4 = load.i32 v1 mem1 align=4 bounds=check
  return
}
)",
                 passes::PassOptions{});
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].bounds, B::Guard);
  EXPECT_TRUE(kept(a[1]));
  EXPECT_TRUE(removed(a[2], P::DominatingCheck));
}

// clang's pointer arithmetic: p[3] + p[2] + p[1] + p[0] as loads of p + 12, p + 8,
// p + 4 and p. The lowest (p) and the highest (p + 12) keep their checks and
// cover the two between them, whether or not p + c wraps.
TEST(BoundsCheckElimination, BracketingChecksCoverLoadsBetweenLowestAndHighest) {
  const char *text = R"(
memory mem0 i32 min 1
global global0 i32
func @f(i32, i32) -> i32 {
block0(v0: i32, v9: i32):
  v1 = iconst.i32 12
  v2 = iadd.i32 v0, v1
  v3 = load.i32 v2 mem0 align=4 bounds=check
  v4 = iconst.i32 8
  v5 = iadd.i32 v0, v4
  v6 = load.i32 v5 mem0 align=4 bounds=check
  BETWEEN
  v7 = iconst.i32 4
  v8 = iadd.i32 v7, v0
  v10 = load.i32 v8 mem0 align=4 bounds=check
  v11 = load.i32 v0 mem0 align=4 bounds=check
  return v11
}
)";
  auto make = [&](const char *between) {
    std::string s = text;
    s.replace(s.find("BETWEEN"), 7, between);
    return after(s);
  };
  auto a = make("");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_TRUE(kept(a[0])) << "the highest end";
  EXPECT_TRUE(removed(a[1], P::BracketingChecks));
  EXPECT_TRUE(removed(a[2], P::BracketingChecks)) << "iadd with the constant first";
  EXPECT_TRUE(kept(a[3])) << "the lowest";

  a = make("v20 = iadd.i32 v9, v9\n  v21 = global_get.i32 global0");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_TRUE(removed(a[1], P::BracketingChecks)) << "pure instructions and reads do not split the run";

  a = make("store.i32 v9, v9 mem0 align=4 bounds=check");
  ASSERT_EQ(a.size(), 5u);
  for (unsigned k : {0u, 1u, 3u, 4u}) EXPECT_TRUE(kept(a[k])) << "a store splits the run: " << k;

  a = make("v20 = udiv.i32 v9, v9");
  ASSERT_EQ(a.size(), 4u);
  for (unsigned k = 0; k < 4; ++k) EXPECT_TRUE(kept(a[k])) << "a trap of another kind splits the run: " << k;
}

TEST(BoundsCheckElimination, BracketingNeedsTheMembersWithin64KOfTheLowest) {
  auto a = after(R"(
memory mem0 i32 min 1
func @f(i32) -> i32 {
block0(v0: i32):
  v1 = load.i32 v0 mem0 align=4 bounds=check
  v2 = iconst.i32 65535
  v3 = iadd.i32 v0, v2
  v4 = load.i32 v3 mem0 align=4 bounds=check
  v5 = iconst.i32 65536
  v6 = iadd.i32 v0, v5
  v7 = load.i32 v6 mem0 align=4 bounds=check
  v8 = iconst.i32 -4
  v9 = iadd.i32 v0, v8
  v10 = load.i32 v9 mem0 align=4 bounds=check
  v11 = iconst.i32 4
  v12 = iadd.i32 v0, v11
  v13 = load.i32 v12 mem0 align=4 bounds=check
  return v1
}
)");
  ASSERT_EQ(a.size(), 5u);
  // Lowest: v0 - 4; v0 + 65535 is 65539 past it, outside the window, and so is
  // v0 + 65536. In the window the highest end is v0 + 4's: v0 lies between.
  EXPECT_TRUE(removed(a[0], P::BracketingChecks));
  EXPECT_TRUE(kept(a[1]));
  EXPECT_TRUE(kept(a[2]));
  EXPECT_TRUE(kept(a[3]));
  EXPECT_TRUE(kept(a[4]));
}
