// Emit: allocated RV64 machine code (RV64Code + RegAllocResult + FrameLayout)
// → bytes, fixups, trap sites and assembly text.
//
// The emitter owns the frame: prologue (frame record {s0, ra}, stack-limit
// check against vmctx, frame allocation, callee-saved stores), epilogue at each
// return, the allocator's moves, out-of-line `unimp` stubs (one per trap code),
// and the function's read-only data, which follows its code in .text: the
// constant pool (read with auipc + flw/fld %pcrel_lo) and jump tables (int32
// offsets from the table, reached with auipc + addi). Both are PC-relative
// within the function and resolved here, so RV64 code needs no relocation but
// the R_RISCV_CALL_PLT of direct calls (auipc ra + jalr ra), which
// resolveLocal patches.
//
// Branch ranges: conditional branches reach ±4 KiB, jal ±1 MiB. Every
// conditional branch and every jump is a relaxation site. A conditional branch
// the encoder reports out of range becomes the inverted branch over a `j`
// (level 1), and over an auipc t1 + jalr zero, 0(t1) pair (level 2, ±2 GiB)
// when the `j` does not reach either; a `j` becomes the pair. The function is
// emitted again until every branch fits (at most 8 rounds).
//
// Pseudo instructions and idioms are expanded here; those with internal
// structure in EmitInt.cpp (JumpTableAddr, Select) and EmitFloat.cpp (LoadConst).
#pragma once

#include "codegen/Backend.h"
#include "codegen/FrameLayout.h"
#include "codegen/RegAlloc.h"
#include "isa/riscv64/Encoder.h"
#include "isa/riscv64/MachOps.h"

#include <map>
#include <string>
#include <vector>

namespace wasmaot::isa::riscv64 {

class Emitter {
public:
  Emitter(const RV64Code &code, const codegen::RegAllocResult &ra, const codegen::FrameLayout &frame,
          const codegen::CodegenOptions &options);

  /// Emits the whole function into `out`. False with `error` on an internal
  /// inconsistency or a function whose branches cannot be made to reach.
  bool run(codegen::CompiledFunction &out, std::string &error);

  // ---- for the idiom expanders
  /// Emits one instruction (and its assembly line when asked).
  void put(const Inst &inst);
  void bind(Label l);
  Label newLabel() { return enc_.newLabel(); }
  /// The register of operand k of instruction i (its allocation must be a register).
  Gpr gpr(codegen::InstId i, unsigned k) const;
  Fpr fpr(codegen::InstId i, unsigned k) const;
  /// The label of the out-of-line unimp for `code`.
  Label trapLabel(ir::TrapCode code);
  /// b<c> a, b, target, relaxed when out of range (Emit.h header).
  void condBranch(BrCond c, Gpr a, Gpr b, Label target);
  /// j target, relaxed to auipc + jalr when out of range.
  void jump(Label target);
  /// rd = value: the materializer's shortest sequence.
  void materialize(Gpr rd, int64_t value);
  /// rd = the address of a label of this function (auipc + addi).
  void loadAddress(Gpr rd, Label target);
  /// The label of jump table `t` / constant `c` (bound where the data is emitted).
  Label tableLabel(uint32_t t) const { return tableLabels_[t]; }
  Label constantLabel(uint32_t c) const { return constantLabels_[c]; }
  /// Records that the instruction about to be emitted may trap with `code`.
  void trapSiteHere(ir::TrapCode code);
  const RV64Code &code() const { return code_; }
  Features features() const { return features_; }
  /// The registers of a condition consumer's uses starting at operand `first`
  /// (zero for the absent ones, CondCode::pack).
  void condRegs(codegen::InstId i, unsigned first, Gpr &a, Gpr &b) const;

private:
  bool emitOnce(std::string &error, std::vector<OutOfRange> &outOfRange);
  void prologue();
  void epilogue();
  void emitInst(codegen::InstId i);
  void emitForm(codegen::InstId i);
  void emitMove(const codegen::Move &m);
  /// offset(sp) for a slot or a save, through t1 when beyond a simm12.
  Mem spSlot(uint32_t offset);
  void saveOrRestore(bool save);
  void emitData();

  const RV64Code &code_;
  const codegen::RegAllocResult &ra_;
  const codegen::FrameLayout &frame_;
  const codegen::CodegenOptions &options_;
  Features features_;
  Encoder enc_;
  std::vector<Label> blockLabels_; ///< per block: the label of the block it forwards to
  std::vector<codegen::BlockId> resolved_;
  std::vector<Label> tableLabels_, constantLabels_;
  std::map<ir::TrapCode, Label> trapLabels_;
  std::vector<codegen::TrapSite> traps_;
  std::string asm_;
  std::string invalid_; ///< verifyMachineCode: the first Inst that does not fit its form
  codegen::BlockId nextBlock_ = 0;
  // Relaxation: the n-th relaxable branch of an emission is site n; `relaxed_`
  // (its level) survives from one emission to the next, `siteAt_` maps the
  // offset of a branch or jump word to its site.
  std::vector<uint8_t> relaxed_;
  std::map<uint32_t, uint32_t> siteAt_;
  uint32_t nextSite_ = 0;
};

/// Integer pseudos with internal structure (EmitInt.cpp).
void emitJumpTableAddr(Emitter &e, codegen::InstId i);
void emitSelect(Emitter &e, codegen::InstId i);
/// Floating-point pseudos (EmitFloat.cpp).
void emitLoadConst(Emitter &e, codegen::InstId i);

} // namespace wasmaot::isa::riscv64
