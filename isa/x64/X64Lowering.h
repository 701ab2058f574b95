// X64Lowering: IR function → x86-64 MachFunction (MachOps.h).
//
// The generic driver (codegen/Lowering.h) walks the blocks; this class is the
// context the generated rule programs call (X64Lower: values, X64Cond:
// conditions, X64Addr: Segue's 32-bit addresses) plus the hand-written lowering of what the rule language does
// not express: the entry, calls, terminators, and the runtime-backed memory,
// table and reference operations. Machine-term bodies are split by family:
//   X64Lowering.cpp       driver hooks, helpers, conditions, terminators
//   X64LoweringInt.cpp    integer, memory and global terms
//   X64LoweringCalls.cpp  calls, builtins, tables, references
//   X64LoweringFloat.cpp  floating-point terms
#pragma once

#include "X64Addr.h"
#include "X64Cond.h"
#include "X64Lower.h"
#include "codegen/Backend.h"
#include "codegen/Lowering.h"
#include "isa/x64/MachOps.h"
#include "isa/x64/Registers.h"

#include <array>
#include <optional>

namespace wasmaot::isa::x64 {

/// PReg numbering of the x86-64 TargetDesc: GPRs 0..15, XMMs 16..31 (hardware order).
inline codegen::PReg preg(Gpr g) { return codegen::PReg(encoding(g)); }
inline codegen::PReg preg(Xmm x) { return codegen::PReg(16 + encoding(x)); }
const codegen::TargetDesc &x64TargetDesc();

class X64Lowering final : public codegen::FunctionLowering,
                          public X64LowerContext,
                          public X64CondContext,
                          public X64AddrContext {
public:
  X64Lowering(const ir::Module &module, const ir::Function &function, const codegen::VMContextLayout &vmctx,
              const codegen::CodegenOptions &options, X64Code &out);

  // ---- FunctionLowering hooks
  void lowerEntry(std::span<const ir::Value> params) override;
  bool lowerInst(const ir::Inst &inst) override;
  bool lowerTerminator(const ir::Inst &inst) override;
  void emitJump(codegen::BranchTarget target) override;

  // ---- shared by the rule contexts
  const ir::Inst *defOf(ir::Value v) override { return defOfValue(v); }
  bool canAbsorb(ir::Value v) override { return canAbsorbValue(v); }
  void markAbsorbed(const ir::Inst &inst) override { absorb(inst); }

  // ---- values and helpers (X64Lowering.cpp)
  codegen::VReg put_in_gpr(ir::Value v) override { return valueReg(v); }
  codegen::VReg put_in_xmm(ir::Value v) override { return valueReg(v); }
  codegen::VReg gpr_reg(codegen::VReg g) override { return g; }
  codegen::VReg xmm_reg(codegen::VReg x) override { return x; }
  codegen::VReg none() override { return codegen::VReg(); }
  bool gpr_type(ir::Type t) override { return t == ir::Type::I32 || t == ir::Type::I64; }
  Width width(ir::Type t) override { return t == ir::Type::I64 ? Width::W64 : Width::W32; }
  bool imm32(uint64_t c, int32_t &imm) override;
  bool simm32(uint64_t c, int32_t &imm) override;
  bool fits_u32(uint64_t c) override { return c <= 0xffffffffu; }
  bool safe_divisor(Width w, bool isSigned, uint64_t c) override {
    const uint64_t v = w == Width::W64 ? c : uint32_t(c), minusOne = w == Width::W64 ? ~0ull : 0xffffffffull;
    return v != 0 && !(isSigned && v == minusOne);
  }
  bool fits_s32(uint64_t c) override { return int64_t(c) == int64_t(int32_t(c)); }
  bool store_imm_fits(ir::Type t, ir::MemAccess a, uint64_t c) override {
    return t != ir::Type::I64 || a != ir::MemAccess::Natural || fits_s32(c);
  }
  uint8_t shift_imm(Width w, uint64_t c) override { return uint8_t(c & (w == Width::W64 ? 63 : 31)); }
  int32_t neg_imm32(uint64_t c) override { return int32_t(0u - uint32_t(c)); }
  bool has_lzcnt() override { return lzcnt_; }
  bool has_tzcnt() override { return bmi1_; }
  bool has_popcnt() override { return popcnt_; }
  CondCode intcc_cond(ir::IntCC cc) override;
  CondCode cond_of(ir::Value c) override;
  CondCode cond_of_current() override;
  CondCode invert(CondCode c) override { return c.inverted(); }
  void trap_when(CondCode c, ir::TrapCode code) override;

  // ---- integer terms (X64LoweringInt.cpp)
  codegen::VReg mov_ri32(uint64_t imm) override;
  codegen::VReg mov_ri64s(uint64_t imm) override;
  codegen::VReg mov_ri64(uint64_t imm) override;
  codegen::VReg zero_gpr() override;
  codegen::VReg alu_rr(Width w, AluOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg alu_ri(Width w, AluOp op, codegen::VReg a, int32_t imm) override;
  codegen::VReg lea_add_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg lea_add_ri(Width w, codegen::VReg a, int32_t imm) override;
  codegen::VReg lea_add_scaled(Width w, codegen::VReg a, codegen::VReg b, uint8_t factor) override;
  codegen::VReg lea_scaled_disp(Width w, codegen::VReg b, uint8_t factor, int32_t imm) override;
  codegen::VReg lea_add_scaled_disp(Width w, codegen::VReg a, codegen::VReg b, uint8_t factor, int32_t imm) override;
  codegen::VReg imul_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg imul_rri(Width w, codegen::VReg a, int32_t imm) override;
  codegen::VReg shift_ri(Width w, ShiftOp op, codegen::VReg a, uint8_t k) override;
  codegen::VReg shift_rc(Width w, ShiftOp op, codegen::VReg a, codegen::VReg n) override;
  codegen::VReg neg_r(Width w, codegen::VReg a) override;
  codegen::VReg lzcnt_r(Width w, codegen::VReg a) override;
  codegen::VReg tzcnt_r(Width w, codegen::VReg a) override;
  codegen::VReg popcnt_r(Width w, codegen::VReg a) override;
  codegen::VReg clz_bsr(Width w, codegen::VReg a) override;
  codegen::VReg ctz_bsf(Width w, codegen::VReg a) override;
  codegen::VReg divrem(Width w, bool isSigned, bool isRem, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg divrem_by_const(Width w, bool isSigned, bool isRem, codegen::VReg a, uint64_t c) override;
  codegen::VReg extend(ExtKind k, codegen::VReg a) override;
  codegen::VReg setcc_zx(CondCode c) override;
  codegen::VReg cmov(Width w, CondCode c, codegen::VReg t, codegen::VReg f) override;
  void cmp_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  void cmp_ri(Width w, codegen::VReg a, int32_t imm) override;
  void test_rr(Width w, codegen::VReg a, codegen::VReg b) override;
  void test_ri(Width w, codegen::VReg a, int32_t imm) override;
  Amode heap_addr(uint32_t mem, ir::Value addr, uint64_t offset, uint32_t bytes, ir::BoundsCheck bounds) override;
  uint32_t access_bytes(ir::Type t, ir::MemAccess a) override;
  Amode addr_bd(codegen::VReg b, int32_t imm) override;
  Amode addr_bid(codegen::VReg b, codegen::VReg i, uint8_t factor, int32_t imm) override;
  Amode addr_id(codegen::VReg i, uint8_t factor, int32_t imm) override;
  Amode addr_d(int32_t imm) override;
  Amode addr32_of(ir::Value v) override;
  codegen::VReg load_gpr(ir::Type t, ir::MemAccess a, Amode at) override;
  codegen::VReg load_xmm(ir::Type t, Amode at) override;
  void store_gpr(ir::Type t, ir::MemAccess a, Amode at, codegen::VReg v) override;
  void store_imm(ir::Type t, ir::MemAccess a, Amode at, uint64_t c) override;
  void store_xmm(ir::Type t, Amode at, codegen::VReg v) override;
  codegen::VReg global_get_gpr(ir::Type t, uint32_t g) override;
  codegen::VReg global_get_xmm(ir::Type t, uint32_t g) override;
  void global_set_value(uint32_t g, ir::Value v) override;

  // ---- floating-point terms (X64LoweringFloat.cpp)
  Width float_width(ir::Type t) override { return t == ir::Type::F64 ? Width::W64 : Width::W32; }
  ir::Type value_type(ir::Value v) override;
  bool value_i32(ir::Value v) override;
  bool has_sse41() override { return sse41_; }
  codegen::VReg fconst_zero() override;
  codegen::VReg fconst_load(Width w, uint64_t bits) override;
  codegen::VReg fop_rr(Width w, FpOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg fop_rc(Width w, FpOp op, codegen::VReg a, uint64_t bits) override;
  codegen::VReg fsqrt_r(Width w, codegen::VReg a) override;
  codegen::VReg fminmax(Width w, bool isMax, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg fbits_rr(FBitOp op, codegen::VReg a, codegen::VReg b) override;
  codegen::VReg fbits_mask(FBitOp op, Width w, codegen::VReg a, uint64_t mask) override;
  codegen::VReg fround(Width w, RoundMode mode, codegen::VReg a) override;
  codegen::VReg fround_nosse41(Width w, RoundMode mode, codegen::VReg a) override;
  codegen::VReg fselect(CondCode c, codegen::VReg t, codegen::VReg f) override;
  codegen::VReg cvt_f2f(Width from, codegen::VReg a) override;
  codegen::VReg cvt_si2f(Width iw, Width fw, codegen::VReg a) override;
  codegen::VReg cvt_u64_to_f(Width fw, codegen::VReg a) override;
  codegen::VReg cvt_f2i_trap(Width fw, Width iw, bool isSigned, codegen::VReg a) override;
  codegen::VReg cvt_f2i_sat(Width fw, Width iw, bool isSigned, codegen::VReg a) override;
  codegen::VReg movd_to_xmm(Width w, codegen::VReg a) override;
  codegen::VReg movd_to_gpr(Width w, codegen::VReg a) override;
  void ucomis(Width w, codegen::VReg a, codegen::VReg b) override;
  CondCode float_flags_cond(FloatFlags f) override;

  // ---- emission helpers (X64Lowering.cpp)
  codegen::VReg newGpr() { return mf().newVReg(codegen::RegClass::Int); }
  codegen::VReg newXmm() { return mf().newVReg(codegen::RegClass::Float); }
  /// Appends form `op`; `slots[k]` names the MachInst operand feeding form operand k
  /// (kNoOperand for immediates and memory), `mem` the memory operand if the form has one.
  codegen::InstId form(Opcode op, std::initializer_list<codegen::Operand> ops,
                       std::array<uint32_t, 3> slots, int64_t imm = 0, Cond cc = Cond::O,
                       const MemRef *mem = nullptr);
  /// d = a OP b in two-address form (`op` is the rr or ri form).
  codegen::VReg binary(Opcode op, codegen::VReg a, codegen::VReg b);
  codegen::VReg binaryImm(Opcode op, codegen::VReg a, int64_t imm);
  /// d = [base + disp] (a 64-bit load from a vreg-held pointer, e.g. vmctx fields).
  codegen::VReg loadPtr(codegen::VReg base, int32_t disp);
  /// A store form `op` to `at` of register `v`, or of the immediate `imm` when v is invalid.
  void storeTo(Opcode op, const Amode &at, codegen::VReg v, int64_t imm = 0);
  /// A load or store form at `at`: the address's registers (base, index: those
  /// present) are its first operands, then `rest` (the loaded def or the stored
  /// value, when valid) in form slot `restSlot`.
  codegen::InstId accessForm(Opcode op, const Amode &at, codegen::Operand rest, uint32_t restSlot, int64_t imm = 0);
  codegen::InstId macro(MacroOp op, std::initializer_list<codegen::Operand> ops, int64_t imm = 0);
  codegen::VReg vmctx() const { return vmctx_; }
  /// The index of a constant-pool entry holding `bytes` (16-byte aligned; equal
  /// entries of one function are shared). Use with Pseudo::LoadRodata / LeaRodata
  /// (payload = the index) or MemRef::kRodata (disp = the index).
  uint32_t constant(std::span<const uint8_t> bytes);
  /// Runs the cond program on `inst` (an icmp/fcmp); nullopt if no rule applies.
  std::optional<CondCode> lowerCondition(const ir::Inst &inst);

private:
  // X64LoweringCalls.cpp
  bool lowerCall(const ir::Inst &inst);
  bool lowerRuntimeOp(const ir::Inst &inst);
  /// Emits a call of `code` (a vreg, or function `direct` when code is invalid) with
  /// `args` (vmctx first) and returns the result vregs.
  std::vector<codegen::VReg> emitCall(codegen::VReg code, int64_t direct, std::span<const codegen::VReg> args,
                                      std::span<const ir::Type> argTypes, std::span<const ir::Type> resultTypes,
                                      bool zeroExtendI32Results);
  std::vector<codegen::VReg> callBuiltin(codegen::Builtin b, std::span<const codegen::VReg> args,
                                         std::span<const ir::Type> argTypes, std::span<const ir::Type> results);
  void checkBuiltinStatus(codegen::VReg status, ir::TrapCode code);

  X64Code &code_;
  const codegen::VMContextLayout &vmctxLayout_;
  const codegen::CodegenOptions &options_;
  codegen::VReg vmctx_;
  codegen::VReg retArea_; ///< the hidden return-area pointer (functions with several results)
  /// Base of each 32-bit memory, loaded once at entry (docs/abi.md: it never
  /// moves while an instance lives); invalid until an access asks for it.
  std::vector<codegen::VReg> memoryBase_;
  bool lzcnt_ = false, bmi1_ = false, popcnt_ = false, sse41_ = false;
};

} // namespace wasmaot::isa::x64
