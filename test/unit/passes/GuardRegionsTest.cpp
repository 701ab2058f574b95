// GuardRegionsTest: which accesses the guard-region pass may turn from explicit
// checks into guard-region accesses — exactly those of 32-bit memories whose
// offset + access size fits the guard, in Guard mode only.
#include "ir/Parser.h"
#include "ir/Verifier.h"
#include "passes/Passes.h"

#include <gtest/gtest.h>

using namespace wasmaot;

namespace {

const char *kModule = R"(
memory mem0 i32 min 1
memory mem1 i64 min 1
func @f(i32, i64) {
block0(v0: i32, v1: i64):
  v2 = load.i32 v0 mem0 align=4 bounds=check
  v3 = load.i64 v0 mem0 offset=65528 align=8 bounds=check
  v4 = load.i64 v0 mem0 offset=65529 align=8 bounds=check
  store.i32 v0, v2 mem0 8 offset=65535 align=1 bounds=check
  store.i32 v0, v2 mem0 16 offset=65535 align=1 bounds=check
  v5 = load.i32 v1 mem1 align=4 bounds=check
  v6 = load.i32 v0 mem0 align=4 bounds=guard
  return
}
)";

std::vector<ir::BoundsCheck> boundsAfter(passes::PassOptions options, uint64_t *changed = nullptr) {
  ir::Error err;
  auto m = ir::parseModule(kModule, err);
  EXPECT_TRUE(m) << err.message;
  passes::PassReport report = passes::runGuardRegions(*m, options);
  if (changed) *changed = report.changed;
  std::vector<std::string> errors;
  EXPECT_TRUE(ir::verifyModule(*m, errors));
  std::vector<ir::BoundsCheck> out;
  for (ir::Inst *i : *m->functions[0]->entry())
    if (i->op == ir::Opcode::Load || i->op == ir::Opcode::Store) out.push_back(i->bounds);
  return out;
}

} // namespace

TEST(GuardRegions, OffsetPlusSizeMustFitTheGuard) {
  passes::PassOptions options;
  options.guardBytes = 65536;
  uint64_t changed = 0;
  auto b = boundsAfter(options, &changed);
  using B = ir::BoundsCheck;
  ASSERT_EQ(b.size(), 7u);
  EXPECT_EQ(b[0], B::Guard);
  EXPECT_EQ(b[1], B::Guard) << "65528 + 8 == guard: the last byte is still inside it";
  EXPECT_EQ(b[2], B::Check) << "65529 + 8 > guard";
  EXPECT_EQ(b[3], B::Guard) << "65535 + 1";
  EXPECT_EQ(b[4], B::Check) << "65535 + 2";
  EXPECT_EQ(b[5], B::Check) << "memory64 keeps its check";
  EXPECT_EQ(b[6], B::Guard);
  EXPECT_EQ(changed, 3u);
}

TEST(GuardRegions, ExplicitModeAndZeroGuardKeepEveryCheck) {
  passes::PassOptions options;
  options.bounds = passes::BoundsMode::Explicit;
  auto b = boundsAfter(options);
  EXPECT_EQ(b[0], ir::BoundsCheck::Check);
  options.bounds = passes::BoundsMode::Guard;
  options.guardBytes = 0;
  b = boundsAfter(options);
  EXPECT_EQ(b[0], ir::BoundsCheck::Check);
  EXPECT_EQ(b[3], ir::BoundsCheck::Check);
}
