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
#include <unordered_map>
#include <vector>

namespace wasmaot::passes {

namespace {

bool numberable(const ir::Inst *i) {
  if (i->numResults != 1 || i->isTerminator()) return false;
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

/// What makes two numberable instructions compute the same value.
struct Key {
  ir::Opcode op;
  ir::Type type;
  uint8_t aux;
  ir::MemAccess access;
  uint64_t imm0, imm1;
  uint32_t idx0, idx1;
  std::vector<uint32_t> operands;

  bool operator==(const Key &o) const {
    return op == o.op && type == o.type && aux == o.aux && access == o.access && imm0 == o.imm0 &&
           imm1 == o.imm1 && idx0 == o.idx0 && idx1 == o.idx1 && operands == o.operands;
  }
};

struct KeyHash {
  size_t operator()(const Key &k) const {
    uint64_t h = uint64_t(k.op) * 0x9E3779B97F4A7C15ull ^ (uint64_t(k.type) << 8) ^ (uint64_t(k.aux) << 16) ^
                 (uint64_t(k.access) << 24);
    auto mix = [&](uint64_t x) { h = (h ^ x) * 0x100000001B3ull + (h >> 29); };
    mix(k.imm0);
    mix(k.imm1);
    mix(k.idx0);
    mix(k.idx1);
    for (uint32_t v : k.operands) mix(v);
    return size_t(h);
  }
};

class FunctionValueNumbering {
public:
  explicit FunctionValueNumbering(ir::Function &fn) : fn_(fn), dom_(fn), replacement_(fn.numValues()) {}

  uint64_t run() {
    const auto &rpo = dom_.reversePostOrder();
    if (rpo.empty()) return 0;
    std::vector<std::vector<ir::BasicBlock *>> children(fn_.blockIdBound());
    for (ir::BasicBlock *b : rpo)
      if (ir::BasicBlock *d = dom_.idom(b)) children[d->id].push_back(b);
    struct Frame {
      ir::BasicBlock *block;
      size_t undoMark;
      size_t nextChild;
    };
    std::vector<Frame> stack{{rpo.front(), 0, 0}};
    visit(rpo.front());
    while (!stack.empty()) {
      Frame &f = stack.back();
      auto &kids = children[f.block->id];
      if (f.nextChild < kids.size()) {
        ir::BasicBlock *c = kids[f.nextChild++];
        stack.push_back({c, undo_.size(), 0});
        visit(c);
        continue;
      }
      while (undo_.size() > f.undoMark) {
        table_.erase(undo_.back());
        undo_.pop_back();
      }
      stack.pop_back();
    }
    if (dead_.empty()) return 0;
    fn_.replaceUses(replacement_);
    for (ir::Inst *i : dead_) fn_.eraseInst(i);
    return dead_.size();
  }

private:
  ir::Value canonical(ir::Value v) const {
    return v.id < replacement_.size() && replacement_[v.id].valid() ? replacement_[v.id] : v;
  }

  void visit(ir::BasicBlock *b) {
    for (ir::Inst *i : *b) {
      if (!numberable(i)) continue;
      Key k{i->op, i->type, i->aux, i->access, i->imm[0], i->imm[1], i->idx[0], i->idx[1], {}};
      k.operands.reserve(i->numOperands);
      for (ir::Value v : i->operandList()) k.operands.push_back(canonical(v).id);
      if (commutative(i) && k.operands.size() == 2 && k.operands[0] > k.operands[1])
        std::swap(k.operands[0], k.operands[1]);
      auto [it, inserted] = table_.try_emplace(k, i->result());
      if (inserted) {
        undo_.push_back(std::move(k));
        continue;
      }
      replacement_[i->result().id] = it->second;
      dead_.push_back(i);
    }
  }

  ir::Function &fn_;
  ir::DominatorTree dom_;
  std::vector<ir::Value> replacement_;
  std::unordered_map<Key, ir::Value, KeyHash> table_;
  std::vector<Key> undo_;
  std::vector<ir::Inst *> dead_;
};

} // namespace

PassReport runValueNumbering(ir::Module &module, const PassOptions &options) {
  PassReport report;
  if (options.optLevel == 0) return report;
  for (auto &fn : module.functions)
    if (!fn->isDeclaration()) report.changed += FunctionValueNumbering(*fn).run();
  return report;
}

} // namespace wasmaot::passes
