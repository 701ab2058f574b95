// LoopVersioning: an innermost loop whose explicit bounds checks address memory
// through an induction variable gets a second copy without those checks, and
// one test before the loop picks the copy: the unchecked one when every address
// the loop can form is in bounds, the original otherwise. The checks that
// bounds-check elimination could not remove (the range depends on values known
// only at run time: a pointer parameter, a length) are paid once per loop entry
// instead of once per access.
//
// SUBTLE — why it is sound. The test before the loop (in the preheader P) is
//   valid && for each group of accesses: low address >= 0 && high end <= length
// computed in i64, where:
//  - p is a header parameter with one incoming value p0 (from P) and one from
//    the latch, p + s (s a constant), on an edge taken only while
//    `p + s cc N` holds (N defined before the loop). `valid` is the run-time
//    condition under which p stays in [lo, hi] without wrapping in the
//    comparison's reading (unsigned or signed): e.g. for `p + 1 != N`,
//    p0 <u N gives [p0, N - 1]; for `p + s <s N`, p0 <s N and N <=s 2^31 - s
//    give [p0, N - 1]. Other exits only leave the loop earlier.
//  - an access's address is the i32 value E(p) = sum(coef * inv) + k * p + c
//    mod 2^32 (inv defined before the loop, iadd/isub/imul/ishl by constants):
//    wrapping arithmetic is arithmetic mod 2^32, so the bits are those of the
//    exact integer E(x) for x = p's value in [lo, hi], with each inv read
//    unsigned. E is linear in x, so its extremes over [lo, hi] are at the ends;
//    if 0 <= E(x) and E(x) + offset + size <= length at both, every access of
//    the group is in bounds at every x, with no wrap (length <= 2^32 - 65536).
//  - a memory's length only grows (memory.grow, also from a call in the loop),
//    so what holds at the test holds for the rest of the loop's run.
// Only checked loads and stores of 32-bit memories take part; the copy's
// accesses say bounds=none(loop_versioned). The original loop keeps its checks
// and runs when the test fails, so a trap happens where it always did.
//
// SSA: values of the loop used after it reach their uses through the loop's one
// exit block X (every path out of the loop enters X), which gets a parameter per
// value; both copies pass their own. A loop with several exit blocks is
// versioned only when nothing after it uses its values.
#include "passes/Passes.h"

#include "ir/Builder.h"
#include "ir/Dominators.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wasmaot::passes {

namespace {

/// Loops larger than this are left alone (the copy doubles their code).
constexpr unsigned kMaxLoopInsts = 400;
/// Coefficients beyond this are not tracked (keeps every i64 sum exact).
constexpr int64_t kMaxCoef = int64_t(1) << 16;
constexpr int64_t kMaxConst = int64_t(1) << 40;
constexpr unsigned kMaxTerms = 4;
constexpr unsigned kMaxDepth = 16;
/// Groups of accesses one test covers (each adds two comparisons before the loop).
constexpr unsigned kMaxGroups = 8;

int64_t signedConst(const ir::Inst *i) {
  return i->type == ir::Type::I64 ? int64_t(i->imm[0]) : int64_t(int32_t(uint32_t(i->imm[0])));
}

/// sum(coef * value) + k * p + c, exact integers; values read unsigned.
struct Affine {
  int64_t k = 0;
  int64_t c = 0;
  std::vector<std::pair<uint32_t, int64_t>> terms; ///< (value id, coefficient), sorted by id

  bool bounded() const {
    if (k > kMaxCoef || k < -kMaxCoef || c > kMaxConst || c < -kMaxConst || terms.size() > kMaxTerms)
      return false;
    for (auto &t : terms)
      if (t.second > kMaxCoef || t.second < -kMaxCoef) return false;
    return true;
  }
  void add(const Affine &o, int64_t sign) {
    k += sign * o.k;
    c += sign * o.c;
    for (auto &t : o.terms) {
      auto it = std::lower_bound(terms.begin(), terms.end(), t.first,
                                 [](const auto &a, uint32_t id) { return a.first < id; });
      if (it != terms.end() && it->first == t.first) {
        it->second += sign * t.second;
        if (it->second == 0) terms.erase(it);
      } else {
        terms.insert(it, {t.first, sign * t.second});
      }
    }
  }
  void scale(int64_t m) {
    k *= m;
    c *= m;
    for (auto &t : terms) t.second *= m;
  }
};

/// The range of the induction variable, as IR values computed in P (i64).
struct Induction {
  int64_t step = 0;
  ir::IntCC cc = ir::IntCC::Ne;
  ir::Value bound; ///< N (i32), defined before the loop, or an iconst anywhere; invalid: 0
  ir::Value init;  ///< p0
  /// `p + s != N` with p0 and N constants and |s| > 1: the range BCE would
  /// derive, [lo, hi], with no run-time condition.
  bool fixed = false;
  int64_t lo = 0, hi = 0;
};

/// One group of accesses sharing memory, k and terms: [cmin, emax) relative to the rest.
struct Group {
  uint32_t memory;
  Affine form; ///< c unused
  int64_t cmin;
  int64_t emax;
};

class LoopVersioner {
public:
  LoopVersioner(const ir::Module &module, ir::Function &fn) : module_(module), fn_(fn) {}

  uint64_t run() {
    std::vector<std::pair<ir::BasicBlock *, ir::BasicBlock *>> candidates; // (header, latch)
    {
      ir::DominatorTree dom(fn_);
      std::vector<std::vector<ir::BasicBlock *>> latches(fn_.blockIdBound());
      for (ir::BasicBlock *b : dom.reversePostOrder()) {
        const ir::Inst *term = b->terminator();
        if (!term) continue;
        for (unsigned t = 0; t < term->numTargets; ++t) {
          ir::BasicBlock *h = term->targets[t].block;
          if (dom.dominates(h, b)) latches[h->id].push_back(b);
        }
      }
      for (ir::BasicBlock *b : dom.reversePostOrder())
        if (latches[b->id].size() == 1) candidates.push_back({b, latches[b->id][0]});
      headers_.assign(fn_.blockIdBound(), false);
      for (ir::BasicBlock *b : dom.reversePostOrder())
        if (!latches[b->id].empty()) headers_[b->id] = true;
    }
    for (auto [h, latch] : candidates) changed_ += version(h, latch);
    return changed_;
  }

private:
  bool inLoop(const ir::BasicBlock *b) const { return b && b->id < in_.size() && in_[b->id]; }
  bool definedInLoop(ir::Value v) const { return inLoop(fn_.valueData(v).block); }

  const ir::Inst *constant(ir::Value v) const {
    const ir::ValueData &d = fn_.valueData(v);
    return d.def == ir::ValueDef::Result && d.inst->op == ir::Opcode::Iconst ? d.inst : nullptr;
  }

  /// Collects the natural loop of `h` with back edge latch -> h into loop_/in_;
  /// false if it holds another loop's header or is too large.
  bool collect(ir::BasicBlock *h, ir::BasicBlock *latch) {
    for (ir::BasicBlock *b : loop_) in_[b->id] = false; // the previous loop's marks
    in_.resize(fn_.blockIdBound(), false);
    loop_.clear();
    in_[h->id] = true;
    loop_.push_back(h);
    std::vector<ir::BasicBlock *> work;
    if (!in_[latch->id]) {
      in_[latch->id] = true;
      loop_.push_back(latch);
      work.push_back(latch);
    }
    while (!work.empty()) {
      ir::BasicBlock *b = work.back();
      work.pop_back();
      for (ir::BasicBlock *p : preds_[b->id]) {
        if (in_[p->id]) continue;
        in_[p->id] = true;
        loop_.push_back(p);
        work.push_back(p);
      }
    }
    unsigned insts = 0;
    bool checked = false;
    for (ir::BasicBlock *b : loop_) {
      if (b != h && b->id < headers_.size() && headers_[b->id]) return false;
      for (ir::Inst *i : *b) {
        if (++insts > kMaxLoopInsts) return false;
        checked |= (i->op == ir::Opcode::Load || i->op == ir::Opcode::Store) && i->bounds == ir::BoundsCheck::Check;
      }
    }
    return checked;
  }

  /// loop_ in layout order, so that the copy is laid out like the original.
  void sortLoopByLayout() {
    std::vector<ir::BasicBlock *> ordered;
    for (ir::BasicBlock *b : fn_.blocks())
      if (in_[b->id]) ordered.push_back(b);
    loop_ = std::move(ordered);
  }


  /// s when v is p + s or p - (-s) (s a nonzero i32 constant).
  std::optional<int64_t> stepOf(ir::Value v, ir::Value p) const {
    const ir::ValueData &d = fn_.valueData(v);
    if (d.def != ir::ValueDef::Result || d.inst->type != ir::Type::I32) return std::nullopt;
    const ir::Inst *i = d.inst;
    const ir::Inst *c = nullptr;
    int64_t sign = 1;
    if (i->op == ir::Opcode::Iadd) {
      c = i->operand(0) == p ? constant(i->operand(1)) : i->operand(1) == p ? constant(i->operand(0)) : nullptr;
    } else if (i->op == ir::Opcode::Isub && i->operand(0) == p) {
      c = constant(i->operand(1));
      sign = -1;
    }
    if (!c || signedConst(c) == 0) return std::nullopt;
    return sign * signedConst(c);
  }

  /// The induction variable of header param `index`, if it has the banner's shape.
  std::optional<Induction> induction(ir::BasicBlock *h, ir::BasicBlock *latch, const ir::Inst *entry,
                                     unsigned index) const {
    const ir::Value p = h->param(index);
    if (fn_.typeOf(p) != ir::Type::I32) return std::nullopt;
    const ir::Inst *term = latch->terminator();
    if (term->op != ir::Opcode::Brif || term->numTargets != 2 || term->targets[0].block == term->targets[1].block)
      return std::nullopt;
    const unsigned t = term->targets[0].block == h ? 0 : 1;
    const ir::Value arg = term->targets[t].args[index];
    std::optional<int64_t> s = stepOf(arg, p);
    if (!s) return std::nullopt;
    Induction ind;
    ind.step = *s;
    ind.init = entry->targets[0].args[index];
    // The condition under which the back edge is taken, as "arg cc N".
    const ir::Value c = term->operand(0);
    const ir::ValueData &cd = fn_.valueData(c);
    ir::IntCC cc = ir::IntCC::Ne;
    ir::Value n; // invalid: brif on p + s itself, i.e. p + s != 0
    if (c != arg) {
      if (cd.def != ir::ValueDef::Result || cd.inst->op != ir::Opcode::Icmp || cd.inst->type != ir::Type::I32)
        return std::nullopt;
      cc = cd.inst->intCC();
      if (cd.inst->operand(0) == arg) {
        n = cd.inst->operand(1);
      } else if (cd.inst->operand(1) == arg) {
        n = cd.inst->operand(0);
        cc = ir::swappedIntCC(cc);
      } else {
        return std::nullopt;
      }
    }
    if (n.valid() && definedInLoop(n) && !constant(n)) return std::nullopt;
    if (t == 1) cc = ir::inverseIntCC(cc);
    const bool up = ind.step > 0;
    switch (cc) {
    case ir::IntCC::Ne:
      if (ind.step != 1 && ind.step != -1) {
        // p0, p0 + s, ... reaches N before it wraps when N - p0 is a multiple of s
        // no larger than 2^32 (mirrored for s < 0).
        const ir::Inst *c0 = constant(ind.init), *cn = n.valid() ? constant(n) : nullptr;
        if (!c0 || (n.valid() && !cn)) return std::nullopt;
        const int64_t window = int64_t(1) << 32, p0 = signedConst(c0), nc = cn ? signedConst(cn) : 0;
        int64_t dist = up ? nc - p0 : p0 - nc;
        dist = ((dist % window) + window) % window;
        if (dist == 0) dist = window;
        const int64_t step = up ? ind.step : -ind.step;
        if (dist % step != 0) return std::nullopt;
        ind.fixed = true;
        ind.lo = up ? p0 : p0 - dist + step;
        ind.hi = up ? p0 + dist - step : p0;
      }
      break;
    case ir::IntCC::Ult:
    case ir::IntCC::Ule:
    case ir::IntCC::Slt:
    case ir::IntCC::Sle:
      if (!up) return std::nullopt;
      break;
    case ir::IntCC::Ugt:
    case ir::IntCC::Uge:
    case ir::IntCC::Sgt:
    case ir::IntCC::Sge:
      if (up) return std::nullopt;
      break;
    default: return std::nullopt;
    }
    if (ind.step > kMaxCoef || ind.step < -kMaxCoef) return std::nullopt;
    ind.cc = cc;
    ind.bound = n;
    return ind;
  }

  /// addr as an affine form of p, or nothing.
  std::optional<Affine> affine(ir::Value v, ir::Value p, unsigned depth) const {
    Affine a;
    if (v == p) {
      a.k = 1;
      return a;
    }
    if (fn_.typeOf(v) != ir::Type::I32) return std::nullopt;
    if (constant(v) || !definedInLoop(v)) return invariant(v);
    const ir::ValueData &d = fn_.valueData(v);
    if (d.def == ir::ValueDef::Param) return derived(v, p);
    if (d.def != ir::ValueDef::Result || depth > kMaxDepth) return std::nullopt;
    const ir::Inst *i = d.inst;
    auto operand = [&](unsigned k) { return affine(i->operand(k), p, depth + 1); };
    switch (i->op) {
    case ir::Opcode::Iadd:
    case ir::Opcode::Isub: {
      auto x = operand(0), y = operand(1);
      if (!x || !y) return std::nullopt;
      x->add(*y, i->op == ir::Opcode::Iadd ? 1 : -1);
      if (!x->bounded()) return std::nullopt;
      return x;
    }
    case ir::Opcode::Imul:
    case ir::Opcode::Ishl: {
      const ir::Inst *c = constant(i->operand(1));
      unsigned from = 0;
      if (!c && i->op == ir::Opcode::Imul && (c = constant(i->operand(0)))) from = 1;
      if (!c) return std::nullopt;
      int64_t m = signedConst(c);
      if (i->op == ir::Opcode::Ishl) {
        const unsigned sh = unsigned(c->imm[0] & 31); // wasm masks the count
        if (sh > 16) return std::nullopt;
        m = int64_t(1) << sh;
      }
      if (m > kMaxCoef || m < -kMaxCoef) return std::nullopt;
      auto x = operand(from);
      if (!x) return std::nullopt;
      x->scale(m);
      if (!x->bounded()) return std::nullopt;
      return x;
    }
    default: return std::nullopt;
    }
  }

  /// A value defined before the loop: a constant or a term.
  std::optional<Affine> invariant(ir::Value v) const {
    Affine a;
    if (const ir::Inst *c = constant(v)) {
      if (c->type != ir::Type::I32) return std::nullopt;
      a.c = signedConst(c);
    } else {
      a.terms.push_back({v.id, 1});
    }
    return a;
  }

  /// A header parameter q that steps with p: q0 from the preheader, q + t on
  /// the back edge. After i iterations p = p0 + s * i exactly (the test keeps
  /// p in range) and q = q0 + t * i mod 2^32, so with t = m * s,
  /// q = q0 + m * (p - p0) mod 2^32.
  std::optional<Affine> derived(ir::Value q, ir::Value p) const {
    const ir::ValueData &d = fn_.valueData(q);
    const ir::ValueData &pd = fn_.valueData(p);
    if (d.block != pd.block || !ind_ || !entry_ || !latchTerm_) return std::nullopt;
    const unsigned t = latchTerm_->targets[0].block == d.block ? 0 : 1;
    std::optional<int64_t> step = stepOf(latchTerm_->targets[t].args[d.index], q);
    if (!step || *step % ind_->step != 0) return std::nullopt;
    const int64_t m = *step / ind_->step;
    std::optional<Affine> q0 = invariant(entry_->targets[0].args[d.index]);
    std::optional<Affine> p0 = invariant(entry_->targets[0].args[pd.index]);
    if (!q0 || !p0 || m > kMaxCoef || m < -kMaxCoef) return std::nullopt;
    p0->scale(-m);
    q0->add(*p0, 1);
    q0->k = m;
    if (!q0->bounded()) return std::nullopt;
    return q0;
  }

  static uint64_t accessBytes(const ir::Inst *i) {
    unsigned n = ir::memAccessBytes(i->access);
    return n ? n : ir::typeBytes(i->type);
  }

  /// The checked accesses of the loop that the test for `p` covers, grouped.
  std::vector<ir::Inst *> coveredAccesses(ir::Value p, std::vector<Group> &groups) const {
    std::vector<ir::Inst *> covered;
    for (ir::BasicBlock *b : loop_)
      for (ir::Inst *i : *b) {
        if ((i->op != ir::Opcode::Load && i->op != ir::Opcode::Store) || i->bounds != ir::BoundsCheck::Check)
          continue;
        const uint32_t mem = i->idx[0];
        if (mem >= module_.memories.size() || module_.memories[mem].indexType != ir::Type::I32) continue;
        std::optional<Affine> a = affine(i->operand(0), p, 0);
        if (!a) continue;
        const int64_t end = a->c + int64_t(i->offset()) + int64_t(accessBytes(i));
        auto same = [&](const Group &g) { return g.memory == mem && g.form.k == a->k && g.form.terms == a->terms; };
        auto it = std::find_if(groups.begin(), groups.end(), same);
        if (it == groups.end()) {
          if (groups.size() >= kMaxGroups) continue;
          Group g{mem, *a, a->c, end};
          g.form.c = 0;
          groups.push_back(g);
        } else {
          it->cmin = std::min(it->cmin, a->c);
          it->emax = std::max(it->emax, end);
        }
        covered.push_back(i);
      }
    return covered;
  }

  uint64_t version(ir::BasicBlock *h, ir::BasicBlock *latch) {
    if (preds_.empty()) preds_ = fn_.predecessorLists(); // cleared by every transformation
    if (!collect(h, latch)) return 0;
    // The preheader: the one predecessor from outside, ending in `jump h`.
    ir::BasicBlock *pre = nullptr;
    for (ir::BasicBlock *p : preds_[h->id]) {
      if (inLoop(p)) {
        if (p != latch) return 0;
        continue;
      }
      if (pre) return 0;
      pre = p;
    }
    if (!pre) return 0;
    ir::Inst *entry = pre->terminator();
    if (!entry || entry->op != ir::Opcode::Jump) return 0;
    // The back edge is one target of a brif whose other target is not the header.
    const ir::Inst *latchTerm = latch->terminator();
    if (!latchTerm || latchTerm->op != ir::Opcode::Brif || latchTerm->numTargets != 2 ||
        (latchTerm->targets[0].block == h) == (latchTerm->targets[1].block == h))
      return 0;

    // The induction variable whose test covers the most accesses.
    std::optional<Induction> best;
    std::vector<Group> bestGroups;
    std::vector<ir::Inst *> bestCovered;
    for (unsigned j = 0; j < h->numParams; ++j) {
      std::optional<Induction> ind = induction(h, latch, entry, j);
      if (!ind) continue;
      ind_ = &*ind;
      entry_ = entry;
      latchTerm_ = latchTerm;
      std::vector<Group> groups;
      std::vector<ir::Inst *> covered = coveredAccesses(h->param(j), groups);
      ind_ = nullptr;
      if (covered.size() > bestCovered.size()) {
        best = ind;
        bestGroups = std::move(groups);
        bestCovered = std::move(covered);
      }
    }
    if (!best || bestCovered.empty()) return 0;

    // Exits, and the loop's values used after it.
    std::vector<ir::BasicBlock *> exits;
    for (ir::BasicBlock *b : loop_) {
      const ir::Inst *term = b->terminator();
      if (!term) return 0;
      for (unsigned t = 0; t < term->numTargets; ++t)
        if (!inLoop(term->targets[t].block) &&
            std::find(exits.begin(), exits.end(), term->targets[t].block) == exits.end())
          exits.push_back(term->targets[t].block);
    }
    std::vector<ir::Value> liveOut;
    std::vector<bool> seen(fn_.numValues(), false);
    auto noteUse = [&](ir::Value v) {
      if (definedInLoop(v) && !seen[v.id]) {
        seen[v.id] = true;
        liveOut.push_back(v);
      }
    };
    for (ir::BasicBlock *b : fn_.blocks()) {
      if (inLoop(b)) continue;
      for (ir::Inst *i : *b) {
        for (ir::Value v : i->operandList()) noteUse(v);
        for (const ir::BlockCall &c : i->targetList())
          for (ir::Value v : c.argList()) noteUse(v);
      }
    }
    if (!liveOut.empty()) {
      if (exits.size() != 1) return 0;
      for (ir::BasicBlock *p : preds_[exits[0]->id])
        if (!inLoop(p)) return 0;
    }

    sortLoopByLayout();

    // The copy: blocks, parameters and instructions first, then operands and targets.
    std::vector<ir::Value> map(fn_.numValues());
    std::vector<ir::BasicBlock *> copyOf(fn_.blockIdBound(), nullptr);
    std::vector<std::pair<ir::Inst *, ir::Inst *>> insts;
    std::vector<bool> coveredInst;
    for (ir::BasicBlock *b : loop_) {
      ir::BasicBlock *c = fn_.createBlock();
      copyOf[b->id] = c;
      for (ir::Value p : b->paramList()) map[p.id] = fn_.addBlockParam(c, fn_.typeOf(p));
      for (ir::Inst *i : *b) {
        std::vector<ir::Type> types;
        for (uint32_t r = 0; r < i->numResults; ++r) types.push_back(fn_.typeOf(i->result(r)));
        ir::Inst *k = fn_.createInst(i->op, i->type, i->numOperands, types, i->numTargets);
        k->aux = i->aux;
        k->access = i->access;
        k->bounds = i->bounds;
        k->proof = i->proof;
        k->alignLog2 = i->alignLog2;
        k->imm[0] = i->imm[0];
        k->imm[1] = i->imm[1];
        k->idx[0] = i->idx[0];
        k->idx[1] = i->idx[1];
        fn_.appendInst(c, k);
        for (uint32_t r = 0; r < i->numResults; ++r) map[i->result(r).id] = k->result(r);
        insts.push_back({i, k});
      }
    }
    auto mapped = [&](ir::Value v) { return v.id < map.size() && map[v.id].valid() ? map[v.id] : v; };
    std::vector<ir::Value> args;
    for (auto [i, k] : insts) {
      for (uint32_t o = 0; o < i->numOperands; ++o) k->operands[o] = mapped(i->operand(o));
      for (uint32_t t = 0; t < i->numTargets; ++t) {
        const ir::BlockCall &call = i->targets[t];
        args.clear();
        for (ir::Value v : call.argList()) args.push_back(mapped(v));
        ir::BasicBlock *to = inLoop(call.block) ? copyOf[call.block->id] : call.block;
        fn_.setBranchTarget(k, t, to, args);
      }
    }
    for (auto [i, k] : insts)
      if (std::find(bestCovered.begin(), bestCovered.end(), i) != bestCovered.end()) {
        k->bounds = ir::BoundsCheck::None;
        k->proof = ir::BoundsProof::LoopVersioned;
      }

    // Values used after the loop come through the exit block's new parameters.
    if (!liveOut.empty()) {
      ir::BasicBlock *x = exits[0];
      std::vector<ir::Value> replace(fn_.numValues());
      for (ir::Value v : liveOut) replace[v.id] = fn_.addBlockParam(x, fn_.typeOf(v));
      for (ir::BasicBlock *b : loop_)
        for (ir::BasicBlock *from : {b, copyOf[b->id]}) {
          ir::Inst *term = from->terminator();
          for (unsigned t = 0; t < term->numTargets; ++t) {
            if (term->targets[t].block != x) continue;
            for (ir::Value v : liveOut) fn_.appendBranchArg(term, t, from == b ? v : mapped(v));
          }
        }
      auto rewrite = [&](ir::Value &v) {
        if (v.id < replace.size() && replace[v.id].valid()) v = replace[v.id];
      };
      for (ir::BasicBlock *b : fn_.blocks()) {
        if (inLoop(b) || isCopy(b, copyOf)) continue;
        for (ir::Inst *i : *b) {
          for (uint32_t o = 0; o < i->numOperands; ++o) rewrite(i->operands[o]);
          for (uint32_t t = 0; t < i->numTargets; ++t)
            for (uint32_t a = 0; a < i->targets[t].numArgs; ++a) rewrite(i->targets[t].args[a]);
        }
      }
    }

    // The test in the preheader, and the branch to one of the copies.
    std::vector<ir::Value> entryArgs(entry->targets[0].args, entry->targets[0].args + entry->targets[0].numArgs);
    fn_.eraseInst(entry);
    ir::Builder bld(fn_);
    bld.setInsertBlock(pre);
    ir::Value ok = test(bld, *best, bestGroups);
    bld.brif(ok, copyOf[h->id], entryArgs, h, entryArgs);

    // Layout: the copy just before the original loop's header.
    std::vector<ir::BasicBlock *> order;
    for (ir::BasicBlock *b : fn_.blocks()) {
      if (isCopy(b, copyOf)) continue;
      if (b == h)
        for (ir::BasicBlock *l : loop_) order.push_back(copyOf[l->id]);
      order.push_back(b);
    }
    fn_.setLayout(order);
    preds_.clear();
    return bestCovered.size();
  }

  bool isCopy(const ir::BasicBlock *b, const std::vector<ir::BasicBlock *> &copyOf) const {
    for (ir::BasicBlock *l : loop_)
      if (copyOf[l->id] == b) return true;
    return false;
  }

  /// v in P: itself if defined before the loop, else a new iconst (v is one).
  ir::Value outside(ir::Builder &bld, ir::Value v) const {
    if (!definedInLoop(v)) return v;
    return bld.iconst(ir::Type::I32, constant(v)->imm[0]);
  }

  /// The test before the loop (i32 0 or 1).
  ir::Value test(ir::Builder &bld, const Induction &ind, const std::vector<Group> &groups) {
    using ir::IntCC;
    using ir::Type;
    const bool isSigned = ind.cc == IntCC::Slt || ind.cc == IntCC::Sle || ind.cc == IntCC::Sgt || ind.cc == IntCC::Sge;
    auto wide = [&](ir::Value v) { return isSigned ? bld.sext(Type::I64, v) : bld.zext(Type::I64, v); };
    auto k64 = [&](int64_t c) { return bld.iconst(Type::I64, uint64_t(c)); };
    auto k32 = [&](int64_t c) { return bld.iconst(Type::I32, uint64_t(c)); };
    const IntCC lt = isSigned ? IntCC::Slt : IntCC::Ult, le = isSigned ? IntCC::Sle : IntCC::Ule;
    const IntCC ge = isSigned ? IntCC::Sge : IntCC::Uge;
    const int64_t s = ind.step;
    // The range [lo, hi] of p (i64) and the condition that it holds.
    ir::Value valid, lo, hi;
    if (ind.fixed) {
      valid = k32(1);
      lo = k64(ind.lo);
      hi = k64(ind.hi);
    } else {
      const ir::Value p0 = outside(bld, ind.init), n = ind.bound.valid() ? outside(bld, ind.bound) : k32(0);
      const ir::Value p0w = wide(p0), nw = wide(n);
      switch (ind.cc) {
      case IntCC::Ne:
        if (s == 1) {
          valid = bld.icmp(IntCC::Ult, p0, n);
          lo = p0w;
          hi = bld.isub(Type::I64, nw, k64(1));
        } else {
          valid = bld.icmp(IntCC::Ult, n, p0);
          lo = bld.iadd(Type::I64, nw, k64(1));
          hi = p0w;
        }
        break;
      case IntCC::Ult:
      case IntCC::Slt:
      case IntCC::Ule:
      case IntCC::Sle: {
        // p + s must not wrap for p up to hi: N <= max - s (+1 for the strict forms).
        const bool strict = ind.cc == IntCC::Ult || ind.cc == IntCC::Slt;
        valid = bld.icmp(strict ? lt : le, p0, n);
        const int64_t max = isSigned ? int64_t(INT32_MAX) : int64_t(UINT32_MAX);
        const int64_t limit = max - s + (strict ? 1 : 0);
        if (limit < max) valid = bld.band(Type::I32, valid, bld.icmp(le, n, k32(limit)));
        lo = p0w;
        hi = strict ? bld.isub(Type::I64, nw, k64(1)) : nw;
        break;
      }
      default: { // Ugt, Sgt, Uge, Sge with s < 0
        const bool strict = ind.cc == IntCC::Ugt || ind.cc == IntCC::Sgt;
        valid = bld.icmp(strict ? lt : le, n, p0);
        // p + s must not wrap for p down to lo: N >= min - s (-1 for the strict forms).
        const int64_t min = isSigned ? int64_t(INT32_MIN) : 0;
        const int64_t limit = min - s - (strict ? 1 : 0);
        if (limit > min) valid = bld.band(Type::I32, valid, bld.icmp(ge, n, k32(limit)));
        lo = strict ? bld.iadd(Type::I64, nw, k64(1)) : nw;
        hi = p0w;
        break;
      }
      }
    }
    ir::Value ok = valid;
    std::unordered_map<uint32_t, ir::Value> lengths;
    for (const Group &g : groups) {
      auto [it, fresh] = lengths.try_emplace(g.memory);
      if (fresh)
        it->second = bld.ishl(Type::I64, bld.zext(Type::I64, bld.memorySize(Type::I32, g.memory)), k64(16));
      const ir::Value length = it->second;
      auto sum = [&](ir::Value acc, ir::Value t, int64_t coef) {
        if (coef != 1) t = bld.imul(Type::I64, t, k64(coef));
        return acc.valid() ? bld.iadd(Type::I64, acc, t) : t;
      };
      ir::Value rest;
      for (auto [id, coef] : g.form.terms) rest = sum(rest, bld.zext(Type::I64, ir::Value(id)), coef);
      auto at = [&](ir::Value x, int64_t c) {
        ir::Value e = rest;
        if (g.form.k != 0) e = sum(e, x, g.form.k);
        if (!e.valid()) return k64(c);
        return c == 0 ? e : bld.iadd(Type::I64, e, k64(c));
      };
      const ir::Value low = at(g.form.k >= 0 ? lo : hi, g.cmin);
      const ir::Value high = at(g.form.k >= 0 ? hi : lo, g.emax);
      ok = bld.band(Type::I32, ok, bld.icmp(IntCC::Sge, low, k64(0)));
      ok = bld.band(Type::I32, ok, bld.icmp(IntCC::Sle, high, length));
    }
    return ok;
  }

  const ir::Module &module_;
  ir::Function &fn_;
  std::vector<bool> headers_;
  // The loop being looked at, for derived(): its induction, preheader jump and back edge.
  const Induction *ind_ = nullptr;
  const ir::Inst *entry_ = nullptr;
  const ir::Inst *latchTerm_ = nullptr;
  std::vector<bool> in_;
  std::vector<ir::BasicBlock *> loop_;
  std::vector<std::vector<ir::BasicBlock *>> preds_;
  uint64_t changed_ = 0;
};

} // namespace

void loopVersioning(const ir::Module &module, ir::Function &fn, const PassOptions &options, PassReport &report) {
  if (options.bounds != BoundsMode::Explicit || !options.eliminateBoundsChecks || options.optLevel == 0)
    return;
  report.changed += LoopVersioner(module, fn).run();
}

PassReport runLoopVersioning(ir::Module &module, const PassOptions &options) {
  return runOnEachFunction(module, options, loopVersioning);
}

} // namespace wasmaot::passes
