// Register allocation, proven by the checker: hand-written cases for each
// constraint kind (pressure, loops, fixed registers, tied operands, calls,
// edge-copy cycles, safepoints) and a few thousand random machine functions on a
// 4+2-register target (with and without scratch registers) and an x86-64-like one.
#include "codegen/RegAlloc.h"
#include "codegen/RegAllocChecker.h"
#include "TestTargets.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

using namespace wasmaot::codegen;

namespace {

enum Op : uint32_t { kArgs = 1, kAdd, kCall, kDiv, kRet, kJump, kBr, kCmp };

RegAllocResult allocAndCheck(MachFunction &f, const TargetDesc &t) {
  f.computeCfg();
  std::string v = f.verify(t);
  EXPECT_EQ(v, "") << f.print(t);
  RegAllocResult r = allocateRegisters(f, t);
  EXPECT_EQ(r.error, "");
  std::string c = checkAllocation(f, t, r);
  EXPECT_EQ(c, "") << f.print(t) << "\n" << printAllocated(f, t, r);
  return r;
}

TEST(RegAlloc, HighPressureSpills) {
  TargetDesc t = test::fakeTarget();
  MachFunction f;
  BlockId b = f.newBlock();
  std::vector<VReg> vs;
  for (int i = 0; i < 12; ++i) {
    vs.push_back(f.newVReg(RegClass::Int));
    f.append(b, kArgs, {Operand::def(vs.back())});
  }
  VReg acc = vs[0];
  for (int i = 1; i < 12; ++i) {
    VReg s = f.newVReg(RegClass::Int);
    f.append(b, kAdd, {Operand::def(s), Operand::use(acc), Operand::use(vs[12 - i])});
    acc = s;
  }
  f.appendBranch(b, kRet, {Operand::useFixed(acc, t.find("r0"))}, {});
  RegAllocResult r = allocAndCheck(f, t);
  EXPECT_GT(r.stats.spilledVRegs, 0u);
  EXPECT_GT(r.stats.reloads, 0u);
}

// entry(a, b, k) -> head(x, y): c = x cmp k; br c -> back, exit; back: jump head(y, x)
// (a swap of the loop parameters: a parallel-copy cycle on the back edge);
// exit returns x + y, or k + k when !exitReadsParams, and reads k.
struct SwapLoop {
  BlockId head, back;
};
SwapLoop buildSwapLoop(MachFunction &f, const TargetDesc &t, bool exitReadsParams) {
  BlockId entry = f.newBlock(), head = f.newBlock(), back = f.newBlock(), exit = f.newBlock();
  VReg a = f.newVReg(RegClass::Int), b = f.newVReg(RegClass::Int), k = f.newVReg(RegClass::Int);
  f.append(entry, kArgs, {Operand::def(a), Operand::def(b), Operand::def(k)});
  f.appendBranch(entry, kJump, {}, {{head, {a, b}}});
  VReg x = f.newVReg(RegClass::Int), y = f.newVReg(RegClass::Int);
  f.addBlockParam(head, x);
  f.addBlockParam(head, y);
  VReg c = f.newVReg(RegClass::Int);
  f.append(head, kCmp, {Operand::def(c), Operand::use(x), Operand::use(k)});
  f.appendBranch(head, kBr, {Operand::use(c)}, {{back, {}}, {exit, {}}});
  f.appendBranch(back, kJump, {}, {{head, {y, x}}});
  VReg s = f.newVReg(RegClass::Int);
  if (exitReadsParams)
    f.append(exit, kAdd, {Operand::def(s), Operand::use(x), Operand::use(y)});
  else
    f.append(exit, kAdd, {Operand::def(s), Operand::use(k), Operand::use(k)});
  f.appendBranch(exit, kRet, {Operand::useFixed(s, t.allocatable[0][0]), Operand::use(k)}, {});
  return {head, back};
}

TEST(RegAlloc, LoopCarriedValuesAndSwappedParams) {
  for (const TargetDesc &t : {test::fakeTarget(), test::fakeTarget(false), test::x64LikeTarget()}) {
    MachFunction f;
    buildSwapLoop(f, t, /*exitReadsParams=*/true);
    allocAndCheck(f, t);
  }
}

// The back edge's moves (a swap, which no register choice avoids) go into the latch
// before its branch when the exit reads none of the locations they write: the
// forwarding block is left with its jump alone, which the emitters skip.
TEST(RegAlloc, BackEdgeMovesGoBeforeTheLatchBranch) {
  for (const TargetDesc &t : {test::fakeTarget(), test::fakeTarget(false), test::x64LikeTarget()}) {
    for (bool exitReadsParams : {false, true}) {
      MachFunction f;
      SwapLoop loop = buildSwapLoop(f, t, exitReadsParams);
      RegAllocResult r = allocAndCheck(f, t);
      if (exitReadsParams) { // the swap's destinations are live at the exit: the moves stay
        EXPECT_EQ(r.stats.hoistedBackEdges, 0u);
        EXPECT_GT(r.code[loop.back].size(), 1u) << printAllocated(f, t, r);
      } else {
        EXPECT_EQ(r.stats.hoistedBackEdges, 1u);
        ASSERT_EQ(r.code[loop.back].size(), 1u) << printAllocated(f, t, r);
        EXPECT_EQ(r.code[loop.back][0].kind, RegAllocItem::Kind::Inst);
        EXPECT_EQ(r.code[loop.head].back().kind, RegAllocItem::Kind::Inst); // the branch stays last
      }
    }
  }
}

TEST(RegAlloc, FixedRegisterConflicts) {
  TargetDesc t = test::x64LikeTarget();
  PReg rax = t.find("rax"), rdx = t.find("rdx"), rcx = t.find("rcx");
  MachFunction f;
  BlockId b = f.newBlock();
  VReg p = f.newVReg(RegClass::Int), q = f.newVReg(RegClass::Int), z = f.newVReg(RegClass::Int);
  // Arguments arrive in rdi, rsi, rdx; rdx is also needed by the division below.
  f.append(b, kArgs, {Operand::defFixed(p, t.find("rdi")), Operand::defFixed(q, t.find("rsi")),
                      Operand::defFixed(z, rdx)});
  VReg hi = f.newVReg(RegClass::Int), quo = f.newVReg(RegClass::Int), rem = f.newVReg(RegClass::Int);
  f.append(b, kArgs, {Operand::def(hi)});
  f.append(b, kDiv, {Operand::useFixed(p, rax), Operand::useFixed(hi, rdx), Operand::use(q),
                     Operand::defFixed(quo, rax), Operand::defFixed(rem, rdx)});
  // Shift: the count must be in rcx, and the shifted value is q (two-address).
  VReg sh = f.newVReg(RegClass::Int);
  f.append(b, kAdd, {Operand::use(quo), Operand::useFixed(rem, rcx), Operand::defReuse(sh, 0)});
  VReg t1 = f.newVReg(RegClass::Int);
  f.append(b, kAdd, {Operand::def(t1), Operand::use(sh), Operand::use(z), Operand::use(p), Operand::use(quo)});
  f.appendBranch(b, kRet, {Operand::useFixed(t1, rax)}, {});
  RegAllocResult r = allocAndCheck(f, t);
  EXPECT_EQ(r.alloc(f, 2, 0), Allocation::reg(rax));
  EXPECT_EQ(r.alloc(f, 2, 4), Allocation::reg(rdx));
  EXPECT_EQ(r.alloc(f, 3, 2), r.alloc(f, 3, 0));
}

TEST(RegAlloc, TiedOperandsAndEarlyClobber) {
  for (const TargetDesc &t : {test::fakeTarget(), test::x64LikeTarget()}) {
    MachFunction f;
    BlockId b = f.newBlock();
    VReg a = f.newVReg(RegClass::Int), c = f.newVReg(RegClass::Int);
    f.append(b, kArgs, {Operand::def(a), Operand::def(c)});
    VReg d = f.newVReg(RegClass::Int), e = f.newVReg(RegClass::Int);
    // d = a + c, two-address; a stays live, so the allocator must copy it.
    f.append(b, kAdd, {Operand::use(a), Operand::use(c), Operand::defReuse(d, 0)});
    // e = c op d, with an early-clobber result.
    f.append(b, kAdd, {Operand::use(c), Operand::use(d), Operand::defEarly(e)});
    VReg g = f.newVReg(RegClass::Int);
    f.append(b, kAdd, {Operand::use(e), Operand::use(a), Operand::defReuse(g, 0)});
    f.appendBranch(b, kRet, {Operand::use(g), Operand::use(a)}, {});
    RegAllocResult r = allocAndCheck(f, t);
    EXPECT_NE(r.alloc(f, 2, 2), r.alloc(f, 2, 0));
    EXPECT_NE(r.alloc(f, 2, 2), r.alloc(f, 2, 1));
  }
}

TEST(RegAlloc, CallsClobberCallerSavedRegisters) {
  TargetDesc t = test::x64LikeTarget();
  MachFunction f;
  BlockId b = f.newBlock();
  std::vector<VReg> live;
  for (int i = 0; i < 4; ++i) {
    live.push_back(f.newVReg(RegClass::Int));
    f.append(b, kArgs, {Operand::def(live.back())});
  }
  VReg fl = f.newVReg(RegClass::Float);
  f.append(b, kArgs, {Operand::def(fl)});
  VReg ret = f.newVReg(RegClass::Int);
  InstId call = f.append(b, kCall, {Operand::useFixed(live[0], t.find("rdi")), Operand::defFixed(ret, t.find("rax"))});
  f.setClobbers(call, t.callerSaved());
  VReg s = f.newVReg(RegClass::Int);
  f.append(b, kAdd, {Operand::def(s), Operand::use(live[0]), Operand::use(live[1]), Operand::use(live[2]),
                     Operand::use(live[3]), Operand::use(ret), Operand::useAny(fl)});
  f.appendBranch(b, kRet, {Operand::useFixed(s, t.find("rax"))}, {});
  RegAllocResult r = allocAndCheck(f, t);
  // Four ints live across the call: they go to callee-saved registers, which are reported.
  EXPECT_EQ(r.usedCalleeSaved.size(), 4u);
  EXPECT_EQ(r.stats.spilledVRegs, 1u); // the float: xmm registers are all caller-saved
}

// A value that arrives in rdi and lives across two calls that take it in rdi:
// it is copied to a callee-saved register, and the copy back into rdi before the
// first call is dropped (rdi still holds it); the one before the second call stays
// (the first call clobbered rdi).
TEST(RegAlloc, MovesIntoALocationThatHoldsTheValueAreDropped) {
  TargetDesc t = test::x64LikeTarget();
  const PReg rdi = t.find("rdi");
  MachFunction f;
  BlockId b = f.newBlock();
  VReg p = f.newVReg(RegClass::Int);
  f.append(b, kArgs, {Operand::defFixed(p, rdi)});
  for (int k = 0; k < 2; ++k) {
    InstId call = f.append(b, kCall, {Operand::useFixed(p, rdi)});
    f.setClobbers(call, t.callerSaved());
  }
  VReg s = f.newVReg(RegClass::Int);
  f.append(b, kAdd, {Operand::def(s), Operand::use(p), Operand::use(p)});
  f.appendBranch(b, kRet, {Operand::useFixed(s, t.find("rax"))}, {});
  RegAllocResult r = allocAndCheck(f, t);
  unsigned intoRdi = 0, calls = 0;
  for (const RegAllocItem &it : r.code[b]) {
    if (it.kind == RegAllocItem::Kind::Inst && f.inst(it.inst).opcode == kCall)
      ++calls;
    else if (it.kind == RegAllocItem::Kind::Move && it.move.dst == Allocation::reg(rdi)) {
      EXPECT_EQ(calls, 1u) << printAllocated(f, t, r);
      ++intoRdi;
    }
  }
  EXPECT_EQ(intoRdi, 1u) << printAllocated(f, t, r);
  EXPECT_EQ(r.stats.redundantMoves, 1u) << printAllocated(f, t, r);
}

TEST(RegAlloc, ReferencesLiveAcrossSafepointsAreInStackMaps) {
  TargetDesc t = test::x64LikeTarget();
  MachFunction f;
  BlockId b = f.newBlock();
  VReg ref = f.newVReg(RegClass::Int, /*isRef=*/true), n = f.newVReg(RegClass::Int);
  f.append(b, kArgs, {Operand::def(ref), Operand::def(n)});
  InstId call = f.append(b, kCall, {Operand::useFixed(n, t.find("rdi"))});
  f.setClobbers(call, t.callerSaved());
  f.setSafepoint(call);
  VReg s = f.newVReg(RegClass::Int);
  f.append(b, kAdd, {Operand::def(s), Operand::use(ref), Operand::use(n)});
  f.appendBranch(b, kRet, {Operand::useFixed(s, t.find("rax"))}, {});
  RegAllocResult r = allocAndCheck(f, t);
  ASSERT_EQ(r.stackMaps.size(), 1u);
  EXPECT_EQ(r.stackMaps[0].slots.size(), 1u);
}

TEST(RegAlloc, SpillSlotsAreShared) {
  TargetDesc t = test::fakeTarget();
  MachFunction f;
  BlockId b = f.newBlock();
  // Two phases of high pressure whose spilled values do not overlap.
  VReg carry = VReg();
  for (int phase = 0; phase < 2; ++phase) {
    std::vector<VReg> vs;
    for (int i = 0; i < 6; ++i) {
      vs.push_back(f.newVReg(RegClass::Int));
      f.append(b, kArgs, {Operand::def(vs.back())});
    }
    VReg acc = vs[0];
    for (int i = 1; i < 6; ++i) {
      VReg s = f.newVReg(RegClass::Int);
      f.append(b, kAdd, {Operand::def(s), Operand::use(acc), Operand::use(vs[6 - i])});
      acc = s;
    }
    carry = acc;
  }
  f.appendBranch(b, kRet, {Operand::use(carry)}, {});
  RegAllocResult r = allocAndCheck(f, t);
  EXPECT_LT(r.slots.size(), r.stats.spilledVRegs);
}

// Reloads in a block's final code (moves from a spill slot into a register).
unsigned reloadsIn(const RegAllocResult &r, BlockId b) {
  unsigned n = 0;
  for (const RegAllocItem &it : r.code[b])
    n += it.kind == RegAllocItem::Kind::Move && it.move.src.isStack() && it.move.dst.isReg();
  return n;
}

// A value live through a loop but used only after it, evicted by pressure in the
// middle of the loop body, leaves its register at the loop header: it is on the
// stack for the whole loop, so the back edge does not reload it every iteration.
TEST(RegAlloc, ValueLiveThroughLoopIsSpilledAtTheHeader) {
  TargetDesc t = test::fakeTarget();
  MachFunction f;
  BlockId entry = f.newBlock(), head = f.newBlock(), body = f.newBlock(), exit = f.newBlock();
  VReg a = f.newVReg(RegClass::Int), b = f.newVReg(RegClass::Int), c = f.newVReg(RegClass::Int);
  f.append(entry, kArgs, {Operand::def(a), Operand::def(b), Operand::def(c)});
  f.appendBranch(entry, kJump, {}, {{head, {c}}});
  VReg i = f.newVReg(RegClass::Int);
  f.addBlockParam(head, i);
  VReg t1 = f.newVReg(RegClass::Int), t2 = f.newVReg(RegClass::Int), t3 = f.newVReg(RegClass::Int);
  f.append(head, kAdd, {Operand::def(t1), Operand::use(i), Operand::use(b)});
  f.append(head, kAdd, {Operand::def(t2), Operand::use(t1), Operand::use(b)});
  f.append(head, kAdd, {Operand::def(t3), Operand::use(t1), Operand::use(t2), Operand::use(b), Operand::use(i)});
  f.appendBranch(head, kBr, {Operand::use(t3)}, {{body, {}}, {exit, {}}});
  f.appendBranch(body, kJump, {}, {{head, {t3}}});
  VReg s = f.newVReg(RegClass::Int);
  f.append(exit, kAdd, {Operand::def(s), Operand::use(a), Operand::use(b)});
  f.appendBranch(exit, kRet, {Operand::useFixed(s, t.find("r0"))}, {});
  RegAllocResult r = allocAndCheck(f, t);
  EXPECT_GT(r.stats.spilledVRegs, 0u);
  EXPECT_EQ(reloadsIn(r, head) + reloadsIn(r, body), 0u) << printAllocated(f, t, r);
}

// A loop that reads an invariant every iteration, under pressure from values only
// live through it: those go to the stack, not the invariant. In layout order the
// invariant has no use after the loop's first instruction (its next use is in the
// next iteration), which once made it look like the best value to evict, with a
// reload on every back edge (compress's match loop, editdist's inner loops).
TEST(RegAlloc, LoopInvariantKeepsItsRegisterAgainstValuesLiveThroughTheLoop) {
  TargetDesc t = test::fakeTarget();
  MachFunction f;
  BlockId entry = f.newBlock(), head = f.newBlock(), body = f.newBlock(), exit = f.newBlock();
  VReg inv = f.newVReg(RegClass::Int), o1 = f.newVReg(RegClass::Int), o2 = f.newVReg(RegClass::Int);
  VReg start = f.newVReg(RegClass::Int);
  f.append(entry, kArgs, {Operand::def(inv), Operand::def(o1), Operand::def(o2), Operand::def(start)});
  f.appendBranch(entry, kJump, {}, {{head, {start}}});
  VReg i = f.newVReg(RegClass::Int);
  f.addBlockParam(head, i);
  VReg t1 = f.newVReg(RegClass::Int), t2 = f.newVReg(RegClass::Int), t3 = f.newVReg(RegClass::Int);
  f.append(head, kAdd, {Operand::def(t1), Operand::use(i), Operand::use(inv)});
  f.append(head, kAdd, {Operand::def(t2), Operand::use(t1), Operand::use(t1)});
  f.append(head, kAdd, {Operand::def(t3), Operand::use(t2), Operand::use(t1)});
  f.appendBranch(head, kBr, {Operand::use(t3)}, {{body, {}}, {exit, {}}});
  f.appendBranch(body, kJump, {}, {{head, {t3}}});
  VReg s = f.newVReg(RegClass::Int);
  f.append(exit, kAdd, {Operand::def(s), Operand::use(o1), Operand::use(o2)});
  f.appendBranch(exit, kRet, {Operand::useFixed(s, t.find("r0"))}, {});
  RegAllocResult r = allocAndCheck(f, t);
  EXPECT_GT(r.stats.spilledVRegs, 0u);
  EXPECT_EQ(reloadsIn(r, head) + reloadsIn(r, body), 0u) << printAllocated(f, t, r);
}

// A value whose only uses are a fixed-register input (x86 div's rax) and a tied
// input is as costly to spill as any other: under pressure the values not used
// for longest go to the stack, not it (before, having no use that "needs" a
// register made it the first one spilled, with a store and two reloads).
TEST(RegAlloc, ValueWithOnlyFixedAndTiedUsesKeepsARegister) {
  TargetDesc t = test::x64LikeTarget();
  PReg rax = t.find("rax"), rdx = t.find("rdx");
  MachFunction f;
  BlockId b = f.newBlock();
  std::vector<VReg> far;
  for (int k = 0; k < 11; ++k) {
    far.push_back(f.newVReg(RegClass::Int));
    f.append(b, kArgs, {Operand::def(far.back())});
  }
  VReg d = f.newVReg(RegClass::Int), y = f.newVReg(RegClass::Int);
  f.append(b, kArgs, {Operand::def(d), Operand::def(y)});
  VReg q = f.newVReg(RegClass::Int), rem = f.newVReg(RegClass::Int);
  InstId div = f.append(b, kDiv, {Operand::useFixed(d, rax), Operand::use(y), Operand::defFixed(q, rax),
                                  Operand::defEarlyFixed(rem, rdx)});
  VReg z = f.newVReg(RegClass::Int);
  f.append(b, kAdd, {Operand::use(d), Operand::use(q), Operand::defReuse(z, 0)});
  std::vector<Operand> last = {Operand::use(z), Operand::use(rem)};
  for (VReg v : far)
    last.push_back(Operand::use(v));
  VReg s = f.newVReg(RegClass::Int);
  last.push_back(Operand::def(s));
  f.append(b, kAdd, last);
  f.appendBranch(b, kRet, {Operand::useFixed(s, rax)}, {});
  RegAllocResult r = allocAndCheck(f, t);
  // d reaches rax from a register, and is copied into z's register from one.
  for (size_t k = 0; k < r.code[b].size(); ++k) {
    const RegAllocItem &it = r.code[b][k];
    if (it.kind == RegAllocItem::Kind::Move && it.move.dst.isReg() && it.move.src.isStack())
      ADD_FAILURE() << "reload before the division or the tied add\n" << printAllocated(f, t, r);
    if (it.kind == RegAllocItem::Kind::Inst && it.inst > div)
      break;
  }
  EXPECT_EQ(r.stats.spilledVRegs, 2u) << printAllocated(f, t, r); // two of the far values
}

// ---------------------------------------------------------------------------
// Random machine functions

struct RandomFunctionGen {
  std::mt19937 rng;
  const TargetDesc &t;
  MachFunction f;
  RandomFunctionGen(uint32_t seed, const TargetDesc &target) : rng(seed), t(target) {}

  unsigned rnd(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng); }
  bool chance(unsigned pct) { return rnd(100) < pct; }

  void build() {
    unsigned nb = 1 + rnd(7);
    // Abstract CFG: block i jumps to i+1, or branches to i+1 and a random block.
    std::vector<std::vector<unsigned>> succs(nb);
    for (unsigned i = 0; i + 1 < nb; ++i) {
      succs[i].push_back(i + 1);
      unsigned j = 1 + rnd(nb - 1);
      if (j != i + 1 && chance(50))
        succs[i].push_back(j);
    }
    // Split critical edges with forwarding blocks appended at the end of the layout.
    std::vector<unsigned> npreds(nb, 0);
    for (auto &s : succs)
      for (unsigned x : s)
        npreds[x]++;
    unsigned orig = nb;
    for (unsigned i = 0; i < orig; ++i)
      if (succs[i].size() > 1)
        for (unsigned &x : succs[i])
          if (npreds[x] > 1) {
            succs.push_back({x});
            x = unsigned(succs.size() - 1);
          }
    nb = unsigned(succs.size());
    std::vector<std::vector<unsigned>> preds(nb);
    for (unsigned i = 0; i < nb; ++i)
      for (unsigned x : succs[i])
        preds[x].push_back(i);
    // Immediate dominators (iterative, on bitsets).
    std::vector<uint64_t> dom(nb, (nb == 64 ? ~0ull : (1ull << nb) - 1));
    dom[0] = 1;
    for (bool ch = true; ch;) {
      ch = false;
      for (unsigned b = 1; b < nb; ++b) {
        uint64_t d = ~0ull;
        for (unsigned p : preds[b])
          d &= dom[p];
        d |= 1ull << b;
        if (d != dom[b]) {
          dom[b] = d;
          ch = true;
        }
      }
    }
    std::vector<int> idom(nb, -1);
    for (unsigned b = 1; b < nb; ++b) {
      uint64_t strict = dom[b] & ~(1ull << b);
      for (unsigned c = 0; c < nb; ++c)
        if ((strict >> c & 1) && (dom[c] | (1ull << b)) == (strict | (1ull << b)) &&
            __builtin_popcountll(dom[c]) == __builtin_popcountll(strict))
          idom[b] = int(c);
    }
    for (unsigned b = 0; b < nb; ++b)
      f.newBlock();
    // Block parameters.
    for (unsigned b = 1; b < nb; ++b) {
      unsigned np = rnd(4);
      for (unsigned k = 0; k < np; ++k)
        f.addBlockParam(b, newVReg());
    }
    // Fill blocks in dominator-tree preorder so each sees its dominators' values.
    std::vector<std::vector<VReg>> availEnd(nb);
    std::vector<bool> done(nb, false);
    for (unsigned filled = 0; filled < nb;)
      for (unsigned b = 0; b < nb; ++b) {
        if (done[b] || (b != 0 && !done[unsigned(idom[b])]))
          continue;
        std::vector<VReg> avail = b == 0 ? std::vector<VReg>() : availEnd[unsigned(idom[b])];
        for (VReg p : f.block(b).params)
          avail.push_back(p);
        fillBlock(b, avail, b == 0);
        availEnd[b] = avail;
        done[b] = true;
        ++filled;
      }
    // Terminators.
    for (unsigned b = 0; b < nb; ++b) {
      std::vector<BranchTarget> targets;
      for (unsigned s : succs[b]) {
        BranchTarget bt{s, {}};
        for (VReg p : f.block(s).params)
          bt.args.push_back(pick(availEnd[b], f.vreg(p).cls));
        targets.push_back(bt);
      }
      if (targets.empty()) {
        VReg v = pick(availEnd[b], RegClass::Int);
        f.appendBranch(b, kRet, {Operand::useFixed(v, t.allocatable[0][0])}, {});
      } else if (targets.size() == 1) {
        f.appendBranch(b, kJump, {}, std::move(targets));
      } else {
        VReg c = pick(availEnd[b], RegClass::Int);
        f.appendBranch(b, kBr, {Operand::use(c)}, std::move(targets));
      }
    }
    f.computeCfg();
  }

  VReg newVReg() {
    bool isFloat = chance(30);
    return f.newVReg(isFloat ? RegClass::Float : RegClass::Int, !isFloat && chance(25));
  }

  VReg pick(const std::vector<VReg> &avail, RegClass c) {
    std::vector<VReg> m;
    for (VReg v : avail)
      if (f.vreg(v).cls == c)
        m.push_back(v);
    return m[rnd(unsigned(m.size()))];
  }

  void fillBlock(unsigned b, std::vector<VReg> &avail, bool entry) {
    if (entry) { // function arguments in fixed registers, at least one value per class
      VReg a = f.newVReg(RegClass::Int), c = f.newVReg(RegClass::Int, true), x = f.newVReg(RegClass::Float);
      f.append(b, kArgs, {Operand::defFixed(a, t.allocatable[0][0]), Operand::defFixed(c, t.allocatable[0][1]),
                          Operand::defFixed(x, t.allocatable[1][0])});
      avail.insert(avail.end(), {a, c, x});
    }
    unsigned n = rnd(9);
    for (unsigned i = 0; i < n; ++i)
      randomInst(b, avail);
  }

  void randomInst(unsigned b, std::vector<VReg> &avail) {
    unsigned kind = rnd(10);
    if (kind == 0) { // call: fixed arguments and result, clobbers, safepoint
      std::vector<Operand> ops;
      unsigned na = rnd(3);
      for (unsigned k = 0; k < na; ++k)
        ops.push_back(Operand::useFixed(pick(avail, RegClass::Int), t.allocatable[0][k]));
      VReg r = newVReg();
      ops.push_back(Operand::defFixed(r, t.allocatable[classIndex(f.vreg(r).cls)][0]));
      InstId i = f.append(b, kCall, ops);
      f.setClobbers(i, t.callerSaved());
      if (chance(60))
        f.setSafepoint(i);
      avail.push_back(r);
      return;
    }
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::vector<Operand> ops;
      unsigned nu = 1 + rnd(3), nd = rnd(3);
      for (unsigned k = 0; k < nu; ++k) {
        VReg v = avail[rnd(unsigned(avail.size()))];
        unsigned c = rnd(10);
        if (c < 6)
          ops.push_back(Operand::use(v));
        else if (c < 8)
          ops.push_back(Operand::useAny(v));
        else {
          const auto &regs = t.allocatable[classIndex(f.vreg(v).cls)];
          ops.push_back(Operand::useFixed(v, regs[rnd(unsigned(regs.size()))]));
        }
      }
      std::vector<VReg> defs;
      for (unsigned k = 0; k < nd; ++k) {
        VReg d = newVReg();
        defs.push_back(d);
        unsigned c = rnd(20);
        const auto &regs = t.allocatable[classIndex(f.vreg(d).cls)];
        if (c < 10)
          ops.push_back(Operand::def(d));
        else if (c < 13)
          ops.push_back(Operand::defAny(d));
        else if (c < 15)
          ops.push_back(Operand::defEarly(d));
        else if (c < 17)
          ops.push_back(Operand::defFixed(d, regs[rnd(unsigned(regs.size()))]));
        else {
          int reuse = -1;
          for (unsigned u = 0; u < nu; ++u)
            if (ops[u].constraint == Constraint::Reg && f.vreg(ops[u].vreg).cls == f.vreg(d).cls) {
              bool taken = false;
              for (const Operand &o : ops)
                taken |= o.constraint == Constraint::Reuse && o.reuseIndex == u;
              if (!taken)
                reuse = int(u);
            }
          ops.push_back(reuse >= 0 ? Operand::defReuse(d, unsigned(reuse)) : Operand::def(d));
        }
      }
      if (!feasible(ops))
        continue;
      f.append(b, kAdd, ops);
      avail.insert(avail.end(), defs.begin(), defs.end());
      return;
    }
  }

  // Registers demanded at the early and late points, per class, must fit; fixed
  // registers must not be asked for twice.
  bool feasible(const std::vector<Operand> &ops) {
    for (unsigned c = 0; c < kNumRegClasses; ++c) {
      unsigned early = 0, late = 0;
      std::vector<uint32_t> regUses;
      for (const Operand &o : ops) {
        if (classIndex(f.vreg(o.vreg).cls) != c)
          continue;
        if (o.isUse() && o.constraint == Constraint::Reg) {
          if (std::find(regUses.begin(), regUses.end(), o.vreg.id) == regUses.end())
            regUses.push_back(o.vreg.id);
        } else if (o.isUse() && o.constraint == Constraint::Fixed) {
          early++;
        } else if (o.isDef() && o.constraint != Constraint::Any) {
          late++;
          if (o.early || o.constraint == Constraint::Reuse)
            early++;
        }
      }
      early += unsigned(regUses.size());
      bool hasEarlyDef = false;
      unsigned fixedUses = 0;
      for (const Operand &o : ops)
        if (classIndex(f.vreg(o.vreg).cls) == c) {
          hasEarlyDef |= o.isDef() && (o.early || o.constraint == Constraint::Reuse);
          fixedUses += o.isUse() && o.constraint == Constraint::Fixed;
        }
      // An early def needs one register free at both points: count everything.
      unsigned both = unsigned(regUses.size()) + fixedUses + late;
      if (early > t.allocatable[c].size() || late > t.allocatable[c].size() ||
          (hasEarlyDef && both > t.allocatable[c].size()))
        return false;
    }
    for (size_t x = 0; x < ops.size(); ++x)
      for (size_t y = x + 1; y < ops.size(); ++y)
        if (ops[x].constraint == Constraint::Fixed && ops[y].constraint == Constraint::Fixed &&
            ops[x].fixedReg == ops[y].fixedReg)
          return false;
    return true;
  }
};

// WASMAOT_REGALLOC_SCALE=N runs N times as many random functions (for soaking).
void randomRun(const TargetDesc &t, uint32_t seedBase, unsigned count) {
  if (const char *scale = std::getenv("WASMAOT_REGALLOC_SCALE"))
    count *= unsigned(std::max(1, std::atoi(scale)));
  unsigned spilled = 0;
  for (unsigned s = 0; s < count; ++s) {
    RandomFunctionGen g(seedBase + s, t);
    g.build();
    std::string v = g.f.verify(t);
    ASSERT_EQ(v, "") << "seed " << seedBase + s << "\n" << g.f.print(t);
    RegAllocResult r = allocateRegisters(g.f, t);
    ASSERT_EQ(r.error, "") << "seed " << seedBase + s << "\n" << g.f.print(t);
    std::string c = checkAllocation(g.f, t, r);
    ASSERT_EQ(c, "") << "seed " << seedBase + s << "\n" << g.f.print(t) << "\n" << printAllocated(g.f, t, r);
    spilled += r.stats.spilledVRegs;
  }
  EXPECT_GT(spilled, 0u);
}

TEST(RegAllocRandom, FakeTargetWithScratch) { randomRun(test::fakeTarget(), 1000, 1200); }
TEST(RegAllocRandom, FakeTargetWithoutScratch) { randomRun(test::fakeTarget(false), 5000, 800); }
TEST(RegAllocRandom, X64LikeTarget) { randomRun(test::x64LikeTarget(), 9000, 500); }

// The checker must reject wrong allocations: drop each inserted move of a
// spilling function in turn, or redirect an operand, and expect an error.
TEST(RegAllocChecker, RejectsBrokenAllocations) {
  TargetDesc t = test::fakeTarget();
  for (uint32_t seed = 1000; seed < 1040; ++seed) {
    RandomFunctionGen g(seed, t);
    g.build();
    RegAllocResult r = allocateRegisters(g.f, t);
    ASSERT_EQ(checkAllocation(g.f, t, r), "");
    unsigned rejected = 0, tried = 0;
    for (BlockId b = 0; b < g.f.numBlocks(); ++b)
      for (size_t k = 0; k < r.code[b].size(); ++k) {
        if (r.code[b][k].kind != RegAllocItem::Kind::Move)
          continue;
        RegAllocResult broken = r;
        broken.code[b].erase(broken.code[b].begin() + long(k));
        ++tried;
        rejected += !checkAllocation(g.f, t, broken).empty();
      }
    // A dropped move can be harmless only if its value is never read again.
    EXPECT_GE(rejected * 2, tried) << "seed " << seed;
    for (size_t o = 0; o < r.allocs.size(); ++o)
      if (r.allocs[o].isReg()) {
        RegAllocResult broken = r;
        broken.allocs[o] = Allocation::reg(r.allocs[o].preg() == 0 ? 1 : 0);
        if (t.regClass(broken.allocs[o].preg()) != t.regClass(r.allocs[o].preg()))
          continue;
        EXPECT_NE(checkAllocation(g.f, t, broken), "") << "seed " << seed << " operand " << o;
        break;
      }
  }
}

} // namespace
