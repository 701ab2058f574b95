// RV64Lowering: IR function → RV64 MachFunction (MachOps.h).
//
// The generic driver (codegen/Lowering.h) walks the blocks; this class is the
// context both generated rule programs call (RV64Lower: values, RV64Cond:
// conditions) plus the hand-written lowering of what the rule language does
// not express: the entry, calls, terminators, and the runtime-backed memory,
// table and reference operations. Machine-term bodies are split by family:
//   RV64Lowering.cpp       driver hooks, helpers, conditions, terminators, TargetDesc
//   RV64LoweringInt.cpp    integer, memory and global terms
//   RV64LoweringCalls.cpp  calls, builtins, tables, references
//   RV64LoweringFloat.cpp  floating-point terms
#pragma once

#include "RV64Cond.h"
#include "RV64Lower.h"
#include "codegen/Backend.h"
#include "codegen/Lowering.h"
#include "isa/riscv64/MachOps.h"
#include "isa/riscv64/Registers.h"

#include <optional>

namespace wasmaot::isa::riscv64 {

/// PReg numbering of the RV64 TargetDesc: x0..x31 are 0..31 (zero, ra, sp, gp,
/// tp, s0, t0, t1 never allocated), f0..f31 are 32..63.
inline codegen::PReg preg(Gpr g) { return codegen::PReg(encoding(g)); }
inline codegen::PReg preg(Fpr f) { return codegen::PReg(32 + encoding(f)); }
const codegen::TargetDesc &rv64TargetDesc();

/// The back end's scratch registers (never allocated): t0 is also the move
/// resolver's, t1 addresses far stack slots, the in-text data and far branch
/// targets; ft11 is the FP resolver's.
inline constexpr Gpr kScratch = lp64d::kScratch0;
inline constexpr Gpr kScratch2 = lp64d::kScratch1;
inline constexpr Fpr kFpScratch = Fpr::Ft11;

class RV64Lowering final : public codegen::FunctionLowering, public RV64LowerContext, public RV64CondContext {
public:
  RV64Lowering(const ir::Module &module, const ir::Function &function, const codegen::VMContextLayout &vmctx,
               const codegen::CodegenOptions &options, RV64Code &out);

  // ---- FunctionLowering hooks
  void lowerEntry(std::span<const ir::Value> params) override;
  bool lowerInst(const ir::Inst &inst) override;
  bool lowerTerminator(const ir::Inst &inst) override;
  void emitJump(codegen::BranchTarget target) override;

  // ---- shared by both rule contexts
  const ir::Inst *defOf(ir::Value v) override { return defOfValue(v); }
  bool canAbsorb(ir::Value v) override { return canAbsorbValue(v); }
  void markAbsorbed(const ir::Inst &inst) override { absorb(inst); }

  // ---- values, immediates and conditions (RV64Lowering.cpp)
  codegen::VReg put_in_gpr(ir::Value v) override { return valueReg(v); }
  codegen::VReg put_in_fpr(ir::Value v) override { return valueReg(v); }
  codegen::VReg gpr_reg(codegen::VReg g) override { return g; }
  codegen::VReg fpr_reg(codegen::VReg x) override { return x; }
  codegen::VReg none() override { return codegen::VReg(); }
  bool gpr_type(ir::Type t) override { return t == ir::Type::I32 || t == ir::Type::I64; }
  Width width(ir::Type t) override { return t == ir::Type::I64 ? Width::W64 : Width::W32; }
  bool has_zba() override { return zba_; }
  bool has_zbb() override { return zbb_; }
  int64_t sext_imm(ir::Type t, uint64_t c) override;
  bool simm12(ir::Type t, uint64_t c) override;
  bool neg_simm12(ir::Type t, uint64_t c) override;
  int64_t neg_imm(ir::Type t, uint64_t c) override;
  int64_t shift_imm(Width w, uint64_t c) override { return int64_t(c & (w == Width::W64 ? 63 : 31)); }
  int64_t rotl_imm(Width w, uint64_t c) override {
    const unsigned n = w == Width::W64 ? 64 : 32;
    return int64_t((n - (c & (n - 1))) & (n - 1));
  }
  bool shadd_amount(uint64_t c) override { return c >= 1 && c <= 3; }
  AluOp shadd_op(uint64_t c) override { return c == 1 ? AluOp::Sh1add : c == 2 ? AluOp::Sh2add : AluOp::Sh3add; }
  bool all_ones(ir::Type t, uint64_t c) override {
    return t == ir::Type::I64 ? c == ~uint64_t(0) : c == 0xffffffffu;
  }
  int64_t int_min(ir::Type t) override { return t == ir::Type::I64 ? INT64_MIN : int64_t(INT32_MIN); }
  CondCode cond_cmp(ir::IntCC cc, codegen::VReg a, codegen::VReg b) override;
  CondCode cond_cmp_zero(ir::IntCC cc, codegen::VReg a) override { return cond_cmp(cc, a, codegen::VReg()); }
  CondCode cond_nez(codegen::VReg a) override { return {BrCond::Ne, a, codegen::VReg()}; }
  CondCode cond_eqz(codegen::VReg a) override { return {BrCond::Eq, a, codegen::VReg()}; }
  CondCode cond_of(ir::Value c) override;
  CondCode cond_of_current() override;
  CondCode invert(CondCode c) override { return c.inverted(); }
  void trap_when(CondCode c, ir::TrapCode code) override;

  // ---- integer terms (RV64LoweringInt.cpp)
  codegen::VReg li(int64_t imm) override;
  codegen::VReg alu_rrr(Width w, AluOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg alu_rri(Width w, ImmOp op, codegen::VReg a, int64_t imm) override;
  codegen::VReg alu_r(Width w, UnOp op, codegen::VReg a) override;
  codegen::VReg select_gpr(CondCode c, codegen::VReg t, codegen::VReg f) override;
  Amode heap_addr(uint32_t mem, ir::Value addr, uint64_t offset, uint32_t bytes, ir::BoundsCheck bounds) override;
  uint32_t access_bytes(ir::Type t, ir::MemAccess a) override;
  codegen::VReg load_gpr(ir::Type t, ir::MemAccess a, Amode at) override;
  codegen::VReg load_fpr(ir::Type t, Amode at) override;
  void store_gpr(ir::Type t, ir::MemAccess a, Amode at, codegen::VReg v) override;
  void store_fpr(ir::Type t, Amode at, codegen::VReg v) override;
  codegen::VReg global_get_gpr(ir::Type t, uint32_t g) override;
  codegen::VReg global_get_fpr(ir::Type t, uint32_t g) override;
  void global_set_value(uint32_t g, ir::Value v) override;

  // ---- floating-point terms (RV64LoweringFloat.cpp)
  Width float_width(ir::Type t) override { return t == ir::Type::F64 ? Width::W64 : Width::W32; }
  ir::Type value_type(ir::Value v) override;
  IntKind int_kind(ir::Type t, bool isSigned) override;
  bool short_fp_imm(Width w, uint64_t bits) override;
  int64_t fp_imm_bits(Width w, uint64_t bits) override;
  uint64_t trunc_lo(Width w, IntKind k) override;
  uint64_t trunc_hi(Width w, IntKind k) override;
  int64_t round_limit(Width w) override { return w == Width::W64 ? 0x4330000000000000 : 0x4b000000; }
  IntKind round_kind(Width w) override { return w == Width::W64 ? IntKind::L : IntKind::W; }
  codegen::VReg fmv_zero(Width w) override;
  codegen::VReg fconst_load(Width w, uint64_t bits) override;
  codegen::VReg fop_rr(Width w, FpOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg fsqrt_r(Width w, codegen::VReg a) override;
  codegen::VReg select_fpr(CondCode c, codegen::VReg t, codegen::VReg f) override;
  codegen::VReg fcvt_f2i(Width w, IntKind k, RoundMode rm, codegen::VReg a) override;
  codegen::VReg fcvt_i2f(Width w, IntKind k, codegen::VReg a) override;
  codegen::VReg fcvt_f2f(Width from, codegen::VReg a) override;
  codegen::VReg fmv_to_fpr(Width w, codegen::VReg a) override;
  codegen::VReg fmv_to_gpr(Width w, codegen::VReg a) override;
  codegen::VReg fcmp_rr(Width w, FCmpOp op, codegen::VReg a, codegen::VReg b) override;

  // ---- emission helpers (RV64Lowering.cpp)
  codegen::VReg newGpr() { return mf().newVReg(codegen::RegClass::Int); }
  codegen::VReg newFpr() { return mf().newVReg(codegen::RegClass::Float); }
  /// Appends form `inst.op`: `slots[k]` names the MachInst operand feeding form
  /// slot k (a register, or a Mem operand's base; kKeep: the template's
  /// register); `trap` marks a guard-region trap site.
  codegen::InstId form(const Inst &inst, std::initializer_list<codegen::Operand> ops,
                       std::initializer_list<uint32_t> slots, uint8_t trap = 0);
  /// d = op(a, b) for a three-register form (rd, rs1, rs2) with rounding mode rm.
  codegen::VReg rrr(Opcode op, codegen::VReg a, codegen::VReg b, codegen::RegClass dcls, Rm rm = Rm::Dyn);
  /// d = op(a) for a two-register form (rd, rs1).
  codegen::VReg rr(Opcode op, codegen::VReg a, codegen::RegClass dcls, Rm rm = Rm::Dyn);
  /// d = op(a, imm) for an I-type or shift form.
  codegen::VReg rri(Opcode op, codegen::VReg a, int64_t imm);
  /// d = [base + disp] with the load form `op` (displacements beyond a simm12
  /// go through an add of the materialized displacement).
  codegen::VReg loadAt(Opcode op, codegen::VReg base, int64_t disp, codegen::RegClass cls);
  void storeAt(Opcode op, codegen::VReg base, int64_t disp, codegen::VReg v);
  /// d = [base + disp], 64 bits (vmctx fields, table headers, funcref records).
  codegen::VReg loadPtr(codegen::VReg base, int64_t disp) {
    return loadAt(Opcode::LD, base, disp, codegen::RegClass::Int);
  }
  codegen::VReg vmctx() const { return vmctx_; }
  /// The index of a constant-pool entry holding `bits` (equal entries shared).
  uint32_t constant(uint64_t bits);
  /// Runs the cond program on `inst` (an icmp/fcmp); nullopt if no rule applies.
  std::optional<CondCode> lowerCondition(const ir::Inst &inst);
  /// The operands of a condition's consumer: use a [, use b].
  void condOperands(const CondCode &c, std::vector<codegen::Operand> &ops);

private:
  // RV64LoweringCalls.cpp
  bool lowerCall(const ir::Inst &inst);
  bool lowerRuntimeOp(const ir::Inst &inst);
  std::vector<codegen::VReg> emitCall(codegen::VReg code, int64_t direct, std::span<const codegen::VReg> args,
                                      std::span<const ir::Type> argTypes, std::span<const ir::Type> resultTypes,
                                      bool extendI32Results);
  std::vector<codegen::VReg> callBuiltin(codegen::Builtin b, std::span<const codegen::VReg> args,
                                         std::span<const ir::Type> argTypes, std::span<const ir::Type> results);
  void checkBuiltinStatus(codegen::VReg status, ir::TrapCode code);
  /// index < table size (else out_of_bounds_table); returns the elements pointer.
  codegen::VReg tableElements(uint32_t table, codegen::VReg index);
  /// elems + index * 8 (sh3add with Zba).
  codegen::VReg elementAddress(codegen::VReg elems, codegen::VReg index);
  /// The value with its low 32 bits zero-extended (zext.w with Zba, else slli/srli).
  codegen::VReg zeroExtend32(codegen::VReg v);

  RV64Code &code_;
  const codegen::VMContextLayout &vmctxLayout_;
  const codegen::CodegenOptions &options_;
  bool zba_ = false, zbb_ = false;
  codegen::VReg vmctx_;
  codegen::VReg retArea_; ///< the hidden return-area pointer (functions with several results)
  /// Base of each 32-bit memory, loaded once at entry (docs/abi.md: it never
  /// moves while an instance lives); invalid until an access asks for it.
  std::vector<codegen::VReg> memoryBase_;
};

} // namespace wasmaot::isa::riscv64
