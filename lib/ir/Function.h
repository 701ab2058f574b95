// Function: one IR function: signature, arena, value table and block layout,
// plus the primitive edits SSA construction and passes need.
#pragma once

#include "ir/Arena.h"
#include "ir/BasicBlock.h"
#include "ir/Inst.h"
#include "ir/Signature.h"
#include "ir/Value.h"

#include <span>
#include <string>
#include <vector>

namespace wasmaot::ir {

/// A function. A function that never had a block and was not marked defined is
/// a declaration (e.g. an import); otherwise blocks()[0] is the entry block, whose
/// parameters are the function's parameters. Block order in blocks() is the
/// layout order (printing, emission).
///
/// A compiler that builds one body at a time (codegen::FunctionSource) marks
/// every defined function first (markDefined), so that isDeclaration() answers
/// for a callee whose body another thread is building or has released; a
/// released body (releaseBody) leaves a defined function with no blocks.
class Function {
public:
  Function(std::string name, Signature sig) : name_(std::move(name)), sig_(std::move(sig)) {}
  Function(const Function &) = delete;
  Function &operator=(const Function &) = delete;

  const std::string &name() const { return name_; }
  void setName(std::string n) { name_ = std::move(n); }
  const Signature &signature() const { return sig_; }
  bool isDeclaration() const { return !defined_; }
  /// Makes this a defined function before its body exists (createBlock does it too).
  void markDefined() { defined_ = true; }
  /// Frees the body (blocks, instructions, values); the function stays defined,
  /// with no blocks. Only its name and signature may be used afterwards.
  void releaseBody();

  Arena &arena() { return arena_; }

  // --- blocks
  const std::vector<BasicBlock *> &blocks() const { return blocks_; }
  BasicBlock *entry() const { return blocks_.empty() ? nullptr : blocks_.front(); }
  /// A new empty block appended to the layout.
  BasicBlock *createBlock();
  /// Moves `b` (in the layout) to just after `after` (null: to the front).
  void moveBlockAfter(BasicBlock *b, BasicBlock *after);
  /// Sets the layout order; `order` must hold exactly the blocks of the layout,
  /// the entry block first.
  void setLayout(std::span<BasicBlock *const> order);
  /// Removes `b` from the layout. Its instructions and parameters become Removed
  /// values. The caller guarantees no branch targets `b` any more (typically it
  /// is unreachable); the verifier reports a branch to a removed block.
  void removeBlock(BasicBlock *b);
  /// Number of block ids handed out so far (ids are < this).
  uint32_t blockIdBound() const { return nextBlockId_; }

  // --- values
  uint32_t numValues() const { return static_cast<uint32_t>(values_.size()); }
  const ValueData &valueData(Value v) const { return values_[v.id]; }
  Type typeOf(Value v) const { return values_[v.id].type; }
  bool isValid(Value v) const { return v.id < values_.size(); }
  /// A fresh undefined value (ValueDef::Placeholder), e.g. for a forward reference.
  Value createPlaceholder(Type t = Type::I32);

  /// Appends a parameter of type `t` to `b`. Existing branches to `b` are not
  /// changed; the caller adds the matching argument (appendBranchArg).
  Value addBlockParam(BasicBlock *b, Type t);
  /// Removes parameter `index` of `b` and the matching argument of every branch
  /// to `b`. The caller first replaces the parameter's uses (replaceAllUses).
  void removeBlockParam(BasicBlock *b, unsigned index);

  /// Removes many block parameters in one pass over the function: each value in
  /// `params` (a block parameter) and the matching argument of every branch to
  /// its block. The caller first replaces their uses. O(size of function).
  void removeBlockParams(std::span<const Value> params);

  /// Replaces every use of `from` (operands and branch arguments) by `to`. O(size of function).
  void replaceAllUses(Value from, Value to);
  /// Replaces uses of many values in one pass: map[v.id] (if valid) replaces v.
  /// `map` may be shorter than numValues().
  void replaceUses(std::span<const Value> map);

  // --- instructions
  /// An instruction with `numOperands` operand slots (zeroed), `numResults` fresh
  /// results of the given types and `numTargets` empty targets, not yet inserted.
  Inst *createInst(Opcode op, Type type, uint32_t numOperands, std::span<const Type> resultTypes,
                   uint32_t numTargets = 0);
  void appendInst(BasicBlock *b, Inst *i);
  void insertInstBefore(Inst *pos, Inst *i);
  /// Unlinks `i` from its block; its results become Removed values.
  void eraseInst(Inst *i);

  /// Sets target `t` of terminator `term` to `block` with `args` (copied).
  void setBranchTarget(Inst *term, unsigned t, BasicBlock *block, std::span<const Value> args);
  /// Appends one argument to target `t` of `term`.
  void appendBranchArg(Inst *term, unsigned t, Value arg);
  /// Replaces the arguments of target `t` of `term`.
  void setBranchArgs(Inst *term, unsigned t, std::span<const Value> args);

  /// Blocks whose terminator targets `b` (each once, in layout order). O(blocks).
  std::vector<BasicBlock *> predecessors(const BasicBlock *b) const;
  /// Every block's predecessors at once, indexed by block id (each once, in
  /// layout order). O(blocks).
  std::vector<std::vector<BasicBlock *>> predecessorLists() const;

private:
  Value newValue(Type t, ValueDef def, uint32_t index, BasicBlock *block, Inst *inst);

  std::string name_;
  Signature sig_;
  Arena arena_;
  std::vector<ValueData> values_;
  std::vector<BasicBlock *> blocks_;
  uint32_t nextBlockId_ = 0;
  bool defined_ = false;
};

} // namespace wasmaot::ir
