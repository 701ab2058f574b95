// RV64Lowering: the driver hooks (entry, terminators), the RV64 TargetDesc,
// emission helpers, immediates and condition handling. See RV64Lowering.h for
// the file map.
#include "isa/riscv64/RV64Lowering.h"

#include "codegen/TargetDesc.h"
#include "isa/riscv64/Immediates.h"

#include <cassert>

namespace wasmaot::isa::riscv64 {

using MOp = codegen::Operand;
using codegen::VReg;
using R = ::wasmaot::isa::riscv64::Operand;

const codegen::TargetDesc &rv64TargetDesc() {
  static const codegen::TargetDesc desc = [] {
    codegen::TargetDesc t;
    t.name = "riscv64";
    for (unsigned g = 0; g < kNumGprs; ++g)
      t.regs.push_back({std::string(gprName(Gpr(g))), codegen::RegClass::Int, uint8_t(g),
                        lp64d::isCalleeSaved(Gpr(g))});
    for (unsigned f = 0; f < kNumFprs; ++f)
      t.regs.push_back({std::string(fprName(Fpr(f))), codegen::RegClass::Float, uint8_t(f),
                        lp64d::isCalleeSaved(Fpr(f))});
    // Caller-saved first (free across leaf code), then callee-saved (cost a save).
    // Never allocated: zero, ra, sp, gp, tp, s0 (frame pointer), t0/t1 (scratch), ft11 (scratch).
    for (Gpr g : {Gpr::T2, Gpr::T3, Gpr::T4, Gpr::T5, Gpr::T6})
      t.allocatable[0].push_back(preg(g));
    for (Gpr g : lp64d::kIntArgs)
      t.allocatable[0].push_back(preg(g));
    for (Gpr g : lp64d::kCalleeSavedGprs)
      if (g != lp64d::kFp)
        t.allocatable[0].push_back(preg(g));
    for (Fpr f : {Fpr::Ft0, Fpr::Ft1, Fpr::Ft2, Fpr::Ft3, Fpr::Ft4, Fpr::Ft5, Fpr::Ft6, Fpr::Ft7, Fpr::Ft8,
                  Fpr::Ft9, Fpr::Ft10})
      t.allocatable[1].push_back(preg(f));
    for (Fpr f : lp64d::kFloatArgs)
      t.allocatable[1].push_back(preg(f));
    for (Fpr f : lp64d::kCalleeSavedFprs)
      t.allocatable[1].push_back(preg(f));
    t.scratch = {preg(kScratch), preg(kFpScratch)};
    // Only f32/f64 live in FP registers (no v128 until the V extension): 8-byte
    // slots; LP64D preserves all 64 bits of fs0..fs11.
    t.spillSize = {8, 8};
    t.spillAlign = {8, 8};
    t.calleeSaveSize = {8, 8};
    t.stackAlignment = lp64d::kStackAlignment;
    t.frameRecordSize = 16;
    return t;
  }();
  return desc;
}

RV64Lowering::RV64Lowering(const ir::Module &module, const ir::Function &function,
                           const codegen::VMContextLayout &vmctx, const codegen::CodegenOptions &options,
                           RV64Code &out)
    : FunctionLowering(module, function, out.mf), code_(out), vmctxLayout_(vmctx), options_(options),
      zba_(options.hasFeature("zba")), zbb_(options.hasFeature("zbb")) {
  vmctx_ = newGpr();
  if (function.signature().results.size() > 1)
    retArea_ = newGpr();
}

// ---- emission helpers

codegen::InstId RV64Lowering::form(const Inst &inst, std::initializer_list<MOp> ops,
                                   std::initializer_list<uint32_t> slots, uint8_t trap) {
  codegen::InstId id = emit(uint32_t(inst.op), ops, packFormAux(slots));
  mf().inst(id).payload = uint32_t(code_.forms.size());
  code_.forms.push_back({inst, trap});
  return id;
}

namespace {
R x0() { return R::r(Gpr::Zero); }
R f0() { return R::r(Fpr::F0); }
R regOf(OperandKind k) { return k == OperandKind::F ? f0() : x0(); }
} // namespace

VReg RV64Lowering::rrr(Opcode op, VReg a, VReg b, codegen::RegClass dcls, Rm rm) {
  VReg d = mf().newVReg(dcls);
  const InstrDesc &dd = desc(op);
  Inst inst(op, {regOf(dd.operands[0]), regOf(dd.operands[1]), regOf(dd.operands[2])});
  inst.rm = rm;
  form(inst, {MOp::use(a), MOp::use(b), MOp::def(d)}, {2, 0, 1});
  return d;
}

VReg RV64Lowering::rr(Opcode op, VReg a, codegen::RegClass dcls, Rm rm) {
  VReg d = mf().newVReg(dcls);
  const InstrDesc &dd = desc(op);
  Inst inst(op, {regOf(dd.operands[0]), regOf(dd.operands[1])});
  inst.rm = rm;
  form(inst, {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

VReg RV64Lowering::rri(Opcode op, VReg a, int64_t imm) {
  VReg d = newGpr();
  form(Inst(op, {x0(), x0(), R::i(imm)}), {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

VReg RV64Lowering::loadAt(Opcode op, VReg base, int64_t disp, codegen::RegClass cls) {
  VReg d = mf().newVReg(cls);
  R r = cls == codegen::RegClass::Float ? f0() : x0();
  if (!isSimm12(disp)) {
    base = rrr(Opcode::ADD, base, li(disp), codegen::RegClass::Int);
    disp = 0;
  }
  form(Inst(op, {r, R::m(Mem::at(Gpr::Zero, int32_t(disp)))}), {MOp::use(base), MOp::def(d)}, {1, 0});
  return d;
}

void RV64Lowering::storeAt(Opcode op, VReg base, int64_t disp, VReg v) {
  R r = mf().vreg(v).cls == codegen::RegClass::Float ? f0() : x0();
  if (!isSimm12(disp)) {
    base = rrr(Opcode::ADD, base, li(disp), codegen::RegClass::Int);
    disp = 0;
  }
  form(Inst(op, {r, R::m(Mem::at(Gpr::Zero, int32_t(disp)))}), {MOp::use(v), MOp::use(base)}, {0, 1});
}

uint32_t RV64Lowering::constant(uint64_t bits) {
  for (uint32_t i = 0; i < code_.constants.size(); ++i)
    if (code_.constants[i] == bits)
      return i;
  code_.constants.push_back(bits);
  return uint32_t(code_.constants.size() - 1);
}

// ---- immediates

int64_t RV64Lowering::sext_imm(ir::Type t, uint64_t c) {
  return t == ir::Type::I64 ? int64_t(c) : int64_t(int32_t(uint32_t(c)));
}

bool RV64Lowering::simm12(ir::Type t, uint64_t c) { return isSimm12(sext_imm(t, c)); }

int64_t RV64Lowering::neg_imm(ir::Type t, uint64_t c) {
  // -INT_MIN wraps to itself, which is never a simm12: neg_simm12 refuses it.
  return int64_t(uint64_t(0) - uint64_t(sext_imm(t, c)));
}

bool RV64Lowering::neg_simm12(ir::Type t, uint64_t c) { return isSimm12(neg_imm(t, c)); }

// ---- conditions

CondCode RV64Lowering::cond_cmp(ir::IntCC cc, VReg a, VReg b) {
  // gt/le are lt/ge with the operands swapped; b invalid is the zero register,
  // which only the swapped forms move to the first position.
  auto swapped = [&](BrCond c) { return CondCode{c, b, a}; };
  switch (cc) {
  case ir::IntCC::Eq: return {BrCond::Eq, a, b};
  case ir::IntCC::Ne: return {BrCond::Ne, a, b};
  case ir::IntCC::Slt: return {BrCond::Lt, a, b};
  case ir::IntCC::Sge: return {BrCond::Ge, a, b};
  case ir::IntCC::Ult: return {BrCond::Ltu, a, b};
  case ir::IntCC::Uge: return {BrCond::Geu, a, b};
  case ir::IntCC::Sgt: return swapped(BrCond::Lt);
  case ir::IntCC::Sle: return swapped(BrCond::Ge);
  case ir::IntCC::Ugt: return swapped(BrCond::Ltu);
  case ir::IntCC::Ule: return swapped(BrCond::Geu);
  }
  return {BrCond::Eq, a, b};
}

void RV64Lowering::condOperands(const CondCode &c, std::vector<MOp> &ops) {
  // Either register may be the zero register (a compare against 0, swapped or
  // not): only the present ones are operands (CondCode::pack says which).
  if (c.a.valid())
    ops.push_back(MOp::use(c.a));
  if (c.b.valid())
    ops.push_back(MOp::use(c.b));
}

std::optional<CondCode> RV64Lowering::lowerCondition(const ir::Inst &inst) {
  return lower(static_cast<RV64CondContext &>(*this), inst);
}

CondCode RV64Lowering::cond_of(ir::Value c) {
  const ir::Inst *d = defOfValue(c);
  if (d && (d->op == ir::Opcode::Icmp || d->op == ir::Opcode::Fcmp) && canAbsorbValue(c)) {
    if (std::optional<CondCode> cc = lowerCondition(*d)) {
      absorb(*d);
      return *cc;
    }
  }
  return cond_nez(valueReg(c));
}

CondCode RV64Lowering::cond_of_current() {
  if (std::optional<CondCode> cc = lowerCondition(*currentInst()))
    return *cc;
  fail("no condition rule for this comparison");
  return {};
}

void RV64Lowering::trap_when(CondCode c, ir::TrapCode code) {
  std::vector<MOp> ops;
  condOperands(c, ops);
  emit(uint32_t(Pseudo::TrapIf), std::span<const MOp>(ops), c.pack(), int64_t(code));
}

// ---- driver hooks

namespace {
bool isFloatType(ir::Type t) { return t == ir::Type::F32 || t == ir::Type::F64 || t == ir::Type::V128; }
} // namespace

void RV64Lowering::lowerEntry(std::span<const ir::Value> params) {
  // The Args pseudo defines the raw incoming registers (LP64D: integers in
  // a0..a7, floats in fa0..fa7 and, once those run out, in the integer
  // registers left); the rest is loaded from the caller's frame above the frame
  // record ([s0 + 16]). i32 parameters are re-sign-extended (machine.rules).
  std::vector<MOp> defs;
  defs.push_back(MOp::defFixed(vmctx_, preg(Gpr::A0)));
  unsigned nextInt = 1, nextFloat = 0;
  if (retArea_.valid())
    defs.push_back(MOp::defFixed(retArea_, preg(lp64d::kIntArgs[nextInt++])));
  enum class Where : uint8_t { Reg, FloatInGpr, Stack };
  struct Pending { ir::Value param; VReg raw; Where where; int32_t stackOffset; };
  std::vector<Pending> pending;
  int32_t stackOffset = 16; // above the frame record {s0, ra}
  for (ir::Value p : params) {
    ir::Type t = irFunction().typeOf(p);
    if (isFloatType(t) && nextFloat < lp64d::kFloatArgs.size()) {
      VReg raw = mf().newVRegFor(t);
      defs.push_back(MOp::defFixed(raw, preg(lp64d::kFloatArgs[nextFloat++])));
      pending.push_back({p, raw, Where::Reg, -1});
    } else if (nextInt < lp64d::kIntArgs.size()) {
      VReg raw = newGpr();
      defs.push_back(MOp::defFixed(raw, preg(lp64d::kIntArgs[nextInt++])));
      pending.push_back({p, raw, isFloatType(t) ? Where::FloatInGpr : Where::Reg, -1});
    } else {
      pending.push_back({p, mf().newVRegFor(t), Where::Stack, stackOffset});
      stackOffset += t == ir::Type::V128 ? 16 : 8;
    }
  }
  emit(uint32_t(Pseudo::Args), std::span<const MOp>(defs));
  for (uint32_t mem = 0; mem < memoryBase_.size(); ++mem)
    if (memoryBase_[mem].valid()) {
      int64_t disp = int64_t(vmctxLayout_.memoryBase(mem));
      assert(isSimm12(disp) && "vmctx memory fields are within a simm12");
      form(Inst(Opcode::LD, {x0(), R::m(Mem::at(Gpr::Zero, int32_t(disp)))}),
           {MOp::use(vmctx_), MOp::def(memoryBase_[mem])}, {1, 0});
    }
  for (const Pending &q : pending) {
    if (!isDemanded(q.param))
      continue;
    ir::Type t = irFunction().typeOf(q.param);
    VReg v = q.raw;
    if (q.where == Where::Stack) {
      Opcode op = t == ir::Type::F32 ? Opcode::FLW
                  : t == ir::Type::F64 ? Opcode::FLD
                  : t == ir::Type::I32 ? Opcode::LW // sign-extends
                                       : Opcode::LD;
      R r = isFloatType(t) ? f0() : x0();
      if (isSimm12(q.stackOffset)) {
        form(Inst(op, {r, R::m(Mem::at(lp64d::kFp, q.stackOffset))}), {MOp::def(v)}, {0, kKeep});
      } else {
        VReg k = li(q.stackOffset);
        VReg at = newGpr();
        form(Inst(Opcode::ADD, {x0(), R::r(lp64d::kFp), x0()}), {MOp::use(k), MOp::def(at)}, {1, kKeep, 0});
        form(Inst(op, {r, R::m(Mem::at(Gpr::Zero, 0))}), {MOp::use(at), MOp::def(v)}, {1, 0});
      }
    } else if (q.where == Where::FloatInGpr) {
      v = fmv_to_fpr(float_width(t), q.raw);
    } else if (t == ir::Type::I32) {
      v = alu_r(Width::W64, UnOp::SextW, q.raw);
    }
    setValueReg(q.param, v);
  }
}

bool RV64Lowering::lowerInst(const ir::Inst &inst) {
  if (std::optional<VReg> r = lower(static_cast<RV64LowerContext &>(*this), inst)) {
    if (inst.numResults == 1 && r->valid())
      setValueReg(inst.result(0), *r);
    return true;
  }
  switch (inst.op) {
  case ir::Opcode::Call:
  case ir::Opcode::CallIndirect:
  case ir::Opcode::CallRef:
    return lowerCall(inst);
  default:
    return lowerRuntimeOp(inst);
  }
}

void RV64Lowering::emitJump(codegen::BranchTarget target) {
  std::vector<codegen::BranchTarget> targets;
  targets.push_back(std::move(target));
  mf().appendBranch(currentBlock(), uint32_t(Pseudo::Jmp), std::initializer_list<MOp>{}, std::move(targets));
}

bool RV64Lowering::lowerTerminator(const ir::Inst &inst) {
  switch (inst.op) {
  case ir::Opcode::Jump:
    emitJump(edgeTarget(0));
    return true;
  case ir::Opcode::Brif: {
    CondCode cc = cond_of(inst.operand(0));
    std::vector<MOp> ops;
    condOperands(cc, ops);
    std::vector<codegen::BranchTarget> targets;
    targets.push_back(edgeTarget(0));
    targets.push_back(edgeTarget(1));
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Br), std::span<const MOp>(ops), std::move(targets),
                      cc.pack());
    return true;
  }
  case ir::Opcode::BrTable: {
    // Entry min(index, n) of a table of n + 1 targets (the default last).
    std::vector<codegen::BranchTarget> targets;
    std::vector<codegen::BlockId> blocks;
    for (unsigned t = 0; t < inst.numTargets; ++t) {
      targets.push_back(edgeTarget(t));
      blocks.push_back(targets.back().block);
    }
    if (inst.numTargets == 1) {
      emitJump(std::move(targets[0]));
      return true;
    }
    VReg addr = newGpr();
    uint32_t table = uint32_t(code_.jumpTables.size());
    code_.jumpTables.push_back(std::move(blocks));
    emit(uint32_t(Pseudo::JumpTableAddr), {MOp::defEarly(addr), MOp::use(valueReg(inst.operand(0)))}, 0,
         table);
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::JmpTable), {MOp::use(addr)}, std::move(targets));
    return true;
  }
  case ir::Opcode::Return: {
    std::vector<MOp> uses;
    const auto &results = irFunction().signature().results;
    if (results.size() == 1) {
      ir::Type t = results[0];
      uses.push_back(MOp::useFixed(valueReg(inst.operand(0)), isFloatType(t) ? preg(Fpr::Fa0) : preg(Gpr::A0)));
    } else if (results.size() > 1) {
      int32_t off = 0;
      for (unsigned i = 0; i < results.size(); ++i) {
        ir::Type t = results[i];
        Opcode op = t == ir::Type::F32 ? Opcode::FSW
                    : t == ir::Type::F64 ? Opcode::FSD
                    : t == ir::Type::I32 ? Opcode::SW
                                         : Opcode::SD;
        storeAt(op, retArea_, off, valueReg(inst.operand(i)));
        off += 8;
      }
    }
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Ret), std::span<const MOp>(uses), {});
    return true;
  }
  case ir::Opcode::Trap:
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Trap), std::initializer_list<MOp>{}, {}, 0,
                      int64_t(inst.trapCode()));
    return true;
  default:
    return false;
  }
}

} // namespace wasmaot::isa::riscv64
