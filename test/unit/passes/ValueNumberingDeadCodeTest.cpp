// ValueNumberingDeadCodeTest: protects the mid-end's two cleanups — value
// numbering merges only pure instructions with a dominating twin (commutative
// operands unordered, chains collapsing, never constants, loads or state reads),
// and dead-code removal drops only unused instructions that can neither trap
// nor have an effect, cascading through their operands.
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "passes/Passes.h"

#include <gtest/gtest.h>

#include <string>

using namespace wasmaot;

namespace {

/// The function's text after `pass` (value numbering or dead code).
std::string after(const char *text, passes::PassReport (*pass)(ir::Module &, const passes::PassOptions &),
                  uint64_t *changed = nullptr, unsigned optLevel = 2) {
  ir::Error err;
  auto m = ir::parseModule(text, err);
  EXPECT_TRUE(m) << err.message;
  if (!m) return "";
  passes::PassOptions options;
  options.optLevel = optLevel;
  passes::PassReport r = pass(*m, options);
  if (changed) *changed = r.changed;
  std::vector<std::string> errors;
  EXPECT_TRUE(ir::verifyModule(*m, errors)) << (errors.empty() ? "" : errors.front());
  return ir::printModule(*m);
}

} // namespace

TEST(ValueNumbering, DominatingTwinReplacesPureInstructions) {
  uint64_t changed = 0;
  std::string out = after(R"(
memory mem0 i32 min 1
global global0 i32
func @f(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = iadd.i32 v0, v1
  v3 = iadd.i32 v1, v0
  v4 = imul.i32 v2, v2
  v5 = imul.i32 v3, v3
  v6 = icmp.i32 slt v0, v1
  v7 = icmp.i32 slt v1, v0
  v8 = iconst.i32 7
  v9 = iconst.i32 7
  v10 = load.i32 v0 mem0 align=4 bounds=check
  v11 = load.i32 v0 mem0 align=4 bounds=check
  v12 = global_get.i32 global0
  v13 = global_get.i32 global0
  brif v6, block1, block2
block1:
  v14 = isub.i32 v4, v5
  v15 = isub.i32 v0, v1
  jump block3
block2:
  v16 = isub.i32 v0, v1
  jump block3
block3:
  v17 = isub.i32 v0, v1
  return v17
}
)",
                          passes::runValueNumbering, &changed);
  // The printer renumbers values. Gone: v3 (the commutative twin of v2) and
  // v5 (imul v3, v3 became imul v2, v2, the twin of v4). Kept: slt with swapped
  // operands, constants, loads, global reads, and the isub of block2 and of the
  // join, which no twin dominates (the one in block1 is a sibling).
  EXPECT_EQ(out.substr(out.find("func")), R"(func @f(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = iadd.i32 v0, v1
  v3 = imul.i32 v2, v2
  v4 = icmp.i32 slt v0, v1
  v5 = icmp.i32 slt v1, v0
  v6 = iconst.i32 7
  v7 = iconst.i32 7
  v8 = load.i32 v0 mem0 align=4 bounds=check
  v9 = load.i32 v0 mem0 align=4 bounds=check
  v10 = global_get.i32 global0
  v11 = global_get.i32 global0
  brif v4, block1, block2
block1:
  v12 = isub.i32 v3, v3
  v13 = isub.i32 v0, v1
  jump block3
block2:
  v14 = isub.i32 v0, v1
  jump block3
block3:
  v15 = isub.i32 v0, v1
  return v15
}
)");
  EXPECT_EQ(changed, 2u);
}

TEST(ValueNumbering, OnlyAtO2) {
  uint64_t changed = 1;
  after(R"(
func @f(i32) -> i32 {
block0(v0: i32):
  v1 = iadd.i32 v0, v0
  v2 = iadd.i32 v0, v0
  return v2
}
)",
        passes::runValueNumbering, &changed, 1);
  EXPECT_EQ(changed, 0u);
}

TEST(DeadCode, RemovesUnusedInstructionsThatCannotTrapOrAct) {
  uint64_t changed = 0;
  std::string out = after(R"(
memory mem0 i32 min 1
func @f(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = iadd.i32 v0, v1
  v3 = imul.i32 v2, v2
  v4 = udiv.i32 v0, v1
  v5 = load.i32 v0 mem0 align=4 bounds=check
  v6 = load.i32 v0 mem0 align=4 bounds=none(dominating_check)
  v7 = load.i32 v0 mem0 align=4 bounds=guard
  store.i32 v0, v1 mem0 align=4 bounds=check
  v8 = iconst.i32 3
  v9 = iadd.i32 v0, v8
  jump block1(v9)
block1(v10: i32):
  return v10
}
)",
                          passes::runDeadCode, &changed);
  // Gone: iadd and imul (dead through each other), the proven load. Kept: udiv
  // (may trap), the checked and the guard-region load (may trap or fault), the
  // store, and the iadd a branch passes on.
  EXPECT_EQ(out.substr(out.find("func")), R"(func @f(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = udiv.i32 v0, v1
  v3 = load.i32 v0 mem0 align=4 bounds=check
  v4 = load.i32 v0 mem0 align=4 bounds=guard
  store.i32 v0, v1 mem0 align=4 bounds=check
  v5 = iconst.i32 3
  v6 = iadd.i32 v0, v5
  jump block1(v6)
block1(v7: i32):
  return v7
}
)");
  EXPECT_EQ(changed, 3u);
}
