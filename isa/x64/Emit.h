// Emit: allocated x86-64 machine code (X64Code + RegAllocResult + FrameLayout)
// → bytes, fixups, trap sites and assembly text.
//
// The emitter owns the frame: prologue (frame pointer, stack-limit check against
// vmctx, frame allocation, callee-saved stores), epilogue at each return, the
// allocator's moves, out-of-line ud2 stubs (one per trap code), the constant
// pool and jump tables. Pseudo instructions and idioms are expanded here; the
// integer idioms in EmitInt.cpp, the floating-point ones in EmitFloat.cpp.
#pragma once

#include "codegen/Backend.h"
#include "codegen/FrameLayout.h"
#include "codegen/RegAlloc.h"
#include "isa/x64/Encoder.h"
#include "isa/x64/MachOps.h"

#include <map>
#include <string>

namespace wasmaot::isa::x64 {

/// Symbol ids the emitter gives the Encoder: function indices, or this bit plus
/// an offset into the function's read-only data.
inline constexpr uint32_t kRodataSymbol = 0x80000000u;

class Emitter {
public:
  Emitter(const X64Code &code, const codegen::RegAllocResult &ra, const codegen::FrameLayout &frame,
          const codegen::CodegenOptions &options);

  /// Emits the whole function into `out`. False with `error` on an internal inconsistency.
  bool run(codegen::CompiledFunction &out, std::string &error);

  // ---- for the idiom expanders
  Encoder &enc() { return enc_; }
  /// Emits one instruction (and its assembly line when asked).
  void put(const Inst &inst);
  void bind(Label l);
  Label newLabel() { return enc_.newLabel(); }
  /// The register of operand k of instruction i (its allocation must be a register).
  uint8_t reg(codegen::InstId i, unsigned k) const;
  Gpr gpr(codegen::InstId i, unsigned k) const { return Gpr(reg(i, k)); }
  Xmm xmm(codegen::InstId i, unsigned k) const { return Xmm(reg(i, k)); }
  /// The label of the out-of-line ud2 for `code`.
  Label trapLabel(ir::TrapCode code);
  /// Jumps to `target` when `c` holds (two jumps for the floating-point parity forms).
  void condJump(CondCode c, Label target);
  /// [rip + entry] of the function's constant pool entry `index`.
  Mem constant(uint32_t index) const;
  /// Records that the instruction about to be emitted may trap with `code`.
  void trapSiteHere(ir::TrapCode code);
  const X64Code &code() const { return code_; }

private:
  void prologue();
  void epilogue();
  void emitInst(codegen::InstId i, codegen::BlockId block);
  void emitForm(codegen::InstId i);
  void emitMove(const codegen::Move &m);
  Mem slotMem(uint32_t slot) const;
  Mem memOperand(codegen::InstId i, const MemRef &m) const;

  const X64Code &code_;
  const codegen::RegAllocResult &ra_;
  const codegen::FrameLayout &frame_;
  const codegen::CodegenOptions &options_;
  Encoder enc_;
  std::vector<Label> blockLabels_; ///< per block: the label of the block it forwards to
  std::vector<codegen::BlockId> resolved_;
  codegen::BlockId resolved(codegen::BlockId b) const { return resolved_[b]; }
  std::map<ir::TrapCode, Label> trapLabels_;
  std::vector<uint32_t> constantOffsets_;
  std::vector<uint32_t> tableOffsets_;
  std::vector<codegen::TrapSite> traps_;
  std::string asm_;
  codegen::BlockId nextBlock_ = 0;
};

/// Integer idioms (EmitInt.cpp) and floating-point idioms (EmitFloat.cpp):
/// expand macro instruction `i`. False if `op` is not one of theirs.
bool emitIntMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm);
bool emitFloatMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm);

} // namespace wasmaot::isa::x64
