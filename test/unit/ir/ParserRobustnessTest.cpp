// Parser robustness: truncations and byte mutations of valid IR must give an error or a module, never a crash.
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"

#include <gtest/gtest.h>

#include <random>

using namespace wasmaot::ir;

namespace {

const char *kSample = R"(sig sig0 (i32) -> i32
memory mem0 i32 min 1
table table0 i32 min 1
global global0 i32 mut
data_segments 1
func @g(i32) -> i32
func @"f x"(i32, f64) -> (i32, f64) {
block0(v0: i32, v1: f64):
  v2 = load.i32 v0 mem0 s8 offset=3 align=1 bounds=check
  v3 = call_indirect sig0, table0, v0(v2)
  br_table v3, [block1(v3)], block2
block1(v4: i32):
  v5 = fconst.f64 0x3ff0000000000000
  return v4, v5
block2:
  trapnz v2, int_overflow
  v6 = call fn0(v2)
  brif v6, block1(v6), block3
block3:
  trap unreachable
}
)";

TEST(IrParser, SampleRoundTrips) {
  Error err;
  auto m = parseModule(kSample, err);
  ASSERT_TRUE(m) << err.str("<sample>");
  std::vector<std::string> errors;
  EXPECT_TRUE(verifyModule(*m, errors)) << (errors.empty() ? "" : errors[0]);
  std::string once = printModule(*m);
  auto again = parseModule(once, err);
  ASSERT_TRUE(again) << err.str("<printed>");
  EXPECT_EQ(printModule(*again), once);
}

TEST(IrParser, MutationsNeverCrash) {
  std::string base = kSample;
  const char alphabet[] = "v0123456789(){}[],:=@\"\\;.-> \nblocktrapmemi32f64";
  std::mt19937 rng(12345);
  for (size_t cut = 0; cut <= base.size(); ++cut) {
    Error err;
    auto m = parseModule(std::string_view(base).substr(0, cut), err);
    if (m) {
      std::vector<std::string> errors;
      verifyModule(*m, errors);
      (void)printModule(*m);
    }
  }
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s = base;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t pos = rng() % s.size();
      switch (rng() % 3) {
      case 0: s[pos] = alphabet[rng() % (sizeof alphabet - 1)]; break;
      case 1: s.erase(pos, 1 + rng() % 3); break;
      case 2: s.insert(pos, 1, alphabet[rng() % (sizeof alphabet - 1)]); break;
      }
      if (s.empty()) s = "x";
    }
    Error err;
    auto m = parseModule(s, err);
    if (m) {
      std::vector<std::string> errors;
      verifyModule(*m, errors);
      (void)printModule(*m);
    } else {
      EXPECT_FALSE(err.message.empty());
      EXPECT_GE(err.line, 1u);
    }
  }
}

} // namespace
