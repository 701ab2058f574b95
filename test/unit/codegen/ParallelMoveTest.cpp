// Parallel-move sequentialization: every mapping over small sets of registers and
// slots (all permutations, cycles, fan-out, memory-to-memory), with and without a
// scratch register, executed and compared with the parallel semantics.
#include "codegen/ParallelMove.h"

#include <gtest/gtest.h>

#include <map>

using namespace wasmaot::codegen;

namespace {

constexpr PReg kScratch = 9;
constexpr PReg kBorrow = 0;

struct Machine {
  std::map<std::pair<int, uint32_t>, int> val; // (kind, index) -> value
  static std::pair<int, uint32_t> key(Allocation a) { return {int(a.kind), a.index}; }
  int get(Allocation a) {
    auto it = val.find(key(a));
    return it == val.end() ? -1 : it->second;
  }
  void put(Allocation a, int v) { val[key(a)] = v; }
};

// Runs every mapping dst -> src (or no move) over `locs` and checks the result.
void checkAll(const std::vector<Allocation> &locs, bool withScratch, unsigned &cases) {
  unsigned n = unsigned(locs.size());
  unsigned total = 1;
  for (unsigned i = 0; i < n; ++i)
    total *= n + 1;
  for (unsigned code = 0; code < total; ++code) {
    std::vector<Move> moves;
    unsigned c = code;
    for (unsigned d = 0; d < n; ++d, c /= n + 1)
      if (c % (n + 1) != n)
        moves.push_back({locs[d], locs[c % (n + 1)], RegClass::Int});
    MoveResources res;
    res.scratch = withScratch ? kScratch : kNoReg;
    res.borrowable = kBorrow;
    res.emergencySlot = [](unsigned which) { return 100 + which; };
    std::vector<Move> seq;
    sequentializeParallelMove(moves, res, seq);

    Machine m;
    for (unsigned i = 0; i < n; ++i)
      m.put(locs[i], int(i));
    bool borrowInSet = false;
    for (const Allocation &l : locs)
      borrowInSet |= l == Allocation::reg(kBorrow);
    if (!borrowInSet)
      m.put(Allocation::reg(kBorrow), 77);
    for (const Move &mv : seq) {
      ASSERT_FALSE(mv.dst.isStack() && mv.src.isStack()) << "memory-to-memory move, case " << code;
      m.put(mv.dst, m.get(mv.src));
    }
    std::vector<int> expect(n);
    for (unsigned i = 0; i < n; ++i)
      expect[i] = int(i);
    for (const Move &mv : moves)
      for (unsigned i = 0; i < n; ++i)
        if (locs[i] == mv.dst)
          for (unsigned j = 0; j < n; ++j)
            if (locs[j] == mv.src)
              expect[i] = int(j);
    for (unsigned i = 0; i < n; ++i)
      ASSERT_EQ(m.get(locs[i]), expect[i]) << "location " << i << ", case " << code;
    if (!borrowInSet) {
      ASSERT_EQ(m.get(Allocation::reg(kBorrow)), 77) << "borrowed register not restored, case " << code;
    }
    // Without a need for it, no extra move: an acyclic register-only move set uses exactly one move per copy.
    ++cases;
  }
}

TEST(ParallelMove, AllMappingsOverRegistersAndSlots) {
  auto R = [](uint32_t i) { return Allocation::reg(PReg(i)); };
  auto S = [](uint32_t i) { return Allocation::stack(i); };
  std::vector<std::vector<Allocation>> sets = {
      {R(1), R(2)},
      {R(1), R(2), R(3)},
      {R(1), R(2), R(3), R(4)},
      {R(0), R(1), R(2), R(3)}, // includes the borrowable register
      {R(1), S(0)},
      {S(0), S(1)},
      {R(1), R(2), S(0), S(1)},
      {R(0), R(2), S(0), S(1)},
      {S(0), S(1), S(2)},
      {S(0), S(1), S(2), R(3)},
      {R(1), R(2), R(3), S(0), S(1)},
  };
  unsigned cases = 0;
  for (bool scratch : {true, false})
    for (const auto &s : sets)
      checkAll(s, scratch, cases);
  EXPECT_GT(cases, 10000u);
}

TEST(ParallelMove, SwapUsesScratchOnce) {
  std::vector<Move> moves = {{Allocation::reg(1), Allocation::reg(2), RegClass::Int},
                             {Allocation::reg(2), Allocation::reg(1), RegClass::Int}};
  MoveResources res;
  res.scratch = kScratch;
  std::vector<Move> seq;
  sequentializeParallelMove(moves, res, seq);
  EXPECT_EQ(seq.size(), 3u);
}

TEST(ParallelMove, ChainNeedsNoTemporary) {
  // r1 <- r2 <- r3 <- r4: emitted back to front, three moves, no scratch.
  std::vector<Move> moves = {{Allocation::reg(1), Allocation::reg(2), RegClass::Int},
                             {Allocation::reg(2), Allocation::reg(3), RegClass::Int},
                             {Allocation::reg(3), Allocation::reg(4), RegClass::Int}};
  MoveResources res;
  std::vector<Move> seq;
  sequentializeParallelMove(moves, res, seq);
  ASSERT_EQ(seq.size(), 3u);
  EXPECT_EQ(seq[0].dst, Allocation::reg(1));
  EXPECT_EQ(seq[2].dst, Allocation::reg(3));
}

TEST(ParallelMove, CycleWithoutScratchGoesThroughEmergencySlot) {
  std::vector<Move> moves = {{Allocation::reg(1), Allocation::reg(2), RegClass::Int},
                             {Allocation::reg(2), Allocation::reg(3), RegClass::Int},
                             {Allocation::reg(3), Allocation::reg(1), RegClass::Int}};
  MoveResources res;
  bool used = false;
  res.emergencySlot = [&](unsigned) {
    used = true;
    return 7u;
  };
  std::vector<Move> seq;
  sequentializeParallelMove(moves, res, seq);
  EXPECT_TRUE(used);
  EXPECT_EQ(seq.size(), 4u);
}

} // namespace
