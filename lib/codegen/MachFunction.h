// MachFunction: machine code over virtual registers, before register allocation.
//
// A VCode-like container the ISA lowering appends to and the register allocator
// reads. Instructions carry an ISA-opaque opcode and payload (the target gives them
// meaning) plus an operand list in the allocator's constraint model (docs/codegen.md):
// every operand is a use or a def of a virtual register with a location constraint.
// The function is in SSA form: each virtual register has exactly one def (an
// instruction operand or a block parameter). Branches pass block arguments, which
// are parallel copies on the edge.
#pragma once

#include "codegen/TargetDesc.h"
#include "ir/Type.h"

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::codegen {

/// A virtual register.
struct VReg {
  static constexpr uint32_t kInvalid = ~uint32_t(0);
  uint32_t id = kInvalid;
  constexpr VReg() = default;
  constexpr explicit VReg(uint32_t i) : id(i) {}
  constexpr bool valid() const { return id != kInvalid; }
  friend constexpr bool operator==(VReg a, VReg b) { return a.id == b.id; }
  friend constexpr bool operator!=(VReg a, VReg b) { return a.id != b.id; }
};

using BlockId = uint32_t;
using InstId = uint32_t;

enum class OperandKind : uint8_t { Use, Def };

/// Where an operand must be at the instruction.
enum class Constraint : uint8_t {
  Reg,   ///< any allocatable register of the vreg's class
  Any,   ///< a register or a stack slot (the ISA takes a memory operand)
  Fixed, ///< exactly `fixedReg` (x86 div's rax/rdx, shift count in rcx, ABI argument registers)
  Reuse, ///< def only: the same register as use operand `reuseIndex` (two-address forms)
};

/// One operand. Uses are read at the instruction's early point, defs written at its
/// late point, so a use that dies here and a def may share a register. An
/// early-clobber def is written at the early point: it never shares a register
/// with a use of the same instruction. A Reuse def is implicitly early: the
/// allocator copies the reused input into the def's register before the instruction.
struct Operand {
  VReg vreg;
  OperandKind kind = OperandKind::Use;
  Constraint constraint = Constraint::Reg;
  bool early = false;     ///< def only: early-clobber
  PReg fixedReg = kNoReg; ///< Constraint::Fixed
  uint8_t reuseIndex = 0; ///< Constraint::Reuse: index of the reused use operand in this instruction

  static Operand use(VReg v) { return {v, OperandKind::Use, Constraint::Reg}; }
  static Operand useAny(VReg v) { return {v, OperandKind::Use, Constraint::Any}; }
  static Operand useFixed(VReg v, PReg r) { return {v, OperandKind::Use, Constraint::Fixed, false, r}; }
  static Operand def(VReg v) { return {v, OperandKind::Def, Constraint::Reg}; }
  static Operand defAny(VReg v) { return {v, OperandKind::Def, Constraint::Any}; }
  static Operand defFixed(VReg v, PReg r) { return {v, OperandKind::Def, Constraint::Fixed, false, r}; }
  static Operand defEarly(VReg v) { return {v, OperandKind::Def, Constraint::Reg, true}; }
  static Operand defEarlyFixed(VReg v, PReg r) { return {v, OperandKind::Def, Constraint::Fixed, true, r}; }
  static Operand defReuse(VReg v, unsigned useIndex) {
    return {v, OperandKind::Def, Constraint::Reuse, true, kNoReg, uint8_t(useIndex)};
  }
  bool isUse() const { return kind == OperandKind::Use; }
  bool isDef() const { return kind == OperandKind::Def; }
};

/// A branch target: the block and the arguments for its parameters.
struct BranchTarget {
  BlockId block = 0;
  std::vector<VReg> args;
};

/// A machine instruction. `opcode`, `aux`, `imm` and `payload` belong to the
/// target; the allocator reads only the operands, clobbers and flags.
struct MachInst {
  uint32_t opcode = 0;
  uint32_t aux = 0;     ///< target-defined (condition code, width, ...)
  int64_t imm = 0;      ///< target-defined immediate
  uint32_t payload = 0; ///< target-defined index (e.g. into its own side table)
  uint32_t firstOperand = 0, numOperands = 0;
  uint32_t firstTarget = 0, numTargets = 0; ///< branch targets (terminators only)
  RegSet clobbers;        ///< registers destroyed by the instruction (calls)
  bool safepoint = false; ///< the GC may run here: live references must be in stack slots
  bool terminator = false;
};

struct MachBlock {
  std::vector<VReg> params;
  std::vector<InstId> insts; ///< in order; the last one is the terminator
  std::vector<BlockId> succs, preds; ///< filled by computeCfg()
};

struct VRegInfo {
  RegClass cls = RegClass::Int;
  bool isRef = false; ///< holds a GC reference: recorded in stack maps at safepoints
};

class MachFunction {
public:
  std::string name;

  /// The arrays come from, and on destruction go back to, a per-thread spare
  /// set: a function's lowering reuses the capacity (blocks included) of the
  /// previous function's instead of allocating its own.
  MachFunction();
  ~MachFunction();
  MachFunction(const MachFunction &) = default;
  MachFunction &operator=(const MachFunction &) = default;
  MachFunction(MachFunction &&o) noexcept;
  MachFunction &operator=(MachFunction &&o) noexcept;

  VReg newVReg(RegClass cls, bool isRef = false);
  /// A vreg for an IR value of type t (ints and refs: Int; f32/f64/v128: Float).
  VReg newVRegFor(ir::Type t);
  BlockId newBlock();
  void addBlockParam(BlockId b, VReg v) { blocks_[b].params.push_back(v); }

  /// Appends an instruction at the end of block b.
  InstId append(BlockId b, uint32_t opcode, std::span<const Operand> ops, uint32_t aux = 0,
                int64_t imm = 0);
  InstId append(BlockId b, uint32_t opcode, std::initializer_list<Operand> ops, uint32_t aux = 0,
                int64_t imm = 0) {
    return append(b, opcode, std::span<const Operand>(ops.begin(), ops.size()), aux, imm);
  }
  /// Appends a terminator with its targets (none for a return). A terminator
  /// defines nothing and clobbers nothing.
  InstId appendBranch(BlockId b, uint32_t opcode, std::span<const Operand> ops,
                      std::vector<BranchTarget> targets, uint32_t aux = 0, int64_t imm = 0);
  InstId appendBranch(BlockId b, uint32_t opcode, std::initializer_list<Operand> ops,
                      std::vector<BranchTarget> targets, uint32_t aux = 0, int64_t imm = 0) {
    return appendBranch(b, opcode, std::span<const Operand>(ops.begin(), ops.size()),
                        std::move(targets), aux, imm);
  }
  void setClobbers(InstId i, RegSet s) { insts_[i].clobbers = s; }
  /// Capacity for this many instructions, operands and vregs (a hint: appending
  /// beyond it still works).
  void reserve(size_t insts, size_t operands, size_t vregs) {
    insts_.reserve(insts);
    operands_.reserve(operands);
    vregs_.reserve(vregs);
  }
  /// The instruction order of block b, for lowerings that build a block out of
  /// order (codegen/Lowering.h reverses its per-instruction groups).
  std::vector<InstId> &blockInsts(BlockId b) { return blocks_[b].insts; }
  /// Replaces every operand, block parameter and branch argument v by map[v]
  /// where map[v] is valid (chains are followed). Used to join the vreg a
  /// lowering produced with the vreg earlier uses named.
  void renameVRegs(std::span<const VReg> map);
  void setSafepoint(InstId i) { insts_[i].safepoint = true; }

  /// Fills succs/preds from the terminators. Call after the last branch is appended.
  void computeCfg();

  unsigned numVRegs() const { return unsigned(vregs_.size()); }
  unsigned numBlocks() const { return numBlocks_; }
  unsigned numInsts() const { return unsigned(insts_.size()); }
  const VRegInfo &vreg(VReg v) const { return vregs_[v.id]; }
  const MachBlock &block(BlockId b) const { return blocks_[b]; }
  MachInst &inst(InstId i) { return insts_[i]; }
  const MachInst &inst(InstId i) const { return insts_[i]; }
  std::span<const Operand> operands(InstId i) const {
    return {operands_.data() + insts_[i].firstOperand, insts_[i].numOperands};
  }
  std::span<const BranchTarget> targets(InstId i) const {
    return {targets_.data() + insts_[i].firstTarget, insts_[i].numTargets};
  }
  /// Index of operand k of instruction i in the function-wide operand array
  /// (RegAllocResult::allocs is parallel to it).
  uint32_t operandIndex(InstId i, unsigned k) const { return insts_[i].firstOperand + k; }
  unsigned numOperandsTotal() const { return unsigned(operands_.size()); }

  /// Checks the allocator's input contract; returns "" or the first violation:
  /// SSA (one def per vreg, defs of class-consistent vregs), every block ends in
  /// exactly one terminator, branch arguments match parameters, the entry block has
  /// no parameters and no predecessors, no critical edges, a single-successor
  /// terminator that jumps to a block with several predecessors reads nothing but
  /// its arguments, Reuse defs name a Reg use of the same class, fixed registers
  /// exist, belong to the vreg's class and are not scratch registers.
  std::string verify(const TargetDesc &target) const;

  /// Debug text: one line per instruction with operands and constraints.
  std::string print(const TargetDesc &target) const;

private:
  std::vector<VRegInfo> vregs_;
  std::vector<MachBlock> blocks_; // [0, numBlocks_) are this function's; the rest keep their capacity
  unsigned numBlocks_ = 0;
  std::vector<MachInst> insts_;
  std::vector<Operand> operands_;
  std::vector<BranchTarget> targets_;
};

} // namespace wasmaot::codegen
