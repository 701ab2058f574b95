// A64Lowering: the driver hooks (entry, terminators), the AArch64 TargetDesc,
// emission helpers and condition handling. See A64Lowering.h for the file map.
#include "isa/aarch64/A64Lowering.h"

#include "codegen/TargetDesc.h"
#include "isa/aarch64/Immediates.h"

#include <cassert>

namespace wasmaot::isa::aarch64 {

using MOp = codegen::Operand;
using codegen::VReg;
using A = ::wasmaot::isa::aarch64::Operand;

const codegen::TargetDesc &a64TargetDesc() {
  static const codegen::TargetDesc desc = [] {
    codegen::TargetDesc t;
    t.name = "aarch64";
    for (unsigned g = 0; g < kNumGprs; ++g)
      t.regs.push_back({std::string(gprName(Gpr(g), true)), codegen::RegClass::Int, uint8_t(g),
                        aapcs64::isCalleeSaved(Gpr(g))});
    // PReg 31 is sp: named so that PReg = encoding holds for every GPR, never allocated.
    t.regs.push_back({"sp", codegen::RegClass::Int, 31, true});
    for (unsigned v = 0; v < kNumVregs; ++v)
      t.regs.push_back({"d" + std::to_string(v), codegen::RegClass::Float, uint8_t(v),
                        aapcs64::isCalleeSavedLow64(Vreg(v))});
    // Caller-saved first (free across leaf code), then callee-saved (cost a save).
    // Never allocated: x16 and x17 (scratch, and a linker veneer may clobber them),
    // x18 (platform register), x29 (frame pointer), x30 (link register), v31 (scratch).
    for (unsigned g = 9; g <= 15; ++g)
      t.allocatable[0].push_back(preg(Gpr(g)));
    for (unsigned g = 0; g <= 8; ++g)
      t.allocatable[0].push_back(preg(Gpr(g)));
    for (Gpr g : aapcs64::kCalleeSavedGprs)
      t.allocatable[0].push_back(preg(g));
    for (unsigned v = 16; v <= 30; ++v)
      t.allocatable[1].push_back(preg(Vreg(v)));
    for (unsigned v = 0; v <= 7; ++v)
      t.allocatable[1].push_back(preg(Vreg(v)));
    for (Vreg v : aapcs64::kCalleeSavedVregsLow64)
      t.allocatable[1].push_back(preg(v));
    t.scratch = {preg(kScratch), preg(kFpScratch)};
    // Only f32/f64 live in FP registers (no v128 until SIMD): 8-byte slots, and
    // AAPCS64 preserves exactly the low 8 bytes of v8..v15.
    t.spillSize = {8, 8};
    t.spillAlign = {8, 8};
    t.calleeSaveSize = {8, 8};
    t.stackAlignment = aapcs64::kStackAlignment;
    t.frameRecordSize = 16;
    return t;
  }();
  return desc;
}

A64Lowering::A64Lowering(const ir::Module &module, const ir::Function &function,
                         const codegen::VMContextLayout &vmctx, const codegen::CodegenOptions &options, A64Code &out)
    : FunctionLowering(module, function, out.mf), code_(out), vmctxLayout_(vmctx), options_(options) {
  vmctx_ = newGpr();
  if (function.signature().results.size() > 1)
    retArea_ = newGpr();
}

// ---- emission helpers

codegen::InstId A64Lowering::form(const Inst &inst, std::initializer_list<MOp> ops,
                                  std::initializer_list<uint32_t> slots, uint32_t memBase, uint32_t memIndex,
                                  uint8_t trap) {
  codegen::InstId id = emit(uint32_t(inst.op), ops, packFormAux(slots, memBase, memIndex));
  mf().inst(id).payload = uint32_t(code_.forms.size());
  code_.forms.push_back({inst, trap});
  return id;
}

namespace {
A gpr0() { return A::r(Gpr::X0); }
A fpr0() { return A::r(Vreg::V0); }
} // namespace

VReg A64Lowering::rrr(Opcode op, VReg a, VReg b, codegen::RegClass cls) {
  VReg d = mf().newVReg(cls);
  const bool fp = cls == codegen::RegClass::Float;
  A r = fp ? fpr0() : gpr0();
  form(Inst(op, {r, r, r}), {MOp::use(a), MOp::use(b), MOp::def(d)}, {2, 0, 1});
  return d;
}

VReg A64Lowering::rr(Opcode op, VReg a, codegen::RegClass dcls) {
  VReg d = mf().newVReg(dcls);
  const InstrDesc &dd = desc(op);
  A o0 = isFpr(dd.operands[0]) ? fpr0() : gpr0();
  A o1 = isFpr(dd.operands[1]) ? fpr0() : gpr0();
  form(Inst(op, {o0, o1}), {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

namespace {
// The unscaled (us) and register-offset (ro) forms follow the unsigned-offset
// (ui) form of each load/store in the table (A64_LDST in Instructions.def).
Opcode unscaled(Opcode ui) { return Opcode(uint16_t(ui) + 1); }
Opcode regOffset(Opcode ui) { return Opcode(uint16_t(ui) + 2); }
static_assert(Opcode(uint16_t(Opcode::LDRXui) + 1) == Opcode::LDRXus);
static_assert(Opcode(uint16_t(Opcode::LDRXui) + 2) == Opcode::LDRXro);
static_assert(Opcode(uint16_t(Opcode::STRBui) + 2) == Opcode::STRBro);
static_assert(Opcode(uint16_t(Opcode::LDRDui) + 2) == Opcode::LDRDro);

bool fitsScaled(int64_t disp, unsigned size) { return disp >= 0 && disp % size == 0 && disp / size <= 4095; }
bool fitsUnscaled(int64_t disp) { return disp >= -256 && disp <= 255; }
} // namespace

VReg A64Lowering::loadAt(Opcode ui, VReg base, int64_t disp, unsigned size, codegen::RegClass cls) {
  VReg d = mf().newVReg(cls);
  A r = cls == codegen::RegClass::Float ? fpr0() : gpr0();
  if (fitsScaled(disp, size) || fitsUnscaled(disp)) {
    Opcode op = fitsScaled(disp, size) ? ui : unscaled(ui);
    form(Inst(op, {r, A::m(Mem::at(Gpr::X0, int32_t(disp)))}), {MOp::use(base), MOp::def(d)}, {1, kKeep}, 0);
  } else {
    VReg k = mov_imm(Width::W64, uint64_t(disp));
    form(Inst(regOffset(ui), {r, A::m(Mem::reg(Gpr::X0, Gpr::X0))}),
         {MOp::use(base), MOp::use(k), MOp::def(d)}, {2, kKeep}, 0, 1);
  }
  return d;
}

void A64Lowering::storeAt(Opcode ui, VReg base, int64_t disp, unsigned size, VReg v) {
  A r = mf().vreg(v).cls == codegen::RegClass::Float ? fpr0() : gpr0();
  if (fitsScaled(disp, size) || fitsUnscaled(disp)) {
    Opcode op = fitsScaled(disp, size) ? ui : unscaled(ui);
    form(Inst(op, {r, A::m(Mem::at(Gpr::X0, int32_t(disp)))}), {MOp::use(base), MOp::use(v)}, {1, kKeep}, 0);
  } else {
    VReg k = mov_imm(Width::W64, uint64_t(disp));
    form(Inst(regOffset(ui), {r, A::m(Mem::reg(Gpr::X0, Gpr::X0))}),
         {MOp::use(base), MOp::use(k), MOp::use(v)}, {2, kKeep}, 0, 1);
  }
}

VReg A64Lowering::loadPtr(VReg base, int64_t disp) {
  return loadAt(Opcode::LDRXui, base, disp, 8, codegen::RegClass::Int);
}

codegen::InstId A64Lowering::macro(MacroOp op, std::initializer_list<MOp> ops, int64_t imm) {
  return emit(uint32_t(Pseudo::Macro), ops, uint32_t(op), imm);
}

uint32_t A64Lowering::constant(uint64_t bits) {
  for (uint32_t i = 0; i < code_.constants.size(); ++i)
    if (code_.constants[i] == bits)
      return i;
  code_.constants.push_back(bits);
  return uint32_t(code_.constants.size() - 1);
}

// ---- immediates

bool A64Lowering::aimm(uint64_t c, uint64_t &imm) {
  if (c <= 0xfff || (c <= 0xfff000 && (c & 0xfff) == 0)) {
    imm = c;
    return true;
  }
  return false;
}

bool A64Lowering::aimm_neg32(uint64_t c, uint64_t &imm) {
  uint64_t n = uint32_t(-uint32_t(c));
  return n != 0 && aimm(n, imm);
}

bool A64Lowering::aimm_neg64(uint64_t c, uint64_t &imm) {
  uint64_t n = uint64_t(0) - c;
  return n != 0 && aimm(n, imm);
}

bool A64Lowering::limm32(uint64_t c, uint64_t &imm) {
  if (c > 0xffffffffu || !isLogicalImm(c, 32))
    return false;
  imm = c;
  return true;
}

bool A64Lowering::limm64(uint64_t c, uint64_t &imm) {
  if (!isLogicalImm(c, 64))
    return false;
  imm = c;
  return true;
}

// ---- conditions

CondCode A64Lowering::intcc_cond(ir::IntCC cc) {
  switch (cc) {
  case ir::IntCC::Eq: return {Cond::EQ};
  case ir::IntCC::Ne: return {Cond::NE};
  case ir::IntCC::Slt: return {Cond::LT};
  case ir::IntCC::Sle: return {Cond::LE};
  case ir::IntCC::Sgt: return {Cond::GT};
  case ir::IntCC::Sge: return {Cond::GE};
  case ir::IntCC::Ult: return {Cond::LO};
  case ir::IntCC::Ule: return {Cond::LS};
  case ir::IntCC::Ugt: return {Cond::HI};
  case ir::IntCC::Uge: return {Cond::HS};
  }
  return {Cond::EQ};
}

std::optional<CondCode> A64Lowering::lowerCondition(const ir::Inst &inst) {
  return lower(static_cast<A64CondContext &>(*this), inst);
}

CondCode A64Lowering::cond_of(ir::Value c) {
  bool absorbable;
  if (const ir::Inst *d = conditionToLower(c, absorbable)) {
    if (std::optional<CondCode> cc = lowerCondition(*d)) {
      if (absorbable)
        absorb(*d);
      return *cc;
    }
  }
  // trapz/trapnz take any integer: an i64 is compared whole.
  cmp_ri(irFunction().typeOf(c) == ir::Type::I64 ? Width::W64 : Width::W32, valueReg(c), 0);
  return {Cond::NE};
}

CondCode A64Lowering::cond_of_current() {
  if (std::optional<CondCode> cc = lowerCondition(*currentInst()))
    return *cc;
  fail("no condition rule for this comparison");
  return {Cond::EQ};
}

void A64Lowering::trap_when(CondCode c, ir::TrapCode code) {
  emit(uint32_t(Pseudo::TrapIf), std::initializer_list<MOp>{}, c.pack(), int64_t(code));
}

void A64Lowering::trap_if_zero(Width w, VReg a, ir::TrapCode code) {
  emit(uint32_t(Pseudo::TrapIfZero), {MOp::use(a)}, w == Width::W64 ? 1 : 0, int64_t(code));
}

// ---- driver hooks

namespace {
bool isFloatType(ir::Type t) { return t == ir::Type::F32 || t == ir::Type::F64 || t == ir::Type::V128; }
} // namespace

void A64Lowering::lowerEntry(std::span<const ir::Value> params) {
  // The Args pseudo defines the raw incoming registers; stack arguments are
  // loaded from the caller's frame (above the frame record, [x29, #16]); i32
  // parameters are zero-extended because AAPCS64 leaves bits 63:32 of a 32-bit
  // argument unspecified.
  std::vector<MOp> defs;
  defs.push_back(MOp::defFixed(vmctx_, preg(Gpr::X0)));
  unsigned nextInt = 1, nextFloat = 0;
  if (retArea_.valid())
    defs.push_back(MOp::defFixed(retArea_, preg(aapcs64::kIntArgs[nextInt++])));
  struct Pending { ir::Value param; VReg raw; int32_t stackOffset; };
  std::vector<Pending> pending;
  int32_t stackOffset = 16; // above the frame record {x29, x30}
  for (ir::Value p : params) {
    ir::Type t = irFunction().typeOf(p);
    VReg raw = mf().newVRegFor(t);
    if (!isFloatType(t) && nextInt < aapcs64::kIntArgs.size()) {
      defs.push_back(MOp::defFixed(raw, preg(aapcs64::kIntArgs[nextInt++])));
      pending.push_back({p, raw, -1});
    } else if (isFloatType(t) && nextFloat < aapcs64::kFloatArgs.size()) {
      defs.push_back(MOp::defFixed(raw, preg(aapcs64::kFloatArgs[nextFloat++])));
      pending.push_back({p, raw, -1});
    } else {
      pending.push_back({p, raw, stackOffset});
      stackOffset += t == ir::Type::V128 ? 16 : 8;
    }
  }
  emit(uint32_t(Pseudo::Args), std::span<const MOp>(defs));
  for (uint32_t mem = 0; mem < memoryBase_.size(); ++mem)
    if (memoryBase_[mem].valid()) {
      int64_t disp = int64_t(vmctxLayout_.memoryBase(mem));
      assert(fitsScaled(disp, 8) && "vmctx memory fields are within the ldr offset range");
      form(Inst(Opcode::LDRXui, {gpr0(), A::m(Mem::at(Gpr::X0, int32_t(disp)))}),
           {MOp::use(vmctx_), MOp::def(memoryBase_[mem])}, {1, kKeep}, 0);
    }
  for (const Pending &q : pending) {
    if (!isDemanded(q.param))
      continue;
    ir::Type t = irFunction().typeOf(q.param);
    VReg v = q.raw;
    if (q.stackOffset >= 0) {
      assert(fitsScaled(q.stackOffset, 8) && "incoming stack arguments are within the ldr offset range");
      Opcode op = t == ir::Type::F32 ? Opcode::LDRSui
                  : t == ir::Type::F64 ? Opcode::LDRDui
                  : t == ir::Type::I32 ? Opcode::LDRWui
                                       : Opcode::LDRXui;
      A r = isFloatType(t) ? fpr0() : gpr0();
      // ldr s needs a multiple of 4, ldr w of 4, ldr d/x of 8: every slot offset is a multiple of 8.
      form(Inst(op, {r, A::m(Mem::at(kFp, q.stackOffset))}), {MOp::def(v)}, {0, kKeep});
    } else if (t == ir::Type::I32) {
      v = extend(ExtKind::Zx32To64, q.raw);
    }
    setValueReg(q.param, v);
  }
}

bool A64Lowering::lowerInst(const ir::Inst &inst) {
  if (std::optional<VReg> r = lower(static_cast<A64LowerContext &>(*this), inst)) {
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

void A64Lowering::emitJump(codegen::BranchTarget target) {
  std::vector<codegen::BranchTarget> targets;
  targets.push_back(std::move(target));
  mf().appendBranch(currentBlock(), uint32_t(Pseudo::Jmp), std::initializer_list<MOp>{}, std::move(targets));
}

bool A64Lowering::lowerTerminator(const ir::Inst &inst) {
  switch (inst.op) {
  case ir::Opcode::Jump:
    emitJump(edgeTarget(0));
    return true;
  case ir::Opcode::Brif: {
    CondCode cc = cond_of(inst.operand(0));
    std::vector<codegen::BranchTarget> targets;
    targets.push_back(edgeTarget(0));
    targets.push_back(edgeTarget(1));
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Bcc), std::initializer_list<MOp>{}, std::move(targets),
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
      uses.push_back(MOp::useFixed(valueReg(inst.operand(0)), isFloatType(t) ? preg(Vreg::V0) : preg(Gpr::X0)));
    } else if (results.size() > 1) {
      int32_t off = 0;
      for (unsigned i = 0; i < results.size(); ++i) {
        ir::Type t = results[i];
        VReg v = valueReg(inst.operand(i));
        Opcode op = t == ir::Type::F32 ? Opcode::STRSui
                    : t == ir::Type::F64 ? Opcode::STRDui
                    : t == ir::Type::I32 ? Opcode::STRWui
                                         : Opcode::STRXui;
        storeAt(op, retArea_, off, t == ir::Type::F32 || t == ir::Type::I32 ? 4 : 8, v);
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

} // namespace wasmaot::isa::aarch64
