// Emit: allocated AArch64 machine code (A64Code + RegAllocResult + FrameLayout)
// → bytes, fixups, trap sites and assembly text.
//
// The emitter owns the frame: prologue (frame record, stack-limit check against
// vmctx, frame allocation, callee-saved stores), epilogue at each return, the
// allocator's moves, out-of-line `udf #code` stubs (one per trap code), and the
// function's read-only data, which follows its code in .text: the constant pool
// (read with ldr literal) and jump tables (int32 offsets from the table, reached
// with adr). Both are PC-relative within the function, so AArch64 code needs no
// relocation but the CALL26 of direct calls, which resolveLocal patches.
//
// Branch ranges: b.cond and cbz reach ±1 MiB. A conditional branch the encoder
// reports out of range is relaxed to the inverted condition over a `b` (±128
// MiB) and the function is emitted again until every branch fits; ldr literal
// and adr (±1 MiB) are not relaxed: a function whose code before its pool
// exceeds 1 MiB is refused with an error.
//
// Pseudo instructions and idioms are expanded here; the integer pseudos with
// internal structure in EmitInt.cpp, the floating-point idiom in EmitFloat.cpp.
#pragma once

#include "codegen/Backend.h"
#include "codegen/FrameLayout.h"
#include "codegen/RegAlloc.h"
#include "isa/aarch64/Encoder.h"
#include "isa/aarch64/MachOps.h"

#include <map>
#include <string>
#include <vector>

namespace wasmaot::isa::aarch64 {

class Emitter {
public:
  Emitter(const A64Code &code, const codegen::RegAllocResult &ra, const codegen::FrameLayout &frame,
          const codegen::CodegenOptions &options);

  /// Emits the whole function into `out`. False with `error` on an internal
  /// inconsistency or a function too large for its PC-relative data accesses.
  bool run(codegen::CompiledFunction &out, std::string &error);

  // ---- for the idiom expanders
  /// Emits one instruction (and its assembly line when asked).
  void put(const Inst &inst);
  void bind(Label l);
  Label newLabel() { return enc_.newLabel(); }
  /// The register of operand k of instruction i (its allocation must be a register).
  Gpr gpr(codegen::InstId i, unsigned k) const;
  Vreg vreg(codegen::InstId i, unsigned k) const;
  /// The label of the out-of-line udf for `code`.
  Label trapLabel(ir::TrapCode code);
  /// b.cond to `target`, relaxed to b.!cond over a b when out of range.
  void condBranch(Cond c, Label target);
  /// cbz/cbnz (x: the 64-bit view), relaxed like condBranch.
  void compareBranch(bool nonZero, bool x, Gpr r, Label target);
  /// rd = value: the shortest movz/movn/orr + movk sequence.
  void materialize(Gpr rd, uint64_t value, bool is64);
  /// The label of jump table `t` (bound where the table is emitted).
  Label tableLabel(uint32_t t) const { return tableLabels_[t]; }
  Label constantLabel(uint32_t c) const { return constantLabels_[c]; }
  Label blockLabel(codegen::BlockId b) const { return blockLabels_[b]; }
  /// Records that the instruction about to be emitted may trap with `code`.
  void trapSiteHere(ir::TrapCode code);
  const A64Code &code() const { return code_; }

private:
  bool emitOnce(std::string &error, std::vector<OutOfRange> &outOfRange);
  void prologue();
  void epilogue();
  void emitInst(codegen::InstId i);
  void emitForm(codegen::InstId i);
  void emitMove(const codegen::Move &m);
  /// [sp, #offset] for an access of `size` bytes, through x17 when out of range.
  Mem spSlot(uint32_t offset, unsigned size);
  /// sp = sp - bytes (sub) or sp + bytes (add), any size.
  void adjustSp(uint32_t bytes, bool down);
  void saveOrRestore(bool save);
  void emitData();

  const A64Code &code_;
  const codegen::RegAllocResult &ra_;
  const codegen::FrameLayout &frame_;
  const codegen::CodegenOptions &options_;
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
  // survives from one emission to the next, `siteAt_` maps a branch's offset to its site.
  std::vector<uint8_t> relaxed_;
  std::map<uint32_t, uint32_t> siteAt_;
  uint32_t nextSite_ = 0;
};

/// Integer pseudos with internal structure (EmitInt.cpp): JumpTableAddr.
void emitJumpTableAddr(Emitter &e, codegen::InstId i);
/// Floating-point idioms (EmitFloat.cpp). False if `op` is not one of theirs.
bool emitFloatMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm);

} // namespace wasmaot::isa::aarch64
