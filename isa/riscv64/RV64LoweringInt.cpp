// RV64LoweringInt: the integer, memory and global machine terms of
// machine.rules. Each picks the form(s) its comment in machine.rules names.
// W forms sign-extend their 32-bit result: that is how i32 values stay
// sign-extended (the invariant of machine.rules).
#include "isa/riscv64/RV64Lowering.h"

#include "ir/Conditions.h"
#include "isa/riscv64/Immediates.h"

#include <cassert>

namespace wasmaot::isa::riscv64 {

using MOp = codegen::Operand;
using codegen::VReg;
using R = ::wasmaot::isa::riscv64::Operand;

namespace {

R x0() { return R::r(Gpr::Zero); }
R f0() { return R::r(Fpr::F0); }
bool is64(Width w) { return w == Width::W64; }

Opcode aluForm(Width w, AluOp op) {
  const bool x = is64(w);
  switch (op) {
  case AluOp::Add: return x ? Opcode::ADD : Opcode::ADDW;
  case AluOp::Sub: return x ? Opcode::SUB : Opcode::SUBW;
  case AluOp::Mul: return x ? Opcode::MUL : Opcode::MULW;
  case AluOp::Mulhu: return Opcode::MULHU;
  case AluOp::Div: return x ? Opcode::DIV : Opcode::DIVW;
  case AluOp::Divu: return x ? Opcode::DIVU : Opcode::DIVUW;
  case AluOp::Rem: return x ? Opcode::REM : Opcode::REMW;
  case AluOp::Remu: return x ? Opcode::REMU : Opcode::REMUW;
  case AluOp::And: return Opcode::AND;
  case AluOp::Or: return Opcode::OR;
  case AluOp::Xor: return Opcode::XOR;
  case AluOp::Sll: return x ? Opcode::SLL : Opcode::SLLW;
  case AluOp::Srl: return x ? Opcode::SRL : Opcode::SRLW;
  case AluOp::Sra: return x ? Opcode::SRA : Opcode::SRAW;
  case AluOp::Slt: return Opcode::SLT;
  case AluOp::Sltu: return Opcode::SLTU;
  case AluOp::Rol: return x ? Opcode::ROL : Opcode::ROLW;
  case AluOp::Ror: return x ? Opcode::ROR : Opcode::RORW;
  case AluOp::Andn: return Opcode::ANDN;
  case AluOp::Orn: return Opcode::ORN;
  case AluOp::Xnor: return Opcode::XNOR;
  case AluOp::Min: return Opcode::MIN;
  case AluOp::Max: return Opcode::MAX;
  case AluOp::Minu: return Opcode::MINU;
  case AluOp::Maxu: return Opcode::MAXU;
  case AluOp::Sh1add: return Opcode::SH1ADD;
  case AluOp::Sh2add: return Opcode::SH2ADD;
  case AluOp::Sh3add: return Opcode::SH3ADD;
  case AluOp::AddUw: return Opcode::ADD_UW;
  }
  return Opcode::ADD;
}

Opcode immForm(Width w, ImmOp op) {
  const bool x = is64(w);
  switch (op) {
  case ImmOp::Add: return x ? Opcode::ADDI : Opcode::ADDIW;
  case ImmOp::And: return Opcode::ANDI;
  case ImmOp::Or: return Opcode::ORI;
  case ImmOp::Xor: return Opcode::XORI;
  case ImmOp::Slt: return Opcode::SLTI;
  case ImmOp::Sltu: return Opcode::SLTIU;
  case ImmOp::Sll: return x ? Opcode::SLLI : Opcode::SLLIW;
  case ImmOp::Srl: return x ? Opcode::SRLI : Opcode::SRLIW;
  case ImmOp::Sra: return x ? Opcode::SRAI : Opcode::SRAIW;
  case ImmOp::Ror: return x ? Opcode::RORI : Opcode::RORIW;
  case ImmOp::SllUw: return Opcode::SLLI_UW;
  }
  return Opcode::ADDI;
}

Opcode unaryForm(Width w, UnOp op) {
  const bool x = is64(w);
  switch (op) {
  case UnOp::Clz: return x ? Opcode::CLZ : Opcode::CLZW;
  case UnOp::Ctz: return x ? Opcode::CTZ : Opcode::CTZW;
  case UnOp::Cpop: return x ? Opcode::CPOP : Opcode::CPOPW;
  case UnOp::SextB: return Opcode::SEXT_B;
  case UnOp::SextH: return Opcode::SEXT_H;
  case UnOp::ZextH: return Opcode::ZEXT_H;
  case UnOp::ZextW: return Opcode::ZEXT_W;
  case UnOp::SextW: return Opcode::SEXT_W;
  case UnOp::Seqz: return Opcode::SEQZ;
  case UnOp::Snez: return Opcode::SNEZ;
  case UnOp::Neg: return x ? Opcode::NEG : Opcode::NEGW;
  case UnOp::Not: return Opcode::NOT;
  }
  return Opcode::MV;
}

} // namespace

VReg RV64Lowering::li(int64_t imm) {
  VReg d = newGpr();
  emit(uint32_t(Pseudo::MovImm), {MOp::def(d)}, 0, imm);
  return d;
}

VReg RV64Lowering::alu_rrr(Width w, AluOp op, VReg a, VReg b) {
  return rrr(aluForm(w, op), a, b, codegen::RegClass::Int);
}

VReg RV64Lowering::alu_rri(Width w, ImmOp op, VReg a, int64_t imm) {
  const Opcode f = immForm(w, op);
  const OperandKind k = desc(f).operands[2];
  if (k == OperandKind::Shamt5)
    imm &= 31;
  else if (k == OperandKind::Shamt6)
    imm &= 63;
  else
    assert(isSimm12(imm) && "the rules only pass simm12 immediates");
  return rri(f, a, imm);
}

VReg RV64Lowering::alu_r(Width w, UnOp op, VReg a) { return rr(unaryForm(w, op), a, codegen::RegClass::Int); }

VReg RV64Lowering::select_gpr(CondCode c, VReg t, VReg f) {
  VReg d = newGpr();
  std::vector<MOp> ops = {MOp::use(t), MOp::use(f)};
  condOperands(c, ops);
  ops.push_back(MOp::defReuse(d, 0));
  emit(uint32_t(Pseudo::Select), std::span<const MOp>(ops), c.pack());
  return d;
}

VReg RV64Lowering::zeroExtend32(VReg v) {
  if (zba_)
    return alu_r(Width::W64, UnOp::ZextW, v);
  return rri(Opcode::SRLI, rri(Opcode::SLLI, v, 32), 32);
}

// ---- linear memory

uint32_t RV64Lowering::access_bytes(ir::Type t, ir::MemAccess a) {
  unsigned n = ir::memAccessBytes(a);
  return n ? n : ir::typeBytes(t);
}

Amode RV64Lowering::heap_addr(uint32_t mem, ir::Value addr, uint64_t offset, uint32_t bytes,
                              ir::BoundsCheck bounds) {
  // SUBTLE: the index of a 32-bit memory is an i32, kept SIGN-extended in its
  // register; the address is base + ZERO-extended index + offset, so it is
  // zero-extended first (add.uw does both at once). index + offset + bytes
  // can pass 2^64 only for a memory64 index or an IR offset near 2^64; the
  // carry is a trap.
  const bool mem64 = irModule().memories[mem].indexType == ir::Type::I64;
  VReg index = valueReg(addr);
  VReg index64 = mem64 ? index : VReg();
  if (bounds == ir::BoundsCheck::Check) {
    const uint64_t end = offset + bytes;
    if (end < offset) {
      // offset + bytes exceeds 2^64: no access can be in bounds (beq zero, zero).
      trap_when(CondCode{BrCond::Eq, VReg(), VReg()}, ir::TrapCode::OutOfBoundsMemory);
    } else {
      if (!index64.valid())
        index64 = zeroExtend32(index);
      VReg last = isSimm12(int64_t(end)) ? rri(Opcode::ADDI, index64, int64_t(end))
                                         : rrr(Opcode::ADD, index64, li(int64_t(end)), codegen::RegClass::Int);
      // Carry out of index + end (last < index): any memory64 index, and a
      // 32-bit one (below 2^32) only when end is that close to 2^64.
      if (mem64 || end > ~uint64_t(0) - 0xffffffffu)
        trap_when(CondCode{BrCond::Ltu, last, index64}, ir::TrapCode::OutOfBoundsMemory);
      VReg len = loadPtr(vmctx_, int64_t(vmctxLayout_.memoryLength(mem)));
      trap_when(CondCode{BrCond::Ltu, len, last}, ir::TrapCode::OutOfBoundsMemory);
    }
  }
  VReg base;
  if (!mem64) {
    if (memoryBase_.size() <= mem)
      memoryBase_.resize(mem + 1);
    if (!memoryBase_[mem].valid())
      memoryBase_[mem] = newGpr(); // defined at the entry (lowerEntry)
    base = memoryBase_[mem];
  } else {
    base = loadPtr(vmctx_, int64_t(vmctxLayout_.memoryBase(mem)));
  }
  Amode a;
  if (bounds == ir::BoundsCheck::Guard)
    a.trap = uint8_t(1 + unsigned(ir::TrapCode::OutOfBoundsMemory));
  if (!index64.valid() && zba_)
    a.base = rrr(Opcode::ADD_UW, index, base, codegen::RegClass::Int); // zext32(index) + base
  else
    a.base = rrr(Opcode::ADD, base, index64.valid() ? index64 : zeroExtend32(index), codegen::RegClass::Int);
  if (offset <= 2047) {
    a.offset = int32_t(offset);
  } else {
    a.base = rrr(Opcode::ADD, a.base, li(int64_t(offset)), codegen::RegClass::Int);
  }
  return a;
}

namespace {

Opcode loadForm(ir::Type t, ir::MemAccess a) {
  switch (a) {
  case ir::MemAccess::Natural: return t == ir::Type::I64 ? Opcode::LD : Opcode::LW;
  case ir::MemAccess::S8: return Opcode::LB;
  case ir::MemAccess::U8: return Opcode::LBU;
  case ir::MemAccess::S16: return Opcode::LH;
  case ir::MemAccess::U16: return Opcode::LHU;
  case ir::MemAccess::S32: return Opcode::LW;
  case ir::MemAccess::U32: return Opcode::LWU;
  }
  return Opcode::LW;
}

Opcode storeForm(ir::Type t, ir::MemAccess a) {
  switch (a) {
  case ir::MemAccess::Natural: return t == ir::Type::I64 ? Opcode::SD : Opcode::SW;
  case ir::MemAccess::S8:
  case ir::MemAccess::U8: return Opcode::SB;
  case ir::MemAccess::S16:
  case ir::MemAccess::U16: return Opcode::SH;
  case ir::MemAccess::S32:
  case ir::MemAccess::U32: return Opcode::SW;
  }
  return Opcode::SW;
}

} // namespace

VReg RV64Lowering::load_gpr(ir::Type t, ir::MemAccess a, Amode at) {
  VReg d = newGpr();
  form(Inst(loadForm(t, a), {x0(), R::m(Mem::at(Gpr::Zero, at.offset))}), {MOp::use(at.base), MOp::def(d)},
       {1, 0}, at.trap);
  return d;
}

VReg RV64Lowering::load_fpr(ir::Type t, Amode at) {
  VReg d = newFpr();
  form(Inst(t == ir::Type::F32 ? Opcode::FLW : Opcode::FLD, {f0(), R::m(Mem::at(Gpr::Zero, at.offset))}),
       {MOp::use(at.base), MOp::def(d)}, {1, 0}, at.trap);
  return d;
}

void RV64Lowering::store_gpr(ir::Type t, ir::MemAccess a, Amode at, VReg v) {
  form(Inst(storeForm(t, a), {x0(), R::m(Mem::at(Gpr::Zero, at.offset))}), {MOp::use(v), MOp::use(at.base)},
       {0, 1}, at.trap);
}

void RV64Lowering::store_fpr(ir::Type t, Amode at, VReg v) {
  form(Inst(t == ir::Type::F32 ? Opcode::FSW : Opcode::FSD, {f0(), R::m(Mem::at(Gpr::Zero, at.offset))}),
       {MOp::use(v), MOp::use(at.base)}, {0, 1}, at.trap);
}

// ---- globals: vmctx holds a pointer to each global's 16-byte storage

VReg RV64Lowering::global_get_gpr(ir::Type t, uint32_t g) {
  VReg p = loadPtr(vmctx_, int64_t(vmctxLayout_.globalPtr(g)));
  return load_gpr(t, ir::MemAccess::Natural, Amode{p, 0, 0});
}

VReg RV64Lowering::global_get_fpr(ir::Type t, uint32_t g) {
  VReg p = loadPtr(vmctx_, int64_t(vmctxLayout_.globalPtr(g)));
  return load_fpr(t, Amode{p, 0, 0});
}

void RV64Lowering::global_set_value(uint32_t g, ir::Value v) {
  ir::Type t = irFunction().typeOf(v);
  VReg p = loadPtr(vmctx_, int64_t(vmctxLayout_.globalPtr(g)));
  Amode at{p, 0, 0};
  if (t == ir::Type::F32 || t == ir::Type::F64)
    store_fpr(t, at, valueReg(v));
  else
    store_gpr(t == ir::Type::I32 ? ir::Type::I32 : ir::Type::I64, ir::MemAccess::Natural, at, valueReg(v));
}

} // namespace wasmaot::isa::riscv64
