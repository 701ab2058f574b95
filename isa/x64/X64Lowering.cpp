// X64Lowering: the driver hooks (entry, terminators), the x86-64 TargetDesc,
// emission helpers and condition handling. See X64Lowering.h for the file map.
#include "isa/x64/X64Lowering.h"

#include "codegen/TargetDesc.h"

#include <algorithm>
#include <cassert>

namespace wasmaot::isa::x64 {

using codegen::Operand;
using codegen::VReg;

const codegen::TargetDesc &x64TargetDesc() {
  static const codegen::TargetDesc desc = [] {
    codegen::TargetDesc t;
    t.name = "x86_64";
    for (unsigned g = 0; g < kNumGprs; ++g)
      t.regs.push_back({std::string(gprName(Gpr(g), GprWidth::W64)), codegen::RegClass::Int, uint8_t(g),
                        sysv::isCalleeSaved(Gpr(g))});
    for (unsigned x = 0; x < kNumXmms; ++x)
      t.regs.push_back({std::string(xmmName(Xmm(x))), codegen::RegClass::Float, uint8_t(x), false});
    // Caller-saved first (free across leaf code), then callee-saved (cost a save).
    // rsp and rbp (frame pointer) are never allocated; r11 and xmm15 are the scratch
    // registers of the move resolver and of the emitter's idioms.
    for (Gpr g : {Gpr::Rax, Gpr::Rcx, Gpr::Rdx, Gpr::Rsi, Gpr::Rdi, Gpr::R8, Gpr::R9, Gpr::R10, Gpr::Rbx,
                  Gpr::R12, Gpr::R13, Gpr::R14, Gpr::R15})
      t.allocatable[0].push_back(preg(g));
    for (unsigned x = 0; x < 15; ++x)
      t.allocatable[1].push_back(preg(Xmm(x)));
    t.scratch = {preg(Gpr::R11), preg(Xmm::Xmm15)};
    t.spillSize = {8, 16};
    t.spillAlign = {8, 16};
    t.calleeSaveSize = {8, 16};
    t.stackAlignment = 16;
    t.frameRecordSize = 16;
    return t;
  }();
  return desc;
}

X64Lowering::X64Lowering(const ir::Module &module, const ir::Function &function,
                         const codegen::VMContextLayout &vmctx, const codegen::CodegenOptions &options,
                         X64Code &out)
    : FunctionLowering(module, function, out.mf), code_(out), vmctxLayout_(vmctx), options_(options) {
  vmctx_ = newGpr();
  if (function.signature().results.size() > 1)
    retArea_ = newGpr();
  lzcnt_ = options.hasFeature("lzcnt");
  bmi1_ = options.hasFeature("bmi1");
  popcnt_ = options.hasFeature("popcnt");
  sse41_ = options.hasFeature("sse4.1");
}

// ---- emission helpers

codegen::InstId X64Lowering::form(Opcode op, std::initializer_list<Operand> ops, std::array<uint32_t, 3> slots,
                                  int64_t imm, Cond cc, const MemRef *mem) {
  codegen::InstId id = emit(uint32_t(op), ops, packFormAux(cc, slots[0], slots[1], slots[2]), imm);
  if (mem) {
    mf().inst(id).payload = uint32_t(code_.mems.size());
    code_.mems.push_back(*mem);
  }
  return id;
}

VReg X64Lowering::binary(Opcode op, VReg a, VReg b) {
  VReg d = newGpr();
  form(op, {Operand::use(a), Operand::use(b), Operand::defReuse(d, 0)}, {2, 1, kNoOperand});
  return d;
}

VReg X64Lowering::binaryImm(Opcode op, VReg a, int64_t imm) {
  VReg d = newGpr();
  form(op, {Operand::use(a), Operand::defReuse(d, 0)}, {1, kNoOperand, kNoOperand}, imm);
  return d;
}

VReg X64Lowering::loadPtr(VReg base, int32_t disp) {
  VReg d = newGpr();
  MemRef m;
  m.base = 0;
  m.disp = disp;
  form(Opcode::MOV64rm, {Operand::use(base), Operand::def(d)}, {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  return d;
}

codegen::InstId X64Lowering::accessForm(Opcode op, const Amode &at, Operand rest, uint32_t restSlot, int64_t imm) {
  std::array<Operand, 3> ops;
  uint8_t n = 0;
  MemRef m;
  if (at.base.valid()) {
    m.base = n;
    ops[n++] = Operand::use(at.base);
  }
  if (at.index.valid()) {
    m.index = n;
    ops[n++] = Operand::use(at.index);
  }
  m.scale = at.scale;
  m.disp = at.disp;
  m.trap = at.trap;
  m.gs = at.gs;
  m.addr32 = at.addr32;
  std::array<uint32_t, 3> slots{kNoOperand, kNoOperand, kNoOperand};
  if (rest.vreg.valid()) {
    slots[restSlot] = n;
    ops[n++] = rest;
  }
  codegen::InstId id = emit(uint32_t(op), std::span<const Operand>(ops.data(), n),
                            packFormAux(Cond::O, slots[0], slots[1], slots[2]), imm);
  mf().inst(id).payload = uint32_t(code_.mems.size());
  code_.mems.push_back(m);
  return id;
}

uint32_t X64Lowering::constant(std::span<const uint8_t> bytes) {
  for (uint32_t i = 0; i < code_.constants.size(); ++i)
    if (code_.constants[i].size() == bytes.size() &&
        std::equal(bytes.begin(), bytes.end(), code_.constants[i].begin()))
      return i;
  code_.constants.emplace_back(bytes.begin(), bytes.end());
  return uint32_t(code_.constants.size() - 1);
}

codegen::InstId X64Lowering::macro(MacroOp op, std::initializer_list<Operand> ops, int64_t imm) {
  return emit(uint32_t(Pseudo::Macro), ops, uint32_t(op), imm);
}

bool X64Lowering::imm32(uint64_t c, int32_t &imm) {
  if (c > 0xffffffffu)
    return false;
  imm = int32_t(uint32_t(c));
  return true;
}

bool X64Lowering::simm32(uint64_t c, int32_t &imm) {
  if (!fits_s32(c))
    return false;
  imm = int32_t(c);
  return true;
}

// ---- conditions

CondCode X64Lowering::intcc_cond(ir::IntCC cc) {
  switch (cc) {
  case ir::IntCC::Eq: return {Cond::E};
  case ir::IntCC::Ne: return {Cond::NE};
  case ir::IntCC::Slt: return {Cond::L};
  case ir::IntCC::Sle: return {Cond::LE};
  case ir::IntCC::Sgt: return {Cond::G};
  case ir::IntCC::Sge: return {Cond::GE};
  case ir::IntCC::Ult: return {Cond::B};
  case ir::IntCC::Ule: return {Cond::BE};
  case ir::IntCC::Ugt: return {Cond::A};
  case ir::IntCC::Uge: return {Cond::AE};
  }
  return {Cond::E};
}

std::optional<CondCode> X64Lowering::lowerCondition(const ir::Inst &inst) {
  return lower(static_cast<X64CondContext &>(*this), inst);
}

CondCode X64Lowering::cond_of(ir::Value c) {
  bool absorbable;
  if (const ir::Inst *d = conditionToLower(c, absorbable)) {
    if (std::optional<CondCode> cc = lowerCondition(*d)) {
      if (absorbable)
        absorb(*d);
      return *cc;
    }
  }
  // trapz/trapnz take any integer: an i64 is tested whole (a 32-bit TEST would
  // see only its low half).
  VReg r = valueReg(c);
  test_rr(irFunction().typeOf(c) == ir::Type::I64 ? Width::W64 : Width::W32, r, r);
  return {Cond::NE};
}

CondCode X64Lowering::cond_of_current() {
  if (std::optional<CondCode> cc = lowerCondition(*currentInst()))
    return *cc;
  fail("no condition rule for this comparison");
  return {Cond::E};
}

void X64Lowering::trap_when(CondCode c, ir::TrapCode code) {
  emit(uint32_t(Pseudo::TrapIf), std::initializer_list<Operand>{}, c.pack(), int64_t(code));
}

// ---- driver hooks

void X64Lowering::lowerEntry(std::span<const ir::Value> params) {
  // The Args pseudo defines the raw incoming registers; stack arguments are
  // loaded from the caller's frame; i32 parameters are zero-extended because
  // the C ABI leaves the upper half of a 32-bit argument undefined.
  std::vector<Operand> defs;
  defs.push_back(Operand::defFixed(vmctx_, preg(Gpr::Rdi)));
  unsigned nextInt = 1, nextFloat = 0;
  if (retArea_.valid())
    defs.push_back(Operand::defFixed(retArea_, preg(sysv::kIntArgs[nextInt++])));
  struct Pending { ir::Value param; VReg raw; int32_t stackOffset; };
  std::vector<Pending> pending;
  int32_t stackOffset = 16; // above the saved rbp and the return address
  for (ir::Value p : params) {
    ir::Type t = irFunction().typeOf(p);
    bool isFloat = t == ir::Type::F32 || t == ir::Type::F64 || t == ir::Type::V128;
    VReg raw = mf().newVRegFor(t);
    if (!isFloat && nextInt < sysv::kIntArgs.size()) {
      defs.push_back(Operand::defFixed(raw, preg(sysv::kIntArgs[nextInt++])));
      pending.push_back({p, raw, -1});
    } else if (isFloat && nextFloat < sysv::kFloatArgs.size()) {
      defs.push_back(Operand::defFixed(raw, preg(sysv::kFloatArgs[nextFloat++])));
      pending.push_back({p, raw, -1});
    } else {
      pending.push_back({p, raw, stackOffset});
      stackOffset += t == ir::Type::V128 ? 16 : 8;
    }
  }
  emit(uint32_t(Pseudo::Args), std::span<const Operand>(defs));
  for (uint32_t mem = 0; mem < memoryBase_.size(); ++mem)
    if (memoryBase_[mem].valid()) {
      MemRef m;
      m.base = 0;
      m.disp = int32_t(vmctxLayout_.memoryBase(mem));
      form(Opcode::MOV64rm, {Operand::use(vmctx_), Operand::def(memoryBase_[mem])}, {1, kNoOperand, kNoOperand}, 0,
           Cond::O, &m);
    }
  for (const Pending &q : pending) {
    if (!isDemanded(q.param))
      continue;
    ir::Type t = irFunction().typeOf(q.param);
    VReg v = q.raw;
    if (q.stackOffset >= 0) {
      MemRef m;
      m.base = MemRef::kRbp;
      m.disp = q.stackOffset;
      Opcode op = t == ir::Type::F32 ? Opcode::MOVSSrm
                  : t == ir::Type::F64 ? Opcode::MOVSDrm
                  : t == ir::Type::V128 ? Opcode::MOVUPSrm
                  : t == ir::Type::I32 ? Opcode::MOV32rm
                                       : Opcode::MOV64rm;
      form(op, {Operand::def(v)}, {0, kNoOperand, kNoOperand}, 0, Cond::O, &m);
    } else if (t == ir::Type::I32) {
      v = extend(ExtKind::Zx32To64, q.raw);
    }
    setValueReg(q.param, v);
  }
}

bool X64Lowering::lowerInst(const ir::Inst &inst) {
  if (std::optional<VReg> r = lower(static_cast<X64LowerContext &>(*this), inst)) {
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

void X64Lowering::emitJump(codegen::BranchTarget target) {
  std::vector<codegen::BranchTarget> targets;
  targets.push_back(std::move(target));
  mf().appendBranch(currentBlock(), uint32_t(Pseudo::Jmp), std::initializer_list<Operand>{}, std::move(targets));
}

bool X64Lowering::lowerTerminator(const ir::Inst &inst) {
  switch (inst.op) {
  case ir::Opcode::Jump:
    emitJump(edgeTarget(0));
    return true;
  case ir::Opcode::Brif: {
    CondCode cc = cond_of(inst.operand(0));
    std::vector<codegen::BranchTarget> targets;
    targets.push_back(edgeTarget(0));
    targets.push_back(edgeTarget(1));
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Jcc), std::initializer_list<Operand>{}, std::move(targets),
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
    emit(uint32_t(Pseudo::JumpTableAddr), {Operand::defEarly(addr), Operand::use(valueReg(inst.operand(0)))}, 0,
         table);
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::JmpTable), {Operand::use(addr)}, std::move(targets));
    return true;
  }
  case ir::Opcode::Return: {
    std::vector<Operand> uses;
    const auto &results = irFunction().signature().results;
    if (results.size() == 1) {
      ir::Type t = results[0];
      bool isFloat = t == ir::Type::F32 || t == ir::Type::F64 || t == ir::Type::V128;
      uses.push_back(Operand::useFixed(valueReg(inst.operand(0)), isFloat ? preg(Xmm::Xmm0) : preg(Gpr::Rax)));
    } else if (results.size() > 1) {
      int32_t off = 0;
      for (unsigned i = 0; i < results.size(); ++i) {
        ir::Type t = results[i];
        Amode at{retArea_, VReg(), off, 0};
        if (t == ir::Type::F32 || t == ir::Type::F64 || t == ir::Type::V128)
          store_xmm(t, at, valueReg(inst.operand(i)));
        else
          store_gpr(t == ir::Type::I32 ? ir::Type::I32 : ir::Type::I64, ir::MemAccess::Natural, at,
                    valueReg(inst.operand(i)));
        off += t == ir::Type::V128 ? 16 : 8;
      }
    }
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Ret), std::span<const Operand>(uses), {});
    return true;
  }
  case ir::Opcode::Trap:
    mf().appendBranch(currentBlock(), uint32_t(Pseudo::Trap), std::initializer_list<Operand>{}, {}, 0,
                      int64_t(inst.trapCode()));
    return true;
  default:
    return false;
  }
}

} // namespace wasmaot::isa::x64
