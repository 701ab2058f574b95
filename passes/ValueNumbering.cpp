// ValueNumbering: dominator-scoped common-subexpression elimination. An
// instruction that computes the same pure value as one that dominates it is
// replaced by that one's result.
//
// Why it is sound: only instructions that cannot trap, have no side effects
// and read no mutable state take part (Opcodes.def flags), so their result is
// a function of opcode, immediates and operands alone; the dominating one has
// executed on every path that reaches the other. Operands are compared after
// replacement, so chains collapse in one walk; commutative operations compare
// their operands unordered. Constants are left alone: the back ends fold them
// into instructions or rematerialize them, and one shared constant would only
// stretch a live range.
#include "passes/Passes.h"

#include "ir/Dominators.h"

#include <algorithm>
#include <vector>

namespace wasmaot::passes {

namespace {

bool numberable(const ir::Inst *i) {
  if (i->numResults != 1 || i->isTerminator() || i->numOperands > 3) return false;
  if (ir::mayTrap(i->op) || ir::hasSideEffects(i->op) || ir::readsState(i->op)) return false;
  switch (i->op) {
  case ir::Opcode::Iconst:
  case ir::Opcode::Fconst:
  case ir::Opcode::V128const: return false;
  default: return true;
  }
}

bool commutative(const ir::Inst *i) {
  switch (i->op) {
  case ir::Opcode::Iadd:
  case ir::Opcode::Imul:
  case ir::Opcode::Band:
  case ir::Opcode::Bor:
  case ir::Opcode::Bxor: return true;
  case ir::Opcode::Icmp: return i->intCC() == ir::IntCC::Eq || i->intCC() == ir::IntCC::Ne;
  default: return false;
  }
}

/// At most this many operands take part (every pure opcode has fewer).
constexpr unsigned kMaxOperands = 3;

class FunctionValueNumbering {
public:
  explicit FunctionValueNumbering(ir::Function &fn) : fn_(fn), dom_(fn), replacement_(fn.numValues()) {
    size_t n = 0;
    for (ir::BasicBlock *b : fn.blocks())
      for (ir::Inst *i : *b) n += numberable(i);
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots_.assign(cap, Slot{});
  }

  uint64_t run() {
    dom_.walk(
        [&](ir::BasicBlock *b) {
          const size_t mark = undo_.size();
          visit(b);
          return mark;
        },
        [&](ir::BasicBlock *, size_t mark) {
          // Entries leave in the reverse order they came, so emptying a slot never
          // cuts a probe chain that a live entry needs (linear probing).
          for (; undo_.size() > mark; undo_.pop_back()) slots_[undo_.back()] = Slot{};
        });
    if (dead_.empty()) return 0;
    fn_.replaceUses(replacement_);
    for (ir::Inst *i : dead_) fn_.eraseInst(i);
    return dead_.size();
  }

private:
  struct Slot {
    uint64_t hash = 0;
    const ir::Inst *inst = nullptr; ///< the dominating representative
  };
  /// An instruction's operands after replacement, commutative ones ordered.
  struct Operands {
    uint32_t id[kMaxOperands];
    unsigned n;
  };

  ir::Value canonical(ir::Value v) const {
    return v.id < replacement_.size() && replacement_[v.id].valid() ? replacement_[v.id] : v;
  }

  Operands operandsOf(const ir::Inst *i) const {
    Operands o{{0, 0, 0}, i->numOperands};
    for (unsigned k = 0; k < o.n; ++k) o.id[k] = canonical(i->operand(k)).id;
    if (commutative(i) && o.n == 2 && o.id[0] > o.id[1]) std::swap(o.id[0], o.id[1]);
    return o;
  }

  static uint64_t hashOf(const ir::Inst *i, const Operands &o) {
    uint64_t h = uint64_t(i->op) * 0x9E3779B97F4A7C15ull ^ (uint64_t(i->type) << 8) ^ (uint64_t(i->aux) << 16) ^
                 (uint64_t(i->access) << 24);
    auto mix = [&](uint64_t x) { h = (h ^ x) * 0x100000001B3ull; h ^= h >> 29; };
    mix(i->imm[0]);
    mix(i->imm[1]);
    mix(i->idx[0] | uint64_t(i->idx[1]) << 32);
    for (unsigned k = 0; k < o.n; ++k) mix(o.id[k]);
    return h | 1; // 0 marks an empty slot
  }

  bool same(const ir::Inst *a, const ir::Inst *b, const Operands &bo) const {
    if (a->op != b->op || a->type != b->type || a->aux != b->aux || a->access != b->access ||
        a->imm[0] != b->imm[0] || a->imm[1] != b->imm[1] || a->idx[0] != b->idx[0] || a->idx[1] != b->idx[1] ||
        a->numOperands != b->numOperands)
      return false;
    Operands ao = operandsOf(a);
    for (unsigned k = 0; k < ao.n; ++k)
      if (ao.id[k] != bo.id[k]) return false;
    return true;
  }

  void visit(ir::BasicBlock *b) {
    const size_t mask = slots_.size() - 1;
    for (ir::Inst *i : *b) {
      if (!numberable(i)) continue;
      const Operands o = operandsOf(i);
      const uint64_t h = hashOf(i, o);
      size_t at = size_t(h) & mask;
      for (; slots_[at].inst; at = (at + 1) & mask) {
        if (slots_[at].hash == h && same(slots_[at].inst, i, o)) break;
      }
      if (!slots_[at].inst) {
        slots_[at] = {h, i};
        undo_.push_back(at);
        continue;
      }
      replacement_[i->result().id] = slots_[at].inst->result();
      dead_.push_back(i);
    }
  }

  ir::Function &fn_;
  ir::DominatorTree dom_;
  std::vector<ir::Value> replacement_;
  std::vector<Slot> slots_; ///< open addressing, at most half full
  std::vector<size_t> undo_;
  std::vector<ir::Inst *> dead_;
};

} // namespace

void valueNumbering(const ir::Module &, ir::Function &fn, const PassOptions &options, PassReport &report) {
  if (options.optLevel < 2) return; // clang -O2 output has next to nothing to merge
  report.changed += FunctionValueNumbering(fn).run();
}

PassReport runValueNumbering(ir::Module &module, const PassOptions &options) {
  return runOnEachFunction(module, options, valueNumbering);
}

} // namespace wasmaot::passes
