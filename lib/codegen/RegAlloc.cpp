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
//
// Storage: no per-vreg or per-interval containers. An interval's ranges and use
// positions are slices of two pools (`ranges_`, `uses_`); a split divides the
// slices (copying the smaller side of a range cut in two), per-vreg lists
// (uses, related vregs, split children) are built as flat arrays by counting
// sort, and one Allocator per thread keeps its capacity from function to
// function, so a function's allocation makes no heap allocation of its own
// beyond the result it returns.
#include "codegen/RegAlloc.h"
#include "codegen/ParallelMove.h"

#include <algorithm>
#include <cassert>

namespace wasmaot::codegen {

namespace {

constexpr uint32_t kInf = ~uint32_t(0);
constexpr uint8_t kNotAllocatable = 0xFF;

uint32_t floorEven(uint32_t p) { return p & ~uint32_t(1); }

struct Range {
  uint32_t from, to;
};

struct UsePos {
  uint32_t pos;
  bool requiresReg;
  PReg hint;
  // Needs a register or is cheaper from one: also fixed-register uses and the
  // input of a tied copy, which from a slot cost a reload (and the value a spill
  // store). Only the choice of what to spill looks at this.
  bool wantsReg;
};

struct FixedRange {
  uint32_t from, to;
  uint32_t owner; // vreg allowed to be in the register here, or kInf
};

/// A live interval: a vreg (or a piece of one, after splitting). Its ranges are
/// ranges_[rBegin, rEnd) (sorted, disjoint, non-adjacent), its use positions
/// uses_[uBegin, uEnd) (sorted by position).
struct Interval {
  uint32_t vreg = 0;
  RegClass cls = RegClass::Int;
  Allocation alloc;
  uint32_t prev = kInf; // the interval this one was split from
  uint32_t rBegin = 0, rEnd = 0;
  uint32_t uBegin = 0, uEnd = 0;
  uint32_t cursor = 0; // while active or inactive: its first range ending after the scan position
  // While active: the end of its cursor range; while inactive: the start of it.
  // The scan looks at the interval again only once its position reaches this.
  uint32_t event = 0;
};

/// First index k >= i in [i, n) with r[k].to > p (r sorted and disjoint), by
/// galloping: cheap when the answer is near i, logarithmic when it is far.
template <typename R> size_t skipEndingBy(const R *r, size_t i, size_t n, uint32_t p) {
  if (i >= n || r[i].to > p)
    return i;
  size_t lo = i, step = 1; // r[lo].to <= p
  size_t hi = i + 1;
  while (hi < n && r[hi].to <= p) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > n)
    hi = n;
  // answer in (lo, hi]
  return size_t(std::partition_point(r + lo + 1, r + hi, [p](const R &x) { return x.to <= p; }) - r);
}

/// First position covered by both sorted, disjoint range lists (ignoring the
/// elements of `a` that `skipA` names), or kInf.
template <typename A, typename SkipA>
uint32_t firstCommon(const A *a, size_t na, const Range *b, size_t nb, SkipA skipA, size_t aFrom = 0) {
  if (na == 0 || nb == 0)
    return kInf;
  size_t i = skipEndingBy(a, aFrom, na, b[0].from), j = 0;
  while (i < na && j < nb) {
    if (a[i].to <= b[j].from) {
      i = skipEndingBy(a, i, na, b[j].from);
      continue;
    }
    if (b[j].to <= a[i].from) {
      j = skipEndingBy(b, j, nb, a[i].from);
      continue;
    }
    if (skipA(a[i])) {
      ++i;
      continue;
    }
    return std::max(a[i].from, b[j].from);
  }
  return kInf;
}

uint32_t firstIntersection(const Range *a, size_t na, const Range *b, size_t nb) {
  return firstCommon(a, na, b, nb, [](const Range &) { return false; });
}

/// A per-vreg list built flat: the items of vreg v are items[start[v], start[v+1]).
/// `add` collects (vreg, item) in order; `build` sorts them by vreg, stably.
template <typename T> struct FlatLists {
  std::vector<std::pair<uint32_t, T>> recs;
  std::vector<uint32_t> start;
  std::vector<T> items;

  void clear() { recs.clear(); }
  void add(uint32_t v, const T &x) { recs.push_back({v, x}); }
  void build(unsigned n) {
    start.assign(n + 1, 0);
    for (const auto &r : recs)
      start[r.first + 1]++;
    for (unsigned v = 0; v < n; ++v)
      start[v + 1] += start[v];
    items.resize(recs.size());
    // Scatter using start[v] as the cursor, then shift back.
    for (const auto &r : recs)
      items[start[r.first]++] = r.second;
    for (unsigned v = n; v > 0; --v)
      start[v] = start[v - 1];
    start[0] = 0;
  }
  const T *begin(uint32_t v) const { return items.data() + start[v]; }
  const T *end(uint32_t v) const { return items.data() + start[v + 1]; }
};

class Allocator {
public:
  RegAllocResult run(const MachFunction &f, const TargetDesc &t);

private:
  void reset();
  // --- numbering and liveness
  void number();
  void computeLiveness();
  void buildIntervals();
  // --- interval queries
  const Range *rangesOf(const Interval &iv) const { return ranges_.data() + iv.rBegin; }
  size_t numRanges(const Interval &iv) const { return iv.rEnd - iv.rBegin; }
  uint32_t start(const Interval &iv) const { return ranges_[iv.rBegin].from; }
  uint32_t end(const Interval &iv) const { return ranges_[iv.rEnd - 1].to; }
  uint32_t start(uint32_t iv) const { return start(iv_[iv]); }
  uint32_t end(uint32_t iv) const { return end(iv_[iv]); }
  bool covers(const Interval &iv, uint32_t p) const;
  uint32_t nextRegUse(const Interval &iv, uint32_t from) const;
  uint32_t nextWantedUse(uint32_t vreg, uint32_t from) const;
  uint32_t nextUseAroundLoops(uint32_t vreg, uint32_t from, uint32_t next) const;
  bool hasRegUseAt(const Interval &iv, uint32_t p) const;
  uint32_t usableUntil(const Interval &cur, uint32_t limit) const;
  /// First position covered by an active or inactive interval and the one being
  /// allocated (which starts at the scan position: `a`'s cursor is a valid start).
  uint32_t intersectionWithCurrent(const Interval &a, const Interval &cur) const {
    return firstCommon(rangesOf(a), numRanges(a), rangesOf(cur), numRanges(cur),
                       [](const Range &) { return false; }, a.cursor);
  }
  // --- allocation
  uint32_t split(uint32_t iv, uint32_t pos);
  void assignReg(uint32_t iv, PReg r);
  void assignStack(uint32_t iv);
  void push(uint32_t iv);
  void spillUntilNextRegUse(uint32_t iv);
  void headInReg(uint32_t iv, PReg r, uint32_t limit);
  uint32_t fixedIntersection(PReg r, const Interval &cur);
  uint32_t fixedIntersectionFrom(PReg r, const Interval &cur, uint32_t c) const;
  PReg preferredReg(uint32_t iv) const;
  bool tryAllocateFree(uint32_t iv);
  uint64_t wantedByLaterFixed(const Interval &cur, uint64_t whole, const std::vector<PReg> &regs) const;
  bool allocateBlocked(uint32_t iv);
  bool reshuffle(uint32_t iv, const std::array<uint32_t, kMaxRegs> &blockPos);
  bool evictFor(uint32_t iv, PReg reg, const std::array<uint32_t, kMaxRegs> &blockPos);
  void evict(uint32_t iv, uint32_t pos);
  uint32_t loopSplitPos(const Interval &holder, uint32_t pos, uint32_t nextUse) const;
  void spillPrevInLoop(uint32_t iv, uint32_t nextUse);
  void splitAtSafepoints();
  bool linearScan();
  // --- output
  void collectChildren();
  Allocation locAt(uint32_t vreg, uint32_t pos) const;
  /// locAt for a position where the vreg is known to be live (an operand, a
  /// live-in value, a branch argument): no covering test. A vreg that was never
  /// split (most) has one location, read from `whole_` without a search.
  Allocation locLive(uint32_t vreg, uint32_t pos) const {
    Allocation a = whole_[vreg];
    assert((a.isNone() || locLiveSplit(vreg, pos) == a) && "an unsplit vreg has one location");
    return a.isNone() ? locLiveSplit(vreg, pos) : a;
  }
  Allocation locLiveSplit(uint32_t vreg, uint32_t pos) const;
  void assignSlots();
  void emitParallel(std::vector<Move> &moves, std::vector<RegAllocItem> &out) {
    if (!moves.empty())
      emitParallelMoves(moves, out);
  }
  void emitParallelMoves(std::vector<Move> &moves, std::vector<RegAllocItem> &out);
  /// Adds `delta` to the statistic of m's kind (register copy, spill store or reload).
  void countMove(const Move &m, int delta) {
    unsigned &n = m.dst.isReg() && m.src.isReg() ? res_.stats.regMoves
                  : m.dst.isStack()              ? res_.stats.spillStores
                                                 : res_.stats.reloads;
    n += unsigned(delta);
  }
  void edgeMoves(BlockId p, BlockId s, const BranchTarget &bt, std::vector<Move> &moves) const;
  void buildOutput();
  void hoistBackEdgeMoves();
  void removeRedundantMoves();

  const MachFunction *f_ = nullptr;
  const TargetDesc *t_ = nullptr;
  RegAllocResult res_;

  std::vector<uint32_t> instIdx_;  // InstId -> index n
  std::vector<uint32_t> entryIdx_; // BlockId -> index s
  std::vector<uint32_t> termIdx_;  // BlockId -> index of the terminator
  // Loops in layout order: a block that a later (or the same) block branches back
  // to heads the loop [2 * its entry, the end of its last latch). Loops are nested
  // by position; loopOf_ is a block's innermost loop (kInf: none).
  struct Loop {
    uint32_t from, to, parent;
    BlockId head;
  };
  std::vector<Loop> loops_;
  std::vector<uint32_t> loopOf_;   // BlockId -> innermost loop containing its start, or kInf
  std::vector<uint32_t> loopEnd_;  // BlockId -> end of the loop it heads, or 0
  uint32_t numIdx_ = 0;            // indices handed out
  // Liveness is kept only for vregs live into some block (globals_, ascending;
  // denseOf_ maps a vreg to its index there or kInf).
  std::vector<uint32_t> defBlock_;  // vreg -> its defining block, or kInf
  std::vector<std::pair<BlockId, uint32_t>> genRecs_; // (block, vreg) upward-exposed uses
  std::vector<uint32_t> denseOf_, globals_;
  std::vector<uint64_t> liveIn_;   // block b's live-in set: words_ words at b * words_
  std::vector<uint64_t> gen_, kill_, liveOut_;
  std::vector<uint8_t> dirty_;     // liveness: the block must be recomputed
  unsigned words_ = 0;

  // Interval construction: per-vreg range lists are singly linked, newest
  // (lowest) first, while blocks and instructions are walked backwards.
  struct RangeNode {
    uint32_t from, to, next;
  };
  std::vector<RangeNode> rangeNodes_;
  std::vector<uint32_t> rangeHead_; // vreg -> newest node or kInf
  // Use positions: counted per vreg by computeLiveness (an operand or branch
  // argument makes a fixed number of them), so buildIntervals writes each vreg's
  // slice in place, from its end: newest found (usually the lowest position) first.
  std::vector<uint32_t> useStart_; // vreg -> its slice uses_[useStart_[v], useStart_[v + 1])
  std::vector<uint32_t> useFill_;  // vreg -> while building, the slice's first written entry
  FlatLists<uint32_t> related_;     // vreg -> vregs it would like to share a register with
  std::vector<uint8_t> reused_;

  std::vector<Interval> iv_;
  std::vector<Range> ranges_;          // pool of interval ranges
  std::vector<UsePos> uses_;           // pool of use positions, per vreg sorted by position
  std::vector<uint32_t> nextRegUse_;   // per uses_ entry: the first entry at or after it that needs a register (within the vreg)
  std::vector<uint32_t> nextWant_;     // the same for entries that want a register (UsePos::wantsReg)
  std::vector<uint32_t> nextHint_;     // the same for entries whose hint is an allocatable register of the vreg's class
  std::vector<uint32_t> first_;        // vreg -> first interval (kInf: never live)
  std::vector<std::vector<FixedRange>> fixed_; // PReg -> blocked ranges
  std::vector<uint32_t> fixedCursor_;          // PReg -> its first fixed range ending after the scan position
  std::array<uint32_t, kMaxRegs> fixedNext_{}; // PReg -> start of the range at its cursor (kInf: none)
  // Per class: at most the smallest fixedNext_ of its allocatable registers (a
  // lower bound: fixedNext_ only grows), so an interval ending by then skips the
  // per-register fixed-range look in tryAllocateFree.
  std::array<uint32_t, kNumRegClasses> fixedMin_{};
  std::array<bool, kNumRegClasses> fixedStale_{}; // allocateBlocked moved cursors since fixedMin_ was computed
  // Registers by their index in the allocation order of their class (bit sets
  // over a class are indexed this way, so the lowest bit is the preferred one).
  std::array<uint8_t, kMaxRegs> orderOf_{};    // PReg -> index in t.allocatable[its class], or kNotAllocatable
  std::array<uint64_t, kNumRegClasses> callerSavedOrder_{}; // per class: the caller-saved registers
  uint32_t scanPos_ = 0;
  std::vector<uint32_t> safepoints_;   // indices of safepoint instructions
  std::vector<uint32_t> defIdx_;       // vreg -> index of its defining inst/entry
  std::vector<uint32_t> refVRegs_;     // live reference vregs (stack maps), ascending
  std::vector<uint8_t> spilled_;
  std::vector<uint32_t> spilledList_;  // the vregs spilled_ marks, in the order first spilled
  std::vector<uint32_t> slotOf_;

  // Unhandled intervals, smallest (start, interval) first: those queued before
  // the scan sorted once, those queued during it (split tails) in a min-heap.
  using QItem = std::pair<uint32_t, uint32_t>; // (start, interval)
  std::vector<QItem> initial_;
  size_t initialNext_ = 0;
  std::vector<QItem> unhandled_; // a min-heap (std::greater)
  std::vector<uint32_t> bucket_;
  bool scanning_ = false;
  std::vector<uint32_t> active_, inactive_, victims_;
  // The registers held by active intervals, per class as bits of allocation
  // order (what tryAllocateFree calls busy), kept as active_ changes; a count
  // per register keeps it exact even if two active intervals shared one.
  std::array<uint64_t, kNumRegClasses> activeMask_{};
  std::array<uint16_t, kMaxRegs> activeCount_{};
  // Lower bounds of the active and inactive intervals' events: while the scan
  // position is below one, no member of that list changes state (exact after
  // each pass over the list; removals elsewhere leave them lower bounds).
  uint32_t activeMinEvent_ = kInf, inactiveMinEvent_ = kInf;
  void addActive(uint32_t iv) {
    active_.push_back(iv);
    activeMinEvent_ = std::min(activeMinEvent_, iv_[iv].event);
    PReg r = iv_[iv].alloc.preg();
    if (activeCount_[r]++ == 0)
      activeMask_[classIndex(iv_[iv].cls)] |= uint64_t(1) << orderOf_[r];
  }
  /// Call before `iv` leaves active_ (its allocation still its register).
  void dropActive(uint32_t iv) {
    PReg r = iv_[iv].alloc.preg();
    if (--activeCount_[r] == 0)
      activeMask_[classIndex(iv_[iv].cls)] &= ~(uint64_t(1) << orderOf_[r]);
  }

  // Output.
  std::vector<uint32_t> childStart_, children_; // vreg -> intervals sorted by start (flat)
  std::vector<uint32_t> splitVRegs_;             // the vregs with more than one child, ascending
  std::vector<Allocation> whole_;                // vreg -> its location if it has one child, else none
  std::vector<std::pair<uint32_t, uint32_t>> startsAt_; // (start, child) of later children, by start
  std::vector<std::vector<Range>> slotRanges_;   // per spill slot: the lifetimes it holds
  std::vector<uint32_t> slotSize_;
  std::vector<Range> life_, merged_;
  std::vector<int> reusedBy_;
  // Per instruction: which of the output's per-operand steps have work.
  enum : uint8_t { kHasFixedDef = 1, kHasSpilledDef = 2, kHasReuseDef = 4, kHasFixedUse = 8 };
  std::vector<uint8_t> instFlags_;
  std::vector<Move> moves_, group_, seq_;
  std::vector<Allocation> hoistForbidden_; // hoistBackEdgeMoves' scratch
  std::vector<uint32_t> inEdge_;           // buildOutput: block -> index of its edge in its predecessor's targets
  // removeRedundantMoves: per location (registers, then slots), the number of the
  // value it holds (0: not known), and the locations given a number in this block.
  std::vector<uint32_t> locValue_, locTouched_;
  std::array<std::array<uint32_t, 2>, kNumRegClasses> emergency_ = {{{kInf, kInf}, {kInf, kInf}}};
};

void Allocator::reset() {
  res_ = RegAllocResult();
  numIdx_ = 0;
  rangeNodes_.clear();
  related_.clear();
  iv_.clear();
  ranges_.clear();
  uses_.clear();
  nextRegUse_.clear();
  nextWant_.clear();
  safepoints_.clear();
  refVRegs_.clear();
  unhandled_.clear();
  initial_.clear();
  initialNext_ = 0;
  scanning_ = false;
  active_.clear();
  inactive_.clear();
  activeMask_.fill(0);
  activeCount_.fill(0);
  moves_.clear();
  emergency_ = {{{kInf, kInf}, {kInf, kInf}}};
}

// ----------------------------------------------------------------------------
// Interval queries

bool Allocator::covers(const Interval &iv, uint32_t p) const {
  const Range *r = rangesOf(iv);
  size_t n = numRanges(iv);
  if (n <= 4) { // the common case: a handful of ranges
    for (size_t k = 0; k < n; ++k)
      if (p < r[k].to)
        return p >= r[k].from;
    return false;
  }
  const Range *it = std::upper_bound(r, r + n, p, [](uint32_t x, const Range &q) { return x < q.from; });
  if (it == r)
    return false;
  --it;
  return p < it->to;
}

uint32_t Allocator::nextRegUse(const Interval &iv, uint32_t from) const {
  const UsePos *b = uses_.data() + iv.uBegin, *e = uses_.data() + iv.uEnd;
  const UsePos *it = b;
  if (e - b > 8)
    it = std::lower_bound(b, e, from, [](const UsePos &u, uint32_t p) { return u.pos < p; });
  else
    while (it != e && it->pos < from)
      ++it;
  if (it == e)
    return kInf;
  uint32_t k = nextRegUse_[size_t(it - uses_.data())];
  return k < iv.uEnd ? uses_[k].pos : kInf;
}

// Over the whole vreg (all its split children): what evicting a piece costs
// depends on the value's next use, wherever the piece holding it ends.
uint32_t Allocator::nextWantedUse(uint32_t vreg, uint32_t from) const {
  const uint32_t uBegin = useStart_[vreg], uEnd = useStart_[vreg + 1];
  const UsePos *b = uses_.data() + uBegin, *e = uses_.data() + uEnd;
  const UsePos *it = b;
  if (e - b > 8)
    it = std::lower_bound(b, e, from, [](const UsePos &u, uint32_t p) { return u.pos < p; });
  else
    while (it != e && it->pos < from)
      ++it;
  if (it == e)
    return kInf;
  uint32_t k = nextWant_[size_t(it - uses_.data())];
  return k < uEnd ? uses_[k].pos : kInf;
}

// The next use in layout order, `next`, misses the use in a loop's next
// iteration: a value live into the loop's header is live around its back edges,
// so a use of it earlier in the loop (at or after the header, before `from`) comes
// again before anything after the loop. Such a value is then wanted by the loop's
// end at the latest, and the scan's choice of what to evict prefers a value that
// is only live through the loop over one the loop keeps reading.
uint32_t Allocator::nextUseAroundLoops(uint32_t vreg, uint32_t from, uint32_t next) const {
  if (loops_.empty() || denseOf_[vreg] == kInf)
    return next;
  // The vreg's last use before `from`.
  const UsePos *b = uses_.data() + useStart_[vreg], *e = uses_.data() + useStart_[vreg + 1];
  const UsePos *at = std::lower_bound(b, e, from, [](const UsePos &u, uint32_t p) { return u.pos < p; });
  if (at == b)
    return next;
  const uint32_t before = (at - 1)->pos, d = denseOf_[vreg];
  BlockId blk = BlockId(std::upper_bound(entryIdx_.begin(), entryIdx_.end(), from / 2) - entryIdx_.begin() - 1);
  for (uint32_t l = loopOf_[blk]; l != kInf; l = loops_[l].parent) {
    const Loop &lp = loops_[l];
    if (next < lp.to)
      return next;
    if (before >= lp.from && ((liveIn_[size_t(lp.head) * words_ + d / 64] >> (d % 64)) & 1))
      return lp.to;
  }
  return next;
}

bool Allocator::hasRegUseAt(const Interval &iv, uint32_t p) const {
  const UsePos *b = uses_.data() + iv.uBegin, *e = uses_.data() + iv.uEnd;
  const UsePos *it = std::lower_bound(b, e, p, [](const UsePos &u, uint32_t q) { return u.pos < q; });
  for (; it != e && it->pos == p; ++it)
    if (it->requiresReg)
      return true;
  return false;
}

/// How long `cur` can keep a register that stops being free at `limit`: a value
/// that needs its register at an instruction's late point (an early or tied def)
/// cannot leave it between that instruction's early and late points.
uint32_t Allocator::usableUntil(const Interval &cur, uint32_t limit) const {
  if (limit != kInf && (limit & 1) && hasRegUseAt(cur, limit))
    return limit - 1;
  return limit;
}

// ----------------------------------------------------------------------------
// Numbering and liveness

void Allocator::number() {
  const MachFunction &f = *f_;
  uint32_t idx = 0;
  instIdx_.assign(f.numInsts(), kInf);
  entryIdx_.resize(f.numBlocks());
  termIdx_.resize(f.numBlocks());
  for (BlockId b = 0; b < f.numBlocks(); ++b) {
    entryIdx_[b] = idx++;
    for (InstId i : f.block(b).insts)
      instIdx_[i] = idx++;
    termIdx_[b] = idx - 1;
  }
  numIdx_ = idx;
  // Loops: back edges in layout order (a successor at or before the block).
  loops_.clear();
  loopEnd_.assign(f.numBlocks(), 0);
  bool any = false;
  for (BlockId b = 0; b < f.numBlocks(); ++b)
    for (BlockId s : f.block(b).succs)
      if (s <= b) {
        loopEnd_[s] = std::max(loopEnd_[s], 2 * termIdx_[b] + 2);
        any = true;
      }
  if (!any) {
    loopOf_.clear();
    return;
  }
  loopOf_.assign(f.numBlocks(), kInf);
  uint32_t open = kInf; // innermost loop open at the current block
  for (BlockId b = 0; b < f.numBlocks(); ++b) {
    uint32_t bs = 2 * entryIdx_[b];
    while (open != kInf && loops_[open].to <= bs)
      open = loops_[open].parent;
    if (loopEnd_[b] != 0) {
      // A loop that outlives the one open here is not nested in it: its parent
      // is the first enclosing loop that contains it.
      uint32_t parent = open;
      while (parent != kInf && loops_[parent].to < loopEnd_[b])
        parent = loops_[parent].parent;
      loops_.push_back({bs, loopEnd_[b], parent, b});
      open = uint32_t(loops_.size() - 1);
    }
    loopOf_[b] = open;
  }
}

void Allocator::computeLiveness() {
  const MachFunction &f = *f_;
  const unsigned nv = f.numVRegs(), nb = f.numBlocks();
  // A vreg all of whose uses follow its definition in the defining block (most
  // SSA temporaries) is live into no block. Only the others ("global" vregs)
  // get a bit: dense indices, ascending with the vreg, so set bits visit vregs
  // in the same order as bits indexed by vreg would. One forward pass finds them:
  // a use is upward-exposed in its block (gen) exactly when the vreg has not been
  // defined in that block before it.
  //
  // The same pass counts each vreg's use positions (buildIntervals makes one per
  // use operand and branch argument, two for an early or tied def, else one).
  defBlock_.assign(nv, kInf);
  useStart_.assign(nv + 1, 0);
  uint32_t *useCount = useStart_.data() + 1;
  genRecs_.clear();
  for (BlockId b = 0; b < nb; ++b) {
    const MachBlock &blk = f.block(b);
    for (VReg p : blk.params)
      defBlock_[p.id] = b;
    for (InstId i : blk.insts) {
      auto ops = f.operands(i);
      for (const Operand &op : ops)
        if (op.isUse()) {
          useCount[op.vreg.id]++;
          if (defBlock_[op.vreg.id] != b)
            genRecs_.push_back({b, op.vreg.id});
        }
      for (const BranchTarget &bt : f.targets(i))
        for (VReg a : bt.args) {
          useCount[a.id]++;
          if (defBlock_[a.id] != b)
            genRecs_.push_back({b, a.id});
        }
      for (const Operand &op : ops)
        if (op.isDef()) {
          defBlock_[op.vreg.id] = b;
          bool twoUses = op.constraint == Constraint::Reuse || (op.constraint == Constraint::Reg && op.early);
          useCount[op.vreg.id] += twoUses ? 2 : 1;
        }
    }
  }
  for (uint32_t v = 0; v < nv; ++v)
    useStart_[v + 1] += useStart_[v];
  useFill_.assign(useStart_.begin() + 1, useStart_.end());
  uses_.resize(useStart_[nv]);
  denseOf_.assign(nv, kInf);
  globals_.clear();
  for (const auto &g : genRecs_)
    if (denseOf_[g.second] == kInf) {
      denseOf_[g.second] = 0;
      globals_.push_back(g.second);
    }
  std::sort(globals_.begin(), globals_.end());
  for (uint32_t d = 0; d < globals_.size(); ++d)
    denseOf_[globals_[d]] = d;
  // Bit sets per block over the dense indices, in one flat array each (block
  // b's words at b * words_).
  words_ = unsigned((globals_.size() + 63) / 64);
  const unsigned words = words_;
  auto set = [](uint64_t *s, uint32_t v) { s[v >> 6] |= uint64_t(1) << (v & 63); };
  gen_.assign(size_t(nb) * words, 0);
  kill_.assign(size_t(nb) * words, 0);
  for (const auto &g : genRecs_)
    set(gen_.data() + size_t(g.first) * words, denseOf_[g.second]);
  for (uint32_t d = 0; d < globals_.size(); ++d)
    if (uint32_t b = defBlock_[globals_[d]]; b != kInf)
      set(kill_.data() + size_t(b) * words, d);
  liveIn_.assign(size_t(nb) * words, 0);
  liveOut_.resize(words);
  if (words == 0)
    return;
  uint64_t *in = liveOut_.data();
  // A block is recomputed only when a successor's live-in set changed since it
  // was last computed (all blocks are at first): the least fixed point is the
  // same whatever the order, and the last pass no longer revisits every block.
  dirty_.assign(nb, 1);
  bool changed = true;
  while (changed) {
    changed = false;
    for (BlockId b = nb; b-- > 0;) {
      if (!dirty_[b])
        continue;
      dirty_[b] = 0;
      std::fill(in, in + words, 0);
      for (BlockId s : f.block(b).succs) {
        const uint64_t *ls = liveIn_.data() + size_t(s) * words;
        for (unsigned w = 0; w < words; ++w)
          in[w] |= ls[w];
      }
      const uint64_t *g = gen_.data() + size_t(b) * words, *k = kill_.data() + size_t(b) * words;
      uint64_t *lb = liveIn_.data() + size_t(b) * words;
      bool grew = false;
      for (unsigned w = 0; w < words; ++w) {
        uint64_t x = g[w] | (in[w] & ~k[w]);
        if (x != lb[w]) {
          lb[w] = x;
          grew = true;
        }
      }
      if (grew) {
        for (BlockId p : f.block(b).preds)
          dirty_[p] = 1;
        changed = true;
      }
    }
  }
}

void Allocator::buildIntervals() {
  const MachFunction &f = *f_;
  const TargetDesc &t = *t_;
  unsigned nv = f.numVRegs();
  rangeHead_.assign(nv, kInf);
  fixed_.resize(t.numRegs());
  for (auto &fr : fixed_)
    fr.clear();
  defIdx_.assign(nv, kInf);
  uint64_t *liveOut = liveOut_.data();

  // Ranges are added with decreasing positions: the newest node is the lowest.
  auto addRange = [&](uint32_t v, uint32_t from, uint32_t to) {
    uint32_t h = rangeHead_[v];
    if (h != kInf && rangeNodes_[h].from <= to) {
      RangeNode &r = rangeNodes_[h];
      r.from = std::min(r.from, from);
      r.to = std::max(r.to, to);
    } else {
      rangeNodes_.push_back({from, to, h});
      rangeHead_[v] = uint32_t(rangeNodes_.size() - 1);
    }
  };
  auto define = [&](uint32_t v, uint32_t pos, uint32_t deadEnd) {
    uint32_t h = rangeHead_[v];
    if (h != kInf && rangeNodes_[h].from <= pos && pos < rangeNodes_[h].to) {
      rangeNodes_[h].from = pos;
    } else {
      rangeNodes_.push_back({pos, deadEnd, h});
      rangeHead_[v] = uint32_t(rangeNodes_.size() - 1);
    }
  };
  auto use = [&](uint32_t v, uint32_t pos, bool reg, PReg hint, bool want = false) {
    uses_[--useFill_[v]] = UsePos{pos, reg, hint, reg || want};
  };
  auto relate = [&](uint32_t a, uint32_t b) {
    related_.add(a, b);
    related_.add(b, a);
  };

  for (BlockId b = f.numBlocks(); b-- > 0;) {
    const MachBlock &blk = f.block(b);
    uint32_t bs = 2 * entryIdx_[b], be = 2 * termIdx_[b] + 2;
    // Live out: the union of the successors' live-in sets, visited by set bit.
    std::fill(liveOut, liveOut + words_, 0);
    for (BlockId s : blk.succs) {
      const uint64_t *ls = liveIn_.data() + size_t(s) * words_;
      for (unsigned w = 0; w < words_; ++w)
        liveOut[w] |= ls[w];
    }
    for (unsigned w = 0; w < words_; ++w)
      for (uint64_t bits = liveOut[w]; bits; bits &= bits - 1)
        addRange(globals_[w * 64 + uint32_t(__builtin_ctzll(bits))], bs, be);
    for (size_t k = blk.insts.size(); k-- > 0;) {
      InstId i = blk.insts[k];
      uint32_t n = instIdx_[i];
      const MachInst &mi = f.inst(i);
      auto ops = f.operands(i);
      RegSet fixedDefs;
      bool anyReuse = false;
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
          use(v, 2 * n + 1, true, kNoReg);
          if (early)
            use(v, 2 * n, true, kNoReg);
          break;
        case Constraint::Any:
          use(v, 2 * n + 1, false, kNoReg);
          break;
        case Constraint::Fixed:
          if (t.regs[op.fixedReg].calleeSaved)
            res_.usedCalleeSaved.insert(op.fixedReg);
          use(v, 2 * n + 1, false, op.fixedReg);
          fixed_[op.fixedReg].push_back({dp, 2 * n + 2, v});
          fixedDefs.insert(op.fixedReg);
          break;
        case Constraint::Reuse: {
          uint32_t u = ops[op.reuseIndex].vreg.id;
          use(v, 2 * n + 1, true, kNoReg);
          use(v, 2 * n, true, kNoReg);
          relate(v, u);
          anyReuse = true;
          break;
        }
        }
      }
      if (!mi.clobbers.empty())
        mi.clobbers.forEach([&](PReg r) {
          if (!fixedDefs.contains(r) && orderOf_[r] != kNotAllocatable)
            fixed_[r].push_back({2 * n + 1, 2 * n + 2, kInf});
        });
      if (mi.safepoint)
        safepoints_.push_back(n);
      if (anyReuse) {
        if (reused_.size() < ops.size())
          reused_.resize(ops.size(), 0);
        for (const Operand &op : ops)
          if (op.isDef() && op.constraint == Constraint::Reuse)
            reused_[op.reuseIndex] = 1;
      }
      for (unsigned o = 0; o < ops.size(); ++o) {
        const Operand &op = ops[o];
        if (!op.isUse())
          continue;
        uint32_t v = op.vreg.id;
        if (anyReuse && reused_[o]) { // read by the copy in the gap before the instruction
          addRange(v, bs, 2 * n);
          use(v, 2 * n - 1, false, kNoReg, true);
          continue;
        }
        addRange(v, bs, 2 * n + 1);
        switch (op.constraint) {
        case Constraint::Reg:
          use(v, 2 * n, true, kNoReg);
          break;
        case Constraint::Any:
        case Constraint::Reuse:
          use(v, 2 * n, false, kNoReg);
          break;
        case Constraint::Fixed:
          if (t.regs[op.fixedReg].calleeSaved)
            res_.usedCalleeSaved.insert(op.fixedReg);
          use(v, 2 * n, false, op.fixedReg, true);
          fixed_[op.fixedReg].push_back({2 * n, 2 * n + 1, v});
          break;
        }
      }
      if (anyReuse)
        for (const Operand &op : ops)
          if (op.isDef() && op.constraint == Constraint::Reuse)
            reused_[op.reuseIndex] = 0;
      for (const BranchTarget &bt : f.targets(i)) {
        const MachBlock &s = f.block(bt.block);
        for (size_t a = 0; a < bt.args.size(); ++a) {
          uint32_t v = bt.args[a].id;
          addRange(v, bs, 2 * n + 1);
          use(v, 2 * n, false, kNoReg);
          relate(v, s.params[a].id);
        }
      }
    }
    // A parameter is defined at the block start; a live one's range already
    // starts there, a dead one has no interval (the edges do not copy into it).
    for (VReg p : blk.params)
      defIdx_[p.id] = entryIdx_[b];
  }

  // Each vreg's slice of the use pool is sorted by position and indexed (next
  // use that needs, wants or hints a register); its range list becomes one
  // slice of the range pool.
  related_.build(nv);
  nextRegUse_.resize(uses_.size());
  nextWant_.resize(uses_.size());
  nextHint_.resize(uses_.size());
  first_.assign(nv, kInf);
  for (uint32_t v = 0; v < nv; ++v) {
    // The slice holds the found order reversed. Found walking backwards, a run
    // is usually strictly descending, so the slice is strictly ascending: the
    // unique sorted order. Other runs are put back in the order found and go
    // through std::sort (its order of equal uses decides hints).
    const uint32_t ub = useStart_[v], ue = useStart_[v + 1];
    assert(useFill_[v] == ub && "computeLiveness counted every use");
    if (ub == ue && rangeHead_[v] == kInf)
      continue; // never used nor live: no interval
    const RegClass cls = f.vreg(VReg(v)).cls;
    bool ascending = true;
    auto fillNext = [&] {
      uint32_t next = ue, nextWant = ue, nextHint = ue;
      for (uint32_t k = ue; k-- > ub;) {
        if (uses_[k].requiresReg)
          next = k;
        if (uses_[k].wantsReg)
          nextWant = k;
        if (PReg h = uses_[k].hint; h != kNoReg && t.regClass(h) == cls && orderOf_[h] != kNotAllocatable)
          nextHint = k;
        nextRegUse_[k] = next;
        nextWant_[k] = nextWant;
        nextHint_[k] = nextHint;
        ascending = ascending && (k + 1 == ue || uses_[k].pos < uses_[k + 1].pos);
      }
    };
    fillNext();
    if (!ascending) {
      std::reverse(uses_.begin() + ub, uses_.begin() + ue);
      std::sort(uses_.begin() + ub, uses_.begin() + ue,
                [](const UsePos &a, const UsePos &b) { return a.pos < b.pos; });
      fillNext();
    }
    if (rangeHead_[v] == kInf)
      continue;
    Interval iv;
    iv.vreg = v;
    iv.cls = f.vreg(VReg(v)).cls;
    iv.rBegin = uint32_t(ranges_.size());
    for (uint32_t h = rangeHead_[v]; h != kInf; h = rangeNodes_[h].next)
      ranges_.push_back({rangeNodes_[h].from, rangeNodes_[h].to});
    iv.rEnd = uint32_t(ranges_.size());
    iv.uBegin = ub;
    iv.uEnd = ue;
    first_[v] = uint32_t(iv_.size());
    iv_.push_back(iv);
    if (f.vreg(VReg(v)).isRef)
      refVRegs_.push_back(v);
  }
  for (auto &fr : fixed_)
    std::sort(fr.begin(), fr.end(), [](const FixedRange &a, const FixedRange &b) { return a.from < b.from; });
  std::sort(safepoints_.begin(), safepoints_.end());
}

// ----------------------------------------------------------------------------
// Linear scan

void Allocator::push(uint32_t iv) {
  if (!scanning_) {
    initial_.push_back({start(iv), iv});
    return;
  }
  unhandled_.push_back({start(iv), iv});
  std::push_heap(unhandled_.begin(), unhandled_.end(), std::greater<QItem>());
}

uint32_t Allocator::split(uint32_t ivIdx, uint32_t pos) {
  Interval tail;
  {
    Interval &iv = iv_[ivIdx];
    assert(pos > start(iv) && pos < end(iv) && "split outside the interval");
    tail.vreg = iv.vreg;
    tail.cls = iv.cls;
    tail.prev = ivIdx;
    // The first range that ends after pos goes to the tail (cut in two if pos
    // is inside it).
    uint32_t k = uint32_t(skipEndingBy(ranges_.data(), iv.rBegin, iv.rEnd, pos));
    assert(k < iv.rEnd);
    if (ranges_[k].from >= pos) { // pos is in a hole: the slices just divide
      tail.rBegin = k;
      tail.rEnd = iv.rEnd;
      iv.rEnd = k;
    } else if (iv.rEnd - k <= k + 1 - iv.rBegin) { // copy the tail's ranges
      Range cut = ranges_[k];
      tail.rBegin = uint32_t(ranges_.size());
      ranges_.push_back({pos, cut.to});
      for (uint32_t j = k + 1; j < iv.rEnd; ++j) {
        Range r = ranges_[j];
        ranges_.push_back(r);
      }
      tail.rEnd = uint32_t(ranges_.size());
      ranges_[k].to = pos;
      iv.rEnd = k + 1;
    } else { // copy the head's ranges
      uint32_t nb = uint32_t(ranges_.size());
      for (uint32_t j = iv.rBegin; j <= k; ++j) {
        Range r = ranges_[j];
        ranges_.push_back(r);
      }
      ranges_.back().to = pos;
      tail.rBegin = k;
      tail.rEnd = iv.rEnd;
      ranges_[k].from = pos;
      iv.rBegin = nb;
      iv.rEnd = uint32_t(ranges_.size());
    }
    const UsePos *mid = std::lower_bound(uses_.data() + iv.uBegin, uses_.data() + iv.uEnd, pos,
                                         [](const UsePos &u, uint32_t p) { return u.pos < p; });
    tail.uBegin = uint32_t(mid - uses_.data());
    tail.uEnd = iv.uEnd;
    iv.uEnd = tail.uBegin;
  }
  res_.stats.splits++;
  iv_.push_back(tail);
  return uint32_t(iv_.size() - 1);
}

void Allocator::assignReg(uint32_t iv, PReg r) {
  iv_[iv].alloc = Allocation::reg(r);
  iv_[iv].cursor = 0;
  iv_[iv].event = ranges_[iv_[iv].rBegin].to; // it starts at the scan position
  if (t_->regs[r].calleeSaved)
    res_.usedCalleeSaved.insert(r);
  addActive(iv);
}

void Allocator::assignStack(uint32_t iv) {
  iv_[iv].alloc = Allocation::stack(kInf);
  if (!spilled_[iv_[iv].vreg]) {
    spilled_[iv_[iv].vreg] = true;
    spilledList_.push_back(iv_[iv].vreg);
  }
}

// The interval leaves its register for the stack (free: the slot is valid) and
// comes back into a register just before its next use that needs one.
void Allocator::spillUntilNextRegUse(uint32_t iv) {
  uint32_t s = start(iv);
  uint32_t nu = nextRegUse(iv_[iv], s);
  if (nu == kInf) {
    assignStack(iv);
  } else if (floorEven(nu) > s) {
    uint32_t rest = split(iv, floorEven(nu));
    assignStack(iv);
    push(rest);
  } else {
    push(iv);
  }
}

// Gives `iv` register r up to `limit` (where r stops being free) and requeues the rest.
void Allocator::headInReg(uint32_t iv, PReg r, uint32_t limit) {
  uint32_t s = start(iv);
  assert(!((limit & 1) && hasRegUseAt(iv_[iv], limit)) && "limit inside an instruction that needs the register");
  bool oddSplit = (limit & 1) && (hasRegUseAt(iv_[iv], limit - 1) || floorEven(limit) <= s);
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

// Fixed ranges are sorted and at most 2 positions long (an instruction's early
// and late points); those of cur's own vreg do not block it. `cur` starts at the
// scan position, which only grows: the ranges that end by it are skipped once,
// by a cursor, and most intervals end before the next fixed range starts.
inline uint32_t Allocator::fixedIntersection(PReg r, const Interval &cur) {
  assert(start(cur) == scanPos_ && "fixed ranges are only intersected with the interval being allocated");
  const std::vector<FixedRange> &fr = fixed_[r];
  const uint32_t n = uint32_t(fr.size());
  uint32_t c = fixedCursor_[r];
  while (c < n && fr[c].to <= scanPos_)
    ++c;
  fixedCursor_[r] = c;
  fixedNext_[r] = c < n ? fr[c].from : kInf;
  if (c == n || fr[c].from >= end(cur))
    return kInf;
  return fixedIntersectionFrom(r, cur, c);
}

uint32_t Allocator::fixedIntersectionFrom(PReg r, const Interval &cur, uint32_t c) const {
  const std::vector<FixedRange> &fr = fixed_[r];
  const uint32_t owner = cur.vreg;
  return firstCommon(fr.data(), fr.size(), rangesOf(cur), numRanges(cur),
                     [owner](const FixedRange &x) { return x.owner == owner; }, c);
}

PReg Allocator::preferredReg(uint32_t ivIdx) const {
  const Interval &cur = iv_[ivIdx];
  // 1. the register of the sibling that ends where this one starts (no move)
  if (cur.prev != kInf) {
    const Interval &p = iv_[cur.prev];
    if (p.alloc.isReg() && end(p) == start(cur))
      return p.alloc.preg();
  }
  // 2. a fixed register one of its operands asks for (the first such use)
  if (cur.uBegin < cur.uEnd) {
    uint32_t k = nextHint_[cur.uBegin];
    if (k < cur.uEnd)
      return uses_[k].hint;
  }
  // 3. the register of a block parameter/argument or tied partner
  for (const uint32_t *v = related_.begin(cur.vreg), *e = related_.end(cur.vreg); v != e; ++v) {
    if (first_[*v] == kInf)
      continue;
    const Interval &o = iv_[first_[*v]];
    if (o.alloc.isReg() && o.cls == cur.cls)
      return o.alloc.preg();
  }
  return kNoReg;
}

// Registers are bits of their index in the class's allocation order: `busy`
// (held by an active interval: free until 0), `limited` (free until limit[k],
// set by an inactive interval or a fixed range), the others are free for good.
// A register's fixed ranges are looked at only when the next one starts before
// the interval ends (fixedNext_ is exact whenever it is below that end, see
// fixedIntersection), which for most intervals is never.
// The registers of `whole` (bits in allocation order) whose next fixed range
// starts by the instruction after cur's end and belongs to another vreg, not a
// tied partner of cur's, defined at or after cur's start and before its end:
// two operands of one instruction, the fixed one computed while the other waits.
// (Looking further ahead, e.g. at a return value's rax, moved more than it saved
// on the bench programs.)
// fixedNext_ and the cursors are exact for every register of `whole`: those
// whose next range starts before cur's end were just advanced by
// fixedIntersection, and the others' cursor ranges start after the scan position.
uint64_t Allocator::wantedByLaterFixed(const Interval &cur, uint64_t whole, const std::vector<PReg> &regs) const {
  const uint32_t s = start(cur), e = end(cur);
  uint64_t wanted = 0;
  for (uint64_t m = whole; m; m &= m - 1) {
    const unsigned k = unsigned(__builtin_ctzll(m));
    const PReg r = regs[k];
    if (fixedNext_[r] == kInf)
      continue;
    const FixedRange &fr = fixed_[r][fixedCursor_[r]];
    if (fr.owner == kInf || fr.owner == cur.vreg)
      continue;
    const uint32_t d = 2 * defIdx_[fr.owner];
    if (d < s || d >= e || fr.from > e + 2)
      continue;
    // A tied partner (`band x, 7` as a shift count, reusing x) can share it.
    if (std::find(related_.begin(cur.vreg), related_.end(cur.vreg), fr.owner) != related_.end(cur.vreg))
      continue;
    wanted |= uint64_t(1) << k;
  }
  return wanted;
}

bool Allocator::tryAllocateFree(uint32_t ivIdx) {
  const Interval &cur = iv_[ivIdx];
  const TargetDesc &t = *t_;
  const unsigned c = classIndex(cur.cls);
  const auto &regs = t.allocatable[c];
  const unsigned nr = unsigned(regs.size());
  const uint64_t all = nr == 64 ? ~uint64_t(0) : (uint64_t(1) << nr) - 1;
  const uint32_t e = end(cur);
  uint64_t busy = 0, limited = 0;
  std::array<uint32_t, 64> limit;
  auto lower = [&](unsigned k, uint32_t x) {
    uint64_t b = uint64_t(1) << k;
    if (!(limited & b)) {
      limited |= b;
      limit[k] = x;
    } else if (x < limit[k]) {
      limit[k] = x;
    }
  };
  busy = activeMask_[c];
  assert([&] {
    uint64_t b = 0;
    for (uint32_t a : active_)
      if (iv_[a].cls == cur.cls)
        b |= uint64_t(1) << orderOf_[iv_[a].alloc.preg()];
    return b == busy;
  }() && "activeMask_ follows active_");
  for (uint32_t a : inactive_)
    if (iv_[a].cls == cur.cls) {
      unsigned k = orderOf_[iv_[a].alloc.preg()];
      if (busy >> k & 1)
        continue;
      uint32_t x = intersectionWithCurrent(iv_[a], cur);
      if (x != kInf)
        lower(k, x);
    }
  if (fixedMin_[c] < e) {
    bool moved = fixedStale_[c];
    for (uint64_t m = all & ~busy; m; m &= m - 1) {
      unsigned k = unsigned(__builtin_ctzll(m));
      PReg r = regs[k];
      if (fixedNext_[r] >= e)
        continue;
      moved = true;
      uint32_t x = fixedIntersection(r, cur);
      if (x != kInf)
        lower(k, x);
    }
    // fixedNext_ changes only in fixedIntersection: without a call since the
    // last recomputation, the bound is still the minimum.
    if (moved) {
      uint32_t lo = kInf;
      for (PReg r : regs)
        lo = std::min(lo, fixedNext_[r]);
      fixedMin_[c] = lo;
      fixedStale_[c] = false;
    }
  }
  uint64_t whole = all & ~busy;
  for (uint64_t m = limited; m; m &= m - 1) {
    unsigned k = unsigned(__builtin_ctzll(m));
    limit[k] = usableUntil(cur, limit[k]);
    if (limit[k] < e)
      whole &= ~(uint64_t(1) << k);
  }

  PReg hint = preferredReg(ivIdx);
  PReg pick = kNoReg;
  if (hint != kNoReg && orderOf_[hint] != kNotAllocatable && (whole >> orderOf_[hint] & 1)) {
    pick = hint;
  } else if (whole) {
    // Whole-interval candidates: caller-saved first, then callee-saved registers
    // the prologue already saves, and a new callee-saved register only when no
    // other register is free for the whole interval. Among them, a register that
    // a value defined while this interval would hold it needs next as a fixed
    // register (a shift count for rcx computed while a constant waits for the
    // shift) only when no other one is free: that value could not live in it
    // and would be copied in.
    // (fixedMin_ bounds every register's next fixed range from below.)
    const uint64_t wanted = fixedMin_[c] <= e + 2 ? wantedByLaterFixed(cur, whole, regs) : 0;
    const uint64_t choice = (whole & ~wanted) ? whole & ~wanted : whole;
    if (uint64_t m = choice & callerSavedOrder_[c]) {
      pick = regs[__builtin_ctzll(m)];
    } else {
      pick = regs[__builtin_ctzll(choice)];
      for (uint64_t m = choice; m; m &= m - 1)
        if (res_.usedCalleeSaved.contains(regs[__builtin_ctzll(m)])) {
          pick = regs[__builtin_ctzll(m)];
          break;
        }
    }
  }
  if (pick != kNoReg) {
    assignReg(ivIdx, pick);
    return true;
  }
  // Partially free: the register free the longest, then split before it is taken.
  // (Every register is busy or limited here: an unlimited one would be whole.)
  auto freeUntil = [&](unsigned k) { return (busy >> k & 1) ? 0 : (limited >> k & 1) ? limit[k] : kInf; };
  PReg best = kNoReg;
  uint32_t bestUntil = 0;
  for (unsigned k = 0; k < nr; ++k) {
    uint32_t u = freeUntil(k);
    if (best == kNoReg || u > bestUntil || (u == bestUntil && regs[k] == hint)) {
      best = regs[k];
      bestUntil = u;
    }
  }
  if (best == kNoReg || bestUntil <= start(cur))
    return false;
  // A register lost between an instruction's early and late points (another
  // value's fixed def there) sends the rest of the value to its slot, and every
  // later use reloads it. If the value is still wanted in a register after that,
  // let allocateBlocked weigh evicting a value that is not used for longer
  // (for one with a fixed-register use: living elsewhere and being copied in).
  if ((bestUntil & 1) && bestUntil < kInf &&
      (hasRegUseAt(cur, bestUntil - 1) || floorEven(bestUntil) <= start(cur)) &&
      nextWantedUse(cur.vreg, bestUntil) != kInf)
    return false;
  headInReg(ivIdx, best, bestUntil);
  return true;
}

// Where a value that leaves register holder `holder` for the stack at `pos` (and
// needs a register again at `nextUse`) should leave it: if `pos` is inside loops
// the value is live through without needing a register, at the header of the
// outermost such loop (the value is then on the stack for the whole loop and no
// back edge reloads it), else at `pos`.
uint32_t Allocator::loopSplitPos(const Interval &holder, uint32_t pos, uint32_t nextUse) const {
  if (loops_.empty())
    return pos;
  // The block holding pos: the last whose entry index is at or before it.
  BlockId b = BlockId(std::upper_bound(entryIdx_.begin(), entryIdx_.end(), pos / 2) - entryIdx_.begin() - 1);
  uint32_t best = pos, s = start(holder);
  for (uint32_t l = loopOf_[b]; l != kInf; l = loops_[l].parent) {
    const Loop &lp = loops_[l];
    if (lp.from < s || lp.to <= pos || nextUse < lp.to || nextRegUse(holder, lp.from) < pos)
      break;
    best = lp.from;
  }
  return best;
}

// `iv` (starting at the scan position) goes to the stack; if its previous
// sibling held a register up to here from before the loops around, move that
// sibling's piece inside the loops to the stack too (see loopSplitPos).
void Allocator::spillPrevInLoop(uint32_t ivIdx, uint32_t nextUse) {
  uint32_t p = iv_[ivIdx].prev, s = start(ivIdx);
  if (p == kInf || loops_.empty() || !iv_[p].alloc.isReg() || end(p) != s)
    return;
  uint32_t h = loopSplitPos(iv_[p], s, nextUse);
  if (h >= s)
    return;
  if (h > start(p))
    assignStack(split(p, h));
  else
    assignStack(p);
}

void Allocator::evict(uint32_t ivIdx, uint32_t pos) {
  if (std::find(active_.begin(), active_.end(), ivIdx) != active_.end()) {
    dropActive(ivIdx);
    std::erase(active_, ivIdx);
  }
  std::erase(inactive_, ivIdx);
  pos = loopSplitPos(iv_[ivIdx], pos, nextRegUse(iv_[ivIdx], pos));
  uint32_t tail;
  if (start(ivIdx) < pos) {
    tail = split(ivIdx, pos);
  } else {
    tail = ivIdx;
    iv_[ivIdx].alloc = Allocation();
  }
  spillUntilNextRegUse(tail);
}

bool Allocator::allocateBlocked(uint32_t ivIdx) {
  const Interval &cur = iv_[ivIdx];
  uint32_t s = start(cur);
  const auto &regs = t_->allocatable[classIndex(cur.cls)];
  // Per register: the holders' next use that needs it (nextUse), that wants it
  // (wantUse: also fixed-register uses and tied inputs), and where a fixed range
  // blocks it (blockPos).
  std::array<uint32_t, kMaxRegs> nextUse, wantUse, blockPos;
  for (PReg r : regs)
    nextUse[r] = wantUse[r] = blockPos[r] = kInf;
  for (uint32_t a : active_)
    if (iv_[a].cls == cur.cls) {
      PReg r = iv_[a].alloc.preg();
      nextUse[r] = std::min(nextUse[r], nextUseAroundLoops(iv_[a].vreg, s, nextRegUse(iv_[a], s)));
      wantUse[r] = std::min(wantUse[r], nextUseAroundLoops(iv_[a].vreg, s, nextWantedUse(iv_[a].vreg, s)));
    }
  for (uint32_t a : inactive_)
    if (iv_[a].cls == cur.cls && intersectionWithCurrent(iv_[a], cur) != kInf) {
      PReg r = iv_[a].alloc.preg();
      nextUse[r] = std::min(nextUse[r], usableUntil(cur, nextUseAroundLoops(iv_[a].vreg, s, nextRegUse(iv_[a], s))));
      wantUse[r] =
          std::min(wantUse[r], usableUntil(cur, nextUseAroundLoops(iv_[a].vreg, s, nextWantedUse(iv_[a].vreg, s))));
    }
  for (PReg r : regs) {
    blockPos[r] = usableUntil(cur, fixedIntersection(r, cur));
    nextUse[r] = std::min(nextUse[r], blockPos[r]);
    wantUse[r] = std::min(wantUse[r], blockPos[r]);
  }
  fixedStale_[classIndex(cur.cls)] = true; // the fixed cursors may have moved
  PReg hint = preferredReg(ivIdx);
  uint32_t firstReg = nextRegUse(cur, s), firstWant = nextWantedUse(cur.vreg, s);
  // Belady over the uses that want a register: take the register whose holders
  // want it again last, if that is after this interval first wants one. Its
  // holders do not need it before then either (nextUse >= wantUse > s), so
  // they can be evicted. A value whose only uses are fixed-register or tied
  // inputs thus keeps its register against one that is not used for long.
  PReg reg = kNoReg;
  if (firstWant != kInf) {
    for (PReg r : regs)
      if (reg == kNoReg || wantUse[r] > wantUse[reg] || (wantUse[r] == wantUse[reg] && r == hint))
        reg = r;
    if (reg != kNoReg && wantUse[reg] > firstWant)
      return evictFor(ivIdx, reg, blockPos);
    reg = kNoReg;
  }
  for (PReg r : regs)
    if (reg == kNoReg || nextUse[r] > nextUse[reg] || (nextUse[r] == nextUse[reg] && r == hint))
      reg = r;
  if (reg == kNoReg || firstReg == kInf || nextUse[reg] < firstReg) {
    // Every register is needed before this interval needs one: spill it until then.
    if (firstReg == kInf) {
      assignStack(ivIdx);
      spillPrevInLoop(ivIdx, kInf);
      return true;
    }
    uint32_t sp = floorEven(firstReg);
    if (sp <= s)
      return false;
    uint32_t rest = split(ivIdx, sp);
    assignStack(ivIdx);
    spillPrevInLoop(ivIdx, firstReg);
    push(rest);
    return true;
  }
  if (nextUse[reg] <= s || blockPos[reg] <= s)
    return reshuffle(ivIdx, blockPos); // every register is needed right now
  return evictFor(ivIdx, reg, blockPos);
}

// `ivIdx` takes `reg` (up to where a fixed range blocks it) and the other
// holders of `reg` leave it from the scan position on.
bool Allocator::evictFor(uint32_t ivIdx, PReg reg, const std::array<uint32_t, kMaxRegs> &blockPos) {
  uint32_t s = start(ivIdx);
  if (blockPos[reg] < end(ivIdx))
    headInReg(ivIdx, reg, blockPos[reg]);
  else
    assignReg(ivIdx, reg);
  // Evict the other holders of `reg` from `start` on.
  std::vector<uint32_t> &victims = victims_;
  victims.clear();
  for (uint32_t a : active_)
    if (a != ivIdx && iv_[a].alloc == Allocation::reg(reg))
      victims.push_back(a);
  for (uint32_t a : inactive_)
    if (iv_[a].alloc == Allocation::reg(reg) && intersectionWithCurrent(iv_[a], iv_[ivIdx]) != kInf)
      victims.push_back(a);
  for (size_t k = 0; k < victims.size(); ++k)
    evict(victims[k], s);
  return true;
}

// Last resort when every register is needed at `start`: at a move point, a value
// that started earlier can move to another register. Take the register of such a
// value and requeue it from `start`; it then competes like a new interval (and
// cannot take the register back from `cur`, which also needs it at `start`).
// Each use turns one older interval into one starting at `start`, so this ends.
bool Allocator::reshuffle(uint32_t ivIdx, const std::array<uint32_t, kMaxRegs> &blockPos) {
  uint32_t s = start(ivIdx);
  if (s & 1)
    return false; // not a move point: the demand really exceeds the registers
  uint32_t victim = kInf;
  for (uint32_t a : active_)
    if (iv_[a].cls == iv_[ivIdx].cls && start(a) < s && blockPos[iv_[a].alloc.preg()] > s &&
        (victim == kInf || blockPos[iv_[a].alloc.preg()] > blockPos[iv_[victim].alloc.preg()]))
      victim = a;
  if (victim == kInf)
    return false;
  PReg reg = iv_[victim].alloc.preg();
  for (uint32_t a : inactive_)
    if (iv_[a].alloc == Allocation::reg(reg) && intersectionWithCurrent(iv_[a], iv_[ivIdx]) != kInf &&
        nextRegUse(iv_[a], s) <= s)
      return false;
  dropActive(victim);
  std::erase(active_, victim);
  push(split(victim, s));
  if (blockPos[reg] < end(ivIdx))
    headInReg(ivIdx, reg, blockPos[reg]);
  else
    assignReg(ivIdx, reg);
  std::vector<uint32_t> &others = victims_;
  others.clear();
  for (uint32_t a : inactive_)
    if (iv_[a].alloc == Allocation::reg(reg) && intersectionWithCurrent(iv_[a], iv_[ivIdx]) != kInf)
      others.push_back(a);
  for (size_t k = 0; k < others.size(); ++k)
    evict(others[k], s);
  return true;
}

// A GC reference live across a safepoint must be in its spill slot there (the
// collector reads and updates the slot). Pre-split such intervals so the piece
// from the safepoint's late point to the next register use is a stack piece.
void Allocator::splitAtSafepoints() {
  if (safepoints_.empty())
    return;
  for (uint32_t v : refVRegs_) {
    uint32_t cur = first_[v];
    // Safepoints before the interval's start cannot be covered: skip them.
    auto sp = std::lower_bound(safepoints_.begin(), safepoints_.end(), start(cur),
                               [](uint32_t n, uint32_t s) { return 2 * n < s; });
    for (; sp != safepoints_.end(); ++sp) {
      uint32_t n = *sp;
      uint32_t p = 2 * n + 1;
      if (defIdx_[v] == n)
        continue;
      if (p >= end(cur))
        break;
      if (!covers(iv_[cur], p - 1) || !covers(iv_[cur], p))
        continue;
      uint32_t tail = split(cur, p);
      push(cur);
      uint32_t nu = nextRegUse(iv_[tail], p);
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
  const MachFunction &f = *f_;
  spilled_.assign(f.numVRegs(), 0);
  spilledList_.clear();
  fixedCursor_.assign(fixed_.size(), 0);
  for (size_t r = 0; r < fixed_.size(); ++r)
    fixedNext_[r] = fixed_[r].empty() ? kInf : fixed_[r][0].from;
  fixedStale_.fill(false);
  for (unsigned c = 0; c < kNumRegClasses; ++c) {
    fixedMin_[c] = kInf;
    for (PReg r : t_->allocatable[c])
      fixedMin_[c] = std::min(fixedMin_[c], fixedNext_[r]);
  }
  scanPos_ = 0;
  activeMinEvent_ = inactiveMinEvent_ = kInf;
  if (!safepoints_.empty())
    splitAtSafepoints();
  else // before any split, iv_ holds one interval per live vreg, in vreg order (first_)
    for (uint32_t k = 0; k < iv_.size(); ++k)
      initial_.push_back({start(k), k});
  if (!safepoints_.empty())
    for (uint32_t v = 0; v < f.numVRegs(); ++v)
      if (first_[v] != kInf && !f.vreg(VReg(v)).isRef)
        push(first_[v]);
  // (start, interval) pairs are distinct, so the order is total however it is reached.
  if (safepoints_.empty()) {
    // Queued in interval order: a counting sort by start (stable) is enough.
    const uint32_t numPos = 2 * numIdx_ + 2;
    bucket_.assign(numPos + 1, 0);
    for (const QItem &q : initial_)
      bucket_[q.first + 1]++;
    for (uint32_t p = 0; p < numPos; ++p)
      bucket_[p + 1] += bucket_[p];
    unhandled_.resize(initial_.size());
    for (const QItem &q : initial_)
      unhandled_[bucket_[q.first]++] = q;
    initial_.swap(unhandled_);
    unhandled_.clear();
  } else {
    std::sort(initial_.begin(), initial_.end());
  }
  scanning_ = true;
  uint64_t guard = 0;
  while (initialNext_ < initial_.size() || !unhandled_.empty()) {
    QItem next;
    if (initialNext_ < initial_.size() && (unhandled_.empty() || initial_[initialNext_] < unhandled_.front())) {
      next = initial_[initialNext_++];
    } else {
      std::pop_heap(unhandled_.begin(), unhandled_.end(), std::greater<QItem>());
      next = unhandled_.back();
      unhandled_.pop_back();
    }
    const uint32_t pos = next.first; // plain variables: lambdas below capture them
    const uint32_t cur = next.second;
    if (++guard > 64 * (iv_.size() + 16) + 1000000) {
      res_.error = "register allocation made no progress";
      return false;
    }
    scanPos_ = pos;
    // Positions only grow: each interval's cursor moves forward over its ranges.
    auto advance = [&](Interval &a) {
      while (ranges_[a.rBegin + a.cursor].to <= pos)
        ++a.cursor;
      return ranges_[a.rBegin + a.cursor].from <= pos; // covers pos
    };
    // An interval whose event lies beyond pos keeps its state and cursor.
    if (activeMinEvent_ <= pos) {
      uint32_t lo = kInf;
      for (size_t k = 0; k < active_.size();) {
        Interval &a = iv_[active_[k]];
        if (a.event > pos) {
          lo = std::min(lo, a.event);
          ++k;
        } else if (end(a) <= pos) {
          dropActive(active_[k]);
          active_[k] = active_.back();
          active_.pop_back();
        } else if (!advance(a)) {
          a.event = ranges_[a.rBegin + a.cursor].from;
          dropActive(active_[k]);
          inactive_.push_back(active_[k]);
          inactiveMinEvent_ = std::min(inactiveMinEvent_, a.event);
          active_[k] = active_.back();
          active_.pop_back();
        } else {
          a.event = ranges_[a.rBegin + a.cursor].to;
          lo = std::min(lo, a.event);
          ++k;
        }
      }
      activeMinEvent_ = lo;
    }
    if (inactiveMinEvent_ <= pos) {
      uint32_t lo = kInf;
      for (size_t k = 0; k < inactive_.size();) {
        Interval &a = iv_[inactive_[k]];
        if (a.event > pos) {
          lo = std::min(lo, a.event);
          ++k;
        } else if (end(a) <= pos) {
          inactive_[k] = inactive_.back();
          inactive_.pop_back();
        } else if (advance(a)) {
          a.event = ranges_[a.rBegin + a.cursor].to;
          addActive(inactive_[k]);
          inactive_[k] = inactive_.back();
          inactive_.pop_back();
        } else {
          a.event = ranges_[a.rBegin + a.cursor].from;
          lo = std::min(lo, a.event);
          ++k;
        }
      }
      inactiveMinEvent_ = lo;
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
  const unsigned nv = f_->numVRegs();
  // Counting sort with the counts one slot further up: after the prefix sums
  // childStart_[v + 1] is v's first slot, the cursor of the scatter, which
  // leaves it at v + 1's first slot (so no shift back is needed).
  childStart_.assign(nv + 2, 0);
  for (const Interval &iv : iv_)
    if (iv.rBegin != iv.rEnd)
      childStart_[iv.vreg + 2]++;
  for (unsigned v = 0; v < nv; ++v)
    childStart_[v + 2] += childStart_[v + 1];
  children_.resize(childStart_[nv + 1]);
  for (uint32_t k = 0; k < iv_.size(); ++k)
    if (iv_[k].rBegin != iv_[k].rEnd)
      children_[childStart_[iv_[k].vreg + 1]++] = k;
  // Children of one vreg are disjoint pieces of its lifetime: sorted by start,
  // the one covering a position is the last that starts at or before it.
  // A vreg with one child has one location (assignSlots numbers stack ones).
  splitVRegs_.clear();
  whole_.resize(nv);
  for (unsigned v = 0; v < nv; ++v) {
    const uint32_t n = childStart_[v + 1] - childStart_[v];
    if (n > 1) {
      splitVRegs_.push_back(v);
      std::sort(children_.begin() + childStart_[v], children_.begin() + childStart_[v + 1],
                [&](uint32_t a, uint32_t b) { return start(a) < start(b); });
      whole_[v] = Allocation();
    } else {
      whole_[v] = n == 1 ? iv_[children_[childStart_[v]]].alloc : Allocation();
    }
  }
}

Allocation Allocator::locAt(uint32_t v, uint32_t pos) const {
  const uint32_t *b = children_.data() + childStart_[v], *e = children_.data() + childStart_[v + 1];
  if (b == e)
    return Allocation();
  if (e - b == 1) { // never split: most vregs
    const Interval &iv = iv_[*b];
    return covers(iv, pos) ? iv.alloc : Allocation();
  }
  const uint32_t *it = b;
  if (e - b > 4)
    it = std::upper_bound(b, e, pos, [&](uint32_t p, uint32_t k) { return p < start(k); });
  else
    while (it != e && start(*it) <= pos)
      ++it;
  if (it == b)
    return Allocation();
  const Interval &iv = iv_[*(it - 1)];
  return covers(iv, pos) ? iv.alloc : Allocation();
}

Allocation Allocator::locLiveSplit(uint32_t v, uint32_t pos) const {
  const uint32_t *b = children_.data() + childStart_[v], *e = children_.data() + childStart_[v + 1];
  assert(b != e && "a live vreg has an interval");
  const uint32_t *it = b + 1;
  if (e - b > 4)
    it = std::upper_bound(b, e, pos, [&](uint32_t p, uint32_t k) { return p < start(k); });
  else
    while (it != e && start(*it) <= pos)
      ++it;
  assert(covers(iv_[*(it - 1)], pos) && "locLive at a position where the vreg is not live");
  return iv_[*(it - 1)].alloc;
}

void Allocator::assignSlots() {
  // Slot lifetime = the value's whole lifetime (the store is at the definition).
  // Slots of one size are shared by values whose lifetimes do not intersect.
  const MachFunction &f = *f_;
  unsigned numSlots = 0;
  slotSize_.clear();
  slotOf_.assign(f.numVRegs(), kInf);
  std::sort(spilledList_.begin(), spilledList_.end()); // slots are chosen in vreg order
  for (uint32_t v : spilledList_) {
    res_.stats.spilledVRegs++;
    // The children are sorted by start and disjoint: their ranges in order are sorted.
    life_.clear();
    for (uint32_t c = childStart_[v]; c < childStart_[v + 1]; ++c) {
      const Interval &iv = iv_[children_[c]];
      life_.insert(life_.end(), rangesOf(iv), rangesOf(iv) + numRanges(iv));
    }
    unsigned c = classIndex(f.vreg(VReg(v)).cls);
    uint32_t size = t_->spillSize[c];
    uint32_t chosen = kInf;
    for (uint32_t s = 0; s < numSlots && chosen == kInf; ++s)
      if (slotSize_[s] == size &&
          firstIntersection(slotRanges_[s].data(), slotRanges_[s].size(), life_.data(), life_.size()) == kInf)
        chosen = s;
    if (chosen == kInf) {
      chosen = numSlots++;
      slotSize_.push_back(size);
      if (slotRanges_.size() < numSlots)
        slotRanges_.emplace_back();
      slotRanges_[chosen].clear();
      res_.slots.push_back({size, t_->spillAlign[c]});
    }
    // Merge the lifetime into the slot's (disjoint) ranges, keeping them sorted.
    auto &sr = slotRanges_[chosen];
    merged_.resize(sr.size() + life_.size());
    std::merge(sr.begin(), sr.end(), life_.begin(), life_.end(), merged_.begin(),
               [](const Range &a, const Range &b) { return a.from < b.from; });
    sr.swap(merged_);
    slotOf_[v] = chosen;
    for (uint32_t k = childStart_[v]; k < childStart_[v + 1]; ++k)
      if (iv_[children_[k]].alloc.isStack())
        iv_[children_[k]].alloc = Allocation::stack(chosen);
    if (childStart_[v + 1] - childStart_[v] == 1)
      whole_[v] = iv_[children_[childStart_[v]]].alloc;
  }
}

void Allocator::emitParallelMoves(std::vector<Move> &moves, std::vector<RegAllocItem> &out) {
  auto emit = [&](const Move &m) {
    RegAllocItem it;
    it.kind = RegAllocItem::Kind::Move;
    it.move = m;
    out.push_back(it);
    countMove(m, +1);
  };
  if (moves.size() == 1) { // the usual case: what the per-class loop below makes of one move
    const Move m = moves[0];
    moves.clear();
    if (m.dst == m.src)
      return;
    if (!(m.dst.isStack() && m.src.isStack())) {
      emit(m);
      return;
    }
    moves.push_back(m);
  }
  for (unsigned c = 0; c < kNumRegClasses; ++c) {
    group_.clear();
    for (const Move &m : moves)
      if (classIndex(m.cls) == c && m.dst != m.src)
        group_.push_back(m);
    if (group_.empty())
      continue;
    if (group_.size() == 1 && !(group_[0].dst.isStack() && group_[0].src.isStack())) {
      emit(group_[0]); // what the resolver makes of a single register move
      continue;
    }
    MoveResources mr;
    mr.scratch = t_->scratch[c];
    mr.borrowable = t_->allocatable[c].empty() ? kNoReg : t_->allocatable[c][0];
    mr.emergencySlot = [this, c](unsigned which) {
      uint32_t &s = emergency_[c][which];
      if (s == kInf) {
        s = uint32_t(res_.slots.size());
        res_.slots.push_back({t_->spillSize[c], t_->spillAlign[c]});
      }
      return s;
    };
    seq_.clear();
    sequentializeParallelMove(group_, mr, seq_);
    for (const Move &m : seq_)
      emit(m);
  }
  moves.clear();
}

void Allocator::edgeMoves(BlockId p, BlockId s, const BranchTarget &bt, std::vector<Move> &moves) const {
  const MachFunction &f = *f_;
  uint32_t src = 2 * termIdx_[p], dst = 2 * entryIdx_[s];
  const uint64_t *live = liveIn_.data() + size_t(s) * words_;
  for (unsigned w = 0; w < words_; ++w)
    for (uint64_t bits = live[w]; bits; bits &= bits - 1) {
      uint32_t v = globals_[w * 64 + uint32_t(__builtin_ctzll(bits))];
      Allocation to = locLive(v, dst);
      if (to.isStack())
        continue; // the slot has held the value since its definition
      Allocation from = locLive(v, src);
      assert(!to.isNone() && !from.isNone());
      if (from != to)
        moves.push_back({to, from, f.vreg(VReg(v)).cls});
    }
  const MachBlock &sb = f.block(s);
  for (size_t a = 0; a < sb.params.size(); ++a) {
    Allocation to = locAt(sb.params[a].id, dst);
    if (to.isNone())
      continue; // dead parameter
    Allocation from = locLive(bt.args[a].id, src);
    assert(!from.isNone());
    moves.push_back({to, from, f.vreg(sb.params[a]).cls});
  }
}

void Allocator::buildOutput() {
  const MachFunction &f = *f_;
  collectChildren();
  assignSlots();
  // Locations are final now (assignSlots numbered the stack children).
  // Operand allocations.
  res_.allocs.assign(f.numOperandsTotal(), Allocation());
  instFlags_.resize(f.numInsts());
  for (InstId i = 0; i < f.numInsts(); ++i) {
    uint32_t n = instIdx_[i];
    auto ops = f.operands(i);
    bool anyReuse = false;
    uint8_t flags = 0;
    for (unsigned o = 0; o < ops.size(); ++o) {
      const Operand &op = ops[o];
      if (op.isDef()) {
        if (op.constraint == Constraint::Reuse) {
          if (!anyReuse)
            reusedBy_.assign(ops.size(), -1);
          anyReuse = true;
          reusedBy_[op.reuseIndex] = int(o);
          flags |= kHasReuseDef;
        } else if (op.constraint == Constraint::Fixed) {
          flags |= kHasFixedDef;
        }
        if (spilled_[op.vreg.id])
          flags |= kHasSpilledDef;
      } else if (op.constraint == Constraint::Fixed) {
        flags |= kHasFixedUse;
      }
    }
    instFlags_[i] = flags;
    Allocation *out = res_.allocs.data() + f.operandIndex(i, 0);
    for (unsigned o = 0; o < ops.size(); ++o) {
      const Operand &op = ops[o];
      Allocation a;
      if (op.constraint == Constraint::Fixed)
        a = Allocation::reg(op.fixedReg);
      else if (op.isUse() && anyReuse && reusedBy_[o] >= 0)
        a = locLive(ops[reusedBy_[o]].vreg.id, 2 * n);
      else if (op.isUse())
        a = locLive(op.vreg.id, 2 * n);
      else
        a = locLive(op.vreg.id, (op.early || op.constraint == Constraint::Reuse) ? 2 * n : 2 * n + 1);
      out[o] = a;
    }
  }

  // Children after a vreg's first (split tails), by start position and, among
  // equal starts, by vreg (one vreg's children are disjoint, so the key is
  // unique); the gaps are visited in position order, so a cursor finds those
  // that start at each.
  startsAt_.clear();
  for (uint32_t v : splitVRegs_)
    for (uint32_t c = childStart_[v] + 1; c < childStart_[v + 1]; ++c)
      startsAt_.push_back({start(children_[c]), children_[c]});
  std::sort(startsAt_.begin(), startsAt_.end(), [this](const auto &a, const auto &b) {
    return a.first != b.first ? a.first < b.first : iv_[a.second].vreg < iv_[b.second].vreg;
  });
  size_t startsNext = 0;

  res_.code.resize(f.numBlocks());
  // The first target of each branching block's terminator that names a block, found
  // once: a br_table with n targets would otherwise be searched n times (n^2).
  inEdge_.assign(f.numBlocks(), kInf);
  for (BlockId p = 0; p < f.numBlocks(); ++p) {
    const MachBlock &pb = f.block(p);
    if (pb.succs.size() < 2)
      continue;
    auto targets = f.targets(pb.insts.back());
    for (uint32_t k = 0; k < targets.size(); ++k)
      if (inEdge_[targets[k].block] == kInf)
        inEdge_[targets[k].block] = k;
  }
  std::vector<Move> &moves = moves_;
  for (BlockId b = 0; b < f.numBlocks(); ++b) {
    const MachBlock &blk = f.block(b);
    auto &out = res_.code[b];
    out.reserve(blk.insts.size() + 4);
    // (0) moves of the edge from a predecessor with several successors
    if (blk.preds.size() == 1 && f.block(blk.preds[0]).succs.size() > 1) {
      BlockId p = blk.preds[0];
      assert(inEdge_[b] != kInf && "a successor is a target of its predecessor's terminator");
      edgeMoves(p, b, f.targets(f.block(p).insts.back())[inEdge_[b]], moves);
      emitParallel(moves, out);
    }
    // (1) spill stores of the block parameters
    for (VReg prm : blk.params)
      if (spilled_[prm.id]) {
        Allocation at = locAt(prm.id, 2 * entryIdx_[b]);
        if (at.isReg())
          moves.push_back({Allocation::stack(slotOf_[prm.id]), at, f.vreg(prm).cls});
      }
    emitParallel(moves, out);
    for (size_t k = 0; k < blk.insts.size(); ++k) {
      InstId i = blk.insts[k];
      uint32_t n = instIdx_[i];
      if (k > 0) {
        InstId prev = blk.insts[k - 1];
        uint32_t late = 2 * (n - 1) + 1;
        auto prevOps = f.operands(prev);
        const uint8_t prevFlags = instFlags_[prev];
        // (2) fixed defs of the previous instruction to where their vregs live
        if (prevFlags & kHasFixedDef) {
          for (const Operand &op : prevOps)
            if (op.isDef() && op.constraint == Constraint::Fixed) {
              Allocation at = locLive(op.vreg.id, late);
              if (at != Allocation::reg(op.fixedReg))
                moves.push_back({at, Allocation::reg(op.fixedReg), f.vreg(op.vreg).cls});
            }
        }
        emitParallel(moves, out);
        // (3) spill stores right after definitions
        if (prevFlags & kHasSpilledDef) {
          for (const Operand &op : prevOps)
            if (op.isDef() && spilled_[op.vreg.id]) {
              Allocation at = locLive(op.vreg.id, late);
              if (at.isReg())
                moves.push_back({Allocation::stack(slotOf_[op.vreg.id]), at, f.vreg(op.vreg).cls});
            }
        }
        emitParallel(moves, out);
      }
      // (4) split moves (reg-to-reg, reloads) and copies for Reuse operands, in parallel
      while (startsNext < startsAt_.size() && startsAt_[startsNext].first < 2 * n)
        ++startsNext; // block starts and late points: resolved elsewhere
      for (; startsNext < startsAt_.size() && startsAt_[startsNext].first == 2 * n; ++startsNext) {
        const Interval &iv = iv_[startsAt_[startsNext].second];
        if (!iv.alloc.isReg())
          continue; // entering the stack needs no move
        Allocation from = locAt(iv.vreg, 2 * n - 1);
        if (!from.isNone() && from != iv.alloc)
          moves.push_back({iv.alloc, from, iv.cls});
      }
      auto ops = f.operands(i);
      const uint8_t flags = instFlags_[i];
      if (flags & kHasReuseDef) {
        for (const Operand &op : ops)
          if (op.isDef() && op.constraint == Constraint::Reuse) {
            VReg u = ops[op.reuseIndex].vreg;
            moves.push_back({locLive(op.vreg.id, 2 * n), locLive(u.id, 2 * n - 1), f.vreg(u).cls});
          }
      }
      emitParallel(moves, out);
      // (5) fixed-register uses
      if (flags & kHasFixedUse) {
        for (const Operand &op : ops)
          if (op.isUse() && op.constraint == Constraint::Fixed) {
            Allocation at = locLive(op.vreg.id, 2 * n);
            bool dup = false;
            for (const Move &m : moves)
              dup |= m.dst == Allocation::reg(op.fixedReg);
            if (!dup)
              moves.push_back({Allocation::reg(op.fixedReg), at, f.vreg(op.vreg).cls});
          }
      }
      emitParallel(moves, out);
      // (6) moves of the edge to the single successor, before the jump
      const MachInst &mi = f.inst(i);
      if (mi.terminator && blk.succs.size() == 1) {
        edgeMoves(b, blk.succs[0], f.targets(i)[0], moves);
        emitParallel(moves, out);
      }
      RegAllocItem it;
      it.inst = i;
      out.push_back(it);
      if (mi.safepoint) {
        StackMap sm;
        sm.inst = i;
        for (uint32_t v : refVRegs_) {
          if (defIdx_[v] == n)
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

// A loop's latch that branches (`brif c, header(args), exit`) reaches the header
// through a forwarding block holding the back edge's moves and a jump:
//   latch: cmp; jcc exit  fwd: moves; jmp header
// Two branches per iteration. When no move writes a location that the other
// successors read at the latch's end (their live-in values and arguments, and
// the slots of spilled ones) or that the branch itself reads, the moves are
// done in the latch, just before its branch (moves touch no flags on any
// target: register copies, loads and stores), and the forwarding block is a
// bare jump the emitters skip:
//   latch: cmp; moves; jcc header
// The exit path then runs the moves too; a back edge is taken more often.
void Allocator::hoistBackEdgeMoves() {
  const MachFunction &f = *f_;
  constexpr size_t kMaxHoisted = 6;
  std::vector<Allocation> &forbidden = hoistForbidden_;
  for (BlockId fwd = 0; fwd < f.numBlocks(); ++fwd) {
    const MachBlock &fb = f.block(fwd);
    if (fb.preds.size() != 1 || fb.succs.size() != 1 || fb.succs[0] > fwd || fb.insts.size() != 1 ||
        !fb.params.empty())
      continue;
    const BlockId latch = fb.preds[0];
    const MachBlock &lb = f.block(latch);
    auto &fcode = res_.code[fwd];
    if (lb.succs.size() != 2 || fcode.size() < 2 || fcode.size() - 1 > kMaxHoisted)
      continue;
    // The locations that must keep their values through the moves.
    forbidden.clear();
    const uint32_t src = 2 * termIdx_[latch];
    const InstId term = lb.insts.back();
    auto keep = [&](uint32_t v) {
      forbidden.push_back(locLive(v, src));
      if (spilled_[v])
        forbidden.push_back(Allocation::stack(slotOf_[v]));
    };
    auto ops = f.operands(term);
    for (unsigned k = 0; k < ops.size(); ++k)
      if (ops[k].isUse())
        forbidden.push_back(res_.allocs[f.operandIndex(term, k)]);
    for (const BranchTarget &bt : f.targets(term)) {
      if (bt.block == fwd)
        continue;
      const uint64_t *live = liveIn_.data() + size_t(bt.block) * words_;
      for (unsigned w = 0; w < words_; ++w)
        for (uint64_t bits = live[w]; bits; bits &= bits - 1)
          keep(globals_[w * 64 + uint32_t(__builtin_ctzll(bits))]);
      for (VReg a : bt.args)
        keep(a.id);
    }
    bool safe = true;
    for (size_t k = 0; k + 1 < fcode.size() && safe; ++k) {
      if (fcode[k].kind != RegAllocItem::Kind::Move) {
        safe = false;
        break;
      }
      for (const Allocation &a : forbidden)
        safe = safe && a != fcode[k].move.dst;
    }
    if (!safe)
      continue;
    auto &lcode = res_.code[latch];
    assert(!lcode.empty() && lcode.back().kind == RegAllocItem::Kind::Inst && lcode.back().inst == term);
    lcode.insert(lcode.end() - 1, fcode.begin(), fcode.end() - 1);
    fcode.erase(fcode.begin(), fcode.end() - 1);
    ++res_.stats.hoistedBackEdges;
  }
}

// A move whose destination already holds its source's value is dropped. Within
// a block, every location gets the number of the value it holds: a move copies
// the number, a def (in a register or a slot) gets a new one, a clobber, the
// scratch registers (which an instruction's expansion may use, docs/codegen.md)
// and every location at a safepoint (a moving collector may update the slots and
// not the registers) forget theirs. Two locations with one number hold the same
// bits, however the value got there. The typical case: a value copied into a
// callee-saved register before a call and then copied back into the argument
// register it never left. Locations start unknown at each block entry.
void Allocator::removeRedundantMoves() {
  const MachFunction &f = *f_;
  const TargetDesc &t = *t_;
  const uint32_t numRegs = t.numRegs();
  locValue_.assign(numRegs + res_.slots.size(), 0);
  uint32_t nextValue = 1;
  auto loc = [numRegs](Allocation a) { return a.isReg() ? uint32_t(a.preg()) : numRegs + a.slot(); };
  auto set = [&](uint32_t l, uint32_t v) {
    if (locValue_[l] == 0 && v != 0)
      locTouched_.push_back(l);
    locValue_[l] = v;
  };
  auto forgetAll = [&] {
    for (uint32_t l : locTouched_)
      locValue_[l] = 0;
    locTouched_.clear();
  };
  constexpr size_t kNone = ~size_t(0);
  for (BlockId b = 0; b < f.numBlocks(); ++b) {
    std::vector<RegAllocItem> &code = res_.code[b];
    // Only a move can give a location the value another one holds, so only a
    // move after another move can be redundant: the walk runs from the block's
    // first move to its last, in blocks with two or more (most have fewer).
    size_t first = kNone, last = 0;
    for (size_t k = 0; k < code.size(); ++k)
      if (code[k].kind == RegAllocItem::Kind::Move) {
        if (first == kNone)
          first = k;
        last = k;
      }
    if (first == kNone || first == last)
      continue;
    forgetAll();
    size_t kept = first;
    for (size_t k = first; k <= last; ++k) {
      const RegAllocItem &it = code[k];
      if (it.kind == RegAllocItem::Kind::Move) {
        const Move &m = it.move;
        const uint32_t src = loc(m.src), dst = loc(m.dst);
        if (locValue_[src] == 0)
          set(src, nextValue++);
        if (locValue_[dst] == locValue_[src]) {
          countMove(m, -1);
          res_.stats.redundantMoves++;
          continue;
        }
        set(dst, locValue_[src]);
      } else {
        const MachInst &mi = f.inst(it.inst);
        if (mi.safepoint) {
          forgetAll();
        } else {
          auto ops = f.operands(it.inst);
          const Allocation *al = res_.allocs.data() + f.operandIndex(it.inst, 0);
          for (unsigned o = 0; o < ops.size(); ++o)
            if (ops[o].isDef())
              set(loc(al[o]), nextValue++);
          if (!mi.clobbers.empty())
            mi.clobbers.forEach([&](PReg r) { set(r, 0); });
          for (PReg r : t.scratch)
            if (r != kNoReg)
              set(r, 0);
        }
      }
      if (kept != k)
        code[kept] = it;
      ++kept;
    }
    if (kept != last + 1) {
      code.erase(code.begin() + ptrdiff_t(kept), code.begin() + ptrdiff_t(last + 1));
    }
  }
  forgetAll();
}

RegAllocResult Allocator::run(const MachFunction &f, const TargetDesc &t) {
  f_ = &f;
  t_ = &t;
  {
    orderOf_.fill(kNotAllocatable);
    for (unsigned c = 0; c < kNumRegClasses; ++c) {
      assert(t.allocatable[c].size() <= 64 && "register bit sets hold 64 registers per class");
      callerSavedOrder_[c] = 0;
      for (unsigned k = 0; k < t.allocatable[c].size(); ++k) {
        PReg r = t.allocatable[c][k];
        orderOf_[r] = uint8_t(k);
        if (!t.regs[r].calleeSaved)
          callerSavedOrder_[c] |= uint64_t(1) << k;
      }
    }
  }
  reset();
  number();
  computeLiveness();
  buildIntervals();
  if (linearScan()) {
    buildOutput();
    hoistBackEdgeMoves();
    removeRedundantMoves();
  }
  f_ = nullptr;
  t_ = nullptr;
  return std::move(res_);
}

} // namespace

RegAllocResult allocateRegisters(const MachFunction &f, const TargetDesc &target) {
  // One allocator per thread: its arrays keep their capacity across functions.
  thread_local Allocator allocator;
  return allocator.run(f, target);
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
