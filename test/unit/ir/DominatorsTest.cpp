// Dominator tree tests: diamonds, loops, unreachable blocks, and a long chain (no recursion).
#include "ir/Dominators.h"
#include "ir/Parser.h"

#include <gtest/gtest.h>

using namespace wasmaot::ir;

namespace {

std::unique_ptr<Module> parse(const std::string &text) {
  Error err;
  auto m = parseModule(text, err);
  EXPECT_TRUE(m) << err.str("<test>");
  return m;
}

TEST(IrDominators, DiamondAndLoop) {
  auto m = parse(R"(
func @f(i32) {
block0(v0: i32):
  brif v0, block1, block2
block1:
  jump block3
block2:
  jump block3
block3:
  brif v0, block4, block5
block4:
  jump block3
block5:
  return
block6:
  jump block5
}
)");
  ASSERT_TRUE(m);
  const Function &f = *m->functions[0];
  auto B = [&](int i) { return f.blocks()[i]; };
  DominatorTree dom(f);
  EXPECT_EQ(dom.idom(B(0)), nullptr);
  EXPECT_EQ(dom.idom(B(1)), B(0));
  EXPECT_EQ(dom.idom(B(2)), B(0));
  EXPECT_EQ(dom.idom(B(3)), B(0)); // the join of the diamond
  EXPECT_EQ(dom.idom(B(4)), B(3));
  EXPECT_EQ(dom.idom(B(5)), B(3));
  EXPECT_TRUE(dom.dominates(B(0), B(5)));
  EXPECT_TRUE(dom.dominates(B(3), B(4)));
  EXPECT_TRUE(dom.dominates(B(3), B(3)));
  EXPECT_FALSE(dom.dominates(B(1), B(3)));
  EXPECT_FALSE(dom.dominates(B(4), B(5)));
  EXPECT_FALSE(dom.isReachable(B(6)));
  EXPECT_FALSE(dom.dominates(B(6), B(5)));
  EXPECT_EQ(dom.reversePostOrder().size(), 6u);
  EXPECT_EQ(dom.reversePostOrder().front(), B(0));
}

TEST(IrDominators, IrreducibleLoop) {
  auto m = parse(R"(
func @f(i32) {
block0(v0: i32):
  brif v0, block1, block2
block1:
  brif v0, block2, block3
block2:
  brif v0, block1, block3
block3:
  return
}
)");
  ASSERT_TRUE(m);
  const Function &f = *m->functions[0];
  DominatorTree dom(f);
  for (int i = 1; i < 4; ++i) EXPECT_EQ(dom.idom(f.blocks()[i]), f.blocks()[0]) << i;
}

TEST(IrDominators, LongChainDoesNotRecurse) {
  std::string text = "func @f() {\n";
  const int n = 20000;
  for (int i = 0; i < n; ++i)
    text += "block" + std::to_string(i) + ":\n  jump block" + std::to_string(i + 1) + "\n";
  text += "block" + std::to_string(n) + ":\n  return\n}\n";
  auto m = parse(text);
  ASSERT_TRUE(m);
  const Function &f = *m->functions[0];
  DominatorTree dom(f);
  EXPECT_EQ(dom.idom(f.blocks()[n]), f.blocks()[n - 1]);
  EXPECT_TRUE(dom.dominates(f.blocks()[0], f.blocks()[n]));
}

} // namespace
