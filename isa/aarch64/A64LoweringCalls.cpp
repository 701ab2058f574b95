// A64LoweringCalls: calls (direct, imported, indirect through tables, call_ref)
// and the operations backed by vmctx structures or runtime builtins (memory
// size/grow/fill/copy/init, tables, references). Calling convention and the
// vmctx layout: docs/abi.md ("Calling convention (AArch64)").
#include "isa/aarch64/A64Lowering.h"

#include "codegen/TargetDesc.h"

#include <algorithm>

namespace wasmaot::isa::aarch64 {

using MOp = codegen::Operand;
using codegen::VReg;
using ir::Type;
using A = ::wasmaot::isa::aarch64::Operand;

namespace {
bool isFloatType(Type t) { return t == Type::F32 || t == Type::F64 || t == Type::V128; }
uint32_t slotBytes(Type t) { return t == Type::V128 ? 16 : 8; }
A gpr0() { return A::r(Gpr::X0); }
A fpr0() { return A::r(Vreg::V0); }
} // namespace

std::vector<VReg> A64Lowering::emitCall(VReg code, int64_t direct, std::span<const VReg> args,
                                        std::span<const Type> argTypes, std::span<const Type> results,
                                        bool zeroExtendI32Results) {
  std::vector<MOp> ops;
  if (code.valid())
    ops.push_back(MOp::use(code));
  // A vreg passed in two registers is copied first: each fixed use names its own vreg.
  std::vector<uint32_t> seen;
  auto distinct = [&](VReg v, Type t) {
    for (uint32_t s : seen)
      if (s == v.id) {
        if (isFloatType(t))
          return rr(Opcode::FMOVDr, v, codegen::RegClass::Float);
        return rr(Opcode::MOVXr, v, codegen::RegClass::Int);
      }
    seen.push_back(v.id);
    return v;
  };
  unsigned nextInt = 0, nextFloat = 0;
  uint32_t stackBytes = 0;
  struct StackArg { VReg v; Type t; uint32_t offset; };
  std::vector<StackArg> stackArgs;
  // args[0] is the callee's vmctx (x0); a return area for several results is x1.
  ops.push_back(MOp::useFixed(distinct(args[0], Type::I64), preg(aapcs64::kIntArgs[nextInt++])));
  VReg area;
  if (results.size() > 1) {
    area = newGpr();
    ops.push_back(MOp::useFixed(area, preg(aapcs64::kIntArgs[nextInt++])));
  }
  for (size_t i = 1; i < args.size(); ++i) {
    Type t = argTypes[i - 1];
    if (!isFloatType(t) && nextInt < aapcs64::kIntArgs.size()) {
      ops.push_back(MOp::useFixed(distinct(args[i], t), preg(aapcs64::kIntArgs[nextInt++])));
    } else if (isFloatType(t) && nextFloat < aapcs64::kFloatArgs.size()) {
      ops.push_back(MOp::useFixed(distinct(args[i], t), preg(aapcs64::kFloatArgs[nextFloat++])));
    } else {
      stackBytes = (stackBytes + slotBytes(t) - 1) & ~(slotBytes(t) - 1);
      stackArgs.push_back({args[i], t, stackBytes});
      stackBytes += slotBytes(t);
    }
  }
  stackBytes = (stackBytes + 15) & ~15u;
  uint32_t areaBytes = 0;
  for (Type t : results)
    areaBytes = ((areaBytes + slotBytes(t) - 1) & ~(slotBytes(t) - 1)) + slotBytes(t);
  if (results.size() <= 1)
    areaBytes = 0;
  code_.outgoingArgSize = std::max(code_.outgoingArgSize, stackBytes + ((areaBytes + 15) & ~15u));
  for (const StackArg &s : stackArgs) {
    // [sp, #offset]: the outgoing-argument area at the bottom of the frame.
    // Offsets are below 16 * 1000 (wasm's parameter limit): always a scaled ui offset.
    Opcode op = s.t == Type::F32 ? Opcode::STRSui : s.t == Type::F64 ? Opcode::STRDui : Opcode::STRXui;
    form(Inst(op, {isFloatType(s.t) ? fpr0() : gpr0(), A::m(Mem::at(Gpr::Sp, int32_t(s.offset)))}),
         {MOp::use(s.v)}, {0, kKeep});
  }
  if (area.valid()) {
    A off = stackBytes <= 0xfff ? A::i(stackBytes) : A::i(stackBytes >> 12, 12);
    form(Inst(Opcode::ADDXri, {gpr0(), A::r(Gpr::Sp), off}), {MOp::def(area)}, {0, kKeep});
  }
  std::vector<VReg> out;
  if (results.size() == 1) {
    VReg r = mf().newVRegFor(results[0]);
    ops.push_back(MOp::defFixed(r, isFloatType(results[0]) ? preg(Vreg::V0) : preg(Gpr::X0)));
    out.push_back(r);
  }
  codegen::InstId call = code.valid() ? emit(uint32_t(Pseudo::CallReg), std::span<const MOp>(ops), 0, 0)
                                      : emit(uint32_t(Pseudo::Call), std::span<const MOp>(ops), 0, direct);
  mf().setClobbers(call, a64TargetDesc().callerSaved());
  if (results.size() > 1) {
    uint32_t off = stackBytes;
    for (Type t : results) {
      off = (off + slotBytes(t) - 1) & ~(slotBytes(t) - 1);
      VReg r = mf().newVRegFor(t);
      Opcode op = t == Type::F32   ? Opcode::LDRSui
                  : t == Type::F64 ? Opcode::LDRDui
                  : t == Type::I32 ? Opcode::LDRWui
                                   : Opcode::LDRXui;
      form(Inst(op, {isFloatType(t) ? fpr0() : gpr0(), A::m(Mem::at(Gpr::Sp, int32_t(off)))}), {MOp::def(r)},
           {0, kKeep});
      out.push_back(r);
      off += slotBytes(t);
    }
  } else if (results.size() == 1 && results[0] == Type::I32 && zeroExtendI32Results) {
    out[0] = extend(ExtKind::Zx32To64, out[0]);
  }
  return out;
}

bool A64Lowering::lowerCall(const ir::Inst &inst) {
  const ir::Module &m = irModule();
  std::vector<VReg> args;
  std::vector<Type> argTypes;
  std::vector<VReg> results;
  auto collect = [&](unsigned first) {
    for (unsigned i = first; i < inst.numOperands; ++i) {
      args.push_back(valueReg(inst.operand(i)));
      argTypes.push_back(irFunction().typeOf(inst.operand(i)));
    }
  };
  std::vector<Type> resultTypes;
  for (unsigned r = 0; r < inst.numResults; ++r)
    resultTypes.push_back(irFunction().typeOf(inst.result(r)));

  if (inst.op == ir::Opcode::Call) {
    uint32_t callee = inst.idx[0];
    args.push_back(vmctx_);
    collect(0);
    if (!m.functions[callee]->isDeclaration()) {
      results = emitCall(VReg(), callee, args, argTypes, resultTypes, false);
    } else {
      // An import: funcRefs[callee] holds its code and vmctx.
      VReg refs = loadPtr(vmctx_, codegen::VMContextLayout::kFuncRefs);
      int64_t at = int64_t(callee) * codegen::kFuncRefSize;
      args[0] = loadPtr(refs, at + codegen::kFuncRefVmctx);
      VReg code = loadPtr(refs, at + codegen::kFuncRefCode);
      results = emitCall(code, -1, args, argTypes, resultTypes, true);
    }
  } else {
    VReg ref;
    if (inst.op == ir::Opcode::CallIndirect) {
      VReg index = valueReg(inst.operand(0));
      VReg elems = tableElements(inst.idx[1], index);
      ref = newGpr();
      // ldr ref, [elems, index, lsl #3]
      form(Inst(Opcode::LDRXro, {gpr0(), A::m(Mem::reg(Gpr::X0, Gpr::X0, Extend::Uxtx, true))}),
           {MOp::use(elems), MOp::use(index), MOp::def(ref)}, {2, kKeep}, 0, 1);
      trap_if_zero(Width::W64, ref, ir::TrapCode::IndirectCallNull);
      if (inst.checksSignature()) {
        VReg ids = loadPtr(vmctx_, codegen::VMContextLayout::kTypeIds);
        VReg want = loadAt(Opcode::LDRWui, ids, 4 * int64_t(inst.idx[0]), 4, codegen::RegClass::Int);
        VReg have = loadAt(Opcode::LDRWui, ref, codegen::kFuncRefTypeId, 4, codegen::RegClass::Int);
        cmp_rr(Width::W32, want, have);
        trap_when(CondCode{Cond::NE}, ir::TrapCode::IndirectCallSignatureMismatch);
      }
      collect(1);
    } else { // CallRef: operand 0 is the reference, then the arguments
      ref = valueReg(inst.operand(0));
      trap_if_zero(Width::W64, ref, ir::TrapCode::NullReference);
      collect(1);
    }
    args.insert(args.begin(), loadPtr(ref, codegen::kFuncRefVmctx));
    VReg code = loadPtr(ref, codegen::kFuncRefCode);
    results = emitCall(code, -1, args, argTypes, resultTypes, true);
  }
  for (unsigned r = 0; r < inst.numResults; ++r)
    setValueReg(inst.result(r), results[r]);
  return true;
}

std::vector<VReg> A64Lowering::callBuiltin(codegen::Builtin b, std::span<const VReg> args,
                                           std::span<const Type> argTypes, std::span<const Type> results) {
  VReg table = loadPtr(vmctx_, codegen::VMContextLayout::kBuiltins);
  VReg code = loadPtr(table, 8 * int64_t(b));
  std::vector<VReg> all;
  all.push_back(vmctx_);
  all.insert(all.end(), args.begin(), args.end());
  return emitCall(code, -1, all, argTypes, results, false);
}

void A64Lowering::checkBuiltinStatus(VReg status, ir::TrapCode code) {
  // A u32 status: compare the W view, whatever C left in bits 63:32.
  cmp_ri(Width::W32, status, 0);
  trap_when(CondCode{Cond::NE}, code);
}

VReg A64Lowering::tableElements(uint32_t table, VReg index) {
  VReg tbl = loadPtr(vmctx_, int64_t(vmctxLayout_.tablePtr(table)));
  VReg size = loadPtr(tbl, codegen::kTableSize);
  cmp_rr(Width::W64, index, size);
  trap_when(CondCode{Cond::HS}, ir::TrapCode::OutOfBoundsTable);
  return loadPtr(tbl, codegen::kTableElements);
}

bool A64Lowering::lowerRuntimeOp(const ir::Inst &inst) {
  const Type i64 = Type::I64;
  auto operand = [&](unsigned i) { return valueReg(inst.operand(i)); };
  auto imm = [&](uint32_t v) { return mov_imm(Width::W32, v); };
  auto status = [&](codegen::Builtin b, std::initializer_list<VReg> args, ir::TrapCode code) {
    std::vector<Type> types(args.size(), i64);
    Type u32 = Type::I32;
    std::vector<VReg> r = callBuiltin(b, std::vector<VReg>(args), types, std::span<const Type>(&u32, 1));
    checkBuiltinStatus(r[0], code);
  };
  auto result = [&](VReg r) { setValueReg(inst.result(0), r); };
  switch (inst.op) {
  case ir::Opcode::MemorySize: {
    VReg len = loadPtr(vmctx_, int64_t(vmctxLayout_.memoryLength(inst.idx[0])));
    result(shift_ri(Width::W64, ShiftOp::Lsr, len, 16));
    return true;
  }
  case ir::Opcode::MemoryGrow: {
    std::vector<VReg> a = {imm(inst.idx[0]), operand(0)};
    std::vector<Type> t = {i64, i64};
    VReg r = callBuiltin(codegen::Builtin::MemoryGrow, a, t, std::span<const Type>(&i64, 1))[0];
    result(inst.type == Type::I32 ? extend(ExtKind::Zx32To64, r) : r);
    return true;
  }
  case ir::Opcode::MemoryFill:
    status(codegen::Builtin::MemoryFill, {imm(inst.idx[0]), operand(0), operand(1), operand(2)},
           ir::TrapCode::OutOfBoundsMemory);
    return true;
  case ir::Opcode::MemoryCopy:
    status(codegen::Builtin::MemoryCopy, {imm(inst.idx[0]), imm(inst.idx[1]), operand(0), operand(1), operand(2)},
           ir::TrapCode::OutOfBoundsMemory);
    return true;
  case ir::Opcode::MemoryInit:
    status(codegen::Builtin::MemoryInit, {imm(inst.idx[0]), imm(inst.idx[1]), operand(0), operand(1), operand(2)},
           ir::TrapCode::OutOfBoundsMemory);
    return true;
  case ir::Opcode::DataDrop: {
    std::vector<VReg> a = {imm(inst.idx[0])};
    std::vector<Type> t = {i64};
    callBuiltin(codegen::Builtin::DataDrop, a, t, {});
    return true;
  }
  case ir::Opcode::ElemDrop: {
    std::vector<VReg> a = {imm(inst.idx[0])};
    std::vector<Type> t = {i64};
    callBuiltin(codegen::Builtin::ElemDrop, a, t, {});
    return true;
  }
  case ir::Opcode::TableGrow: {
    std::vector<VReg> a = {imm(inst.idx[0]), operand(0), operand(1)};
    std::vector<Type> t = {i64, i64, i64};
    VReg r = callBuiltin(codegen::Builtin::TableGrow, a, t, std::span<const Type>(&i64, 1))[0];
    result(inst.type == Type::I32 ? extend(ExtKind::Zx32To64, r) : r);
    return true;
  }
  case ir::Opcode::TableFill:
    status(codegen::Builtin::TableFill, {imm(inst.idx[0]), operand(0), operand(1), operand(2)},
           ir::TrapCode::OutOfBoundsTable);
    return true;
  case ir::Opcode::TableCopy:
    status(codegen::Builtin::TableCopy, {imm(inst.idx[0]), imm(inst.idx[1]), operand(0), operand(1), operand(2)},
           ir::TrapCode::OutOfBoundsTable);
    return true;
  case ir::Opcode::TableInit:
    status(codegen::Builtin::TableInit, {imm(inst.idx[0]), imm(inst.idx[1]), operand(0), operand(1), operand(2)},
           ir::TrapCode::OutOfBoundsTable);
    return true;
  case ir::Opcode::TableSize: {
    VReg tbl = loadPtr(vmctx_, int64_t(vmctxLayout_.tablePtr(inst.idx[0])));
    Opcode op = inst.type == Type::I32 ? Opcode::LDRWui : Opcode::LDRXui;
    result(loadAt(op, tbl, codegen::kTableSize, inst.type == Type::I32 ? 4 : 8, codegen::RegClass::Int));
    return true;
  }
  case ir::Opcode::TableGet:
  case ir::Opcode::TableSet: {
    VReg index = operand(0);
    VReg elems = tableElements(inst.idx[0], index);
    // [elems, index, lsl #3]
    Inst t(inst.op == ir::Opcode::TableGet ? Opcode::LDRXro : Opcode::STRXro,
           {gpr0(), A::m(Mem::reg(Gpr::X0, Gpr::X0, Extend::Uxtx, true))});
    if (inst.op == ir::Opcode::TableGet) {
      VReg r = newGpr();
      form(t, {MOp::use(elems), MOp::use(index), MOp::def(r)}, {2, kKeep}, 0, 1);
      result(r);
    } else {
      form(t, {MOp::use(elems), MOp::use(index), MOp::use(operand(1))}, {2, kKeep}, 0, 1);
    }
    return true;
  }
  case ir::Opcode::RefNull:
    result(mov_imm(Width::W64, 0));
    return true;
  case ir::Opcode::RefIsNull:
    cmp_ri(Width::W64, operand(0), 0);
    result(cset(CondCode{Cond::EQ}));
    return true;
  case ir::Opcode::RefEq:
    cmp_rr(Width::W64, operand(0), operand(1));
    result(cset(CondCode{Cond::EQ}));
    return true;
  case ir::Opcode::RefFunc: {
    VReg refs = loadPtr(vmctx_, codegen::VMContextLayout::kFuncRefs);
    uint64_t off = uint64_t(inst.idx[0]) * codegen::kFuncRefSize;
    uint64_t k = 0;
    result(aimm(off, k) ? addsub_ri(Width::W64, AluOp::Add, refs, k)
                        : alu_rrr(Width::W64, AluOp::Add, refs, mov_imm(Width::W64, off)));
    return true;
  }
  case ir::Opcode::RefAsNonNull: {
    VReg r = operand(0);
    trap_if_zero(Width::W64, r, ir::TrapCode::NullReference);
    result(r);
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmaot::isa::aarch64
