// SsaBuilder: per-block definitions of locals, block parameters at merge points,
// sealing, and the removal of trivial parameters (see SsaBuilder.h).
#include "frontend/SsaBuilder.h"

#include <cassert>

namespace wasmaot::frontend {

using ir::BasicBlock;
using ir::Value;

size_t SsaBuilder::DefMap::slotOf(uint64_t key) const {
  // Fibonacci hashing of the key; the table size is a power of two.
  const size_t mask = slots_.size() - 1;
  size_t i = size_t((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  while (slots_[i].key != key && slots_[i].key != kEmpty) i = (i + 1) & mask;
  return i;
}

ir::Value SsaBuilder::DefMap::find(uint64_t key) const {
  if (used_.empty()) return Value();
  const Slot &s = slots_[slotOf(key)];
  return s.key == key ? s.value : Value();
}

void SsaBuilder::DefMap::set(uint64_t key, Value v) {
  if (2 * (used_.size() + 1) > slots_.size()) grow();
  size_t i = slotOf(key);
  if (slots_[i].key == kEmpty) {
    slots_[i].key = key;
    used_.push_back(uint32_t(i));
  }
  slots_[i].value = v;
}

void SsaBuilder::DefMap::clear() {
  for (uint32_t i : used_) slots_[i] = Slot();
  used_.clear();
}

void SsaBuilder::DefMap::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot());
  used_.clear();
  for (const Slot &s : old)
    if (s.key != kEmpty) {
      size_t i = slotOf(s.key);
      slots_[i] = s;
      used_.push_back(uint32_t(i));
    }
}

SsaBuilder::BlockInfo &SsaBuilder::addInfo(const BasicBlock *b) {
  while (numInfo_ <= b->id) {
    if (numInfo_ < info_.size()) {
      BlockInfo &bi = info_[numInfo_];
      bi.preds.clear();
      bi.incomplete.clear();
      bi.sealed = false;
      bi.placed = false;
    } else {
      info_.emplace_back();
    }
    ++numInfo_;
  }
  return info_[b->id];
}

void SsaBuilder::reset(ir::Function &f, BasicBlock *entry, std::span<const ir::Type> localTypes) {
  f_ = &f;
  entry_ = entry;
  cur_ = nullptr;
  numInfo_ = 0;
  types_.assign(localTypes.begin(), localTypes.end());
  curDefs_.assign(types_.size(), Value());
  curTouched_.clear();
  defs_.clear();
  order_.clear();
  localParams_.clear();
  for (Value &z : zero_) z = Value();
  info(entry).sealed = true;
  setCurrent(entry);
  for (uint32_t i = 0; i < entry->numParams; ++i) write(i, entry->param(i));
}

BasicBlock *SsaBuilder::createBlock() {
  BasicBlock *b = f_->createBlock();
  info(b);
  return b;
}

void SsaBuilder::addEdge(ir::Inst *term, unsigned t) {
  info(term->targets[t].block).preds.push_back({term, t});
}

void SsaBuilder::setCurrent(BasicBlock *b) {
  if (cur_) {
    for (uint32_t local : curTouched_) {
      defs_.set(key(cur_, local), curDefs_[local]);
      curDefs_[local] = Value();
    }
    curTouched_.clear();
  }
  cur_ = b;
  BlockInfo &bi = info(b);
  assert(!bi.placed && "a block is filled once");
  bi.placed = true;
  order_.push_back(b);
}

Value SsaBuilder::lookup(uint32_t local, const BasicBlock *b) const {
  if (b == cur_) return curDefs_[local];
  return defs_.find(key(b, local));
}

void SsaBuilder::define(uint32_t local, const BasicBlock *b, Value v) {
  if (b == cur_) {
    if (!curDefs_[local].valid()) curTouched_.push_back(local);
    curDefs_[local] = v;
  } else {
    defs_.set(key(b, local), v);
  }
}

void SsaBuilder::write(uint32_t local, Value v) { define(local, cur_, v); }

Value SsaBuilder::read(uint32_t local) {
  Value v = curDefs_[local];
  return v.valid() ? v : readIn(local, cur_);
}

Value SsaBuilder::newParam(uint32_t local, BasicBlock *b) {
  Value p = f_->addBlockParam(b, types_[local]);
  define(local, b, p);
  localParams_.push_back(p);
  return p;
}

Value SsaBuilder::zeroOf(ir::Type t) {
  Value &z = zero_[unsigned(t)];
  if (z.valid()) return z;
  ir::Opcode op = ir::Opcode::Iconst;
  switch (t) {
  case ir::Type::I8:
  case ir::Type::I16:
  case ir::Type::I32:
  case ir::Type::I64: op = ir::Opcode::Iconst; break;
  case ir::Type::F32:
  case ir::Type::F64: op = ir::Opcode::Fconst; break;
  case ir::Type::V128: op = ir::Opcode::V128const; break;
  case ir::Type::Ref: op = ir::Opcode::RefNull; break;
  }
  ir::Inst *i = f_->createInst(op, t, 0, std::span<const ir::Type>(&t, 1));
  if (ir::Inst *term = entry_->terminator()) f_->insertInstBefore(term, i);
  else f_->appendInst(entry_, i);
  z = i->result();
  return z;
}

// Braun et al.'s readVariableRecursive without recursion: single-predecessor
// chains are walked in a loop (and cached on the way back), and merge blocks
// waiting for their predecessors' values sit on pending_.
Value SsaBuilder::readIn(uint32_t local, BasicBlock *b) {
  pending_.clear();
  chain_.clear();
  uint32_t chainBase = 0;
  for (;;) {
    Value result;
    for (;;) { // descend towards a definition
      result = lookup(local, b);
      if (result.valid()) break;
      if (b == entry_) { // a declared local never written on this path: zero
        result = zeroOf(types_[local]);
        define(local, b, result);
        break;
      }
      BlockInfo &bi = info(b);
      if (!bi.sealed) {
        result = newParam(local, b);
        info(b).incomplete.push_back({local, result});
        break;
      }
      if (bi.preds.size() == 1) {
        chain_.push_back(b);
        b = bi.preds[0].term->block;
        continue;
      }
      if (bi.preds.empty()) { // never reached (the translator fills no such block)
        result = zeroOf(types_[local]);
        break;
      }
      Value p = newParam(local, b);
      pending_.push_back({b, p, 0, chainBase});
      chainBase = uint32_t(chain_.size());
      b = info(b).preds[0].term->block;
    }
    for (;;) { // hand the value back up
      for (size_t i = chainBase; i < chain_.size(); ++i) define(local, chain_[i], result);
      chain_.resize(chainBase);
      if (pending_.empty()) return result;
      Pending &pd = pending_.back();
      const std::vector<Edge> &preds = info(pd.block).preds;
      const Edge e = preds[pd.nextEdge];
      f_->appendBranchArg(e.term, e.target, result);
      if (++pd.nextEdge < preds.size()) {
        b = preds[pd.nextEdge].term->block;
        chainBase = uint32_t(chain_.size());
        break;
      }
      result = pd.param;
      chainBase = pd.chainBase;
      pending_.pop_back();
    }
  }
}

void SsaBuilder::seal(BasicBlock *b) {
  // Parameters in creation order, and for each all predecessors: every branch
  // gets its arguments in parameter order.
  for (size_t k = 0; k < info(b).incomplete.size(); ++k) {
    const auto [local, param] = info(b).incomplete[k];
    (void)param;
    for (size_t e = 0; e < info(b).preds.size(); ++e) {
      const Edge edge = info(b).preds[e];
      Value v = readIn(local, edge.term->block);
      f_->appendBranchArg(edge.term, edge.target, v);
    }
  }
  BlockInfo &bi = info(b);
  bi.incomplete.clear();
  bi.sealed = true;
}

void SsaBuilder::finish() {
  // Trivial parameters: every incoming value is the same value or the parameter
  // itself. Replacing one can make others trivial, so iterate to a fixed point.
  repl_.assign(f_->numValues(), Value());
  auto resolve = [&](Value v) {
    while (v.id < repl_.size() && repl_[v.id].valid()) v = repl_[v.id];
    return v;
  };
  removed_.clear();
  for (bool changed = true; changed;) {
    changed = false;
    for (Value p : localParams_) {
      if (repl_[p.id].valid()) continue;
      const ir::ValueData &d = f_->valueData(p);
      if (d.def != ir::ValueDef::Param) continue;
      Value same;
      bool trivial = true;
      for (const Edge &e : info(d.block).preds) {
        const ir::BlockCall &c = e.term->targets[e.target];
        if (d.index >= c.numArgs) {
          trivial = false;
          break;
        }
        Value a = resolve(c.args[d.index]);
        if (a == p || a == same) continue;
        if (same.valid()) {
          trivial = false;
          break;
        }
        same = a;
      }
      if (trivial && same.valid()) {
        repl_[p.id] = same;
        removed_.push_back(p);
        changed = true;
      }
    }
  }
  if (!removed_.empty()) {
    f_->replaceUses(repl_);
    f_->removeBlockParams(removed_);
  }
  // Blocks never filled (continuations nothing reaches) leave the layout.
  for (size_t i = f_->blocks().size(); i-- > 0;) {
    BasicBlock *b = f_->blocks()[i];
    if (!info(b).placed) f_->removeBlock(b);
  }
  f_->setLayout(order_);
}

} // namespace wasmaot::frontend
