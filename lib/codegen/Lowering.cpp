// Lowering: the driver loop over blocks and instructions (contract in Lowering.h).
#include "codegen/Lowering.h"

#include "ir/Opcode.h"
#include "ir/Printer.h"

#include <algorithm>
#include <cassert>

namespace wasmaot::codegen {

struct FunctionLowering::Arrays {
  std::vector<uint32_t> uses, splitStart, position;
  std::vector<VReg> valueRegs, rename;
  std::vector<BlockId> blockMap, splitBlocks;
  std::vector<uint8_t> absorbed, demanded;
  std::vector<size_t> groupStarts;
  std::vector<InstId> ordered;
};

thread_local FunctionLowering::Arrays *FunctionLowering::spareArrays_ = nullptr;

void FunctionLowering::swapArrays(Arrays &a) {
  uses_.swap(a.uses);
  splitStart_.swap(a.splitStart);
  position_.swap(a.position);
  valueRegs_.swap(a.valueRegs);
  rename_.swap(a.rename);
  blockMap_.swap(a.blockMap);
  splitBlocks_.swap(a.splitBlocks);
  absorbed_.swap(a.absorbed);
  demanded_.swap(a.demanded);
  groupStarts_.swap(a.groupStarts);
  ordered_.swap(a.ordered);
}

FunctionLowering::~FunctionLowering() {
  thread_local Arrays spare;
  swapArrays(spare); // whatever the spare set held is freed with this object
  spareArrays_ = &spare;
}

FunctionLowering::FunctionLowering(const ir::Module &module, const ir::Function &function,
                                   MachFunction &out)
    : module_(module), function_(function), mf_(out) {
  if (spareArrays_) {
    swapArrays(*spareArrays_);
    spareArrays_ = nullptr;
    rename_.clear();
    splitBlocks_.clear();
    groupStarts_.clear();
    ordered_.clear();
  }
  uses_.assign(function.numValues(), 0);
  valueRegs_.assign(function.numValues(), VReg());
  absorbed_.assign(function.numValues(), 0);
  demanded_.assign(function.numValues(), 0);
  // A use in a block that comes earlier in the layout than the value's own block
  // is lowered after the definition (blocks are lowered last to first), so such
  // values count as demanded from the start.
  std::vector<uint32_t> &position = position_;
  position.assign(function.blockIdBound(), 0);
  for (uint32_t p = 0; p < function.blocks().size(); ++p)
    position[function.blocks()[p]->id] = p;
  // The user's position is the block's (read once per block, not per use: the
  // stores to uses_ and demanded_ could alias it as far as the compiler knows).
  uint32_t userPos = 0;
  auto countUse = [&](ir::Value v) {
    ++uses_[v.id];
    const ir::ValueData &d = function.valueData(v);
    if (d.block && position[d.block->id] > userPos)
      demanded_[v.id] = 1;
  };
  size_t insts = 0, operands = 0;
  for (const ir::BasicBlock *b : function.blocks()) {
    userPos = position[b->id];
    for (const ir::Inst *i : *b) {
      ++insts;
      operands += i->numOperands + i->numResults;
      for (ir::Value v : i->operandList())
        countUse(v);
      for (const ir::BlockCall &t : i->targetList())
        for (ir::Value v : t.argList())
          countUse(v);
    }
  }
  numIrInsts_ += insts;
  numIrOperands_ += operands;
}

const ir::Inst *FunctionLowering::defOfValue(ir::Value v) const {
  const ir::ValueData &d = function_.valueData(v);
  return d.def == ir::ValueDef::Result ? d.inst : nullptr;
}

bool FunctionLowering::canAbsorbValue(ir::Value v) const {
  const ir::Inst *d = defOfValue(v);
  if (!d || !current_ || d->block != current_->block || uses_[v.id] != 1 || d->numResults != 1)
    return false;
  if (absorbed_[d->firstResult.id])
    return false;
  if (ir::opcodeFlags(d->op) & (ir::kTrap | ir::kEffect | ir::kRead)) {
    // Moving a load (or anything else with an order) down to its use is only
    // safe across instructions that have no order themselves.
    for (const ir::Inst *i = d->next; i && i != current_; i = i->next)
      if (ir::opcodeFlags(i->op) & (ir::kTrap | ir::kEffect))
        return false;
  }
  return true;
}

const ir::Inst *FunctionLowering::conditionToLower(ir::Value c, bool &absorbable) const {
  const ir::Inst *d = defOfValue(c);
  absorbable = false;
  if (!d || (d->op != ir::Opcode::Icmp && d->op != ir::Opcode::Fcmp))
    return nullptr;
  absorbable = canAbsorbValue(c);
  return absorbable || (current_ && d->block == current_->block) ? d : nullptr;
}

void FunctionLowering::absorb(const ir::Inst &inst) {
  assert(inst.numResults > 0 && "only value-producing instructions are absorbed");
  absorbed_[inst.firstResult.id] = 1;
}

VReg FunctionLowering::valueReg(ir::Value v) {
  demanded_[v.id] = 1;
  VReg &r = valueRegs_[v.id];
  if (!r.valid())
    r = mf_.newVRegFor(function_.typeOf(v));
  return r;
}

void FunctionLowering::setValueReg(ir::Value v, VReg r) {
  VReg &cur = valueRegs_[v.id];
  if (!cur.valid()) {
    cur = r;
    return;
  }
  if (cur == r)
    return;
  // Grown geometrically (one resize per call cost a call and a fill every time);
  // run() trims it to the final vreg count, and entries past it are invalid.
  if (rename_.size() < mf_.numVRegs())
    rename_.resize(std::max<size_t>(mf_.numVRegs(), 2 * rename_.size()));
  rename_[cur.id] = r;
  cur = r;
}

void FunctionLowering::fail(std::string message) {
  if (error_.empty())
    error_ = std::move(message);
}

BranchTarget FunctionLowering::edgeTarget(unsigned t) {
  assert(current_ && current_->isTerminator() && t < current_->numTargets);
  const ir::BlockCall &call = current_->targets[t];
  uint32_t start = splitStart_[curIrBlock_->id];
  if (start != ~0u && splitBlocks_[start + t] != kNoBlock) {
    for (ir::Value a : call.argList()) // the forwarding block passes them on
      valueReg(a);
    return BranchTarget{splitBlocks_[start + t], {}};
  }
  BranchTarget bt{machBlock(call.block), {}};
  bt.args.reserve(call.numArgs);
  for (ir::Value a : call.argList())
    bt.args.push_back(valueReg(a));
  return bt;
}

void FunctionLowering::planBlocks() {
  const uint32_t bound = function_.blockIdBound();
  std::vector<uint32_t> incoming(bound, 0);
  for (const ir::BasicBlock *b : function_.blocks())
    if (const ir::Inst *t = b->terminator())
      for (const ir::BlockCall &c : t->targetList())
        ++incoming[c.block->id];
  blockMap_.assign(bound, kNoBlock);
  splitStart_.assign(bound, ~0u);
  for (const ir::BasicBlock *b : function_.blocks()) {
    blockMap_[b->id] = mf_.newBlock();
    const ir::Inst *t = b->terminator();
    if (!t || t->numTargets < 2)
      continue;
    splitStart_[b->id] = uint32_t(splitBlocks_.size());
    for (const ir::BlockCall &c : t->targetList())
      splitBlocks_.push_back(incoming[c.block->id] > 1 ? mf_.newBlock() : kNoBlock);
  }
  for (const ir::BasicBlock *b : function_.blocks()) {
    if (b == function_.entry())
      continue;
    for (ir::Value p : b->paramList())
      mf_.addBlockParam(machBlock(b), valueReg(p));
  }
}

void FunctionLowering::lowerBlock(const ir::BasicBlock *b) {
  curIrBlock_ = b;
  curBlock_ = machBlock(b);
  groupStarts_.clear();
  std::vector<InstId> &code = mf_.blockInsts(curBlock_);
  for (const ir::Inst *inst = b->last; inst; inst = inst->prev) {
    current_ = inst;
    size_t start = code.size();
    bool ok = true;
    if (inst->isTerminator()) {
      ok = lowerTerminator(*inst);
    } else {
      if (inst->numResults > 0 && absorbed_[inst->firstResult.id])
        continue;
      // Lowered only if some lowered instruction reads a result: a constant folded
      // into an immediate, or a value only an absorbed instruction used, is dead.
      bool used = false;
      for (unsigned r = 0; r < inst->numResults; ++r)
        used = used || demanded_[inst->result(r).id];
      if (!used && !(ir::opcodeFlags(inst->op) & (ir::kTrap | ir::kEffect)))
        continue;
      ok = lowerInst(*inst);
    }
    if (!ok)
      fail("block" + std::to_string(b->id) + ": cannot lower `" + ir::printInst(function_, inst) + "`");
    if (!error_.empty())
      return;
    groupStarts_.push_back(start);
  }
  if (b == function_.entry()) {
    current_ = nullptr;
    groupStarts_.push_back(code.size());
    lowerEntry(b->paramList());
  }
  // Groups were appended last instruction first: put them back in program order.
  std::vector<InstId> &ordered = ordered_;
  ordered.clear();
  ordered.reserve(code.size());
  size_t end = code.size();
  for (size_t g = groupStarts_.size(); g-- > 0;) {
    // group g spans [groupStarts_[g], end of group g) where its end is the next group's start
    size_t gEnd = g + 1 < groupStarts_.size() ? groupStarts_[g + 1] : end;
    ordered.insert(ordered.end(), code.begin() + long(groupStarts_[g]), code.begin() + long(gEnd));
  }
  code.swap(ordered); // the block keeps the ordered list; `ordered_` the old capacity
}

bool FunctionLowering::run(std::string &error) {
  // Most IR instructions become one machine instruction with an operand per IR
  // operand and result: room for that and a little more avoids regrowing.
  mf_.reserve(numIrInsts_ + numIrInsts_ / 4 + 16, numIrOperands_ + numIrOperands_ / 2 + 16,
              numIrInsts_ + numIrInsts_ / 2 + 16);
  planBlocks();
  // Last block first: the uses of a value in later blocks are lowered before its
  // definition, so the definition knows whether anything still needs it.
  const auto &blocks = function_.blocks();
  for (size_t k = blocks.size(); k-- > 0;) {
    lowerBlock(blocks[k]);
    if (!error_.empty())
      break;
  }
  if (error_.empty()) {
    // Forwarding blocks of split edges: a jump with the edge's arguments.
    for (const ir::BasicBlock *b : function_.blocks()) {
      uint32_t start = splitStart_[b->id];
      if (start == ~0u)
        continue;
      const ir::Inst *t = b->terminator();
      for (unsigned k = 0; k < t->numTargets; ++k) {
        BlockId fwd = splitBlocks_[start + k];
        if (fwd == kNoBlock)
          continue;
        curBlock_ = fwd;
        BranchTarget bt{machBlock(t->targets[k].block), {}};
        for (ir::Value a : t->targets[k].argList())
          bt.args.push_back(valueReg(a));
        emitJump(std::move(bt));
      }
    }
  }
  if (!error_.empty()) {
    error = error_;
    return false;
  }
  if (!rename_.empty()) {
    rename_.resize(mf_.numVRegs());
    mf_.renameVRegs(rename_);
  }
  mf_.computeCfg();
  return true;
}

} // namespace wasmaot::codegen
