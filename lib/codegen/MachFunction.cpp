// MachFunction: building, CFG, input-contract verifier and debug printer.
#include "codegen/MachFunction.h"

#include <cassert>
#include <utility>

namespace wasmaot::codegen {

namespace {
// The spare arrays of this thread: the largest set a MachFunction gave back.
struct SpareStorage {
  std::vector<VRegInfo> vregs;
  std::vector<MachBlock> blocks;
  std::vector<MachInst> insts;
  std::vector<Operand> operands;
  std::vector<BranchTarget> targets;
  bool full = false;
};
thread_local SpareStorage tSpare;
thread_local std::vector<uint32_t> tNumPreds; // computeCfg's counts
} // namespace

MachFunction::MachFunction() {
  SpareStorage &sp = tSpare;
  if (!sp.full)
    return;
  vregs_.swap(sp.vregs);
  blocks_.swap(sp.blocks);
  insts_.swap(sp.insts);
  operands_.swap(sp.operands);
  targets_.swap(sp.targets);
  sp.full = false;
}

MachFunction::MachFunction(MachFunction &&o) noexcept
    : name(std::move(o.name)), vregs_(std::move(o.vregs_)), blocks_(std::move(o.blocks_)),
      numBlocks_(std::exchange(o.numBlocks_, 0)), insts_(std::move(o.insts_)),
      operands_(std::move(o.operands_)), targets_(std::move(o.targets_)) {}

MachFunction &MachFunction::operator=(MachFunction &&o) noexcept {
  name = std::move(o.name);
  vregs_ = std::move(o.vregs_);
  blocks_ = std::move(o.blocks_);
  insts_ = std::move(o.insts_);
  operands_ = std::move(o.operands_);
  targets_ = std::move(o.targets_);
  numBlocks_ = std::exchange(o.numBlocks_, 0);
  return *this;
}

MachFunction::~MachFunction() {
  SpareStorage &sp = tSpare;
  if (sp.full && sp.insts.capacity() >= insts_.capacity())
    return;
  vregs_.clear();
  insts_.clear();
  operands_.clear();
  targets_.clear();
  vregs_.swap(sp.vregs);
  blocks_.swap(sp.blocks);
  insts_.swap(sp.insts);
  operands_.swap(sp.operands);
  targets_.swap(sp.targets);
  sp.full = true;
}

VReg MachFunction::newVReg(RegClass cls, bool isRef) {
  vregs_.push_back({cls, isRef});
  return VReg(uint32_t(vregs_.size() - 1));
}

VReg MachFunction::newVRegFor(ir::Type t) {
  switch (t) {
  case ir::Type::I8:
  case ir::Type::I16:
  case ir::Type::I32:
  case ir::Type::I64:
    return newVReg(RegClass::Int);
  case ir::Type::Ref:
    return newVReg(RegClass::Int, /*isRef=*/true);
  case ir::Type::F32:
  case ir::Type::F64:
  case ir::Type::V128:
    return newVReg(RegClass::Float);
  }
  return newVReg(RegClass::Int);
}

BlockId MachFunction::newBlock() {
  if (numBlocks_ < blocks_.size()) {
    MachBlock &b = blocks_[numBlocks_];
    b.params.clear();
    b.insts.clear();
    b.succs.clear();
    b.preds.clear();
  } else {
    blocks_.emplace_back();
  }
  return BlockId(numBlocks_++);
}

InstId MachFunction::append(BlockId b, uint32_t opcode, std::span<const Operand> ops, uint32_t aux,
                            int64_t imm) {
  MachInst mi;
  mi.opcode = opcode;
  mi.aux = aux;
  mi.imm = imm;
  mi.firstOperand = uint32_t(operands_.size());
  mi.numOperands = uint32_t(ops.size());
  operands_.insert(operands_.end(), ops.begin(), ops.end());
  insts_.push_back(mi);
  InstId id = InstId(insts_.size() - 1);
  blocks_[b].insts.push_back(id);
  return id;
}

InstId MachFunction::appendBranch(BlockId b, uint32_t opcode, std::span<const Operand> ops,
                                  std::vector<BranchTarget> targets, uint32_t aux, int64_t imm) {
  InstId id = append(b, opcode, ops, aux, imm);
  MachInst &mi = insts_[id];
  mi.terminator = true;
  mi.firstTarget = uint32_t(targets_.size());
  mi.numTargets = uint32_t(targets.size());
  for (auto &t : targets)
    targets_.push_back(std::move(t));
  return id;
}

void MachFunction::renameVRegs(std::span<const VReg> map) {
  auto resolve = [&](VReg v) {
    // Chains are short (a value is joined once); the bound guards against cycles.
    for (unsigned n = 0; v.id < map.size() && map[v.id].valid() && map[v.id] != v && n < map.size(); ++n)
      v = map[v.id];
    return v;
  };
  for (Operand &op : operands_)
    op.vreg = resolve(op.vreg);
  for (BranchTarget &t : targets_)
    for (VReg &a : t.args)
      a = resolve(a);
  for (BlockId b = 0; b < numBlocks_; ++b)
    for (VReg &p : blocks_[b].params)
      p = resolve(p);
}

void MachFunction::computeCfg() {
  // Count first, so each list is allocated once at its final size.
  std::vector<uint32_t> &numPreds = tNumPreds;
  numPreds.assign(numBlocks_, 0);
  for (BlockId k = 0; k < numBlocks_; ++k) {
    MachBlock &b = blocks_[k];
    b.succs.clear();
    b.preds.clear();
    if (!b.insts.empty())
      for (const BranchTarget &bt : targets(b.insts.back()))
        numPreds[bt.block]++;
  }
  for (BlockId b = 0; b < numBlocks_; ++b) {
    if (!blocks_[b].insts.empty())
      blocks_[b].succs.reserve(insts_[blocks_[b].insts.back()].numTargets);
    blocks_[b].preds.reserve(numPreds[b]);
  }
  for (BlockId b = 0; b < numBlocks_; ++b) {
    if (blocks_[b].insts.empty())
      continue;
    InstId t = blocks_[b].insts.back();
    for (const BranchTarget &bt : targets(t)) {
      blocks_[b].succs.push_back(bt.block);
      blocks_[bt.block].preds.push_back(b);
    }
  }
}

std::string MachFunction::verify(const TargetDesc &target) const {
  auto err = [](const std::string &s) { return s; };
  std::vector<int> defs(vregs_.size(), 0);
  auto checkFixed = [&](PReg r, VReg v) -> std::string {
    if (r >= target.numRegs())
      return "fixed register out of range";
    if (target.regClass(r) != vregs_[v.id].cls)
      return "fixed register of the wrong class for v" + std::to_string(v.id);
    if (target.scratch[classIndex(target.regClass(r))] == r)
      return "fixed constraint names the scratch register";
    return "";
  };
  if (numBlocks_ == 0)
    return err("no blocks");
  if (!blocks_[0].params.empty())
    return err("entry block has parameters (define them with a fixed-def pseudo instruction)");
  if (!blocks_[0].preds.empty())
    return err("entry block has predecessors");
  for (BlockId b = 0; b < numBlocks_; ++b) {
    const MachBlock &blk = blocks_[b];
    for (VReg p : blk.params) {
      if (!p.valid() || p.id >= vregs_.size())
        return err("bad block parameter");
      defs[p.id]++;
    }
    if (blk.insts.empty())
      return err("block" + std::to_string(b) + " is empty");
    for (size_t k = 0; k < blk.insts.size(); ++k) {
      InstId i = blk.insts[k];
      const MachInst &mi = insts_[i];
      bool last = k + 1 == blk.insts.size();
      if (mi.terminator != last)
        return err("block" + std::to_string(b) + ": terminator not last");
      auto ops = operands(i);
      for (unsigned o = 0; o < ops.size(); ++o) {
        const Operand &op = ops[o];
        if (!op.vreg.valid() || op.vreg.id >= vregs_.size())
          return err("inst " + std::to_string(i) + ": bad vreg");
        if (op.isDef()) {
          if (mi.terminator)
            return err("terminators define nothing");
          defs[op.vreg.id]++;
        }
        if (op.constraint == Constraint::Fixed) {
          std::string e = checkFixed(op.fixedReg, op.vreg);
          if (!e.empty())
            return err("inst " + std::to_string(i) + ": " + e);
        }
        if (op.constraint == Constraint::Reuse) {
          if (!op.isDef() || op.reuseIndex >= ops.size() || !ops[op.reuseIndex].isUse() ||
              ops[op.reuseIndex].constraint != Constraint::Reg ||
              vregs_[ops[op.reuseIndex].vreg.id].cls != vregs_[op.vreg.id].cls)
            return err("inst " + std::to_string(i) + ": Reuse must name a Reg use of the same class");
        }
        if (op.isUse() && op.constraint == Constraint::Reuse)
          return err("Reuse on a use");
      }
      for (unsigned x = 0; x < ops.size(); ++x)
        for (unsigned y = x + 1; y < ops.size(); ++y) {
          const Operand &a = ops[x], &b = ops[y];
          if (a.constraint != Constraint::Fixed || b.constraint != Constraint::Fixed || a.fixedReg != b.fixedReg)
            continue;
          bool clash = (a.isUse() && b.isUse() && a.vreg != b.vreg) || (a.isDef() && b.isDef()) ||
                       (a.isDef() != b.isDef() && ((a.isDef() && a.early) || (b.isDef() && b.early)));
          if (clash)
            return err("inst " + std::to_string(i) + ": two operands need " + target.regs[a.fixedReg].name);
        }
      if (mi.terminator && !mi.clobbers.empty())
        return err("terminators clobber nothing");
    }
    InstId t = blk.insts.back();
    for (const BranchTarget &bt : targets(t)) {
      if (bt.block >= numBlocks_ || bt.block == 0)
        return err("bad branch target");
      const MachBlock &s = blocks_[bt.block];
      if (bt.args.size() != s.params.size())
        return err("branch argument count mismatch to block" + std::to_string(bt.block));
      for (size_t a = 0; a < bt.args.size(); ++a)
        if (vregs_[bt.args[a].id].cls != vregs_[s.params[a].id].cls)
          return err("branch argument class mismatch");
      if (blk.succs.size() > 1 && s.preds.size() > 1)
        return err("critical edge block" + std::to_string(b) + " -> block" + std::to_string(bt.block));
      if (blk.succs.size() == 1 && s.preds.size() > 1 && insts_[t].numOperands != 0)
        return err("a jump to a merge block reads operands");
    }
    if (targets(t).size() != blk.succs.size())
      return err("computeCfg() not called after the last branch");
  }
  for (uint32_t v = 0; v < vregs_.size(); ++v)
    if (defs[v] > 1)
      return err("v" + std::to_string(v) + " defined more than once");
  return "";
}

std::string MachFunction::print(const TargetDesc &target) const {
  std::string s;
  auto vr = [](VReg v) { return "v" + std::to_string(v.id); };
  for (BlockId b = 0; b < numBlocks_; ++b) {
    s += "block" + std::to_string(b) + "(";
    for (size_t p = 0; p < blocks_[b].params.size(); ++p)
      s += (p ? ", " : "") + vr(blocks_[b].params[p]);
    s += "):\n";
    for (InstId i : blocks_[b].insts) {
      const MachInst &mi = insts_[i];
      s += "  i" + std::to_string(i) + " op" + std::to_string(mi.opcode);
      for (const Operand &op : operands(i)) {
        s += " " + std::string(op.isUse() ? "use:" : (op.early ? "edef:" : "def:")) + vr(op.vreg);
        switch (op.constraint) {
        case Constraint::Reg:
          break;
        case Constraint::Any:
          s += "/any";
          break;
        case Constraint::Fixed:
          s += "/" + target.regs[op.fixedReg].name;
          break;
        case Constraint::Reuse:
          s += "/reuse" + std::to_string(op.reuseIndex);
          break;
        }
      }
      if (!mi.clobbers.empty())
        s += " clobbers(" + std::to_string(mi.clobbers.size()) + ")";
      if (mi.safepoint)
        s += " safepoint";
      for (const BranchTarget &bt : targets(i)) {
        s += " -> block" + std::to_string(bt.block) + "(";
        for (size_t a = 0; a < bt.args.size(); ++a)
          s += (a ? ", " : "") + vr(bt.args[a]);
        s += ")";
      }
      s += "\n";
    }
  }
  return s;
}

} // namespace wasmaot::codegen
