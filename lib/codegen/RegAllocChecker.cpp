// RegAllocChecker: symbolic execution of allocated code (see RegAllocChecker.h).
#include "codegen/RegAllocChecker.h"

#include <optional>

namespace wasmaot::codegen {

namespace {

using Bits = std::vector<uint64_t>;

class Checker {
public:
  Checker(const MachFunction &f, const TargetDesc &t, const RegAllocResult &r)
      : f_(f), t_(t), r_(r), words_((f.numVRegs() + 63) / 64) {}

  std::string run() {
    if (!r_.error.empty())
      return "allocator failed: " + r_.error;
    if (r_.code.size() != f_.numBlocks())
      return "no code for every block";
    computeLiveness();
    numLocs_ = t_.numRegs() + unsigned(r_.slots.size());
    entry_.assign(f_.numBlocks(), std::nullopt);
    entry_[0] = State(numLocs_, Bits(words_));
    bool changed = true;
    while (changed) {
      changed = false;
      for (BlockId b = 0; b < f_.numBlocks(); ++b) {
        if (!entry_[b])
          continue;
        State st = *entry_[b];
        transferBlock(b, st, /*check=*/false);
        if (!err_.empty())
          return err_;
        for (const BranchTarget &bt : f_.targets(f_.block(b).insts.back()))
          changed |= meetInto(bt.block, edge(st, bt));
      }
    }
    for (BlockId b = 0; b < f_.numBlocks() && err_.empty(); ++b)
      if (entry_[b]) {
        State st = *entry_[b];
        transferBlock(b, st, /*check=*/true);
      }
    return err_;
  }

private:
  using State = std::vector<Bits>; // location -> set of vregs

  static bool has(const Bits &s, uint32_t v) { return (s[v >> 6] >> (v & 63)) & 1; }
  static void set(Bits &s, uint32_t v) { s[v >> 6] |= uint64_t(1) << (v & 63); }
  static void clear(Bits &s, uint32_t v) { s[v >> 6] &= ~(uint64_t(1) << (v & 63)); }

  std::optional<unsigned> loc(Allocation a) const {
    if (a.isReg() && a.preg() < t_.numRegs())
      return a.preg();
    if (a.isStack() && a.slot() < r_.slots.size())
      return t_.numRegs() + a.slot();
    return std::nullopt;
  }

  void fail(const std::string &m) {
    if (err_.empty())
      err_ = m;
  }

  void computeLiveness() {
    unsigned nb = f_.numBlocks();
    liveIn_.assign(nb, Bits(words_));
    bool changed = true;
    while (changed) {
      changed = false;
      for (BlockId b = nb; b-- > 0;) {
        Bits live = liveOut(b);
        const MachBlock &blk = f_.block(b);
        for (size_t k = blk.insts.size(); k-- > 0;)
          stepBack(blk.insts[k], live);
        for (VReg p : blk.params)
          clear(live, p.id);
        if (live != liveIn_[b]) {
          liveIn_[b] = live;
          changed = true;
        }
      }
    }
  }
  Bits liveOut(BlockId b) const {
    Bits live(words_);
    for (BlockId s : f_.block(b).succs)
      for (unsigned w = 0; w < words_; ++w)
        live[w] |= liveIn_[s][w];
    return live;
  }
  void stepBack(InstId i, Bits &live) const {
    for (const Operand &op : f_.operands(i))
      if (op.isDef())
        clear(live, op.vreg.id);
    for (const Operand &op : f_.operands(i))
      if (op.isUse())
        set(live, op.vreg.id);
    for (const BranchTarget &bt : f_.targets(i))
      for (VReg a : bt.args)
        set(live, a.id);
  }

  State edge(const State &st, const BranchTarget &bt) const {
    State out = st;
    const MachBlock &s = f_.block(bt.block);
    for (VReg p : s.params)
      for (auto &l : out)
        clear(l, p.id);
    for (size_t a = 0; a < s.params.size(); ++a)
      for (unsigned l = 0; l < numLocs_; ++l)
        if (has(st[l], bt.args[a].id))
          set(out[l], s.params[a].id);
    return out;
  }

  bool meetInto(BlockId b, const State &st) {
    if (!entry_[b]) {
      entry_[b] = st;
      return true;
    }
    bool changed = false;
    for (unsigned l = 0; l < numLocs_; ++l)
      for (unsigned w = 0; w < words_; ++w) {
        uint64_t m = (*entry_[b])[l][w] & st[l][w];
        if (m != (*entry_[b])[l][w]) {
          (*entry_[b])[l][w] = m;
          changed = true;
        }
      }
    return changed;
  }

  void written(Allocation a, const std::string &where) {
    if (a.isReg() && t_.regs[a.preg()].calleeSaved && !r_.usedCalleeSaved.contains(a.preg()))
      fail(where + ": writes callee-saved " + t_.regs[a.preg()].name + " not reported as used");
  }

  void transferBlock(BlockId b, State &st, bool check) {
    const MachBlock &blk = f_.block(b);
    // live-after sets for the safepoint checks
    std::vector<Bits> liveAfter(blk.insts.size());
    {
      Bits live = liveOut(b);
      for (size_t k = blk.insts.size(); k-- > 0;) {
        liveAfter[k] = live;
        stepBack(blk.insts[k], live);
      }
    }
    size_t k = 0;
    for (const RegAllocItem &it : r_.code[b]) {
      if (it.kind == RegAllocItem::Kind::Move) {
        auto d = loc(it.move.dst), s = loc(it.move.src);
        if (!d || !s) {
          fail("block" + std::to_string(b) + ": move with a bad location");
          return;
        }
        if (it.move.dst.isStack() && it.move.src.isStack())
          fail("block" + std::to_string(b) + ": memory-to-memory move");
        if (check)
          written(it.move.dst, "move");
        st[*d] = st[*s];
        continue;
      }
      if (k >= blk.insts.size() || blk.insts[k] != it.inst) {
        fail("block" + std::to_string(b) + ": instructions missing or out of order");
        return;
      }
      inst(it.inst, st, liveAfter[k], check);
      ++k;
    }
    if (k != blk.insts.size())
      fail("block" + std::to_string(b) + ": instructions missing");
  }

  void inst(InstId i, State &st, const Bits &liveAfter, bool check) {
    auto ops = f_.operands(i);
    const MachInst &mi = f_.inst(i);
    std::string at = "inst " + std::to_string(i);
    std::vector<Allocation> al(ops.size());
    for (unsigned o = 0; o < ops.size(); ++o) {
      al[o] = r_.alloc(f_, i, o);
      if (!loc(al[o])) {
        fail(at + " operand " + std::to_string(o) + ": no allocation");
        return;
      }
    }
    if (check) {
      for (unsigned o = 0; o < ops.size(); ++o) {
        const Operand &op = ops[o];
        Allocation a = al[o];
        RegClass cls = f_.vreg(op.vreg).cls;
        std::string where = at + " operand " + std::to_string(o) + " (v" + std::to_string(op.vreg.id) + ")";
        bool regOk = a.isReg() && t_.regClass(a.preg()) == cls && t_.isAllocatable(a.preg());
        switch (op.constraint) {
        case Constraint::Reg:
          if (!regOk)
            fail(where + ": needs a register, got " + a.str(t_));
          break;
        case Constraint::Any:
          if (!regOk && !a.isStack())
            fail(where + ": bad location " + a.str(t_));
          break;
        case Constraint::Fixed:
          if (a != Allocation::reg(op.fixedReg))
            fail(where + ": must be " + t_.regs[op.fixedReg].name + ", got " + a.str(t_));
          break;
        case Constraint::Reuse:
          if (!regOk || a != al[op.reuseIndex])
            fail(where + ": must reuse operand " + std::to_string(op.reuseIndex) + "'s register");
          break;
        }
        if (op.isUse() && !has(st[*loc(a)], op.vreg.id))
          fail(where + ": " + a.str(t_) + " does not hold v" + std::to_string(op.vreg.id));
      }
      // Defs are distinct from each other; early defs from every use.
      for (unsigned x = 0; x < ops.size(); ++x) {
        if (!ops[x].isDef())
          continue;
        for (unsigned y = 0; y < ops.size(); ++y) {
          if (x == y)
            continue;
          bool early = ops[x].early || ops[x].constraint == Constraint::Reuse;
          bool clash = ops[y].isDef() || (early && !(ops[x].constraint == Constraint::Reuse && y == ops[x].reuseIndex));
          if (clash && al[x] == al[y])
            fail(at + ": operands " + std::to_string(x) + " and " + std::to_string(y) + " share " + al[x].str(t_));
        }
        written(al[x], at);
      }
    }
    mi.clobbers.forEach([&](PReg r) { st[r].assign(words_, 0); });
    if (mi.safepoint) {
      const StackMap *sm = nullptr;
      for (const StackMap &m : r_.stackMaps)
        if (m.inst == i)
          sm = &m;
      if (!sm)
        fail(at + ": safepoint without a stack map");
      Bits defs(words_);
      for (const Operand &op : ops)
        if (op.isDef())
          set(defs, op.vreg.id);
      for (uint32_t v = 0; sm && v < f_.numVRegs(); ++v) {
        if (!f_.vreg(VReg(v)).isRef || !has(liveAfter, v) || has(defs, v))
          continue;
        bool found = false;
        for (uint32_t s : sm->slots)
          found |= s < r_.slots.size() && has(st[t_.numRegs() + s], v);
        if (check && !found)
          fail(at + ": reference v" + std::to_string(v) + " live across the safepoint is in no stack-map slot");
      }
      // The collector may move objects: references in registers are stale now.
      for (unsigned r = 0; r < t_.numRegs(); ++r)
        for (uint32_t v = 0; v < f_.numVRegs(); ++v)
          if (f_.vreg(VReg(v)).isRef)
            clear(st[r], v);
    }
    for (unsigned o = 0; o < ops.size(); ++o)
      if (ops[o].isDef()) {
        for (auto &l : st)
          clear(l, ops[o].vreg.id);
      }
    for (unsigned o = 0; o < ops.size(); ++o)
      if (ops[o].isDef()) {
        Bits &l = st[*loc(al[o])];
        l.assign(words_, 0);
        set(l, ops[o].vreg.id);
      }
  }

  const MachFunction &f_;
  const TargetDesc &t_;
  const RegAllocResult &r_;
  unsigned words_;
  unsigned numLocs_ = 0;
  std::vector<Bits> liveIn_;
  std::vector<std::optional<State>> entry_;
  std::string err_;
};

} // namespace

std::string checkAllocation(const MachFunction &f, const TargetDesc &target, const RegAllocResult &r) {
  return Checker(f, target, r).run();
}

} // namespace wasmaot::codegen
