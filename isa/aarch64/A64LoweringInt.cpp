// A64LoweringInt: the integer, memory and global machine terms of machine.rules.
// Each picks the form(s) its comment in machine.rules names. W forms clear
// bits 63:32 of the destination: that is how i32 values stay zero-extended.
#include "isa/aarch64/A64Lowering.h"

#include "ir/Conditions.h"

#include <cassert>

namespace wasmaot::isa::aarch64 {

using MOp = codegen::Operand;
using codegen::VReg;
using A = ::wasmaot::isa::aarch64::Operand;

namespace {

A gpr0() { return A::r(Gpr::X0); }
A fpr0() { return A::r(Vreg::V0); }
bool is64(Width w) { return w == Width::W64; }

Opcode aluForm(Width w, AluOp op) {
  const bool x = is64(w);
  switch (op) {
  case AluOp::Add: return x ? Opcode::ADDXrs : Opcode::ADDWrs;
  case AluOp::Sub: return x ? Opcode::SUBXrs : Opcode::SUBWrs;
  case AluOp::And: return x ? Opcode::ANDXrs : Opcode::ANDWrs;
  case AluOp::Or: return x ? Opcode::ORRXrs : Opcode::ORRWrs;
  case AluOp::Xor: return x ? Opcode::EORXrs : Opcode::EORWrs;
  }
  return Opcode::ADDWrs;
}

/// The imm12 operand of an add/sub immediate form: imm, or imm >> 12 with lsl #12.
A addSubImm(uint64_t imm) {
  assert((imm <= 0xfff || (imm <= 0xfff000 && (imm & 0xfff) == 0)) && "aimm guarantees an encodable immediate");
  return imm <= 0xfff ? A::i(int64_t(imm)) : A::i(int64_t(imm >> 12), 12);
}

} // namespace

VReg A64Lowering::mov_imm(Width w, uint64_t imm) {
  VReg d = newGpr();
  emit(uint32_t(Pseudo::MovImm), {MOp::def(d)}, is64(w) ? 1 : 0, int64_t(is64(w) ? imm : uint32_t(imm)));
  return d;
}

VReg A64Lowering::alu_rrr(Width w, AluOp op, VReg a, VReg b) {
  VReg d = newGpr();
  form(Inst(aluForm(w, op), {gpr0(), gpr0(), A::sh(Gpr::X0, Shift::Lsl, 0)}),
       {MOp::use(a), MOp::use(b), MOp::def(d)}, {2, 0, 1});
  return d;
}

VReg A64Lowering::addsub_ri(Width w, AluOp op, VReg a, uint64_t imm) {
  VReg d = newGpr();
  Opcode f = op == AluOp::Sub ? (is64(w) ? Opcode::SUBXri : Opcode::SUBWri)
                              : (is64(w) ? Opcode::ADDXri : Opcode::ADDWri);
  form(Inst(f, {gpr0(), gpr0(), addSubImm(imm)}), {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

VReg A64Lowering::logic_ri(Width w, AluOp op, VReg a, uint64_t imm) {
  VReg d = newGpr();
  Opcode f = op == AluOp::And  ? (is64(w) ? Opcode::ANDXri : Opcode::ANDWri)
             : op == AluOp::Or ? (is64(w) ? Opcode::ORRXri : Opcode::ORRWri)
                               : (is64(w) ? Opcode::EORXri : Opcode::EORWri);
  form(Inst(f, {gpr0(), gpr0(), A::i(int64_t(imm))}), {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

VReg A64Lowering::mul_rr(Width w, VReg a, VReg b) { return rrr(is64(w) ? Opcode::MULXrr : Opcode::MULWrr, a, b); }

VReg A64Lowering::msub_rrr(Width w, VReg a, VReg b, VReg c) {
  VReg d = newGpr();
  form(Inst(is64(w) ? Opcode::MSUBXrrr : Opcode::MSUBWrrr, {gpr0(), gpr0(), gpr0(), gpr0()}),
       {MOp::use(a), MOp::use(b), MOp::use(c), MOp::def(d)}, {3, 0, 1, 2});
  return d;
}

VReg A64Lowering::div_rr(Width w, bool isSigned, VReg a, VReg b) {
  Opcode op = isSigned ? (is64(w) ? Opcode::SDIVXr : Opcode::SDIVWr) : (is64(w) ? Opcode::UDIVXr : Opcode::UDIVWr);
  return rrr(op, a, b);
}

VReg A64Lowering::shift_rr(Width w, ShiftOp op, VReg a, VReg n) {
  const bool x = is64(w);
  Opcode f = Opcode::LSLVWr;
  switch (op) {
  case ShiftOp::Lsl: f = x ? Opcode::LSLVXr : Opcode::LSLVWr; break;
  case ShiftOp::Lsr: f = x ? Opcode::LSRVXr : Opcode::LSRVWr; break;
  case ShiftOp::Asr: f = x ? Opcode::ASRVXr : Opcode::ASRVWr; break;
  case ShiftOp::Ror: f = x ? Opcode::RORVXr : Opcode::RORVWr; break;
  }
  return rrr(f, a, n);
}

VReg A64Lowering::shift_ri(Width w, ShiftOp op, VReg a, uint8_t k) {
  const bool x = is64(w);
  Opcode f = Opcode::LSLWri;
  switch (op) {
  case ShiftOp::Lsl: f = x ? Opcode::LSLXri : Opcode::LSLWri; break;
  case ShiftOp::Lsr: f = x ? Opcode::LSRXri : Opcode::LSRWri; break;
  case ShiftOp::Asr: f = x ? Opcode::ASRXri : Opcode::ASRWri; break;
  case ShiftOp::Ror: f = x ? Opcode::RORXri : Opcode::RORWri; break;
  }
  VReg d = newGpr();
  form(Inst(f, {gpr0(), gpr0(), A::i(k & (x ? 63 : 31))}), {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

VReg A64Lowering::neg_r(Width w, VReg a) {
  VReg d = newGpr();
  form(Inst(is64(w) ? Opcode::NEGXr : Opcode::NEGWr, {gpr0(), A::sh(Gpr::X0, Shift::Lsl, 0)}),
       {MOp::use(a), MOp::def(d)}, {1, 0});
  return d;
}

VReg A64Lowering::clz_r(Width w, VReg a) {
  return rr(is64(w) ? Opcode::CLZXr : Opcode::CLZWr, a, codegen::RegClass::Int);
}

VReg A64Lowering::rbit_r(Width w, VReg a) {
  return rr(is64(w) ? Opcode::RBITXr : Opcode::RBITWr, a, codegen::RegClass::Int);
}

VReg A64Lowering::extend(ExtKind k, VReg a) {
  Opcode op = Opcode::MOVWr;
  switch (k) {
  case ExtKind::Sx8To32: op = Opcode::SXTBWr; break;
  case ExtKind::Sx16To32: op = Opcode::SXTHWr; break;
  case ExtKind::Sx8To64: op = Opcode::SXTBXr; break;
  case ExtKind::Sx16To64: op = Opcode::SXTHXr; break;
  case ExtKind::Sx32To64: op = Opcode::SXTWXr; break;
  case ExtKind::Zx32To64: op = Opcode::MOVWr; break; // orr wd, wzr, wa: bits 63:32 cleared
  }
  return rr(op, a, codegen::RegClass::Int);
}

VReg A64Lowering::cset(CondCode c) {
  VReg d = newGpr();
  form(Inst(Opcode::CSETWr, c.cc, {gpr0()}), {MOp::def(d)}, {0});
  return d;
}

VReg A64Lowering::csel(Width w, CondCode c, VReg t, VReg f) {
  VReg d = newGpr();
  form(Inst(is64(w) ? Opcode::CSELXr : Opcode::CSELWr, c.cc, {gpr0(), gpr0(), gpr0()}),
       {MOp::use(t), MOp::use(f), MOp::def(d)}, {2, 0, 1});
  return d;
}

void A64Lowering::cmp_rr(Width w, VReg a, VReg b) {
  form(Inst(is64(w) ? Opcode::CMPXrs : Opcode::CMPWrs, {gpr0(), A::sh(Gpr::X0, Shift::Lsl, 0)}),
       {MOp::use(a), MOp::use(b)}, {0, 1});
}

void A64Lowering::cmp_ri(Width w, VReg a, uint64_t imm) {
  form(Inst(is64(w) ? Opcode::CMPXri : Opcode::CMPWri, {gpr0(), addSubImm(imm)}), {MOp::use(a)}, {0});
}

void A64Lowering::cmn_ri(Width w, VReg a, uint64_t imm) {
  form(Inst(is64(w) ? Opcode::CMNXri : Opcode::CMNWri, {gpr0(), addSubImm(imm)}), {MOp::use(a)}, {0});
}

void A64Lowering::tst_ri(Width w, VReg a, uint64_t imm) {
  form(Inst(is64(w) ? Opcode::TSTXri : Opcode::TSTWri, {gpr0(), A::i(int64_t(imm))}), {MOp::use(a)}, {0});
}

void A64Lowering::ccmp_ri(Width w, VReg a, uint64_t imm, uint8_t nzcv, CondCode c) {
  form(Inst(is64(w) ? Opcode::CCMPXi : Opcode::CCMPWi, c.cc, {gpr0(), A::i(int64_t(imm)), A::i(nzcv)}),
       {MOp::use(a)}, {0});
}

// ---- linear memory

uint32_t A64Lowering::access_bytes(ir::Type t, ir::MemAccess a) {
  unsigned n = ir::memAccessBytes(a);
  return n ? n : ir::typeBytes(t);
}

Amode A64Lowering::heap_addr(uint32_t mem, ir::Value addr, uint64_t offset, uint32_t bytes, ir::BoundsCheck bounds) {
  // SUBTLE: the effective address is index + offset without wrapping. The index of
  // a 32-bit memory is an i32 (extended with uxtw, and kept zero-extended anyway),
  // so index + offset + bytes < 2^33 cannot overflow 64 bits; a 64-bit index can,
  // and the carry is a trap.
  const bool mem64 = irModule().memories[mem].indexType == ir::Type::I64;
  VReg index = valueReg(addr);
  if (bounds == ir::BoundsCheck::Check) {
    const uint64_t end = offset + bytes;
    if (end < offset) {
      // offset + bytes exceeds 2^64: no access can be in bounds.
      trap_when(CondCode{Cond::AL}, ir::TrapCode::OutOfBoundsMemory);
    } else {
      // last = index + end (ADDS when it can wrap: a 64-bit index, or an IR offset of
      // 2^32 or more on a 32-bit memory; carry = wrapped past 2^64); trap if last > length.
      const bool canWrap = mem64 || end > 0xffffffffu;
      uint64_t imm = 0;
      VReg last = newGpr();
      if (aimm(end, imm)) {
        form(Inst(canWrap ? Opcode::ADDSXri : Opcode::ADDXri, {gpr0(), gpr0(), addSubImm(imm)}),
             {MOp::use(index), MOp::def(last)}, {1, 0});
      } else {
        VReg k = mov_imm(Width::W64, end);
        form(Inst(canWrap ? Opcode::ADDSXrs : Opcode::ADDXrs, {gpr0(), gpr0(), A::sh(Gpr::X0, Shift::Lsl, 0)}),
             {MOp::use(index), MOp::use(k), MOp::def(last)}, {2, 0, 1});
      }
      if (canWrap)
        trap_when(CondCode{Cond::HS}, ir::TrapCode::OutOfBoundsMemory);
      VReg len = loadPtr(vmctx_, int64_t(vmctxLayout_.memoryLength(mem)));
      cmp_rr(Width::W64, last, len);
      trap_when(CondCode{Cond::HI}, ir::TrapCode::OutOfBoundsMemory);
    }
  }
  Amode a;
  if (!mem64) {
    if (memoryBase_.size() <= mem)
      memoryBase_.resize(mem + 1);
    if (!memoryBase_[mem].valid())
      memoryBase_[mem] = newGpr(); // defined at the entry (lowerEntry)
    a.base = memoryBase_[mem];
  } else {
    a.base = loadPtr(vmctx_, int64_t(vmctxLayout_.memoryBase(mem)));
  }
  if (bounds == ir::BoundsCheck::Guard)
    a.trap = uint8_t(1 + unsigned(ir::TrapCode::OutOfBoundsMemory));
  const bool formFits = (offset % bytes == 0 && offset / bytes <= 4095) || offset <= 255;
  if (offset == 0) {
    a.index = index;
    a.extendIndex = !mem64;
  } else if (formFits) {
    // t = base + index (uxtw for a 32-bit memory), then [t, #offset].
    VReg t = newGpr();
    if (!mem64)
      form(Inst(Opcode::ADDXrx, {gpr0(), gpr0(), A::ext(Gpr::X0, Extend::Uxtw)}),
           {MOp::use(a.base), MOp::use(index), MOp::def(t)}, {2, 0, 1});
    else
      form(Inst(Opcode::ADDXrs, {gpr0(), gpr0(), A::sh(Gpr::X0, Shift::Lsl, 0)}),
           {MOp::use(a.base), MOp::use(index), MOp::def(t)}, {2, 0, 1});
    a.base = t;
    a.offset = int32_t(offset);
  } else {
    // The offset does not fit the form: [base, index + offset].
    VReg k = mov_imm(Width::W64, offset);
    VReg t = newGpr();
    if (!mem64)
      form(Inst(Opcode::ADDXrx, {gpr0(), gpr0(), A::ext(Gpr::X0, Extend::Uxtw)}),
           {MOp::use(k), MOp::use(index), MOp::def(t)}, {2, 0, 1});
    else
      form(Inst(Opcode::ADDXrs, {gpr0(), gpr0(), A::sh(Gpr::X0, Shift::Lsl, 0)}),
           {MOp::use(k), MOp::use(index), MOp::def(t)}, {2, 0, 1});
    a.index = t;
  }
  return a;
}

namespace {

Opcode loadForm(ir::Type t, ir::MemAccess a) {
  const bool x = t == ir::Type::I64;
  switch (a) {
  case ir::MemAccess::Natural: return x ? Opcode::LDRXui : Opcode::LDRWui;
  case ir::MemAccess::S8: return x ? Opcode::LDRSBXui : Opcode::LDRSBWui;
  case ir::MemAccess::U8: return Opcode::LDRBui; // the W form zero-extends to 64 bits
  case ir::MemAccess::S16: return x ? Opcode::LDRSHXui : Opcode::LDRSHWui;
  case ir::MemAccess::U16: return Opcode::LDRHui;
  case ir::MemAccess::S32: return Opcode::LDRSWui;
  case ir::MemAccess::U32: return Opcode::LDRWui;
  }
  return Opcode::LDRWui;
}

Opcode storeForm(ir::Type t, ir::MemAccess a) {
  switch (a) {
  case ir::MemAccess::Natural: return t == ir::Type::I64 ? Opcode::STRXui : Opcode::STRWui;
  case ir::MemAccess::S8:
  case ir::MemAccess::U8: return Opcode::STRBui;
  case ir::MemAccess::S16:
  case ir::MemAccess::U16: return Opcode::STRHui;
  case ir::MemAccess::S32:
  case ir::MemAccess::U32: return Opcode::STRWui;
  }
  return Opcode::STRWui;
}

Opcode us(Opcode ui) { return Opcode(uint16_t(ui) + 1); }
Opcode ro(Opcode ui) { return Opcode(uint16_t(ui) + 2); }

} // namespace

namespace {
/// The form and memory operand of an access through `at` with the ui form `ui`.
std::pair<Opcode, Mem> accessForm(Opcode ui, const Amode &at) {
  const unsigned size = accessSize(desc(ui).operands[1]);
  if (at.index.valid())
    return {ro(ui), Mem::reg(Gpr::X0, Gpr::X0, at.extendIndex ? Extend::Uxtw : Extend::Uxtx)};
  if (at.offset >= 0 && at.offset % int32_t(size) == 0 && at.offset / int32_t(size) <= 4095)
    return {ui, Mem::at(Gpr::X0, at.offset)};
  assert(at.offset >= -256 && at.offset <= 255 && "heap_addr chose an offset the form encodes");
  return {us(ui), Mem::at(Gpr::X0, at.offset)};
}
} // namespace

VReg A64Lowering::load_gpr(ir::Type t, ir::MemAccess a, Amode at) {
  VReg d = newGpr();
  auto [op, m] = accessForm(loadForm(t, a), at);
  if (at.index.valid())
    form(Inst(op, {gpr0(), A::m(m)}), {MOp::use(at.base), MOp::use(at.index), MOp::def(d)}, {2, kKeep}, 0,
         1, at.trap);
  else
    form(Inst(op, {gpr0(), A::m(m)}), {MOp::use(at.base), MOp::def(d)}, {1, kKeep}, 0, kKeep, at.trap);
  return d;
}

VReg A64Lowering::load_fpr(ir::Type t, Amode at) {
  VReg d = newFpr();
  auto [op, m] = accessForm(t == ir::Type::F32 ? Opcode::LDRSui : Opcode::LDRDui, at);
  if (at.index.valid())
    form(Inst(op, {fpr0(), A::m(m)}), {MOp::use(at.base), MOp::use(at.index), MOp::def(d)}, {2, kKeep}, 0,
         1, at.trap);
  else
    form(Inst(op, {fpr0(), A::m(m)}), {MOp::use(at.base), MOp::def(d)}, {1, kKeep}, 0, kKeep, at.trap);
  return d;
}

void A64Lowering::store_gpr(ir::Type t, ir::MemAccess a, Amode at, VReg v) {
  auto [op, m] = accessForm(storeForm(t, a), at);
  if (at.index.valid())
    form(Inst(op, {gpr0(), A::m(m)}), {MOp::use(at.base), MOp::use(at.index), MOp::use(v)}, {2, kKeep}, 0,
         1, at.trap);
  else
    form(Inst(op, {gpr0(), A::m(m)}), {MOp::use(at.base), MOp::use(v)}, {1, kKeep}, 0, kKeep, at.trap);
}

void A64Lowering::store_fpr(ir::Type t, Amode at, VReg v) {
  auto [op, m] = accessForm(t == ir::Type::F32 ? Opcode::STRSui : Opcode::STRDui, at);
  if (at.index.valid())
    form(Inst(op, {fpr0(), A::m(m)}), {MOp::use(at.base), MOp::use(at.index), MOp::use(v)}, {2, kKeep}, 0,
         1, at.trap);
  else
    form(Inst(op, {fpr0(), A::m(m)}), {MOp::use(at.base), MOp::use(v)}, {1, kKeep}, 0, kKeep, at.trap);
}

// ---- globals: vmctx holds a pointer to each global's 16-byte storage

VReg A64Lowering::global_get_gpr(ir::Type t, uint32_t g) {
  VReg p = loadPtr(vmctx_, int64_t(vmctxLayout_.globalPtr(g)));
  return load_gpr(t, ir::MemAccess::Natural, Amode{p, VReg(), 0, false, 0});
}

VReg A64Lowering::global_get_fpr(ir::Type t, uint32_t g) {
  VReg p = loadPtr(vmctx_, int64_t(vmctxLayout_.globalPtr(g)));
  return load_fpr(t, Amode{p, VReg(), 0, false, 0});
}

void A64Lowering::global_set_value(uint32_t g, ir::Value v) {
  ir::Type t = irFunction().typeOf(v);
  VReg p = loadPtr(vmctx_, int64_t(vmctxLayout_.globalPtr(g)));
  Amode at{p, VReg(), 0, false, 0};
  if (t == ir::Type::F32 || t == ir::Type::F64)
    store_fpr(t, at, valueReg(v));
  else
    store_gpr(t == ir::Type::I32 ? ir::Type::I32 : ir::Type::I64, ir::MemAccess::Natural, at, valueReg(v));
}

} // namespace wasmaot::isa::aarch64
