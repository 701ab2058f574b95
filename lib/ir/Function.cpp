// Function: block layout, value table and the primitive IR edits.
#include "ir/Function.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace wasmaot::ir {

namespace {
/// Grows an arena array to hold at least `need` elements (doubling).
template <class T> void growArray(Arena &arena, T *&data, uint32_t size, uint32_t &capacity, uint32_t need) {
  if (need <= capacity) return;
  uint32_t cap = std::max<uint32_t>(4, capacity * 2);
  while (cap < need) cap *= 2;
  T *fresh = arena.makeArray<T>(cap);
  if (size) std::memcpy(static_cast<void *>(fresh), data, sizeof(T) * size);
  data = fresh;
  capacity = cap;
}
} // namespace

Value Function::newValue(Type t, ValueDef def, uint32_t index, BasicBlock *block, Inst *inst) {
  ValueData d;
  d.type = t;
  d.def = def;
  d.index = index;
  d.block = block;
  d.inst = inst;
  values_.push_back(d);
  return Value(static_cast<uint32_t>(values_.size() - 1));
}

Value Function::createPlaceholder(Type t) { return newValue(t, ValueDef::Placeholder, 0, nullptr, nullptr); }

BasicBlock *Function::createBlock() {
  // Read before writing: with markDefined done up front, building a body never
  // writes the flag other threads read (isDeclaration of a callee).
  if (!defined_) defined_ = true;
  BasicBlock *b = arena_.make<BasicBlock>();
  b->id = nextBlockId_++;
  blocks_.push_back(b);
  return b;
}

void Function::releaseBody() {
  std::vector<BasicBlock *>().swap(blocks_);
  std::vector<ValueData>().swap(values_);
  nextBlockId_ = 0;
  arena_.release();
}

void Function::moveBlockAfter(BasicBlock *b, BasicBlock *after) {
  auto it = std::find(blocks_.begin(), blocks_.end(), b);
  if (it == blocks_.end()) return;
  blocks_.erase(it);
  auto pos = after ? std::find(blocks_.begin(), blocks_.end(), after) : blocks_.begin();
  if (pos != blocks_.end() && after) ++pos;
  blocks_.insert(pos, b);
}

void Function::setLayout(std::span<BasicBlock *const> order) {
  assert(order.size() == blocks_.size() && "setLayout needs every block of the layout");
  blocks_.assign(order.begin(), order.end());
}

void Function::removeBlock(BasicBlock *b) {
  auto it = std::find(blocks_.begin(), blocks_.end(), b);
  if (it == blocks_.end()) return;
  blocks_.erase(it);
  b->inLayout = false;
  for (Value p : b->paramList()) values_[p.id].def = ValueDef::Removed;
  for (Inst *i = b->first; i; i = i->next)
    for (uint32_t r = 0; r < i->numResults; ++r) values_[i->result(r).id].def = ValueDef::Removed;
}

Value Function::addBlockParam(BasicBlock *b, Type t) {
  growArray(arena_, b->params, b->numParams, b->paramCapacity, b->numParams + 1);
  Value v = newValue(t, ValueDef::Param, b->numParams, b, nullptr);
  b->params[b->numParams++] = v;
  return v;
}

void Function::removeBlockParam(BasicBlock *b, unsigned index) {
  if (index >= b->numParams) return;
  values_[b->params[index].id].def = ValueDef::Removed;
  for (unsigned i = index + 1; i < b->numParams; ++i) {
    b->params[i - 1] = b->params[i];
    values_[b->params[i - 1].id].index = i - 1;
  }
  --b->numParams;
  for (BasicBlock *pred : blocks_) {
    Inst *term = pred->terminator();
    if (!term) continue;
    for (BlockCall &t : term->targetList()) {
      if (t.block != b || index >= t.numArgs) continue;
      for (unsigned i = index + 1; i < t.numArgs; ++i) t.args[i - 1] = t.args[i];
      --t.numArgs;
    }
  }
}

void Function::removeBlockParams(std::span<const Value> params) {
  if (params.empty()) return;
  std::vector<uint8_t> gone(values_.size(), 0);
  for (Value p : params)
    if (p.id < values_.size() && values_[p.id].def == ValueDef::Param) gone[p.id] = 1;
  // Per block, which parameter positions go (computed before compacting, as the
  // branch arguments are matched by position).
  std::vector<std::vector<uint8_t>> dropped(nextBlockId_);
  for (BasicBlock *b : blocks_) {
    bool any = false;
    for (Value p : b->paramList()) any = any || gone[p.id];
    if (!any) continue;
    std::vector<uint8_t> &d = dropped[b->id];
    d.resize(b->numParams);
    uint32_t k = 0;
    for (uint32_t i = 0; i < b->numParams; ++i) {
      Value p = b->params[i];
      d[i] = gone[p.id];
      if (gone[p.id]) {
        values_[p.id].def = ValueDef::Removed;
        continue;
      }
      values_[p.id].index = k;
      b->params[k++] = p;
    }
    b->numParams = k;
  }
  for (BasicBlock *b : blocks_) {
    Inst *term = b->terminator();
    if (!term) continue;
    for (BlockCall &t : term->targetList()) {
      if (!t.block || t.block->id >= dropped.size()) continue;
      const std::vector<uint8_t> &d = dropped[t.block->id];
      if (d.empty()) continue;
      uint32_t k = 0;
      for (uint32_t i = 0; i < t.numArgs; ++i)
        if (i >= d.size() || !d[i]) t.args[k++] = t.args[i];
      t.numArgs = k;
    }
  }
}

void Function::replaceAllUses(Value from, Value to) {
  for (BasicBlock *b : blocks_)
    for (Inst *i = b->first; i; i = i->next) {
      for (Value &v : i->operandList())
        if (v == from) v = to;
      for (BlockCall &t : i->targetList())
        for (Value &v : t.argList())
          if (v == from) v = to;
    }
}

void Function::replaceUses(std::span<const Value> map) {
  auto subst = [&](Value &v) {
    // Follow chains (a -> b -> c) with a bound so a cycle cannot loop forever.
    for (size_t n = 0; v.id < map.size() && map[v.id].valid() && map[v.id] != v && n < map.size(); ++n)
      v = map[v.id];
  };
  for (BasicBlock *b : blocks_)
    for (Inst *i = b->first; i; i = i->next) {
      for (Value &v : i->operandList()) subst(v);
      for (BlockCall &t : i->targetList())
        for (Value &v : t.argList()) subst(v);
    }
}

Inst *Function::createInst(Opcode op, Type type, uint32_t numOperands, std::span<const Type> resultTypes,
                           uint32_t numTargets) {
  Inst *i = arena_.make<Inst>();
  i->op = op;
  i->type = type;
  i->numOperands = numOperands;
  i->operands = arena_.makeArray<Value>(numOperands);
  i->numTargets = numTargets;
  i->targets = arena_.makeArray<BlockCall>(numTargets);
  i->numResults = static_cast<uint32_t>(resultTypes.size());
  for (uint32_t r = 0; r < resultTypes.size(); ++r) {
    Value v = newValue(resultTypes[r], ValueDef::Result, r, nullptr, i);
    if (r == 0) i->firstResult = v;
  }
  return i;
}

void Function::appendInst(BasicBlock *b, Inst *i) {
  i->block = b;
  i->prev = b->last;
  i->next = nullptr;
  if (b->last) b->last->next = i;
  else b->first = i;
  b->last = i;
  for (uint32_t r = 0; r < i->numResults; ++r) values_[i->result(r).id].block = b;
}

void Function::insertInstBefore(Inst *pos, Inst *i) {
  BasicBlock *b = pos->block;
  i->block = b;
  i->next = pos;
  i->prev = pos->prev;
  if (pos->prev) pos->prev->next = i;
  else b->first = i;
  pos->prev = i;
  for (uint32_t r = 0; r < i->numResults; ++r) values_[i->result(r).id].block = b;
}

void Function::eraseInst(Inst *i) {
  BasicBlock *b = i->block;
  if (!b) return;
  if (i->prev) i->prev->next = i->next;
  else b->first = i->next;
  if (i->next) i->next->prev = i->prev;
  else b->last = i->prev;
  i->block = nullptr;
  i->prev = i->next = nullptr;
  for (uint32_t r = 0; r < i->numResults; ++r) values_[i->result(r).id].def = ValueDef::Removed;
}

void Function::setBranchTarget(Inst *term, unsigned t, BasicBlock *block, std::span<const Value> args) {
  if (t >= term->numTargets) return;
  term->targets[t].block = block;
  setBranchArgs(term, t, args);
}

void Function::appendBranchArg(Inst *term, unsigned t, Value arg) {
  if (t >= term->numTargets) return;
  BlockCall &c = term->targets[t];
  growArray(arena_, c.args, c.numArgs, c.capacity, c.numArgs + 1);
  c.args[c.numArgs++] = arg;
}

void Function::setBranchArgs(Inst *term, unsigned t, std::span<const Value> args) {
  if (t >= term->numTargets) return;
  BlockCall &c = term->targets[t];
  uint32_t n = static_cast<uint32_t>(args.size());
  if (n > c.capacity) {
    c.args = arena_.makeArray<Value>(n);
    c.capacity = n;
  }
  std::copy(args.begin(), args.end(), c.args);
  c.numArgs = n;
}

std::vector<BasicBlock *> Function::predecessors(const BasicBlock *b) const {
  std::vector<BasicBlock *> preds;
  for (BasicBlock *p : blocks_) {
    Inst *term = p->terminator();
    if (!term) continue;
    for (const BlockCall &t : term->targetList())
      if (t.block == b) {
        preds.push_back(p);
        break;
      }
  }
  return preds;
}

std::vector<std::vector<BasicBlock *>> Function::predecessorLists() const {
  std::vector<std::vector<BasicBlock *>> preds(nextBlockId_);
  for (BasicBlock *from : blocks_) {
    const Inst *term = from->terminator();
    if (!term) continue;
    for (const BlockCall &t : term->targetList()) {
      auto &list = preds[t.block->id];
      if (list.empty() || list.back() != from) list.push_back(from);
    }
  }
  return preds;
}

} // namespace wasmaot::ir
