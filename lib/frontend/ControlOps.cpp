// ControlOps: block, loop, if/else, br, br_if, br_table, br_on_null,
// br_on_non_null, return, unreachable, nop. A frame's continuation is an IR
// block whose parameters are the frame's results; a loop header's parameters
// are the loop's parameters. Branch values become block arguments; the values
// of locals are added by SsaBuilder. Code after a branch is not translated
// until a frame's end or `else` makes it reachable again.
#include "frontend/FunctionTranslator.h"

#include <cassert>

namespace wasmaot::frontend {

using ir::BasicBlock;
using ir::Value;
using W = wasm::Opcode;

std::span<const wasm::ValType> FunctionTranslator::blockParams(const wasm::BlockType &bt) const {
  if (bt.kind == wasm::BlockType::Index) return m_.wasm.funcType(bt.typeIndex).params;
  return {};
}

std::span<const wasm::ValType> FunctionTranslator::blockResults(const wasm::BlockType &bt) const {
  if (bt.kind == wasm::BlockType::Index) return m_.wasm.funcType(bt.typeIndex).results;
  if (bt.kind == wasm::BlockType::Value) return {&bt.value, 1};
  return {};
}

BasicBlock *FunctionTranslator::newBlockWithParams(std::span<const wasm::ValType> types) {
  BasicBlock *b = ssa_.createBlock();
  for (wasm::ValType t : types) f_->addBlockParam(b, irType(t));
  return b;
}

BasicBlock *FunctionTranslator::labelBlock(Frame &f) {
  switch (f.kind) {
  case FrameKind::Loop: return f.header;
  case FrameKind::Block:
  case FrameKind::If:
  case FrameKind::Else: return f.cont;
  case FrameKind::Function: break;
  }
  if (!returnBlock_) { // conditional branches to the function's label share one return
    returnBlock_ = newBlockWithParams(m_.wasm.functionType(funcIndex_).results);
    BasicBlock *saved = b_->insertBlock();
    b_->setInsertBlock(returnBlock_);
    b_->ret(returnBlock_->paramList());
    b_->setInsertBlock(saved);
  }
  return returnBlock_;
}

void FunctionTranslator::recordEdges(ir::Inst *term) {
  for (unsigned t = 0; t < term->numTargets; ++t) ssa_.addEdge(term, t);
}

void FunctionTranslator::jumpTo(BasicBlock *dest, std::span<const Value> args) {
  recordEdges(b_->jump(dest, args));
}

void FunctionTranslator::startBlock(BasicBlock *b) {
  b_->setInsertBlock(b);
  ssa_.setCurrent(b);
  reachable_ = true;
}

void FunctionTranslator::emitReturn() {
  b_->ret(topN(frames_.front().numResults));
  markUnreachable();
}

void FunctionTranslator::branchTo(Frame &f) {
  if (f.kind == FrameKind::Function) return emitReturn();
  jumpTo(labelBlock(f), topN(labelArity(f)));
  markUnreachable();
}

void FunctionTranslator::branchIf(Frame &f, Value cond, std::span<const Value> args, bool onTrue) {
  BasicBlock *target = labelBlock(f);
  BasicBlock *next = ssa_.createBlock();
  ir::Inst *br = onTrue ? b_->brif(cond, target, args, next, {}) : b_->brif(cond, next, {}, target, args);
  recordEdges(br);
  ssa_.seal(next);
  startBlock(next);
}

void FunctionTranslator::openFrame(const wasm::Instr &in) {
  const auto params = blockParams(in.block);
  const auto results = blockResults(in.block);
  Frame fr;
  fr.numParams = uint32_t(params.size());
  fr.numResults = uint32_t(results.size());
  switch (in.op) {
  case W::Block:
    fr.kind = FrameKind::Block;
    fr.height = uint32_t(stack_.size() - params.size());
    fr.cont = newBlockWithParams(results);
    break;
  case W::Loop: {
    fr.kind = FrameKind::Loop;
    fr.header = newBlockWithParams(params);
    jumpTo(fr.header, topN(params.size()));
    popN(params.size());
    fr.height = uint32_t(stack_.size());
    startBlock(fr.header); // sealed at the loop's end, when every back edge is known
    for (Value p : fr.header->paramList()) push(p);
    break;
  }
  case W::If: {
    fr.kind = FrameKind::If;
    Value cond = pop();
    fr.height = uint32_t(stack_.size() - params.size());
    fr.ifParamsAt = uint32_t(ifParams_.size());
    for (Value v : topN(params.size())) ifParams_.push_back(v);
    fr.cont = newBlockWithParams(results);
    BasicBlock *thenBlock = ssa_.createBlock();
    // The else target is set at `else`, or at `end` (then it is the continuation).
    fr.ifBranch = b_->brif(cond, thenBlock, {}, nullptr, {});
    ssa_.addEdge(fr.ifBranch, 0);
    ssa_.seal(thenBlock);
    startBlock(thenBlock);
    break;
  }
  default: assert(false && "openFrame: not a block opcode"); return;
  }
  frames_.push_back(fr);
}

void FunctionTranslator::elseFrame() {
  Frame &fr = frames_.back();
  if (!fr.live) return;
  assert(fr.kind == FrameKind::If && "else of a non-if frame");
  if (reachable_) jumpTo(fr.cont, topN(fr.numResults));
  stack_.resize(fr.height);
  for (uint32_t i = 0; i < fr.numParams; ++i) push(ifParams_[fr.ifParamsAt + i]);
  BasicBlock *elseBlock = ssa_.createBlock();
  f_->setBranchTarget(fr.ifBranch, 1, elseBlock, {});
  ssa_.addEdge(fr.ifBranch, 1);
  ssa_.seal(elseBlock);
  fr.kind = FrameKind::Else;
  startBlock(elseBlock);
}

void FunctionTranslator::endFrame(const wasm::Instr &) {
  const Frame fr = frames_.back();
  frames_.pop_back();
  if (!fr.live) return; // opened in dead code: still dead
  switch (fr.kind) {
  case FrameKind::Function:
    if (reachable_) emitReturn();
    return;
  case FrameKind::Loop:
    // Results stay on the stack; the code after the loop continues in the same block.
    ssa_.seal(fr.header);
    return;
  case FrameKind::If:
    if (reachable_) jumpTo(fr.cont, topN(fr.numResults));
    // No else: the condition's false edge carries the parameters to the end.
    f_->setBranchTarget(fr.ifBranch, 1, fr.cont,
                        std::span<const Value>(ifParams_.data() + fr.ifParamsAt, fr.numParams));
    ssa_.addEdge(fr.ifBranch, 1);
    break;
  case FrameKind::Block:
  case FrameKind::Else:
    if (reachable_) jumpTo(fr.cont, topN(fr.numResults));
    break;
  }
  stack_.resize(fr.height);
  ifParams_.resize(fr.ifParamsAt);
  if (!ssa_.hasPredecessors(fr.cont)) {
    markUnreachable();
    return;
  }
  ssa_.seal(fr.cont);
  startBlock(fr.cont);
  for (Value p : fr.cont->paramList()) push(p);
}

void FunctionTranslator::control(const wasm::Instr &in) {
  switch (in.op) {
  case W::Nop: return;
  case W::Else:
  case W::End: return; // the decoder reports these through elseOrEnd
  case W::Unreachable:
    b_->trap(ir::TrapCode::Unreachable);
    return markUnreachable();
  case W::Block:
  case W::Loop:
  case W::If: return openFrame(in);
  case W::Br: return branchTo(label(in.idx[0]));
  case W::BrIf: {
    Value cond = pop();
    Frame &f = label(in.idx[0]);
    return branchIf(f, cond, topN(labelArity(f)), true);
  }
  case W::BrTable: {
    Value index = pop();
    const size_t arity = labelArity(label(in.targets.back()));
    const std::span<const Value> args = topN(arity);
    tableTargets_.clear();
    for (size_t i = 0; i + 1 < in.targets.size(); ++i)
      tableTargets_.push_back({labelBlock(label(in.targets[i])), args});
    ir::BlockArgs deflt{labelBlock(label(in.targets.back())), args};
    recordEdges(b_->brTable(index, tableTargets_, deflt));
    return markUnreachable();
  }
  case W::Return: return emitReturn();
  case W::BrOnNull: {
    Value ref = pop();
    Frame &f = label(in.idx[0]);
    branchIf(f, b_->refIsNull(ref), topN(labelArity(f)), true);
    return push(ref);
  }
  case W::BrOnNonNull: {
    Value ref = pop();
    Frame &f = label(in.idx[0]);
    const size_t arity = labelArity(f);
    scratch_.assign(stack_.end() - (arity - 1), stack_.end());
    scratch_.push_back(ref);
    return branchIf(f, b_->refIsNull(ref), scratch_, false);
  }
  default:
    assert(opFamily(in.op) != OpFamily::Control && "control opcode without a translation");
    return unsupported(in);
  }
}

} // namespace wasmaot::frontend
