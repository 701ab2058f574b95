// SimplifyTest: protects the simplify pass's driver (passes/Simplify.cpp): rules
// fire on operands already simplified (chains collapse in one walk), a rewrite
// that builds an instruction is simplified again, branch arguments see the
// replacements, trapping instructions are never rewritten, -O1 leaves the IR
// alone, and the report counts hits per rule. The rules themselves are proven by
// wasmaot-verify --isa=mid.
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "passes/Passes.h"

#include <gtest/gtest.h>

#include <string>

using namespace wasmaot;

namespace {

std::string simplified(const char *text, passes::PassReport *report = nullptr, unsigned optLevel = 2) {
  ir::Error err;
  auto m = ir::parseModule(text, err);
  EXPECT_TRUE(m) << err.message;
  if (!m) return "";
  passes::PassOptions options;
  options.optLevel = optLevel;
  passes::PassReport r = passes::runSimplify(*m, options);
  if (report) *report = r;
  std::vector<std::string> errors;
  EXPECT_TRUE(ir::verifyModule(*m, errors)) << (errors.empty() ? "" : errors.front());
  std::string out = ir::printModule(*m);
  return out.substr(out.find("func"));
}

uint64_t hits(const passes::PassReport &r, const std::string &rule) {
  for (auto &[name, n] : r.counts)
    if (name == rule) return n;
  return 0;
}

} // namespace

TEST(Simplify, ChainsCollapseInOneWalk) {
  passes::PassReport r;
  // ((x + 1) + 2) + 3: each outer add sees its operand already rewritten.
  std::string out = simplified(R"(
func @f(i32) -> i32 {
block0(v0: i32):
  v1 = iconst.i32 1
  v2 = iadd.i32 v0, v1
  v3 = iconst.i32 2
  v4 = iadd.i32 v2, v3
  v5 = iconst.i32 3
  v6 = iadd.i32 v4, v5
  return v6
}
)",
                               &r);
  EXPECT_NE(out.find("iconst.i32 6"), std::string::npos) << out;
  EXPECT_EQ(hits(r, "iadd_reassoc"), 2u);
  EXPECT_EQ(r.changed, 2u);
}

TEST(Simplify, NewInstructionIsSimplifiedAgain) {
  passes::PassReport r;
  // (x + 5) + -5 reassociates to x + 0, which is x.
  std::string out = simplified(R"(
func @f(i64) -> i64 {
block0(v0: i64):
  v1 = iconst.i64 5
  v2 = iadd.i64 v0, v1
  v3 = iconst.i64 0xfffffffffffffffb
  v4 = iadd.i64 v2, v3
  return v4
}
)",
                               &r);
  EXPECT_NE(out.find("return v0"), std::string::npos) << out;
  EXPECT_EQ(hits(r, "iadd_reassoc"), 1u);
  EXPECT_EQ(hits(r, "iadd_zero"), 1u);
}

TEST(Simplify, BranchArgumentsSeeReplacements) {
  std::string out = simplified(R"(
func @f(i32) -> i32 {
block0(v0: i32):
  v1 = iconst.i32 0
  v2 = bor.i32 v0, v1
  jump block1(v2)
block1(v3: i32):
  return v3
}
)");
  EXPECT_NE(out.find("jump block1(v0)"), std::string::npos) << out;
}

TEST(Simplify, TrappingInstructionsAreNotRewritten) {
  passes::PassReport r;
  std::string out = simplified(R"(
func @f(i32) -> i32 {
block0(v0: i32):
  v1 = iconst.i32 7
  v2 = iconst.i32 0
  v3 = udiv.i32 v1, v2
  v4 = sdiv.i32 v0, v0
  v5 = iadd.i32 v3, v4
  return v5
}
)",
                               &r);
  EXPECT_NE(out.find("udiv.i32"), std::string::npos) << out;
  EXPECT_NE(out.find("sdiv.i32"), std::string::npos) << out;
  EXPECT_EQ(r.changed, 0u);
}

TEST(Simplify, OnlyAtO2) {
  const char *text = R"(
func @f(i32) -> i32 {
block0(v0: i32):
  v1 = bxor.i32 v0, v0
  return v1
}
)";
  passes::PassReport r;
  EXPECT_NE(simplified(text, &r, 1).find("bxor.i32"), std::string::npos);
  EXPECT_EQ(r.changed, 0u);
  EXPECT_EQ(simplified(text, &r, 2).find("bxor.i32"), std::string::npos);
  EXPECT_EQ(hits(r, "bxor_self"), 1u);
}

TEST(Simplify, EqzOfCompareAndExtensions) {
  std::string out = simplified(R"(
func @f(i32, i32) -> i32 {
block0(v0: i32, v1: i32):
  v2 = icmp.i32 ult v0, v1
  v3 = iconst.i32 0
  v4 = icmp.i32 eq v2, v3
  v5 = zext.i64 v4
  v6 = ireduce.i32 v5
  return v6
}
)");
  EXPECT_NE(out.find("icmp.i32 uge v0, v1"), std::string::npos) << out;
  EXPECT_EQ(out.find("ireduce"), std::string::npos) << out;
}
