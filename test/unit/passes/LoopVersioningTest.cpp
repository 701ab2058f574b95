// LoopVersioningTest: which loops get an unchecked copy and which must not —
// a loop over a pointer parameter (counted with !=, <s, downwards, a pointer
// stepping with the counter, a constant range with a large step), its values
// used after the loop; and left alone: several exits with a value used after
// the loop, an outer loop, a latch condition that is not an induction bound,
// memory64, guard mode, --no-bce and -O0. The run-time behaviour (the test
// before the loop picks the right copy, traps stay where they were) is
// test/lit/passes/loop-versioning.wast.
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "passes/Passes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace wasmaot;

namespace {

passes::PassOptions explicitMode() {
  passes::PassOptions o;
  o.bounds = passes::BoundsMode::Explicit;
  return o;
}

struct Result {
  uint64_t changed = 0;
  unsigned blocks = 0;
  std::vector<ir::BoundsProof> proofs; ///< of every access, in layout order (Unproven: still checked)
  std::string text;
};

Result run(const std::string &text, passes::PassOptions options = explicitMode()) {
  Result r;
  ir::Error err;
  auto m = ir::parseModule(text, err);
  EXPECT_TRUE(m) << err.message;
  if (!m) return r;
  r.changed = passes::runLoopVersioning(*m, options).changed;
  std::vector<std::string> errors;
  EXPECT_TRUE(ir::verifyModule(*m, errors)) << (errors.empty() ? "" : errors.front());
  r.blocks = unsigned(m->functions[0]->blocks().size());
  for (ir::BasicBlock *b : m->functions[0]->blocks())
    for (ir::Inst *i : *b)
      if (i->op == ir::Opcode::Load || i->op == ir::Opcode::Store)
        r.proofs.push_back(i->bounds == ir::BoundsCheck::Check ? ir::BoundsProof::Unproven : i->proof);
  r.text = ir::printModule(*m);
  return r;
}

using P = ir::BoundsProof;

/// sum of a[i] for i in [0, n): the shape clang gives a loop over a pointer and a length.
const char *kSum = R"(
memory mem0 i32 min 1
func @sum(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = iconst.i32 0
  jump block1(v2, v2)
block1(v3: i32, v4: i32):
  v5 = iconst.i32 2
  v6 = ishl.i32 v3, v5
  v7 = iadd.i32 v0, v6
  v8 = load.i32 v7 mem0 align=4 bounds=check
  v9 = iadd.i32 v4, v8
  v10 = iconst.i32 1
  v11 = iadd.i32 v3, v10
  v12 = icmp.i32 CC v11, v1
  brif v12, block1(v11, v9), block2
block2:
  return v9
}
)";

std::string with(std::string text, const std::string &from, const std::string &to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST(LoopVersioning, PointerLoopGetsAnUncheckedCopyAndTheExitAParameter) {
  for (const char *cc : {"ne", "slt", "ult", "sle", "ule"}) {
    Result r = run(with(kSum, "CC", cc));
    EXPECT_EQ(r.changed, 1u) << cc;
    EXPECT_EQ(r.blocks, 4u) << cc;
    ASSERT_EQ(r.proofs.size(), 2u) << cc;
    EXPECT_EQ(r.proofs[0], P::LoopVersioned) << "the copy comes first in the layout";
    EXPECT_EQ(r.proofs[1], P::Unproven) << "the original keeps its check";
    // The test reads the memory's length; v9 leaves both copies through block2's new parameter.
    EXPECT_NE(r.text.find("memory_size.i32 mem0"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("block2(v"), std::string::npos) << r.text;
  }
}

TEST(LoopVersioning, CountingDownAndAPointerSteppingWithTheCounter) {
  // i = n; p = a + 4n - 4; do { *p = i; p -= 4; } while (--i >u 0)
  Result r = run(R"(
memory mem0 i32 min 1
func @f(i32, i32) {
block0(v0: i32, v1: i32):
  v2 = iconst.i32 4
  v3 = imul.i32 v1, v2
  v4 = iadd.i32 v0, v3
  v5 = isub.i32 v4, v2
  jump block1(v1, v5)
block1(v6: i32, v7: i32):
  store.i32 v7, v6 mem0 align=4 bounds=check
  v8 = iconst.i32 1
  v9 = isub.i32 v6, v8
  v10 = iconst.i32 4
  v11 = isub.i32 v7, v10
  v12 = iconst.i32 0
  v13 = icmp.i32 ugt v9, v12
  brif v13, block1(v9, v11), block2
block2:
  return
}
)");
  EXPECT_EQ(r.changed, 1u) << r.text;
  ASSERT_EQ(r.proofs.size(), 2u);
  EXPECT_EQ(r.proofs[0], P::LoopVersioned);
}

TEST(LoopVersioning, TripCounterTestedByBrif) {
  // The nbody shape: n = count; p = a; do { x += *p; p += 80; } while (--n)  (brif on the counter)
  Result r = run(R"(
memory mem0 i32 min 1
func @f(i32, i32) -> f64 {
block0(v0: i32, v1: i32):
  v2 = fconst.f64 0x0000000000000000
  jump block1(v1, v0, v2)
block1(v3: i32, v4: i32, v5: f64):
  v20 = iconst.i32 56
  v6 = isub.i32 v4, v20
  v7 = load.f64 v6 mem0 offset=8 align=8 bounds=check
  v8 = fadd.f64 v5, v7
  v9 = iconst.i32 80
  v10 = iadd.i32 v4, v9
  v11 = iconst.i32 1
  v12 = isub.i32 v3, v11
  brif v12, block1(v12, v10, v8), block2
block2:
  return v8
}
)");
  EXPECT_EQ(r.changed, 1u) << r.text;
  ASSERT_EQ(r.proofs.size(), 2u);
  EXPECT_EQ(r.proofs[0], P::LoopVersioned);
  // Counter in [1, n] (n != 0), so p = a + 80 * (n - counter): the test uses k = -80.
  EXPECT_NE(r.text.find("iconst.i64 -80"), std::string::npos) << r.text;
}

TEST(LoopVersioning, ConstantRangeWithALargeStep) {
  // The matmul shape: j = 0; do { c[j] += ...; j += 24 } while (j != 1920), c a value of an outer loop.
  std::string text = R"(
memory mem0 i32 min 1
func @f(i32) {
block0(v0: i32):
  v1 = iconst.i32 0
  jump block1(v1)
block1(v2: i32):
  v3 = iadd.i32 v2, v0
  v4 = load.f64 v3 mem0 offset=16 align=8 bounds=check
  store.f64 v3, v4 mem0 align=8 bounds=check
  v5 = iconst.i32 24
  v6 = iadd.i32 v2, v5
  v7 = iconst.i32 END
  v8 = icmp.i32 ne v6, v7
  brif v8, block1(v6), block2
block2:
  return
}
)";
  Result r = run(with(text, "END", "1920"));
  EXPECT_EQ(r.changed, 2u) << r.text;
  EXPECT_EQ(r.proofs[0], P::LoopVersioned);
  EXPECT_EQ(r.proofs[1], P::LoopVersioned);
  r = run(with(text, "END", "1921"));
  EXPECT_EQ(r.changed, 0u) << "1921 is not a multiple of 24: j wraps past it";
}

TEST(LoopVersioning, LeavesAloneWhatItCannotRepair) {
  // Two exit blocks and v9 used after the loop: no one block to merge the copies' values.
  Result r = run(R"(
memory mem0 i32 min 1
func @f(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = iconst.i32 0
  jump block1(v2)
block1(v3: i32):
  v7 = iadd.i32 v0, v3
  v9 = load.i32 v7 mem0 align=4 bounds=check
  brif v9, block3, block4
block4:
  v10 = iconst.i32 1
  v11 = iadd.i32 v3, v10
  v12 = icmp.i32 ne v11, v1
  brif v12, block1(v11), block2
block2:
  return v9
block3:
  return v9
}
)");
  EXPECT_EQ(r.changed, 0u) << r.text;

  // The latch condition compares a loaded value, not the counter.
  r = run(with(with(kSum, "icmp.i32 CC v11, v1", "icmp.i32 ne v8, v1"), "CC", "ne"));
  EXPECT_EQ(r.changed, 0u) << r.text;

  // The bound is computed inside the loop.
  r = run(with(with(kSum, "icmp.i32 CC v11, v1", "icmp.i32 ne v11, v9"), "CC", "ne"));
  EXPECT_EQ(r.changed, 0u) << r.text;

  // A counter that counts up tested with >u: not a bound from above.
  r = run(with(kSum, "CC", "ugt"));
  EXPECT_EQ(r.changed, 0u) << r.text;

  // memory64: its checks stay (the pass handles 32-bit memories).
  r = run(with(with(with(kSum, "CC", "ne"), "memory mem0 i32", "memory mem0 i64"), "v7 = iadd.i32 v0, v6",
               "v70 = iadd.i32 v0, v6\n  v7 = zext.i64 v70"));
  EXPECT_EQ(r.changed, 0u) << r.text;
}

TEST(LoopVersioning, OnlyInnermostLoops) {
  Result r = run(R"(
memory mem0 i32 min 1
func @f(i32, i32) {
block0(v0: i32, v1: i32):
  v2 = iconst.i32 0
  jump block1(v2)
block1(v3: i32):
  v4 = iadd.i32 v0, v3
  store.i32 v4, v3 mem0 align=4 bounds=check
  jump block2(v2)
block2(v5: i32):
  v6 = iadd.i32 v4, v5
  store.i32 v6, v5 mem0 8 align=1 bounds=check
  v7 = iconst.i32 1
  v8 = iadd.i32 v5, v7
  v9 = icmp.i32 ne v8, v1
  brif v9, block2(v8), block3
block3:
  v10 = iconst.i32 1
  v11 = iadd.i32 v3, v10
  v12 = icmp.i32 ne v11, v1
  brif v12, block1(v11), block4
block4:
  return
}
)");
  EXPECT_EQ(r.changed, 1u) << r.text;
  ASSERT_EQ(r.proofs.size(), 3u);
  EXPECT_EQ(r.proofs[0], P::Unproven) << "the outer loop's store";
  EXPECT_EQ(r.proofs[1], P::LoopVersioned) << "the inner loop's copy";
  EXPECT_EQ(r.proofs[2], P::Unproven);
}

TEST(LoopVersioning, OnlyWithExplicitChecksAndBce) {
  const std::string text = with(kSum, "CC", "ne");
  passes::PassOptions guard;
  EXPECT_EQ(run(text, guard).changed, 0u);
  passes::PassOptions noBce = explicitMode();
  noBce.eliminateBoundsChecks = false;
  EXPECT_EQ(run(text, noBce).changed, 0u);
  passes::PassOptions o0 = explicitMode();
  o0.optLevel = 0;
  EXPECT_EQ(run(text, o0).changed, 0u);
}
