// Lowering: the target-independent driver that turns one IR function into a
// MachFunction; the ISA supplies the per-instruction lowering (its generated
// rule matchers plus a little C++ for calls and terminators).
//
// What it does:
//  - one MachBlock per IR block, in the IR layout order, with one vreg per IR
//    block parameter; critical edges (a multi-way branch to a block with
//    several incoming edges) get a forwarding block placed right after the
//    branching block, so MachFunction's no-critical-edge contract holds;
//  - each block is lowered from its terminator backwards, so when a rule
//    absorbs the instruction that feeds it (an address computation into a
//    load, a compare into a branch), the absorbed instruction is reached later
//    and skipped; the machine code of each IR instruction is kept in order and
//    the groups are put back in program order at the end of the block;
//  - blocks are lowered last to first, so an instruction whose results no
//    lowered instruction reads (unused, or only read by rules that folded it,
//    like a constant turned into an immediate) and that neither traps nor has
//    effects is not lowered at all;
//  - a rule returns the vreg holding its result; uses lowered earlier (later in
//    the program) already name the IR value's vreg, so the two are joined by a
//    rename applied once at the end (no copies).
// What it guarantees: the MachFunction passes MachFunction::verify when every
// ISA hook respects the operand model (docs/codegen.md).
#pragma once

#include "codegen/MachFunction.h"
#include "ir/Function.h"
#include "ir/Module.h"

#include <span>
#include <string>
#include <vector>

namespace wasmaot::codegen {

class FunctionLowering {
public:
  FunctionLowering(const ir::Module &module, const ir::Function &function, MachFunction &out);
  virtual ~FunctionLowering();
  FunctionLowering(const FunctionLowering &) = delete;
  FunctionLowering &operator=(const FunctionLowering &) = delete;

  /// Lowers the whole function. Returns false with `error` set (naming the
  /// block and instruction) when the ISA cannot lower an instruction.
  bool run(std::string &error);

  // ---- services for the ISA's hooks and rule contexts
  const ir::Module &irModule() const { return module_; }
  const ir::Function &irFunction() const { return function_; }
  MachFunction &mf() { return mf_; }

  /// The instruction defining `v`, or null for a block parameter.
  const ir::Inst *defOfValue(ir::Value v) const;
  /// Whether the instruction defining `v` may be folded into the instruction
  /// being lowered: `v` has this one use, is defined in the same block, and
  /// when the definition reads memory, traps or has effects, only pure
  /// instructions lie between the two (so moving it changes nothing observable).
  bool canAbsorbValue(ir::Value v) const;
  /// `inst` was folded into the current instruction: do not lower it on its own.
  void absorb(const ir::Inst &inst);
  /// The comparison (icmp/fcmp) defining `c` that a user needing c as a condition
  /// (brif, select, trapz/trapnz) lowers itself, or null: one it can absorb
  /// (`absorbable` set), or one that other instructions of the same block also use,
  /// which it compares again rather than testing the 0/1 value (same cost, and no
  /// wait for the setcc). A comparison already absorbed by an earlier lowering of an
  /// enclosing one (a condition program may fold a comparison of a comparison with 0)
  /// is lowered again the same way. Safe while condition programs absorb nothing but
  /// comparisons, so lowering one twice leaves no absorbed non-comparison behind.
  const ir::Inst *conditionToLower(ir::Value c, bool &absorbable) const;
  unsigned useCount(ir::Value v) const { return uses_[v.id]; }
  /// Whether a lowered instruction (so far) or a block lowered later reads `v`.
  bool isDemanded(ir::Value v) const { return demanded_[v.id] != 0; }

  /// The vreg of an IR value (created on first request).
  VReg valueReg(ir::Value v);
  /// The lowering of v's definition left the value in `r`.
  void setValueReg(ir::Value v, VReg r);

  /// The instruction being lowered.
  const ir::Inst *currentInst() const { return current_; }
  BlockId currentBlock() const { return curBlock_; }
  InstId emit(uint32_t opcode, std::span<const Operand> ops, uint32_t aux = 0, int64_t imm = 0) {
    return mf_.append(curBlock_, opcode, ops, aux, imm);
  }
  InstId emit(uint32_t opcode, std::initializer_list<Operand> ops, uint32_t aux = 0, int64_t imm = 0) {
    return mf_.append(curBlock_, opcode, ops, aux, imm);
  }
  /// The machine target of one IR branch edge of the current terminator
  /// (target index `t`): the forwarding block if the edge was split, else the
  /// target block with the arguments' vregs.
  BranchTarget edgeTarget(unsigned t);
  /// The machine block of an IR block.
  BlockId machBlock(const ir::BasicBlock *b) const { return blockMap_[b->id]; }
  /// Records a lowering failure (the first one wins).
  void fail(std::string message);

protected:
  /// Emit the instruction(s) that define the function's parameters (the
  /// entry block's IR parameters) in the entry block. Called after the entry
  /// block's other instructions were lowered; its code is placed first.
  virtual void lowerEntry(std::span<const ir::Value> params) = 0;
  /// Lower one non-terminator instruction; false if the ISA cannot.
  virtual bool lowerInst(const ir::Inst &inst) = 0;
  /// Lower a terminator, using edgeTarget() for its branch targets.
  virtual bool lowerTerminator(const ir::Inst &inst) = 0;
  /// Emit an unconditional jump to `target` (the body of a forwarding block).
  virtual void emitJump(BranchTarget target) = 0;

private:
  struct Arrays;
  static thread_local Arrays *spareArrays_; // this thread's spare set, while no lowering holds it
  void swapArrays(Arrays &a);
  void planBlocks();
  void lowerBlock(const ir::BasicBlock *b);
  void finishGroup(size_t start);

  const ir::Module &module_;
  const ir::Function &function_;
  MachFunction &mf_;
  std::vector<uint32_t> uses_;          // per IR value
  std::vector<VReg> valueRegs_;         // per IR value
  std::vector<VReg> rename_;            // per vreg: what it is joined to
  std::vector<BlockId> blockMap_;       // IR block id -> machine block
  std::vector<uint8_t> absorbed_;       // per IR value of an instruction's first result
  std::vector<uint8_t> demanded_;       // per IR value: a lowered instruction (or a later block) reads it
  // Split edges: for the terminator of IR block b, splitBlocks_[splitStart_[b] + t]
  // is the forwarding block of target t, or kNoBlock.
  static constexpr BlockId kNoBlock = ~BlockId(0);
  std::vector<uint32_t> splitStart_;
  std::vector<BlockId> splitBlocks_;
  std::vector<size_t> groupStarts_;
  std::vector<InstId> ordered_;         // lowerBlock's scratch: the block's code in program order
  std::vector<uint32_t> position_;      // constructor's scratch: IR block id -> layout position
  // The arrays above come from, and go back to, a per-thread spare set, so
  // consecutive functions reuse their capacity.
  size_t numIrInsts_ = 0, numIrOperands_ = 0;
  const ir::BasicBlock *curIrBlock_ = nullptr;
  const ir::Inst *current_ = nullptr;
  BlockId curBlock_ = 0;
  std::string error_;
};

} // namespace wasmaot::codegen
