// RegAlloc: liveness, live intervals, linear scan with splitting, spill slots and
// resolution (see RegAlloc.h and docs/codegen.md).
//
// Positions: every block has an entry index s (its parameters are defined at 2s)
// followed by one index n per instruction; instruction n reads its uses at 2n
// (early) and writes its defs at 2n+1 (late). Ranges are half-open [from, to).
// Moves are inserted in the gap before an instruction; a register child of an
// interval therefore starts at an even position (a move point), at its
// definition, or at a block start (resolved on the edges). A spilled value is
// stored once right after its definition: SSA values never change, so the slot is
// valid wherever the value is live, and leaving a register for the stack never
// needs a move (which is what lets an interval be evicted at any position).
#include "codegen/RegAlloc.h"
#include "codegen/ParallelMove.h"

#include <algorithm>
#include <cassert>
#include <queue>

namespace wasmaot::codegen {

namespace {

constexpr uint32_t kInf = ~uint32_t(0);

uint32_t floorEven(uint32_t p) { return p & ~uint32_t(1); }

struct Range {
  uint32_t from, to;
};

struct UsePos {
  uint32_t pos;
  bool requiresReg;
  PReg hint;
};

struct Interval {
  uint32_t vreg = 0;
  RegClass cls = RegClass::Int;
  std::vector<Range> ranges; // sorted, disjoint, non-adjacent
  std::vector<UsePos> uses;  // sorted by pos
  Allocation alloc;
  uint32_t prev = kInf; // the interval this one was split from

  uint32_t start() const { return ranges.front().from; }
  uint32_t end() const { return ranges.back().to; }
  bool covers(uint32_t p) const {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), p,
                               [](uint32_t x, const Range &r) { return x < r.from; });
    if (it == ranges.begin())
      return false;
    --it;
    return p < it->to;
  }
  uint32_t nextRegUse(uint32_t from) const {
    for (const UsePos &u : uses)
      if (u.pos >= from && u.requiresReg)
        return u.pos;
    return kInf;
  }
  bool hasRegUseAt(uint32_t p) const {
    for (const UsePos &u : uses)
      if (u.pos == p && u.requiresReg)
        return true;
    return false;
  }
};

/// How long `cur` can keep a register that stops being free at `limit`: a value
/// that needs its register at an instruction's late point (an early or tied def)
/// cannot leave it between that instruction's early and late points.
uint32_t usableUntil(const Interval &cur, uint32_t limit) {
  if (limit != kInf && (limit & 1) && cur.hasRegUseAt(limit))
    return limit - 1;
  return limit;
}

/// First position >= 0 covered by both range lists, or kInf.
uint32_t firstIntersection(const std::vector<Range> &a, const std::vector<Range> &b) {
  if (a.empty() || b.empty())
    return kInf;
  // Ranges of `a` that end before `b` starts cannot intersect it: skip them.
  size_t i = size_t(std::lower_bound(a.begin(), a.end(), b.front().from,
                                     [](const Range &r, uint32_t p) { return r.to <= p; }) -
                    a.begin());
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    uint32_t lo = std::max(a[i].from, b[j].from);
    uint32_t hi = std::min(a[i].to, b[j].to);
    if (lo < hi)
      return lo;
    if (a[i].to <= b[j].to)
      ++i;
    else
      ++j;
  }
  return kInf;
}

struct FixedRange {
  uint32_t from, to;
  uint32_t owner; // vreg allowed to be in the register here, or kInf
};

class Allocator {
public:
  Allocator(const MachFunction &f, const TargetDesc &t) : f_(f), t_(t) {}
  RegAllocResult run();

private:
  // --- numbering and liveness
  void number();
  void computeLiveness();
  void buildIntervals();
  // --- allocation
  uint32_t split(uint32_t iv, uint32_t pos);
  void assignReg(uint32_t iv, PReg r);
  void assignStack(uint32_t iv);
  void push(uint32_t iv) { unhandled_.push({iv_[iv].start(), iv}); }
  void spillUntilNextRegUse(uint32_t iv);
  void headInReg(uint32_t iv, PReg r, uint32_t limit);
  uint32_t fixedIntersection(PReg r, const Interval &cur) const;
  PReg preferredReg(uint32_t iv) const;
  bool tryAllocateFree(uint32_t iv);
  bool allocateBlocked(uint32_t iv);
  bool reshuffle(uint32_t iv, const std::array<uint32_t, kMaxRegs> &blockPos);
  void evict(uint32_t iv, uint32_t pos);
  void splitAtSafepoints();
  bool linearScan();
  // --- output
  void collectChildren();
  Allocation locAt(uint32_t vreg, uint32_t pos) const;
  void assignSlots();
  void emitParallel(std::vector<Move> &moves, std::vector<RegAllocItem> &out);
  void edgeMoves(BlockId p, BlockId s, const BranchTarget &bt, std::vector<Move> &moves) const;
  void buildOutput();

  bool liveIn(BlockId b, uint32_t v) const { return (liveIn_[size_t(b) * words_ + (v >> 6)] >> (v & 63)) & 1; }

  const MachFunction &f_;
  const TargetDesc &t_;
  RegAllocResult res_;

  std::vector<uint32_t> instIdx_;  // InstId -> index n
  std::vector<uint32_t> entryIdx_; // BlockId -> index s
  std::vector<uint32_t> termIdx_;  // BlockId -> index of the terminator
  std::vector<bool> isEntryIdx_;   // index -> is a block entry
  std::vector<InstId> instAt_;     // index -> InstId (kInf for entries)
  std::vector<uint64_t> liveIn_; // block b's live-in set: words_ words at b * words_
  unsigned words_ = 0;

  std::vector<Interval> iv_;
  std::vector<uint32_t> first_;          // vreg -> first interval (kInf: never live)
  std::vector<std::vector<uint32_t>> related_; // vreg -> vregs it would like to share a register with
  std::vector<std::vector<FixedRange>> fixed_; // PReg -> blocked ranges
  std::vector<uint32_t> safepoints_;           // indices of safepoint instructions
  std::vector<uint32_t> defIdx_;               // vreg -> index of its defining inst/entry
  std::vector<bool> spilled_;
  std::vector<uint32_t> slotOf_;

  using QItem = std::pair<uint32_t, uint32_t>; // (start, interval)
  std::priority_queue<QItem, std::vector<QItem>, std::greater<QItem>> unhandled_;
  std::vector<uint32_t> active_, inactive_;
  std::vector<std::vector<uint32_t>> children_; // vreg -> intervals sorted by start
  std::array<std::array<uint32_t, 2>, kNumRegClasses> emergency_ = {{{kInf, kInf}, {kInf, kInf}}};
};

// ----------------------------------------------------------------------------
// Numbering and liveness

void Allocator::number() {
  uint32_t idx = 0;
  instIdx_.assign(f_.numInsts(), kInf);
  entryIdx_.resize(f_.numBlocks());
  termIdx_.resize(f_.numBlocks());
  for (BlockId b = 0; b < f_.numBlocks(); ++b) {
    entryIdx_[b] = idx++;
    isEntryIdx_.push_back(true);
    instAt_.push_back(kInf);
    for (InstId i : f_.block(b).insts) {
      instIdx_[i] = idx++;
      isEntryIdx_.push_back(false);
      instAt_.push_back(i);
    }
    termIdx_[b] = idx - 1;
  }
}

void Allocator::computeLiveness() {
  // Bit sets per block, in one flat array each (block b's words at b * words_).
  words_ = (f_.numVRegs() + 63) / 64;
  const unsigned words = words_, nb = f_.numBlocks();
  std::vector<uint64_t> gen(size_t(nb) * words, 0), kill(size_t(nb) * words, 0);
  auto set = [](uint64_t *s, uint32_t v) { s[v >> 6] |= uint64_t(1) << (v & 63); };
  auto has = [](const uint64_t *s, uint32_t v) { return (s[v >> 6] >> (v & 63)) & 1; };
  for (BlockId b = 0; b < nb; ++b) {
    const MachBlock &blk = f_.block(b);
    uint64_t *g = gen.data() + size_t(b) * words, *k = kill.data() + size_t(b) * words;
    for (VReg p : blk.params)
      set(k, p.id);
    for (InstId i : blk.insts) {
      for (const Operand &op : f_.operands(i))
        if (op.isUse() && !has(k, op.vreg.id))
          set(g, op.vreg.id);
      for (const BranchTarget &bt : f_.targets(i))
        for (VReg a : bt.args)
          if (!has(k, a.id))
            set(g, a.id);
      for (const Operand &op : f_.operands(i))
        if (op.isDef())
          set(k, op.vreg.id);
    }
  }
  liveIn_.assign(size_t(nb) * words, 0);
  std::vector<uint64_t> in(words);
  bool changed = true;
  while (changed) {
    changed = false;
    for (BlockId b = nb; b-- > 0;) {
      std::fill(in.begin(), in.end(), 0);
      for (BlockId s : f_.block(b).succs) {
        const uint64_t *ls = liveIn_.data() + size_t(s) * words;
        for (unsigned w = 0; w < words; ++w)
          in[w] |= ls[w];
      }
      const uint64_t *g = gen.data() + size_t(b) * words, *k = kill.data() + size_t(b) * words;
      uint64_t *lb = liveIn_.data() + size_t(b) * words;
      for (unsigned w = 0; w < words; ++w) {
        uint64_t x = g[w] | (in[w] & ~k[w]);
        if (x != lb[w]) {
          lb[w] = x;
          changed = true;
        }
      }
    }
  }
}

void Allocator::buildIntervals() {
  unsigned nv = f_.numVRegs();
  std::vector<std::vector<Range>> ranges(nv); // built backwards: decreasing positions
  std::vector<std::vector<UsePos>> uses(nv);
  related_.assign(nv, {});
  fixed_.assign(t_.numRegs(), {});
  defIdx_.assign(nv, kInf);
  std::vector<uint64_t> liveOut(words_);
  std::vector<uint8_t> reused;

  auto addRange = [&](uint32_t v, uint32_t from, uint32_t to) {
    auto &r = ranges[v];
    if (!r.empty() && r.back().from <= to) {
      r.back().from = std::min(r.back().from, from);
      r.back().to = std::max(r.back().to, to);
    } else {
      r.push_back({from, to});
    }
  };
  auto define = [&](uint32_t v, uint32_t pos, uint32_t deadEnd) {
    auto &r = ranges[v];
    if (!r.empty() && r.back().from <= pos && pos < r.back().to)
      r.back().from = pos;
    else
      r.push_back({pos, deadEnd});
  };

  for (BlockId b = f_.numBlocks(); b-- > 0;) {
    const MachBlock &blk = f_.block(b);
    uint32_t bs = 2 * entryIdx_[b], be = 2 * termIdx_[b] + 2;
    // Live out: the union of the successors' live-in sets, visited by set bit.
    std::fill(liveOut.begin(), liveOut.end(), 0);
    for (BlockId s : blk.succs) {
      const uint64_t *ls = liveIn_.data() + size_t(s) * words_;
      for (unsigned w = 0; w < words_; ++w)
        liveOut[w] |= ls[w];
    }
    for (unsigned w = 0; w < words_; ++w)
      for (uint64_t bits = liveOut[w]; bits; bits &= bits - 1)
        addRange(w * 64 + uint32_t(__builtin_ctzll(bits)), bs, be);
    for (size_t k = blk.insts.size(); k-- > 0;) {
      InstId i = blk.insts[k];
      uint32_t n = instIdx_[i];
      const MachInst &mi = f_.inst(i);
      auto ops = f_.operands(i);
      RegSet fixedDefs;
      for (const Operand &op : ops) {
        if (!op.isDef())
          continue;
        uint32_t v = op.vreg.id;
        bool early = op.early || op.constraint == Constraint::Reuse;
        uint32_t dp = early ? 2 * n : 2 * n + 1;
        define(v, dp, 2 * n + 2);
        defIdx_[v] = n;
        switch (op.constraint) {
        case Constraint::Reg:
          uses[v].push_back({2 * n + 1, true, kNoReg});
          if (early)
            uses[v].push_back({2 * n, true, kNoReg});
          break;
        case Constraint::Any:
          uses[v].push_back({2 * n + 1, false, kNoReg});
          break;
        case Constraint::Fixed:
          if (t_.regs[op.fixedReg].calleeSaved)
            res_.usedCalleeSaved.insert(op.fixedReg);
          uses[v].push_back({2 * n + 1, false, op.fixedReg});
          fixed_[op.fixedReg].push_back({dp, 2 * n + 2, v});
          fixedDefs.insert(op.fixedReg);
          break;
        case Constraint::Reuse: {
          uint32_t u = ops[op.reuseIndex].vreg.id;
          uses[v].push_back({2 * n + 1, true, kNoReg});
          uses[v].push_back({2 * n, true, kNoReg});
          related_[v].push_back(u);
          related_[u].push_back(v);
          break;
        }
        }
      }
      if (!mi.clobbers.empty())
        mi.clobbers.forEach([&](PReg r) {
          if (!fixedDefs.contains(r) && t_.isAllocatable(r))
            fixed_[r].push_back({2 * n + 1, 2 * n + 2, kInf});
        });
      if (mi.safepoint)
        safepoints_.push_back(n);
      reused.assign(ops.size(), 0);
      for (const Operand &op : ops)
        if (op.isDef() && op.constraint == Constraint::Reuse)
          reused[op.reuseIndex] = 1;
      for (unsigned o = 0; o < ops.size(); ++o) {
        const Operand &op = ops[o];
        if (!op.isUse())
          continue;
        uint32_t v = op.vreg.id;
        if (reused[o]) { // read by the copy in the gap before the instruction
          addRange(v, bs, 2 * n);
          uses[v].push_back({2 * n - 1, false, kNoReg});
          continue;
        }
        addRange(v, bs, 2 * n + 1);
        switch (op.constraint) {
        case Constraint::Reg:
          uses[v].push_back({2 * n, true, kNoReg});
          break;
        case Constraint::Any:
        case Constraint::Reuse:
          uses[v].push_back({2 * n, false, kNoReg});
          break;
        case Constraint::Fixed:
          if (t_.regs[op.fixedReg].calleeSaved)
            res_.usedCalleeSaved.insert(op.fixedReg);
          uses[v].push_back({2 * n, false, op.fixedReg});
          fixed_[op.fixedReg].push_back({2 * n, 2 * n + 1, v});
          break;
        }
      }
      for (const BranchTarget &bt : f_.targets(i)) {
        const MachBlock &s = f_.block(bt.block);
        for (size_t a = 0; a < bt.args.size(); ++a) {
          uint32_t v = bt.args[a].id;
          addRange(v, bs, 2 * n + 1);
          uses[v].push_back({2 * n, false, kNoReg});
          related_[v].push_back(s.params[a].id);
          related_[s.params[a].id].push_back(v);
        }
      }
    }
    for (VReg p : blk.params) {
      defIdx_[p.id] = entryIdx_[b];
      auto &r = ranges[p.id];
      if (!r.empty() && r.back().from == bs)
        continue; // live: its range already starts at the block start
      // dead parameter: no interval, the edges do not copy into it
    }
  }

  first_.assign(nv, kInf);
  for (uint32_t v = 0; v < nv; ++v) {
    if (ranges[v].empty())
      continue;
    Interval iv;
    iv.vreg = v;
    iv.cls = f_.vreg(VReg(v)).cls;
    iv.ranges.assign(ranges[v].rbegin(), ranges[v].rend());
    iv.uses = std::move(uses[v]);
    std::sort(iv.uses.begin(), iv.uses.end(), [](const UsePos &a, const UsePos &b) { return a.pos < b.pos; });
    first_[v] = uint32_t(iv_.size());
    iv_.push_back(std::move(iv));
  }
  for (auto &fr : fixed_)
    std::sort(fr.begin(), fr.end(), [](const FixedRange &a, const FixedRange &b) { return a.from < b.from; });
  std::sort(safepoints_.begin(), safepoints_.end());
}

// ----------------------------------------------------------------------------
// Linear scan

uint32_t Allocator::split(uint32_t ivIdx, uint32_t pos) {
  Interval tail;
  {
    Interval &iv = iv_[ivIdx];
    assert(pos > iv.start() && pos < iv.end() && "split outside the interval");
    tail.vreg = iv.vreg;
    tail.cls = iv.cls;
    tail.prev = ivIdx;
    std::vector<Range> head;
    for (const Range &r : iv.ranges) {
      if (r.to <= pos)
        head.push_back(r);
      else if (r.from >= pos)
        tail.ranges.push_back(r);
      else {
        head.push_back({r.from, pos});
        tail.ranges.push_back({pos, r.to});
      }
    }
    iv.ranges = std::move(head);
    auto mid = std::lower_bound(iv.uses.begin(), iv.uses.end(), pos,
                                [](const UsePos &u, uint32_t p) { return u.pos < p; });
    tail.uses.assign(mid, iv.uses.end());
    iv.uses.erase(mid, iv.uses.end());
  }
  res_.stats.splits++;
  iv_.push_back(std::move(tail));
  return uint32_t(iv_.size() - 1);
}

void Allocator::assignReg(uint32_t iv, PReg r) {
  iv_[iv].alloc = Allocation::reg(r);
  if (t_.regs[r].calleeSaved)
    res_.usedCalleeSaved.insert(r);
  active_.push_back(iv);
}

void Allocator::assignStack(uint32_t iv) {
  iv_[iv].alloc = Allocation::stack(kInf);
  spilled_[iv_[iv].vreg] = true;
}

// The interval leaves its register for the stack (free: the slot is valid) and
// comes back into a register just before its next use that needs one.
void Allocator::spillUntilNextRegUse(uint32_t iv) {
  uint32_t nu = iv_[iv].nextRegUse(iv_[iv].start());
  if (nu == kInf) {
    assignStack(iv);
  } else if (floorEven(nu) > iv_[iv].start()) {
    uint32_t rest = split(iv, floorEven(nu));
    assignStack(iv);
    push(rest);
  } else {
    push(iv);
  }
}

// Gives `iv` register r up to `limit` (where r stops being free) and requeues the rest.
void Allocator::headInReg(uint32_t iv, PReg r, uint32_t limit) {
  uint32_t start = iv_[iv].start();
  assert(!((limit & 1) && iv_[iv].hasRegUseAt(limit)) && "limit inside an instruction that needs the register");
  bool oddSplit = (limit & 1) && (iv_[iv].hasRegUseAt(limit - 1) || floorEven(limit) <= start);
  if (oddSplit) {
    uint32_t tail = split(iv, limit);
    assignReg(iv, r);
    spillUntilNextRegUse(tail);
  } else {
    uint32_t tail = split(iv, floorEven(limit));
    assignReg(iv, r);
    push(tail);
  }
}

uint32_t Allocator::fixedIntersection(PReg r, const Interval &cur) const {
  const auto &fr = fixed_[r];
  if (fr.empty() || cur.ranges.empty())
    return kInf;
  // Fixed ranges are sorted by start and at most 2 positions long (an
  // instruction's early and late points), so those starting 2 or more before
  // the interval cannot reach it.
  const uint32_t from = cur.ranges.front().from;
  size_t i = size_t(std::lower_bound(fr.begin(), fr.end(), from < 2 ? 0 : from - 2,
                                     [](const FixedRange &f, uint32_t p) { return f.from < p; }) -
                    fr.begin());
  size_t j = 0;
  while (i < fr.size() && j < cur.ranges.size()) {
    if (fr[i].owner == cur.vreg) {
      ++i;
      continue;
    }
    uint32_t lo = std::max(fr[i].from, cur.ranges[j].from);
    uint32_t hi = std::min(fr[i].to, cur.ranges[j].to);
    if (lo < hi)
      return lo;
    if (fr[i].to <= cur.ranges[j].to)
      ++i;
    else
      ++j;
  }
  return kInf;
}

PReg Allocator::preferredReg(uint32_t ivIdx) const {
  const Interval &cur = iv_[ivIdx];
  // 1. the register of the sibling that ends where this one starts (no move)
  if (cur.prev != kInf) {
    const Interval &p = iv_[cur.prev];
    if (p.alloc.isReg() && p.end() == cur.start())
      return p.alloc.preg();
  }
  // 2. a fixed register one of its operands asks for
  for (const UsePos &u : cur.uses)
    if (u.hint != kNoReg && t_.regClass(u.hint) == cur.cls && t_.isAllocatable(u.hint))
      return u.hint;
  // 3. the register of a block parameter/argument or tied partner
  for (uint32_t v : related_[cur.vreg]) {
    if (first_[v] == kInf)
      continue;
    const Interval &o = iv_[first_[v]];
    if (o.alloc.isReg() && o.cls == cur.cls)
      return o.alloc.preg();
  }
  return kNoReg;
}

bool Allocator::tryAllocateFree(uint32_t ivIdx) {
  const Interval &cur = iv_[ivIdx];
  const auto &regs = t_.allocatable[classIndex(cur.cls)];
  std::array<uint32_t, kMaxRegs> freeUntil;
  for (PReg r : regs)
    freeUntil[r] = kInf;
  for (uint32_t a : active_)
    if (iv_[a].cls == cur.cls)
      freeUntil[iv_[a].alloc.preg()] = 0;
  for (uint32_t a : inactive_)
    if (iv_[a].cls == cur.cls) {
      PReg r = iv_[a].alloc.preg();
      if (freeUntil[r] != 0)
        freeUntil[r] = std::min(freeUntil[r], firstIntersection(iv_[a].ranges, cur.ranges));
    }
  for (PReg r : regs)
    if (freeUntil[r] != 0)
      freeUntil[r] = usableUntil(cur, std::min(freeUntil[r], fixedIntersection(r, cur)));

  uint32_t end = cur.end();
  PReg hint = preferredReg(ivIdx);
  PReg pick = kNoReg;
  if (hint != kNoReg && freeUntil[hint] >= end) {
    pick = hint;
  } else {
    // Whole-interval candidates: caller-saved first, then callee-saved registers
    // the prologue already saves, and a new callee-saved register only when no
    // other register is free for the whole interval.
    int bestScore = 3;
    for (PReg r : regs) {
      if (freeUntil[r] < end)
        continue;
      int score = !t_.regs[r].calleeSaved ? 0 : res_.usedCalleeSaved.contains(r) ? 1 : 2;
      if (score < bestScore) {
        bestScore = score;
        pick = r;
      }
    }
  }
  if (pick != kNoReg) {
    assignReg(ivIdx, pick);
    return true;
  }
  // Partially free: the register free the longest, then split before it is taken.
  PReg best = kNoReg;
  for (PReg r : regs)
    if (best == kNoReg || freeUntil[r] > freeUntil[best] || (freeUntil[r] == freeUntil[best] && r == hint))
      best = r;
  if (best == kNoReg || freeUntil[best] <= cur.start())
    return false;
  headInReg(ivIdx, best, freeUntil[best]);
  return true;
}

void Allocator::evict(uint32_t ivIdx, uint32_t pos) {
  std::erase(active_, ivIdx);
  std::erase(inactive_, ivIdx);
  uint32_t tail;
  if (iv_[ivIdx].start() < pos) {
    tail = split(ivIdx, pos);
  } else {
    tail = ivIdx;
    iv_[ivIdx].alloc = Allocation();
  }
  spillUntilNextRegUse(tail);
}

bool Allocator::allocateBlocked(uint32_t ivIdx) {
  const Interval &cur = iv_[ivIdx];
  uint32_t start = cur.start();
  const auto &regs = t_.allocatable[classIndex(cur.cls)];
  std::array<uint32_t, kMaxRegs> nextUse, blockPos;
  for (PReg r : regs)
    nextUse[r] = blockPos[r] = kInf;
  for (uint32_t a : active_)
    if (iv_[a].cls == cur.cls) {
      PReg r = iv_[a].alloc.preg();
      nextUse[r] = std::min(nextUse[r], iv_[a].nextRegUse(start));
    }
  for (uint32_t a : inactive_)
    if (iv_[a].cls == cur.cls && firstIntersection(iv_[a].ranges, cur.ranges) != kInf) {
      PReg r = iv_[a].alloc.preg();
      nextUse[r] = std::min(nextUse[r], usableUntil(cur, iv_[a].nextRegUse(start)));
    }
  for (PReg r : regs) {
    blockPos[r] = usableUntil(cur, fixedIntersection(r, cur));
    nextUse[r] = std::min(nextUse[r], blockPos[r]);
  }
  PReg hint = preferredReg(ivIdx);
  PReg reg = kNoReg;
  for (PReg r : regs)
    if (reg == kNoReg || nextUse[r] > nextUse[reg] || (nextUse[r] == nextUse[reg] && r == hint))
      reg = r;
  uint32_t firstReg = cur.nextRegUse(start);
  if (reg == kNoReg || firstReg == kInf || nextUse[reg] < firstReg) {
    // Every register is needed before this interval needs one: spill it until then.
    if (firstReg == kInf) {
      assignStack(ivIdx);
      return true;
    }
    uint32_t sp = floorEven(firstReg);
    if (sp <= start)
      return false;
    uint32_t rest = split(ivIdx, sp);
    assignStack(ivIdx);
    push(rest);
    return true;
  }
  if (nextUse[reg] <= start || blockPos[reg] <= start)
    return reshuffle(ivIdx, blockPos); // every register is needed right now
  if (blockPos[reg] < iv_[ivIdx].end())
    headInReg(ivIdx, reg, blockPos[reg]);
  else
    assignReg(ivIdx, reg);
  // Evict the other holders of `reg` from `start` on.
  std::vector<uint32_t> victims;
  for (uint32_t a : active_)
    if (a != ivIdx && iv_[a].alloc == Allocation::reg(reg))
      victims.push_back(a);
  for (uint32_t a : inactive_)
    if (iv_[a].alloc == Allocation::reg(reg) && firstIntersection(iv_[a].ranges, iv_[ivIdx].ranges) != kInf)
      victims.push_back(a);
  for (uint32_t a : victims)
    evict(a, start);
  return true;
}

// Last resort when every register is needed at `start`: at a move point, a value
// that started earlier can move to another register. Take the register of such a
// value and requeue it from `start`; it then competes like a new interval (and
// cannot take the register back from `cur`, which also needs it at `start`).
// Each use turns one older interval into one starting at `start`, so this ends.
bool Allocator::reshuffle(uint32_t ivIdx, const std::array<uint32_t, kMaxRegs> &blockPos) {
  uint32_t start = iv_[ivIdx].start();
  if (start & 1)
    return false; // not a move point: the demand really exceeds the registers
  uint32_t victim = kInf;
  for (uint32_t a : active_)
    if (iv_[a].cls == iv_[ivIdx].cls && iv_[a].start() < start && blockPos[iv_[a].alloc.preg()] > start &&
        (victim == kInf || blockPos[iv_[a].alloc.preg()] > blockPos[iv_[victim].alloc.preg()]))
      victim = a;
  if (victim == kInf)
    return false;
  PReg reg = iv_[victim].alloc.preg();
  for (uint32_t a : inactive_)
    if (iv_[a].alloc == Allocation::reg(reg) && firstIntersection(iv_[a].ranges, iv_[ivIdx].ranges) != kInf &&
        iv_[a].nextRegUse(start) <= start)
      return false;
  std::erase(active_, victim);
  push(split(victim, start));
  if (blockPos[reg] < iv_[ivIdx].end())
    headInReg(ivIdx, reg, blockPos[reg]);
  else
    assignReg(ivIdx, reg);
  std::vector<uint32_t> others;
  for (uint32_t a : inactive_)
    if (iv_[a].alloc == Allocation::reg(reg) && firstIntersection(iv_[a].ranges, iv_[ivIdx].ranges) != kInf)
      others.push_back(a);
  for (uint32_t a : others)
    evict(a, start);
  return true;
}

// A GC reference live across a safepoint must be in its spill slot there (the
// collector reads and updates the slot). Pre-split such intervals so the piece
// from the safepoint's late point to the next register use is a stack piece.
void Allocator::splitAtSafepoints() {
  if (safepoints_.empty())
    return;
  for (uint32_t v = 0; v < f_.numVRegs(); ++v) {
    if (!f_.vreg(VReg(v)).isRef || first_[v] == kInf)
      continue;
    uint32_t cur = first_[v];
    for (uint32_t n : safepoints_) {
      uint32_t p = 2 * n + 1;
      if (defIdx_[v] == n)
        continue;
      if (p >= iv_[cur].end())
        break;
      if (!iv_[cur].covers(p - 1) || !iv_[cur].covers(p))
        continue;
      uint32_t tail = split(cur, p);
      push(cur);
      uint32_t nu = iv_[tail].nextRegUse(p);
      if (nu == kInf) {
        assignStack(tail);
        cur = kInf;
        break;
      }
      uint32_t rest = split(tail, floorEven(nu));
      assignStack(tail);
      cur = rest;
    }
    if (cur != kInf)
      push(cur);
  }
}

bool Allocator::linearScan() {
  spilled_.assign(f_.numVRegs(), false);
  if (!safepoints_.empty())
    splitAtSafepoints();
  else
    for (uint32_t v = 0; v < f_.numVRegs(); ++v)
      if (first_[v] != kInf)
        push(first_[v]);
  if (!safepoints_.empty())
    for (uint32_t v = 0; v < f_.numVRegs(); ++v)
      if (first_[v] != kInf && !f_.vreg(VReg(v)).isRef)
        push(first_[v]);
  uint64_t guard = 0;
  while (!unhandled_.empty()) {
    auto [pos, cur] = unhandled_.top();
    unhandled_.pop();
    if (++guard > 64 * (iv_.size() + 16) + 1000000) {
      res_.error = "register allocation made no progress";
      return false;
    }
    for (size_t k = 0; k < active_.size();) {
      const Interval &a = iv_[active_[k]];
      if (a.end() <= pos) {
        active_[k] = active_.back();
        active_.pop_back();
      } else if (!a.covers(pos)) {
        inactive_.push_back(active_[k]);
        active_[k] = active_.back();
        active_.pop_back();
      } else {
        ++k;
      }
    }
    for (size_t k = 0; k < inactive_.size();) {
      const Interval &a = iv_[inactive_[k]];
      if (a.end() <= pos) {
        inactive_[k] = inactive_.back();
        inactive_.pop_back();
      } else if (a.covers(pos)) {
        active_.push_back(inactive_[k]);
        inactive_[k] = inactive_.back();
        inactive_.pop_back();
      } else {
        ++k;
      }
    }
    if (tryAllocateFree(cur))
      continue;
    if (!allocateBlocked(cur)) {
      res_.error = "more values need a register at position " + std::to_string(pos) + " (v" +
                   std::to_string(iv_[cur].vreg) + ") than the target has";
      return false;
    }
  }
  return true;
}

// ----------------------------------------------------------------------------
// Output: operand allocations, spill slots, resolution moves

void Allocator::collectChildren() {
  children_.assign(f_.numVRegs(), {});
  for (uint32_t k = 0; k < iv_.size(); ++k)
    if (!iv_[k].ranges.empty())
      children_[iv_[k].vreg].push_back(k);
  for (auto &c : children_)
    std::sort(c.begin(), c.end(), [&](uint32_t a, uint32_t b) { return iv_[a].start() < iv_[b].start(); });
}

Allocation Allocator::locAt(uint32_t v, uint32_t pos) const {
  for (uint32_t k : children_[v])
    if (iv_[k].covers(pos))
      return iv_[k].alloc;
  return Allocation();
}

void Allocator::assignSlots() {
  // Slot lifetime = the value's whole lifetime (the store is at the definition).
  // Slots of one size are shared by values whose lifetimes do not intersect.
  struct Slot {
    uint32_t size;
    std::vector<Range> ranges;
  };
  std::vector<Slot> slots;
  slotOf_.assign(f_.numVRegs(), kInf);
  for (uint32_t v = 0; v < f_.numVRegs(); ++v) {
    if (!spilled_[v])
      continue;
    res_.stats.spilledVRegs++;
    std::vector<Range> life;
    for (uint32_t k : children_[v])
      life.insert(life.end(), iv_[k].ranges.begin(), iv_[k].ranges.end());
    std::sort(life.begin(), life.end(), [](const Range &a, const Range &b) { return a.from < b.from; });
    unsigned c = classIndex(f_.vreg(VReg(v)).cls);
    uint32_t size = t_.spillSize[c];
    uint32_t chosen = kInf;
    for (uint32_t s = 0; s < slots.size() && chosen == kInf; ++s)
      if (slots[s].size == size && firstIntersection(slots[s].ranges, life) == kInf)
        chosen = s;
    if (chosen == kInf) {
      chosen = uint32_t(slots.size());
      slots.push_back({size, {}});
      res_.slots.push_back({size, t_.spillAlign[c]});
    }
    auto &sr = slots[chosen].ranges;
    sr.insert(sr.end(), life.begin(), life.end());
    std::sort(sr.begin(), sr.end(), [](const Range &a, const Range &b) { return a.from < b.from; });
    slotOf_[v] = chosen;
    for (uint32_t k : children_[v])
      if (iv_[k].alloc.isStack())
        iv_[k].alloc = Allocation::stack(chosen);
  }
}

void Allocator::emitParallel(std::vector<Move> &moves, std::vector<RegAllocItem> &out) {
  for (unsigned c = 0; c < kNumRegClasses; ++c) {
    std::vector<Move> group;
    for (const Move &m : moves)
      if (classIndex(m.cls) == c && m.dst != m.src)
        group.push_back(m);
    if (group.empty())
      continue;
    MoveResources mr;
    mr.scratch = t_.scratch[c];
    mr.borrowable = t_.allocatable[c].empty() ? kNoReg : t_.allocatable[c][0];
    mr.emergencySlot = [this, c](unsigned which) {
      uint32_t &s = emergency_[c][which];
      if (s == kInf) {
        s = uint32_t(res_.slots.size());
        res_.slots.push_back({t_.spillSize[c], t_.spillAlign[c]});
      }
      return s;
    };
    std::vector<Move> seq;
    sequentializeParallelMove(group, mr, seq);
    for (const Move &m : seq) {
      RegAllocItem it;
      it.kind = RegAllocItem::Kind::Move;
      it.move = m;
      out.push_back(it);
      if (m.dst.isReg() && m.src.isReg())
        res_.stats.regMoves++;
      else if (m.dst.isStack())
        res_.stats.spillStores++;
      else
        res_.stats.reloads++;
    }
  }
  moves.clear();
}

void Allocator::edgeMoves(BlockId p, BlockId s, const BranchTarget &bt, std::vector<Move> &moves) const {
  uint32_t src = 2 * termIdx_[p], dst = 2 * entryIdx_[s];
  for (uint32_t v = 0; v < f_.numVRegs(); ++v) {
    if (!liveIn(s, v))
      continue;
    Allocation to = locAt(v, dst);
    if (to.isStack())
      continue; // the slot has held the value since its definition
    Allocation from = locAt(v, src);
    assert(!to.isNone() && !from.isNone());
    if (from != to)
      moves.push_back({to, from, f_.vreg(VReg(v)).cls});
  }
  const MachBlock &sb = f_.block(s);
  for (size_t a = 0; a < sb.params.size(); ++a) {
    Allocation to = locAt(sb.params[a].id, dst);
    if (to.isNone())
      continue; // dead parameter
    Allocation from = locAt(bt.args[a].id, src);
    assert(!from.isNone());
    moves.push_back({to, from, f_.vreg(sb.params[a]).cls});
  }
}

void Allocator::buildOutput() {
  collectChildren();
  assignSlots();

  // Operand allocations.
  res_.allocs.assign(f_.numOperandsTotal(), Allocation());
  for (InstId i = 0; i < f_.numInsts(); ++i) {
    uint32_t n = instIdx_[i];
    auto ops = f_.operands(i);
    std::vector<int> reusedBy(ops.size(), -1);
    for (unsigned o = 0; o < ops.size(); ++o)
      if (ops[o].isDef() && ops[o].constraint == Constraint::Reuse)
        reusedBy[ops[o].reuseIndex] = int(o);
    for (unsigned o = 0; o < ops.size(); ++o) {
      const Operand &op = ops[o];
      Allocation a;
      if (op.constraint == Constraint::Fixed)
        a = Allocation::reg(op.fixedReg);
      else if (op.isUse() && reusedBy[o] >= 0)
        a = locAt(ops[reusedBy[o]].vreg.id, 2 * n);
      else if (op.isUse())
        a = locAt(op.vreg.id, 2 * n);
      else
        a = locAt(op.vreg.id, (op.early || op.constraint == Constraint::Reuse) ? 2 * n : 2 * n + 1);
      res_.allocs[f_.operandIndex(i, o)] = a;
    }
  }

  // Children that start in the middle of a block, by start position.
  std::vector<std::vector<uint32_t>> startsAt(isEntryIdx_.size() * 2 + 2);
  for (uint32_t v = 0; v < f_.numVRegs(); ++v)
    for (size_t c = 1; c < children_[v].size(); ++c)
      startsAt[iv_[children_[v][c]].start()].push_back(children_[v][c]);

  res_.code.assign(f_.numBlocks(), {});
  std::vector<Move> moves;
  for (BlockId b = 0; b < f_.numBlocks(); ++b) {
    const MachBlock &blk = f_.block(b);
    auto &out = res_.code[b];
    // (0) moves of the edge from a predecessor with several successors
    if (blk.preds.size() == 1 && f_.block(blk.preds[0]).succs.size() > 1) {
      BlockId p = blk.preds[0];
      for (const BranchTarget &bt : f_.targets(f_.block(p).insts.back()))
        if (bt.block == b) {
          edgeMoves(p, b, bt, moves);
          break;
        }
      emitParallel(moves, out);
    }
    // (1) spill stores of the block parameters
    for (VReg prm : blk.params)
      if (spilled_[prm.id]) {
        Allocation at = locAt(prm.id, 2 * entryIdx_[b]);
        if (at.isReg())
          moves.push_back({Allocation::stack(slotOf_[prm.id]), at, f_.vreg(prm).cls});
      }
    emitParallel(moves, out);
    for (size_t k = 0; k < blk.insts.size(); ++k) {
      InstId i = blk.insts[k];
      uint32_t n = instIdx_[i];
      if (k > 0) {
        InstId prev = blk.insts[k - 1];
        uint32_t late = 2 * (n - 1) + 1;
        // (2) fixed defs of the previous instruction to where their vregs live
        for (const Operand &op : f_.operands(prev))
          if (op.isDef() && op.constraint == Constraint::Fixed) {
            Allocation at = locAt(op.vreg.id, late);
            if (at != Allocation::reg(op.fixedReg))
              moves.push_back({at, Allocation::reg(op.fixedReg), f_.vreg(op.vreg).cls});
          }
        emitParallel(moves, out);
        // (3) spill stores right after definitions
        for (const Operand &op : f_.operands(prev))
          if (op.isDef() && spilled_[op.vreg.id]) {
            Allocation at = locAt(op.vreg.id, late);
            if (at.isReg())
              moves.push_back({Allocation::stack(slotOf_[op.vreg.id]), at, f_.vreg(op.vreg).cls});
          }
        emitParallel(moves, out);
      }
      // (4) split moves (reg-to-reg, reloads) and copies for Reuse operands, in parallel
      for (uint32_t c : startsAt[2 * n]) {
        const Interval &iv = iv_[c];
        if (!iv.alloc.isReg())
          continue; // entering the stack needs no move
        Allocation from = locAt(iv.vreg, 2 * n - 1);
        if (!from.isNone() && from != iv.alloc)
          moves.push_back({iv.alloc, from, iv.cls});
      }
      auto ops = f_.operands(i);
      for (const Operand &op : ops)
        if (op.isDef() && op.constraint == Constraint::Reuse) {
          VReg u = ops[op.reuseIndex].vreg;
          moves.push_back({locAt(op.vreg.id, 2 * n), locAt(u.id, 2 * n - 1), f_.vreg(u).cls});
        }
      emitParallel(moves, out);
      // (5) fixed-register uses
      for (const Operand &op : ops)
        if (op.isUse() && op.constraint == Constraint::Fixed) {
          Allocation at = locAt(op.vreg.id, 2 * n);
          bool dup = false;
          for (const Move &m : moves)
            dup |= m.dst == Allocation::reg(op.fixedReg);
          if (!dup)
            moves.push_back({Allocation::reg(op.fixedReg), at, f_.vreg(op.vreg).cls});
        }
      emitParallel(moves, out);
      // (6) moves of the edge to the single successor, before the jump
      if (f_.inst(i).terminator && blk.succs.size() == 1) {
        edgeMoves(b, blk.succs[0], f_.targets(i)[0], moves);
        emitParallel(moves, out);
      }
      RegAllocItem it;
      it.inst = i;
      out.push_back(it);
      if (f_.inst(i).safepoint) {
        StackMap sm;
        sm.inst = i;
        for (uint32_t v = 0; v < f_.numVRegs(); ++v) {
          if (!f_.vreg(VReg(v)).isRef || defIdx_[v] == n || first_[v] == kInf)
            continue;
          Allocation before = locAt(v, 2 * n), after = locAt(v, 2 * n + 1);
          if (before.isNone() || after.isNone())
            continue;
          assert(after.isStack() && "reference live across a safepoint outside its slot");
          sm.slots.push_back(after.slot());
        }
        res_.stackMaps.push_back(std::move(sm));
      }
    }
  }
}

RegAllocResult Allocator::run() {
  number();
  computeLiveness();
  buildIntervals();
  if (!linearScan())
    return std::move(res_);
  buildOutput();
  return std::move(res_);
}

} // namespace

RegAllocResult allocateRegisters(const MachFunction &f, const TargetDesc &target) {
  return Allocator(f, target).run();
}

std::string printAllocated(const MachFunction &f, const TargetDesc &t, const RegAllocResult &r) {
  std::string s;
  for (BlockId b = 0; b < f.numBlocks(); ++b) {
    s += "block" + std::to_string(b) + ":\n";
    for (const RegAllocItem &it : r.code[b]) {
      if (it.kind == RegAllocItem::Kind::Move) {
        s += "  move " + it.move.dst.str(t) + " <- " + it.move.src.str(t) + "\n";
        continue;
      }
      s += "  i" + std::to_string(it.inst) + " op" + std::to_string(f.inst(it.inst).opcode);
      auto ops = f.operands(it.inst);
      for (unsigned o = 0; o < ops.size(); ++o)
        s += std::string(" ") + (ops[o].isUse() ? "use:v" : "def:v") + std::to_string(ops[o].vreg.id) +
             "=" + r.alloc(f, it.inst, o).str(t);
      for (const BranchTarget &bt : f.targets(it.inst))
        s += " -> block" + std::to_string(bt.block);
      s += "\n";
    }
  }
  return s;
}

} // namespace wasmaot::codegen
