// A64Lowering: IR function → AArch64 MachFunction (MachOps.h).
//
// The generic driver (codegen/Lowering.h) walks the blocks; this class is the
// context both generated rule programs call (A64Lower: values, A64Cond:
// conditions) plus the hand-written lowering of what the rule language does
// not express: the entry, calls, terminators, and the runtime-backed memory,
// table and reference operations. Machine-term bodies are split by family:
//   A64Lowering.cpp       driver hooks, helpers, conditions, terminators, TargetDesc
//   A64LoweringInt.cpp    integer, memory and global terms
//   A64LoweringCalls.cpp  calls, builtins, tables, references
//   A64LoweringFloat.cpp  floating-point terms
#pragma once

#include "A64Cond.h"
#include "A64Lower.h"
#include "codegen/Backend.h"
#include "codegen/Lowering.h"
#include "isa/aarch64/MachOps.h"
#include "isa/aarch64/Registers.h"

#include <optional>

namespace wasmaot::isa::aarch64 {

/// PReg numbering of the AArch64 TargetDesc: x0..x30 are 0..30, 31 is sp (never
/// allocated), v0..v31 are 32..63.
inline codegen::PReg preg(Gpr g) { return codegen::PReg(encoding(g)); }
inline codegen::PReg preg(Vreg v) { return codegen::PReg(32 + encoding(v)); }
const codegen::TargetDesc &a64TargetDesc();

/// The back end's scratch registers (never allocated): x16 is also the move
/// resolver's, x17 addresses far stack slots, v31 holds FP temporaries.
inline constexpr Gpr kScratch = Gpr::X16;
inline constexpr Gpr kScratch2 = Gpr::X17;
inline constexpr Vreg kFpScratch = Vreg::V31;

class A64Lowering final : public codegen::FunctionLowering, public A64LowerContext, public A64CondContext {
public:
  A64Lowering(const ir::Module &module, const ir::Function &function, const codegen::VMContextLayout &vmctx,
              const codegen::CodegenOptions &options, A64Code &out);

  // ---- FunctionLowering hooks
  void lowerEntry(std::span<const ir::Value> params) override;
  bool lowerInst(const ir::Inst &inst) override;
  bool lowerTerminator(const ir::Inst &inst) override;
  void emitJump(codegen::BranchTarget target) override;

  // ---- shared by both rule contexts
  const ir::Inst *defOf(ir::Value v) override { return defOfValue(v); }
  bool canAbsorb(ir::Value v) override { return canAbsorbValue(v); }
  void markAbsorbed(const ir::Inst &inst) override { absorb(inst); }

  // ---- values and helpers (A64Lowering.cpp)
  codegen::VReg put_in_gpr(ir::Value v) override { return valueReg(v); }
  codegen::VReg put_in_fpr(ir::Value v) override { return valueReg(v); }
  codegen::VReg gpr_reg(codegen::VReg g) override { return g; }
  codegen::VReg fpr_reg(codegen::VReg x) override { return x; }
  codegen::VReg none() override { return codegen::VReg(); }
  bool gpr_type(ir::Type t) override { return t == ir::Type::I32 || t == ir::Type::I64; }
  Width width(ir::Type t) override { return t == ir::Type::I64 ? Width::W64 : Width::W32; }
  bool aimm(uint64_t c, uint64_t &imm) override;
  bool aimm_neg32(uint64_t c, uint64_t &imm) override;
  bool aimm_neg64(uint64_t c, uint64_t &imm) override;
  bool limm32(uint64_t c, uint64_t &imm) override;
  bool limm64(uint64_t c, uint64_t &imm) override;
  uint8_t shift_imm(Width w, uint64_t c) override { return uint8_t(c & (w == Width::W64 ? 63 : 31)); }
  uint8_t rotl_imm(Width w, uint64_t c) override {
    const unsigned n = w == Width::W64 ? 64 : 32;
    return uint8_t((n - (c & (n - 1))) & (n - 1));
  }
  CondCode intcc_cond(ir::IntCC cc) override;
  CondCode cond_vs() override { return {Cond::VS}; }
  CondCode cond_of(ir::Value c) override;
  CondCode cond_of_current() override;
  CondCode invert(CondCode c) override { return c.inverted(); }
  void trap_when(CondCode c, ir::TrapCode code) override;
  void trap_if_zero(Width w, codegen::VReg a, ir::TrapCode code) override;

  // ---- integer terms (A64LoweringInt.cpp)
  codegen::VReg mov_imm(Width w, uint64_t imm) override;
  codegen::VReg alu_rrr(Width w, AluOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg addsub_ri(Width w, AluOp op, codegen::VReg a, uint64_t imm) override;
  codegen::VReg logic_ri(Width w, AluOp op, codegen::VReg a, uint64_t imm) override;
  codegen::VReg mul_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg msub_rrr(Width w, codegen::VReg a, codegen::VReg b, codegen::VReg c) override;
  codegen::VReg div_rr(Width w, bool isSigned, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg shift_rr(Width w, ShiftOp op, codegen::VReg a, codegen::VReg n) override;
  codegen::VReg shift_ri(Width w, ShiftOp op, codegen::VReg a, uint8_t k) override;
  codegen::VReg neg_r(Width w, codegen::VReg a) override;
  codegen::VReg clz_r(Width w, codegen::VReg a) override;
  codegen::VReg rbit_r(Width w, codegen::VReg a) override;
  codegen::VReg extend(ExtKind k, codegen::VReg a) override;
  codegen::VReg cset(CondCode c) override;
  codegen::VReg csel(Width w, CondCode c, codegen::VReg t, codegen::VReg f) override;
  void cmp_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  void cmp_ri(Width w, codegen::VReg a, uint64_t imm) override;
  void cmn_ri(Width w, codegen::VReg a, uint64_t imm) override;
  void tst_ri(Width w, codegen::VReg a, uint64_t imm) override;
  void ccmp_ri(Width w, codegen::VReg a, uint64_t imm, uint8_t nzcv, CondCode c) override;
  Amode heap_addr(uint32_t mem, ir::Value addr, uint64_t offset, uint32_t bytes, ir::BoundsCheck bounds) override;
  uint32_t access_bytes(ir::Type t, ir::MemAccess a) override;
  codegen::VReg load_gpr(ir::Type t, ir::MemAccess a, Amode at) override;
  codegen::VReg load_fpr(ir::Type t, Amode at) override;
  void store_gpr(ir::Type t, ir::MemAccess a, Amode at, codegen::VReg v) override;
  void store_fpr(ir::Type t, Amode at, codegen::VReg v) override;
  codegen::VReg global_get_gpr(ir::Type t, uint32_t g) override;
  codegen::VReg global_get_fpr(ir::Type t, uint32_t g) override;
  void global_set_value(uint32_t g, ir::Value v) override;

  // ---- floating-point terms (A64LoweringFloat.cpp)
  Width float_width(ir::Type t) override { return t == ir::Type::F64 ? Width::W64 : Width::W32; }
  ir::Type value_type(ir::Value v) override;
  bool fp_imm(Width w, uint64_t bits) override;
  codegen::VReg fmov_zero(Width w) override;
  codegen::VReg fmov_imm(Width w, uint64_t bits) override;
  codegen::VReg fconst_load(Width w, uint64_t bits) override;
  codegen::VReg fop_rr(Width w, FpOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg fun_r(Width w, FUnOp op, codegen::VReg a) override;
  codegen::VReg fcsel(Width w, CondCode c, codegen::VReg t, codegen::VReg f) override;
  codegen::VReg cvt_f2f(Width from, codegen::VReg a) override;
  codegen::VReg cvt_i2f(Width iw, Width fw, bool isSigned, codegen::VReg a) override;
  codegen::VReg cvt_f2i_sat(Width fw, Width iw, bool isSigned, codegen::VReg a) override;
  codegen::VReg cvt_f2i_trap(Width fw, Width iw, bool isSigned, codegen::VReg a) override;
  codegen::VReg fmov_to_fpr(Width w, codegen::VReg a) override;
  codegen::VReg fmov_to_gpr(Width w, codegen::VReg a) override;
  void fcmp_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  CondCode floatcc_cond(ir::FloatCC cc) override;

  // ---- emission helpers (A64Lowering.cpp)
  codegen::VReg newGpr() { return mf().newVReg(codegen::RegClass::Int); }
  codegen::VReg newFpr() { return mf().newVReg(codegen::RegClass::Float); }
  /// Appends form `inst.op`: `slots[k]` names the MachInst operand feeding form
  /// register slot k (kKeep: the template's register), `memBase`/`memIndex` the
  /// memory operand's registers; `trap` marks a guard-region trap site.
  codegen::InstId form(const Inst &inst, std::initializer_list<codegen::Operand> ops,
                       std::initializer_list<uint32_t> slots, uint32_t memBase = kKeep, uint32_t memIndex = kKeep,
                       uint8_t trap = 0);
  /// d = op(a, b) for a three-register form (Rd, Rn, Rm).
  codegen::VReg rrr(Opcode op, codegen::VReg a, codegen::VReg b, codegen::RegClass cls = codegen::RegClass::Int);
  /// d = op(a) for a two-register form (Rd, Rn).
  codegen::VReg rr(Opcode op, codegen::VReg a, codegen::RegClass dcls);
  /// d = [base + disp] (64 bits; vmctx fields, table headers, funcref records).
  codegen::VReg loadPtr(codegen::VReg base, int64_t disp);
  /// d = [base + disp] of the given load form family (LDR{W,X,S,D,SW...}ui/us);
  /// big displacements go through a materialized register offset.
  codegen::VReg loadAt(Opcode ui, codegen::VReg base, int64_t disp, unsigned size, codegen::RegClass cls);
  void storeAt(Opcode ui, codegen::VReg base, int64_t disp, unsigned size, codegen::VReg v);
  codegen::InstId macro(MacroOp op, std::initializer_list<codegen::Operand> ops, int64_t imm = 0);
  codegen::VReg vmctx() const { return vmctx_; }
  /// The index of a constant-pool entry holding `bits` (equal entries shared).
  uint32_t constant(uint64_t bits);
  /// Runs the cond program on `inst` (an icmp/fcmp); nullopt if no rule applies.
  std::optional<CondCode> lowerCondition(const ir::Inst &inst);

private:
  // A64LoweringCalls.cpp
  bool lowerCall(const ir::Inst &inst);
  bool lowerRuntimeOp(const ir::Inst &inst);
  std::vector<codegen::VReg> emitCall(codegen::VReg code, int64_t direct, std::span<const codegen::VReg> args,
                                      std::span<const ir::Type> argTypes, std::span<const ir::Type> resultTypes,
                                      bool zeroExtendI32Results);
  std::vector<codegen::VReg> callBuiltin(codegen::Builtin b, std::span<const codegen::VReg> args,
                                         std::span<const ir::Type> argTypes, std::span<const ir::Type> results);
  void checkBuiltinStatus(codegen::VReg status, ir::TrapCode code);
  /// index < table size (else out_of_bounds_table); returns the elements pointer.
  codegen::VReg tableElements(uint32_t table, codegen::VReg index);

  A64Code &code_;
  const codegen::VMContextLayout &vmctxLayout_;
  const codegen::CodegenOptions &options_;
  codegen::VReg vmctx_;
  codegen::VReg retArea_; ///< the hidden return-area pointer (functions with several results)
  /// Base of each 32-bit memory, loaded once at entry (docs/abi.md: it never
  /// moves while an instance lives); invalid until an access asks for it.
  std::vector<codegen::VReg> memoryBase_;
};

} // namespace wasmaot::isa::aarch64
