// BoundsCheckElimination: removes explicit bounds checks (bounds=check) that a
// fact proves redundant, and records the fact in the access (bounds=none(...)).
//
// SUBTLE — why each removal is sound. A memory's length never shrinks: it starts
// at (at least) its declared minimum (an import must provide that much) and only
// memory.grow changes it, upward. An access that completed proves its last byte
// was below the length at that moment, so also at every later moment.
//  - constant_address: the address is a constant and constant + offset + size is
//    at most the minimum size in bytes.
//  - loop_range: the address is computed from loop induction variables and
//    constants whose ranges this pass derives (below); the largest address +
//    offset + size is at most the minimum size.
//  - dominating_check: an access to the same memory at the same address value,
//    with an end (offset + size) at least as large, dominates this one. Whether
//    it was checked, guard-protected or itself proven: it completed (a trap ends
//    the instance), so its bytes were in bounds.
//  - bracketing_checks: in a run of loads inside one block with no effect and
//    no other trapping instruction between them, loads from
//    one base b at b + c (c constant, the add may wrap) + offset are covered by
//    the load with the lowest c and the one with the highest end (closeGroup
//    says why). Stores never take part: a store before a trap is observable.
// Ranges are intervals of mathematical integers [lo, hi] such that the value's
// bits are x mod 2^W for some x in the interval; wrapping arithmetic keeps that
// form (x + y, x * c, x << k), and an interval inside one window
// [k * 2^W, (k+1) * 2^W) names the unsigned values exactly. An induction
// variable p of a loop header is recognised when it has one incoming constant
// p0 and every other incoming value is p + s (constant s != 0) on an edge taken
// only while a comparison of p + s with a constant N holds:
//  - p + s != N (or brif on p + s itself, N = 0): when N - p0 is a positive
//    multiple of s no larger than 2^W (s > 0; mirrored for s < 0), the sequence
//    p0, p0 + s, ... reaches N before it wraps, so p stays in [p0, N - s].
//  - p + s < N (or <=), unsigned or signed: p is p0 or a value below N, so p is
//    in [p0, max(p0, N - 1)], provided p + s cannot wrap (checked on the bound).
// Accesses in unreachable blocks are left alone.
#include "passes/Passes.h"

#include "ir/Dominators.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace wasmaot::passes {

namespace {

using i128 = __int128;

/// x mod 2^W for some x in [lo, hi]. `loop` says an induction range was used.
struct Range {
  i128 lo = 0;
  i128 hi = 0;
  bool loop = false;
};

/// Magnitudes beyond this are not tracked (keeps every product below 2^127).
constexpr i128 kLimit = i128(1) << 70;

unsigned widthOf(ir::Type t) { return t == ir::Type::I64 ? 64 : 32; }

/// Sign-interpreted constant of an iconst of type t.
i128 signedConst(const ir::Inst *i) {
  return i->type == ir::Type::I64 ? i128(int64_t(i->imm[0])) : i128(int32_t(uint32_t(i->imm[0])));
}

class RangeAnalysis {
public:
  explicit RangeAnalysis(ir::Function &fn) : fn_(fn) {}

  /// The unsigned values v can take, if they fit one window of 2^W.
  std::optional<Range> unsignedRange(ir::Value v) { return unsignedRangeAt(v, 0); }

  /// The constant value of v, if it is an iconst.
  const ir::Inst *constant(ir::Value v) const {
    const ir::ValueData &d = fn_.valueData(v);
    return d.def == ir::ValueDef::Result && d.inst->op == ir::Opcode::Iconst ? d.inst : nullptr;
  }

private:
  static constexpr unsigned kMaxDepth = 24;

  std::optional<Range> range(ir::Value v, unsigned depth) {
    auto it = memo_.find(v.id);
    if (it != memo_.end()) return it->second;
    if (depth > kMaxDepth) return std::nullopt;
    memo_[v.id] = std::nullopt; // a cycle through v is unknown
    std::optional<Range> r = compute(v, depth);
    if (r && (r->lo < -kLimit || r->hi > kLimit)) r.reset();
    memo_[v.id] = r;
    return r;
  }

  std::optional<Range> compute(ir::Value v, unsigned depth) {
    const ir::ValueData &d = fn_.valueData(v);
    if (d.def == ir::ValueDef::Param) return induction(d.block, d.index);
    if (d.def != ir::ValueDef::Result) return std::nullopt;
    const ir::Inst *i = d.inst;
    auto operand = [&](unsigned k) { return range(i->operand(k), depth + 1); };
    switch (i->op) {
    case ir::Opcode::Iconst: {
      i128 c = signedConst(i);
      return Range{c, c, false};
    }
    case ir::Opcode::Iadd: {
      auto a = operand(0), b = operand(1);
      if (!a || !b) return std::nullopt;
      return Range{a->lo + b->lo, a->hi + b->hi, a->loop || b->loop};
    }
    case ir::Opcode::Isub: {
      auto a = operand(0), b = operand(1);
      if (!a || !b) return std::nullopt;
      return Range{a->lo - b->hi, a->hi - b->lo, a->loop || b->loop};
    }
    case ir::Opcode::Imul: {
      const ir::Inst *c = constant(i->operand(1));
      auto a = operand(0);
      if (!c || !a) return std::nullopt;
      i128 k = signedConst(c);
      if (k > (i128(1) << 32) || k < -(i128(1) << 32)) return std::nullopt;
      i128 x = a->lo * k, y = a->hi * k;
      return Range{std::min(x, y), std::max(x, y), a->loop};
    }
    case ir::Opcode::Ishl: {
      const ir::Inst *c = constant(i->operand(1));
      auto a = operand(0);
      if (!c || !a) return std::nullopt;
      unsigned k = unsigned(c->imm[0] & (widthOf(i->type) - 1)); // wasm masks the count
      if (k > 32) return std::nullopt;
      return Range{a->lo * (i128(1) << k), a->hi * (i128(1) << k), a->loop};
    }
    case ir::Opcode::Band: {
      // x & m with m >= 0 (as a signed constant) lies in [0, m].
      const ir::Inst *c = constant(i->operand(1));
      if (!c || signedConst(c) < 0) return std::nullopt;
      return Range{0, signedConst(c), false};
    }
    case ir::Opcode::Zext: return unsignedRangeAt(i->operand(0), depth + 1);
    case ir::Opcode::Ireduce: return operand(0); // x mod 2^64 in range: so is x mod 2^32
    default: return std::nullopt;
    }
  }

  std::optional<Range> unsignedRangeAt(ir::Value v, unsigned depth) {
    std::optional<Range> r = range(v, depth);
    if (!r) return std::nullopt;
    const i128 window = i128(1) << widthOf(fn_.typeOf(v));
    i128 k = r->lo >= 0 ? r->lo / window : -((-r->lo + window - 1) / window);
    Range u{r->lo - k * window, r->hi - k * window, r->loop};
    if (u.hi >= window) return std::nullopt;
    return u;
  }

  /// The condition under which the edge `target` of `term` is taken, as
  /// "x cc n" with n a constant: returns false when it is not of that form.
  bool edgeCondition(const ir::Inst *term, unsigned target, ir::Value &x, ir::IntCC &cc, i128 &n) const {
    if (term->op != ir::Opcode::Brif || term->numTargets != 2) return false;
    if (term->targets[0].block == term->targets[1].block) return false;
    const bool taken = target == 0; // then-edge: condition is non-zero
    ir::Value c = term->operand(0);
    const ir::ValueData &d = fn_.valueData(c);
    if (d.def == ir::ValueDef::Result && d.inst->op == ir::Opcode::Icmp) {
      const ir::Inst *k = constant(d.inst->operand(1));
      if (!k) return false;
      x = d.inst->operand(0);
      n = signedConst(k);
      cc = taken ? d.inst->intCC() : ir::inverseIntCC(d.inst->intCC());
      return true;
    }
    // brif on the value itself: taken while it is non-zero.
    x = c;
    n = 0;
    cc = taken ? ir::IntCC::Ne : ir::IntCC::Eq;
    return true;
  }

  /// The range of parameter `index` of `header` when it is an induction
  /// variable of the shape the banner describes.
  std::optional<Range> induction(ir::BasicBlock *header, uint32_t index) {
    // The entry's parameters come from the caller (the IR verifier also rejects
    // branches to the entry; this pass does not rely on it having run).
    if (header == fn_.entry()) return std::nullopt;
    const ir::Value p = header->param(index);
    const unsigned w = widthOf(fn_.typeOf(p));
    if (fn_.typeOf(p) != ir::Type::I32 && fn_.typeOf(p) != ir::Type::I64) return std::nullopt;
    const i128 window = i128(1) << w;
    std::optional<i128> init;
    struct Step {
      i128 s;
      ir::IntCC cc;
      i128 n;
    };
    std::vector<Step> steps;
    for (ir::BasicBlock *pred : predecessors(header)) {
      const ir::Inst *term = pred->terminator();
      if (!term) return std::nullopt;
      for (unsigned t = 0; t < term->numTargets; ++t) {
        if (term->targets[t].block != header) continue;
        ir::Value arg = term->targets[t].args[index];
        const ir::ValueData &d = fn_.valueData(arg);
        if (const ir::Inst *c = constant(arg)) {
          if (init && *init != signedConst(c)) return std::nullopt;
          init = signedConst(c);
          continue;
        }
        if (d.def != ir::ValueDef::Result || d.inst->op != ir::Opcode::Iadd) return std::nullopt;
        const ir::Inst *add = d.inst;
        const ir::Inst *s = add->operand(0) == p ? constant(add->operand(1))
                            : add->operand(1) == p ? constant(add->operand(0))
                                                   : nullptr;
        if (!s || signedConst(s) == 0) return std::nullopt;
        ir::Value x;
        ir::IntCC cc;
        i128 n;
        if (!edgeCondition(term, t, x, cc, n) || x != arg) return std::nullopt;
        steps.push_back({signedConst(s), cc, n});
      }
    }
    if (!init || steps.empty()) return std::nullopt;
    const i128 p0 = *init;
    i128 lo = p0, hi = p0;
    for (const Step &st : steps) {
      switch (st.cc) {
      case ir::IntCC::Ne: {
        // p runs through p0, p0 + s, ... until p + s == N: one such edge only.
        if (steps.size() != 1) return std::nullopt;
        i128 dist = st.s > 0 ? st.n - p0 : p0 - st.n;
        dist = ((dist % window) + window) % window;
        if (dist == 0) dist = window;
        const i128 step = st.s > 0 ? st.s : -st.s;
        if (dist % step != 0) return std::nullopt;
        if (st.s > 0) hi = p0 + dist - step;
        else lo = p0 - dist + step;
        break;
      }
      case ir::IntCC::Ult:
      case ir::IntCC::Ule:
      case ir::IntCC::Slt:
      case ir::IntCC::Sle: {
        if (st.s < 0) return std::nullopt;
        const bool isSigned = st.cc == ir::IntCC::Slt || st.cc == ir::IntCC::Sle;
        const bool inclusive = st.cc == ir::IntCC::Ule || st.cc == ir::IntCC::Sle;
        // p0 and N as the comparison reads them; p0 must read the same both ways.
        const i128 n = isSigned ? st.n : ((st.n % window) + window) % window;
        if (p0 < 0) return std::nullopt;
        hi = std::max(hi, inclusive ? n : n - 1);
        break;
      }
      default: return std::nullopt;
      }
    }
    // p + s must not wrap for any p in [lo, hi] on a comparison edge.
    for (const Step &st : steps) {
      if (st.cc == ir::IntCC::Ne) continue;
      const bool isSigned = st.cc == ir::IntCC::Slt || st.cc == ir::IntCC::Sle;
      const i128 max = isSigned ? window / 2 - 1 : window - 1;
      if (hi + st.s > max) return std::nullopt;
    }
    return Range{lo, hi, true};
  }

  /// Each block's predecessors (each once), computed on first use: O(function) once.
  const std::vector<ir::BasicBlock *> &predecessors(ir::BasicBlock *b) {
    if (preds_.empty()) preds_ = fn_.predecessorLists();
    return preds_[b->id];
  }

  ir::Function &fn_;
  std::unordered_map<uint32_t, std::optional<Range>> memo_;
  std::vector<std::vector<ir::BasicBlock *>> preds_;
};

/// Bytes an access reads or writes.
uint64_t accessBytes(const ir::Inst *i) {
  unsigned n = ir::memAccessBytes(i->access);
  return n ? n : ir::typeBytes(i->type);
}

bool isAccess(const ir::Inst *i) { return i->op == ir::Opcode::Load || i->op == ir::Opcode::Store; }

class FunctionBce {
public:
  FunctionBce(const ir::Module &module, ir::Function &fn) : module_(module), fn_(fn), dom_(fn), ranges_(fn) {}

  uint64_t run() {
    // Depth-first over the dominator tree; facts of a block hold in the blocks it dominates.
    dom_.walk([&](ir::BasicBlock *b) { return visit(b); }, [&](ir::BasicBlock *, size_t mark) { unwind(mark); });
    for (ir::BasicBlock *b : dom_.reversePostOrder()) bracket(b);
    return changed_;
  }

private:
  static uint64_t key(uint32_t mem, ir::Value v) { return (uint64_t(mem) << 32) | v.id; }

  /// Proves and remembers the accesses of `b`; returns the undo log's size
  /// before them, for unwind() once the blocks `b` dominates are done.
  size_t visit(ir::BasicBlock *b) {
    const size_t mark = undo_.size();
    for (ir::Inst *i : *b) {
      if (!isAccess(i)) continue;
      const uint32_t mem = i->idx[0];
      const uint64_t size = accessBytes(i);
      const uint64_t end = i->offset() + size;
      if (end < i->offset()) continue; // offset + size wraps: always out of bounds
      if (i->bounds == ir::BoundsCheck::Check) prove(i, mem, end);
      remember(mem, i->operand(0), end);
    }
    return mark;
  }

  /// An access as base + c (c a constant added with iadd, possibly wrapping) +
  /// offset, with its bytes relative to base: [c + offset, c + offset + size).
  struct Member {
    ir::Inst *inst;
    i128 c;
    i128 end;
  };

  /// bracketing_checks: splits `b` into windows free of effects and of traps
  /// other than out-of-bounds loads, and in each, per (memory, base), removes
  /// the checks of loads that lie between the lowest-c and the highest-end load.
  void bracket(ir::BasicBlock *b) {
    std::unordered_map<uint64_t, std::vector<Member>> groups;
    auto flush = [&] {
      for (auto &[k, members] : groups) closeGroup(members);
      groups.clear();
    };
    for (ir::Inst *i : *b) {
      if (i->op == ir::Opcode::Load) {
        ir::Value base = i->operand(0);
        i128 c = 0;
        const ir::ValueData &d = fn_.valueData(base);
        if (d.def == ir::ValueDef::Result && d.inst->op == ir::Opcode::Iadd) {
          const ir::Inst *k1 = ranges_.constant(d.inst->operand(1));
          const ir::Inst *k0 = ranges_.constant(d.inst->operand(0));
          if (k1 || k0) {
            base = k1 ? d.inst->operand(0) : d.inst->operand(1);
            c = signedConst(k1 ? k1 : k0);
          }
        }
        const uint64_t size = accessBytes(i);
        groups[key(i->idx[0], base)].push_back({i, c, c + i128(i->offset()) + i128(size)});
        continue;
      }
      if (ir::hasSideEffects(i->op) || ir::mayTrap(i->op)) flush();
    }
    flush();
  }

  void closeGroup(std::vector<Member> &members) {
    if (members.size() < 2) return;
    // SUBTLE: with m the lowest c and M the highest end, if both are in bounds
    // so is every member whose c is within 65535 of m's: an in-bounds address
    // is below 2^W - 65536 (kMaxMemory32Pages; memory64 lengths are far below
    // 2^64), so base + c wraps for all such members or for none, their
    // addresses keep their distances, and every member lies inside
    // [m's address, M's end). If one is out of bounds, m or M is too, and no
    // effect or other trap lies between them: the same trap, unobservably
    // earlier or later.
    const Member *m = &members[0];
    for (const Member &x : members)
      if (x.c < m->c) m = &x;
    std::vector<const Member *> inWindow;
    for (const Member &x : members)
      if (x.c - m->c <= 65535) inWindow.push_back(&x);
    const Member *top = inWindow[0];
    for (const Member *x : inWindow)
      if (x->end > top->end) top = x;
    for (const Member *x : inWindow) {
      if (x == m || x == top || x->inst->bounds != ir::BoundsCheck::Check) continue;
      remove(x->inst, ir::BoundsProof::BracketingChecks);
    }
  }

  void prove(ir::Inst *i, uint32_t mem, uint64_t end) {
    auto known = checked_.find(key(mem, i->operand(0)));
    if (known != checked_.end() && known->second >= end) {
      remove(i, ir::BoundsProof::DominatingCheck);
      return;
    }
    const ir::MemoryDecl &decl = module_.memories[mem];
    const i128 minBytes = i128(decl.minPages) * 65536;
    std::optional<Range> r = ranges_.unsignedRange(i->operand(0));
    if (!r || r->hi + i128(end) > minBytes) return;
    const bool isConstant = ranges_.constant(i->operand(0)) != nullptr;
    remove(i, isConstant ? ir::BoundsProof::ConstantAddress : ir::BoundsProof::LoopRange);
  }

  void remove(ir::Inst *i, ir::BoundsProof proof) {
    i->bounds = ir::BoundsCheck::None;
    i->proof = proof;
    ++changed_;
  }

  void remember(uint32_t mem, ir::Value addr, uint64_t end) {
    auto [it, inserted] = checked_.try_emplace(key(mem, addr), end);
    if (inserted) {
      undo_.push_back({it->first, 0, false});
    } else if (it->second < end) {
      undo_.push_back({it->first, it->second, true});
      it->second = end;
    }
  }

  void unwind(size_t mark) {
    while (undo_.size() > mark) {
      Undo u = undo_.back();
      undo_.pop_back();
      if (u.hadValue) checked_[u.key] = u.oldEnd;
      else checked_.erase(u.key);
    }
  }

  struct Undo {
    uint64_t key;
    uint64_t oldEnd;
    bool hadValue;
  };

  const ir::Module &module_;
  ir::Function &fn_;
  ir::DominatorTree dom_;
  RangeAnalysis ranges_;
  std::unordered_map<uint64_t, uint64_t> checked_; ///< (memory, address value) -> largest end known in bounds
  std::vector<Undo> undo_;
  uint64_t changed_ = 0;
};

bool hasCheckedAccess(const ir::Function &fn) {
  for (ir::BasicBlock *b : fn.blocks())
    for (ir::Inst *i : *b)
      if (isAccess(i) && i->bounds == ir::BoundsCheck::Check) return true;
  return false;
}

} // namespace

void boundsCheckElimination(const ir::Module &module, ir::Function &fn, const PassOptions &options,
                            PassReport &report) {
  if (!options.eliminateBoundsChecks || options.optLevel == 0 || !hasCheckedAccess(fn)) return;
  report.changed += FunctionBce(module, fn).run();
}

PassReport runBoundsCheckElimination(ir::Module &module, const PassOptions &options) {
  return runOnEachFunction(module, options, boundsCheckElimination);
}

} // namespace wasmaot::passes
