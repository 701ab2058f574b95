// X64LoweringInt: the integer, memory and global machine terms of machine.rules.
// Each picks the form(s) its comment in machine.rules names. 32-bit forms clear
// the upper half of the destination: that is how i32 values stay zero-extended.
#include "isa/x64/X64Lowering.h"

#include "ir/Conditions.h"

#include <cassert>

namespace wasmaot::isa::x64 {

using codegen::Operand;
using codegen::VReg;

namespace {

bool isInt8(int64_t v) { return v >= -128 && v <= 127; }

Opcode aluForm(Width w, AluOp op, bool imm, bool imm8) {
  const bool w64 = w == Width::W64;
#define WASMAOT_ALU(N)                                                                             \
  return imm ? (imm8 ? (w64 ? Opcode::N##64ri8 : Opcode::N##32ri8) : (w64 ? Opcode::N##64ri : Opcode::N##32ri)) \
             : (w64 ? Opcode::N##64rr : Opcode::N##32rr)
  switch (op) {
  case AluOp::Add: WASMAOT_ALU(ADD);
  case AluOp::Sub: WASMAOT_ALU(SUB);
  case AluOp::And: WASMAOT_ALU(AND);
  case AluOp::Or: WASMAOT_ALU(OR);
  case AluOp::Xor: WASMAOT_ALU(XOR);
  }
#undef WASMAOT_ALU
  return Opcode::ADD32rr;
}

Opcode shiftForm(Width w, ShiftOp op, bool byCl) {
  const bool w64 = w == Width::W64;
#define WASMAOT_SHIFT(N)                                                                           \
  return byCl ? (w64 ? Opcode::N##64rc : Opcode::N##32rc) : (w64 ? Opcode::N##64ri : Opcode::N##32ri)
  switch (op) {
  case ShiftOp::Shl: WASMAOT_SHIFT(SHL);
  case ShiftOp::Shr: WASMAOT_SHIFT(SHR);
  case ShiftOp::Sar: WASMAOT_SHIFT(SAR);
  case ShiftOp::Rol: WASMAOT_SHIFT(ROL);
  case ShiftOp::Ror: WASMAOT_SHIFT(ROR);
  }
#undef WASMAOT_SHIFT
  return Opcode::SHL32ri;
}

} // namespace

VReg X64Lowering::mov_ri32(uint64_t imm) {
  VReg d = newGpr();
  form(Opcode::MOV32ri, {Operand::def(d)}, {0, kNoOperand, kNoOperand}, int64_t(uint32_t(imm)));
  return d;
}

VReg X64Lowering::mov_ri64s(uint64_t imm) {
  VReg d = newGpr();
  form(Opcode::MOV64ri32, {Operand::def(d)}, {0, kNoOperand, kNoOperand}, int64_t(int32_t(imm)));
  return d;
}

VReg X64Lowering::mov_ri64(uint64_t imm) {
  VReg d = newGpr();
  form(Opcode::MOV64ri, {Operand::def(d)}, {0, kNoOperand, kNoOperand}, int64_t(imm));
  return d;
}

VReg X64Lowering::zero_gpr() {
  // XOR r32, r32 reads nothing meaningful: it is a def only.
  VReg d = newGpr();
  form(Opcode::XOR32rr, {Operand::def(d)}, {0, 0, kNoOperand});
  return d;
}

VReg X64Lowering::alu_rr(Width w, AluOp op, VReg a, VReg b) { return binary(aluForm(w, op, false, false), a, b); }

VReg X64Lowering::alu_ri(Width w, AluOp op, VReg a, int32_t imm) {
  return binaryImm(aluForm(w, op, true, isInt8(imm)), a, imm);
}

VReg X64Lowering::lea_add_rr(Width w, VReg a, VReg b) { return lea_add_scaled(w, a, b, 1); }

VReg X64Lowering::lea_scaled_disp(Width w, VReg b, uint8_t factor, int32_t imm) {
  VReg d = newGpr();
  MemRef m;
  m.index = 0;
  m.scale = factor;
  m.disp = imm;
  form(w == Width::W64 ? Opcode::LEA64 : Opcode::LEA32, {Operand::use(b), Operand::def(d)},
       {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  return d;
}

VReg X64Lowering::lea_add_ri(Width w, VReg a, int32_t imm) {
  VReg d = newGpr();
  MemRef m;
  m.base = 0;
  m.disp = imm;
  form(w == Width::W64 ? Opcode::LEA64 : Opcode::LEA32, {Operand::use(a), Operand::def(d)},
       {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  return d;
}

VReg X64Lowering::lea_add_scaled(Width w, VReg a, VReg b, uint8_t factor) {
  return lea_add_scaled_disp(w, a, b, factor, 0);
}

VReg X64Lowering::lea_add_scaled_disp(Width w, VReg a, VReg b, uint8_t factor, int32_t imm) {
  VReg d = newGpr();
  MemRef m;
  m.base = 0;
  m.index = 1;
  m.scale = factor;
  m.disp = imm;
  form(w == Width::W64 ? Opcode::LEA64 : Opcode::LEA32, {Operand::use(a), Operand::use(b), Operand::def(d)},
       {2, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  return d;
}

VReg X64Lowering::imul_rr(Width w, VReg a, VReg b) {
  return binary(w == Width::W64 ? Opcode::IMUL64rr : Opcode::IMUL32rr, a, b);
}

VReg X64Lowering::imul_rri(Width w, VReg a, int32_t imm) {
  // Three-operand form: d = a * imm, no tie.
  VReg d = newGpr();
  Opcode op = w == Width::W64 ? (isInt8(imm) ? Opcode::IMUL64rri8 : Opcode::IMUL64rri)
                              : (isInt8(imm) ? Opcode::IMUL32rri8 : Opcode::IMUL32rri);
  form(op, {Operand::use(a), Operand::def(d)}, {1, 0, kNoOperand}, imm);
  return d;
}

VReg X64Lowering::shift_ri(Width w, ShiftOp op, VReg a, uint8_t k) {
  return binaryImm(shiftForm(w, op, false), a, k);
}

VReg X64Lowering::shift_rc(Width w, ShiftOp op, VReg a, VReg n) {
  VReg d = newGpr();
  form(shiftForm(w, op, true), {Operand::use(a), Operand::useFixed(n, preg(Gpr::Rcx)), Operand::defReuse(d, 0)},
       {2, kNoOperand, kNoOperand});
  return d;
}

VReg X64Lowering::neg_r(Width w, VReg a) {
  VReg d = newGpr();
  form(w == Width::W64 ? Opcode::NEG64r : Opcode::NEG32r, {Operand::use(a), Operand::defReuse(d, 0)},
       {1, kNoOperand, kNoOperand});
  return d;
}

namespace {
VReg unaryRm(X64Lowering &l, Opcode op, VReg a) {
  VReg d = l.newGpr();
  l.form(op, {Operand::use(a), Operand::def(d)}, {1, 0, kNoOperand});
  return d;
}
} // namespace

VReg X64Lowering::lzcnt_r(Width w, VReg a) {
  return unaryRm(*this, w == Width::W64 ? Opcode::LZCNT64rr : Opcode::LZCNT32rr, a);
}
VReg X64Lowering::tzcnt_r(Width w, VReg a) {
  return unaryRm(*this, w == Width::W64 ? Opcode::TZCNT64rr : Opcode::TZCNT32rr, a);
}
VReg X64Lowering::popcnt_r(Width w, VReg a) {
  return unaryRm(*this, w == Width::W64 ? Opcode::POPCNT64rr : Opcode::POPCNT32rr, a);
}

VReg X64Lowering::clz_bsr(Width w, VReg a) {
  VReg d = newGpr();
  macro(MacroOp::ClzBsr, {Operand::use(a), Operand::def(d)}, w == Width::W64 ? 64 : 32);
  return d;
}

VReg X64Lowering::ctz_bsf(Width w, VReg a) {
  VReg d = newGpr();
  macro(MacroOp::CtzBsf, {Operand::use(a), Operand::def(d)}, w == Width::W64 ? 64 : 32);
  return d;
}

VReg X64Lowering::divrem(Width w, bool isSigned, bool isRem, VReg a, VReg b) {
  VReg q = newGpr(), r = newGpr();
  macro(MacroOp::DivRem,
        {Operand::useFixed(a, preg(Gpr::Rax)), Operand::use(b), Operand::defFixed(q, preg(Gpr::Rax)),
         Operand::defEarlyFixed(r, preg(Gpr::Rdx))},
        (isSigned ? 1 : 0) | (isRem ? 2 : 0) | (w == Width::W64 ? 4 : 0));
  return isRem ? r : q;
}

// The divisor is a constant that makes neither trap possible (safe_divisor), so
// the macro skips both checks (imm bit 8).
VReg X64Lowering::divrem_by_const(Width w, bool isSigned, bool isRem, VReg a, uint64_t c) {
  VReg b = w == Width::W32 || c <= 0xffffffffu ? mov_ri32(c) : fits_s32(c) ? mov_ri64s(c) : mov_ri64(c);
  VReg q = newGpr(), r = newGpr();
  macro(MacroOp::DivRem,
        {Operand::useFixed(a, preg(Gpr::Rax)), Operand::use(b), Operand::defFixed(q, preg(Gpr::Rax)),
         Operand::defEarlyFixed(r, preg(Gpr::Rdx))},
        (isSigned ? 1 : 0) | (isRem ? 2 : 0) | (w == Width::W64 ? 4 : 0) | 8);
  return isRem ? r : q;
}

VReg X64Lowering::extend(ExtKind k, VReg a) {
  Opcode op = Opcode::MOV32rr;
  switch (k) {
  case ExtKind::Sx8To32: op = Opcode::MOVSX32r8; break;
  case ExtKind::Zx8To32: op = Opcode::MOVZX32r8; break;
  case ExtKind::Sx16To32: op = Opcode::MOVSX32r16; break;
  case ExtKind::Zx16To32: op = Opcode::MOVZX32r16; break;
  case ExtKind::Sx8To64: op = Opcode::MOVSX64r8; break;
  case ExtKind::Sx16To64: op = Opcode::MOVSX64r16; break;
  case ExtKind::Sx32To64: op = Opcode::MOVSXD64rr; break;
  case ExtKind::Zx32To64: op = Opcode::MOV32rr; break;
  }
  // Form operand 0 is the destination (ModRM.rm for MOV32rr's MR encoding,
  // ModRM.reg for the RM encodings of MOVSX/MOVZX/MOVSXD): the slots say which
  // MachInst operand each form operand is, so one spelling serves both.
  VReg d = newGpr();
  form(op, {Operand::use(a), Operand::def(d)}, {1, 0, kNoOperand});
  return d;
}

VReg X64Lowering::setcc_zx(CondCode c) {
  VReg b = newGpr(), d = newGpr();
  if (c.parity == CondCode::Parity::None) {
    form(Opcode::SETCCr, {Operand::def(b)}, {0, kNoOperand, kNoOperand}, 0, c.cc);
  } else {
    // eq: ZF and not PF; ne: not ZF or PF. Combine two setcc results.
    VReg p = newGpr();
    bool andNp = c.parity == CondCode::Parity::AndNotParity;
    VReg b0 = newGpr();
    form(Opcode::SETCCr, {Operand::def(b0)}, {0, kNoOperand, kNoOperand}, 0, c.cc);
    form(Opcode::SETCCr, {Operand::def(p)}, {0, kNoOperand, kNoOperand}, 0, andNp ? Cond::NP : Cond::P);
    b = binary(andNp ? Opcode::AND32rr : Opcode::OR32rr, b0, p);
  }
  form(Opcode::MOVZX32r8, {Operand::use(b), Operand::def(d)}, {1, 0, kNoOperand});
  return d;
}

VReg X64Lowering::cmov(Width w, CondCode c, VReg t, VReg f) {
  if (c.parity != CondCode::Parity::None) {
    // Turn the two-flag condition into a register and test it.
    VReg m = setcc_zx(c);
    test_rr(Width::W32, m, m);
    c = {Cond::NE};
  }
  VReg d = newGpr();
  form(w == Width::W64 ? Opcode::CMOVCC64rr : Opcode::CMOVCC32rr,
       {Operand::use(t), Operand::use(f), Operand::defReuse(d, 1)}, {2, 0, kNoOperand}, 0, c.cc);
  return d;
}

void X64Lowering::cmp_rr(Width w, VReg a, VReg b) {
  form(w == Width::W64 ? Opcode::CMP64rr : Opcode::CMP32rr, {Operand::use(a), Operand::use(b)}, {0, 1, kNoOperand});
}

void X64Lowering::cmp_ri(Width w, VReg a, int32_t imm) {
  Opcode op = w == Width::W64 ? (isInt8(imm) ? Opcode::CMP64ri8 : Opcode::CMP64ri)
                              : (isInt8(imm) ? Opcode::CMP32ri8 : Opcode::CMP32ri);
  form(op, {Operand::use(a)}, {0, kNoOperand, kNoOperand}, imm);
}

void X64Lowering::test_rr(Width w, VReg a, VReg b) {
  if (a == b)
    form(w == Width::W64 ? Opcode::TEST64rr : Opcode::TEST32rr, {Operand::use(a)}, {0, 0, kNoOperand});
  else
    form(w == Width::W64 ? Opcode::TEST64rr : Opcode::TEST32rr, {Operand::use(a), Operand::use(b)},
         {0, 1, kNoOperand});
}

void X64Lowering::test_ri(Width w, VReg a, int32_t imm) {
  form(w == Width::W64 ? Opcode::TEST64ri : Opcode::TEST32ri, {Operand::use(a)}, {0, kNoOperand, kNoOperand}, imm);
}

// ---- linear memory

uint32_t X64Lowering::access_bytes(ir::Type t, ir::MemAccess a) {
  unsigned n = ir::memAccessBytes(a);
  return n ? n : ir::typeBytes(t);
}

Amode X64Lowering::heap_addr(uint32_t mem, ir::Value addr, uint64_t offset, uint32_t bytes,
                             ir::BoundsCheck bounds) {
  // SUBTLE: the effective address is index + offset without wrapping. The index of
  // a 32-bit memory is an i32 kept zero-extended, so with a wasm offset (< 2^32)
  // index + offset + bytes < 2^33 cannot overflow 64 bits; a 64-bit index, or an
  // IR offset of 2^32 or more, can, and the carry is a trap.
  const bool mem64 = irModule().memories[mem].indexType == ir::Type::I64;
  const bool segue = mem == 0 && !mem64 && options_.segue;
  if (segue && offset == 0 && bounds != ir::BoundsCheck::Check) {
    // SUBTLE (Segue, no offset): a 32-bit address (0x67) computes the index
    // modulo 2^32 exactly as wasm's i32 address arithmetic wraps, so the address
    // program folds the add that made the index into the access (gs:[a + b*4 + 8]
    // for i32.add(a, b << 2) + 8; no LEA). A memarg offset must not wrap, hence
    // offset 0 only; an explicit check needs the index in a register anyway.
    Amode a = addr32_of(addr);
    a.gs = true;
    if (bounds == ir::BoundsCheck::Guard)
      a.trap = uint8_t(1 + unsigned(ir::TrapCode::OutOfBoundsMemory));
    return a;
  }
  VReg index = valueReg(addr);
  if (bounds == ir::BoundsCheck::Check) {
    const uint64_t end = offset + bytes;
    const bool endOverflows = end < offset;
    MemRef len;
    len.base = 1;
    len.disp = int32_t(vmctxLayout_.memoryLength(mem));
    VReg last;
    if (endOverflows) {
      // offset + bytes exceeds 2^64: no access can be in bounds. CMP x, x sets ZF.
      cmp_rr(Width::W64, index, index);
      trap_when(CondCode{Cond::E}, ir::TrapCode::OutOfBoundsMemory);
    } else if (!mem64 && end <= 0x7fffffffu) {
      last = newGpr();
      MemRef m;
      m.base = 0;
      m.disp = int32_t(end);
      form(Opcode::LEA64, {Operand::use(index), Operand::def(last)}, {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
    } else {
      VReg k = fits_s32(end) ? mov_ri64s(end) : (end <= 0xffffffffu ? mov_ri32(end) : mov_ri64(end));
      last = alu_rr(Width::W64, AluOp::Add, k, index);
      // Carry: index + end wrapped past 2^64. Possible for a 64-bit index, and for a
      // 32-bit one when the IR offset is 2^32 or more (wasm's are not, IR's may be).
      if (mem64 || end > 0xffffffffu)
        trap_when(CondCode{Cond::B}, ir::TrapCode::OutOfBoundsMemory);
    }
    if (last.valid()) {
      form(Opcode::CMP64rm, {Operand::use(last), Operand::use(vmctx_)}, {0, kNoOperand, kNoOperand}, 0, Cond::O,
           &len);
      trap_when(CondCode{Cond::A}, ir::TrapCode::OutOfBoundsMemory);
    }
  }
  Amode a;
  if (segue) {
    // SUBTLE (Segue): gs:[index + offset]. The runtime keeps the %gs base at
    // memory 0's base while this instance's code runs (lib/runtime/Segue.h), so
    // this is the same 64-bit address as [base + index + offset] and the
    // guard-region argument above holds unchanged. No 0x67 prefix here: a 32-bit
    // effective address would wrap index + offset mod 2^32.
    a.gs = true;
    if (offset <= 0x7fffffffu) {
      a.base = index;
      a.disp = int32_t(offset);
    } else {
      VReg k = offset <= 0xffffffffu ? mov_ri32(offset) : mov_ri64(offset);
      a.base = alu_rr(Width::W64, AluOp::Add, k, index);
    }
    if (bounds == ir::BoundsCheck::Guard)
      a.trap = uint8_t(1 + unsigned(ir::TrapCode::OutOfBoundsMemory));
    return a;
  }
  if (!mem64) {
    if (memoryBase_.size() <= mem)
      memoryBase_.resize(mem + 1);
    if (!memoryBase_[mem].valid())
      memoryBase_[mem] = newGpr(); // defined at the entry (lowerEntry)
    a.base = memoryBase_[mem];
  } else {
    a.base = loadPtr(vmctx_, int32_t(vmctxLayout_.memoryBase(mem)));
  }
  if (offset <= 0x7fffffffu) {
    a.index = index;
    a.disp = int32_t(offset);
  } else {
    VReg k = offset <= 0xffffffffu ? mov_ri32(offset) : mov_ri64(offset);
    a.index = alu_rr(Width::W64, AluOp::Add, k, index);
  }
  if (bounds == ir::BoundsCheck::Guard)
    a.trap = uint8_t(1 + unsigned(ir::TrapCode::OutOfBoundsMemory));
  return a;
}

namespace {
/// A 32-bit address (0x67) [base + index*scale + disp]; invalid registers are absent.
Amode address32(VReg base, VReg index, uint8_t scale, int32_t disp) {
  Amode a;
  a.base = base;
  a.index = index;
  a.scale = scale;
  a.disp = disp;
  a.addr32 = true;
  return a;
}
} // namespace

Amode X64Lowering::addr_bd(VReg b, int32_t imm) { return address32(b, VReg(), 1, imm); }
Amode X64Lowering::addr_bid(VReg b, VReg i, uint8_t factor, int32_t imm) { return address32(b, i, factor, imm); }
Amode X64Lowering::addr_id(VReg i, uint8_t factor, int32_t imm) { return address32(VReg(), i, factor, imm); }
Amode X64Lowering::addr_d(int32_t imm) { return address32(VReg(), VReg(), 1, imm); }

Amode X64Lowering::addr32_of(ir::Value v) {
  // Only an add whose one use is this access is folded: one with other uses is
  // computed anyway, and folding it too would keep its inputs live longer.
  const ir::Inst *d = defOfValue(v);
  if (d && canAbsorbValue(v))
    if (std::optional<Amode> a = lower(static_cast<X64AddrContext &>(*this), *d)) {
      absorb(*d);
      return *a;
    }
  Amode a; // [v]: a zero-extended i32 needs no 32-bit address
  a.base = valueReg(v);
  return a;
}

namespace {
Opcode loadForm(ir::Type t, ir::MemAccess a) {
  const bool w64 = t == ir::Type::I64;
  switch (a) {
  case ir::MemAccess::Natural: return w64 ? Opcode::MOV64rm : Opcode::MOV32rm;
  case ir::MemAccess::S8: return w64 ? Opcode::MOVSX64m8 : Opcode::MOVSX32m8;
  case ir::MemAccess::U8: return Opcode::MOVZX32m8;
  case ir::MemAccess::S16: return w64 ? Opcode::MOVSX64m16 : Opcode::MOVSX32m16;
  case ir::MemAccess::U16: return Opcode::MOVZX32m16;
  case ir::MemAccess::S32: return Opcode::MOVSXD64rm;
  case ir::MemAccess::U32: return Opcode::MOV32rm;
  }
  return Opcode::MOV32rm;
}
} // namespace

VReg X64Lowering::load_gpr(ir::Type t, ir::MemAccess a, Amode at) {
  VReg d = newGpr();
  accessForm(loadForm(t, a), at, Operand::def(d), 0);
  return d;
}

VReg X64Lowering::load_xmm(ir::Type t, Amode at) {
  VReg d = newXmm();
  Opcode op = t == ir::Type::F32 ? Opcode::MOVSSrm : t == ir::Type::F64 ? Opcode::MOVSDrm : Opcode::MOVUPSrm;
  accessForm(op, at, Operand::def(d), 0);
  return d;
}

namespace {
Opcode storeForm(ir::Type t, ir::MemAccess a) {
  switch (a) {
  case ir::MemAccess::Natural: return t == ir::Type::I64 ? Opcode::MOV64mr : Opcode::MOV32mr;
  case ir::MemAccess::S8:
  case ir::MemAccess::U8: return Opcode::MOV8mr;
  case ir::MemAccess::S16:
  case ir::MemAccess::U16: return Opcode::MOV16mr;
  case ir::MemAccess::S32:
  case ir::MemAccess::U32: return Opcode::MOV32mr;
  }
  return Opcode::MOV32mr;
}
} // namespace

void X64Lowering::storeTo(Opcode op, const Amode &at, VReg v, int64_t imm) {
  accessForm(op, at, v.valid() ? Operand::use(v) : Operand(), 1, imm);
}

void X64Lowering::store_gpr(ir::Type t, ir::MemAccess a, Amode at, VReg v) { storeTo(storeForm(t, a), at, v); }

void X64Lowering::store_imm(ir::Type t, ir::MemAccess a, Amode at, uint64_t c) {
  Opcode op;
  int64_t imm;
  switch (a) {
  case ir::MemAccess::S16:
  case ir::MemAccess::U16:
    store_gpr(t, a, at, mov_ri32(c & 0xffff)); // no imm16 form in the table
    return;
  case ir::MemAccess::S8:
  case ir::MemAccess::U8:
    op = Opcode::MOV8mi;
    imm = int8_t(uint8_t(c));
    break;
  case ir::MemAccess::Natural:
    op = t == ir::Type::I64 ? Opcode::MOV64mi : Opcode::MOV32mi;
    assert((t != ir::Type::I64 || fits_s32(c)) && "store_imm_fits");
    imm = int32_t(uint32_t(c));
    break;
  default: // S32, U32
    op = Opcode::MOV32mi;
    imm = int32_t(uint32_t(c));
    break;
  }
  storeTo(op, at, VReg(), imm);
}

void X64Lowering::store_xmm(ir::Type t, Amode at, VReg v) {
  storeTo(t == ir::Type::F32 ? Opcode::MOVSSmr : t == ir::Type::F64 ? Opcode::MOVSDmr : Opcode::MOVUPSmr, at, v);
}

// ---- globals: vmctx holds a pointer to each global's 16-byte storage

VReg X64Lowering::global_get_gpr(ir::Type t, uint32_t g) {
  VReg p = loadPtr(vmctx_, int32_t(vmctxLayout_.globalPtr(g)));
  return load_gpr(t, ir::MemAccess::Natural, Amode{p, VReg(), 0, 0});
}

VReg X64Lowering::global_get_xmm(ir::Type t, uint32_t g) {
  VReg p = loadPtr(vmctx_, int32_t(vmctxLayout_.globalPtr(g)));
  return load_xmm(t, Amode{p, VReg(), 0, 0});
}

void X64Lowering::global_set_value(uint32_t g, ir::Value v) {
  ir::Type t = irFunction().typeOf(v);
  VReg p = loadPtr(vmctx_, int32_t(vmctxLayout_.globalPtr(g)));
  Amode at{p, VReg(), 0, 0};
  if (t == ir::Type::F32 || t == ir::Type::F64 || t == ir::Type::V128)
    store_xmm(t, at, valueReg(v));
  else
    store_gpr(t == ir::Type::I32 ? ir::Type::I32 : ir::Type::I64, ir::MemAccess::Natural, at, valueReg(v));
}

} // namespace wasmaot::isa::x64
