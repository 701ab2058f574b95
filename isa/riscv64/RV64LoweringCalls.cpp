// RV64LoweringCalls: calls (direct, imported, indirect through tables,
// call_ref) and the operations backed by vmctx structures or runtime builtins
// (memory size/grow/fill/copy/init, tables, references). Calling convention and
// the vmctx layout: docs/abi.md ("Calling convention (RISC-V 64)").
#include "isa/riscv64/RV64Lowering.h"

#include "codegen/TargetDesc.h"
#include "isa/riscv64/Immediates.h"

#include <algorithm>

namespace wasmaot::isa::riscv64 {

using MOp = codegen::Operand;
using codegen::VReg;
using ir::Type;
using R = ::wasmaot::isa::riscv64::Operand;

namespace {
bool isFloatType(Type t) { return t == Type::F32 || t == Type::F64 || t == Type::V128; }
uint32_t slotBytes(Type t) { return t == Type::V128 ? 16 : 8; }
R x0() { return R::r(Gpr::Zero); }
R f0() { return R::r(Fpr::F0); }
Width floatWidth(Type t) { return t == Type::F64 ? Width::W64 : Width::W32; }
} // namespace

std::vector<VReg> RV64Lowering::emitCall(VReg code, int64_t direct, std::span<const VReg> args,
                                         std::span<const Type> argTypes, std::span<const Type> results,
                                         bool extendI32Results) {
  std::vector<MOp> ops;
  if (code.valid())
    ops.push_back(MOp::use(code));
  // A vreg passed in two registers is copied first: each fixed use names its own vreg.
  std::vector<uint32_t> seen;
  auto distinct = [&](VReg v, Type t) {
    for (uint32_t s : seen)
      if (s == v.id) {
        if (isFloatType(t))
          return fop_rr(Width::W64, FpOp::Sgnj, v, v); // fmv.d
        return rri(Opcode::ADDI, v, 0);                  // mv
      }
    seen.push_back(v.id);
    return v;
  };
  unsigned nextInt = 0, nextFloat = 0;
  uint32_t stackBytes = 0;
  struct StackArg { VReg v; Type t; uint32_t offset; };
  std::vector<StackArg> stackArgs;
  // args[0] is the callee's vmctx (a0); a return area for several results is a1.
  ops.push_back(MOp::useFixed(distinct(args[0], Type::I64), preg(lp64d::kIntArgs[nextInt++])));
  VReg area;
  if (results.size() > 1) {
    area = newGpr();
    ops.push_back(MOp::useFixed(area, preg(lp64d::kIntArgs[nextInt++])));
  }
  for (size_t i = 1; i < args.size(); ++i) {
    Type t = argTypes[i - 1];
    if (isFloatType(t) && nextFloat < lp64d::kFloatArgs.size()) {
      ops.push_back(MOp::useFixed(distinct(args[i], t), preg(lp64d::kFloatArgs[nextFloat++])));
    } else if (nextInt < lp64d::kIntArgs.size()) {
      // LP64D: a float that finds no FP register goes in an integer register.
      VReg v = isFloatType(t) ? fmv_to_gpr(floatWidth(t), args[i]) : distinct(args[i], t);
      ops.push_back(MOp::useFixed(v, preg(lp64d::kIntArgs[nextInt++])));
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
  // [sp + offset]: the outgoing-argument area at the bottom of the frame;
  // offsets beyond a simm12 go through sp + materialized offset.
  auto spAddress = [&](uint32_t offset, int32_t &disp) -> VReg {
    if (isSimm12(offset)) {
      disp = int32_t(offset);
      return VReg();
    }
    VReg t = newGpr();
    form(Inst(Opcode::ADD, {x0(), R::r(Gpr::Sp), x0()}), {MOp::use(li(offset)), MOp::def(t)}, {1, kKeep, 0});
    disp = 0;
    return t;
  };
  for (const StackArg &s : stackArgs) {
    Opcode op = s.t == Type::F32 ? Opcode::FSW : s.t == Type::F64 ? Opcode::FSD : Opcode::SD;
    int32_t disp = 0;
    VReg at = spAddress(s.offset, disp);
    R r = isFloatType(s.t) ? f0() : x0();
    if (at.valid())
      form(Inst(op, {r, R::m(Mem::at(Gpr::Zero, disp))}), {MOp::use(s.v), MOp::use(at)}, {0, 1});
    else
      form(Inst(op, {r, R::m(Mem::at(Gpr::Sp, disp))}), {MOp::use(s.v)}, {0, kKeep});
  }
  if (area.valid()) {
    if (isSimm12(stackBytes))
      form(Inst(Opcode::ADDI, {x0(), R::r(Gpr::Sp), R::i(stackBytes)}), {MOp::def(area)}, {0, kKeep});
    else
      form(Inst(Opcode::ADD, {x0(), R::r(Gpr::Sp), x0()}), {MOp::use(li(stackBytes)), MOp::def(area)},
           {1, kKeep, 0});
  }
  std::vector<VReg> out;
  if (results.size() == 1) {
    VReg r = mf().newVRegFor(results[0]);
    ops.push_back(MOp::defFixed(r, isFloatType(results[0]) ? preg(Fpr::Fa0) : preg(Gpr::A0)));
    out.push_back(r);
  }
  codegen::InstId call = code.valid() ? emit(uint32_t(Pseudo::CallReg), std::span<const MOp>(ops), 0, 0)
                                      : emit(uint32_t(Pseudo::Call), std::span<const MOp>(ops), 0, direct);
  mf().setClobbers(call, rv64TargetDesc().callerSaved());
  if (results.size() > 1) {
    uint32_t off = stackBytes;
    for (Type t : results) {
      off = (off + slotBytes(t) - 1) & ~(slotBytes(t) - 1);
      Opcode op = t == Type::F32   ? Opcode::FLW
                  : t == Type::F64 ? Opcode::FLD
                  : t == Type::I32 ? Opcode::LW
                                   : Opcode::LD;
      VReg r;
      int32_t disp = 0;
      VReg at = spAddress(off, disp);
      if (at.valid()) {
        r = loadAt(op, at, disp, isFloatType(t) ? codegen::RegClass::Float : codegen::RegClass::Int);
      } else {
        r = mf().newVRegFor(t);
        form(Inst(op, {isFloatType(t) ? f0() : x0(), R::m(Mem::at(Gpr::Sp, disp))}), {MOp::def(r)},
             {0, kKeep});
      }
      out.push_back(r);
      off += slotBytes(t);
    }
  } else if (results.size() == 1 && results[0] == Type::I32 && extendI32Results) {
    out[0] = alu_r(Width::W64, UnOp::SextW, out[0]);
  }
  return out;
}

bool RV64Lowering::lowerCall(const ir::Inst &inst) {
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
      ref = loadPtr(elementAddress(elems, index), 0);
      trap_when(cond_eqz(ref), ir::TrapCode::IndirectCallNull);
      if (inst.checksSignature()) {
        VReg ids = loadPtr(vmctx_, codegen::VMContextLayout::kTypeIds);
        VReg want = loadAt(Opcode::LW, ids, 4 * int64_t(inst.idx[0]), codegen::RegClass::Int);
        VReg have = loadAt(Opcode::LW, ref, codegen::kFuncRefTypeId, codegen::RegClass::Int);
        trap_when(CondCode{BrCond::Ne, want, have}, ir::TrapCode::IndirectCallSignatureMismatch);
      }
      collect(1);
    } else { // CallRef: operand 0 is the reference, then the arguments
      ref = valueReg(inst.operand(0));
      trap_when(cond_eqz(ref), ir::TrapCode::NullReference);
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

std::vector<VReg> RV64Lowering::callBuiltin(codegen::Builtin b, std::span<const VReg> args,
                                            std::span<const Type> argTypes, std::span<const Type> results) {
  VReg table = loadPtr(vmctx_, codegen::VMContextLayout::kBuiltins);
  VReg code = loadPtr(table, 8 * int64_t(b));
  std::vector<VReg> all;
  all.push_back(vmctx_);
  all.insert(all.end(), args.begin(), args.end());
  return emitCall(code, -1, all, argTypes, results, false);
}

void RV64Lowering::checkBuiltinStatus(VReg status, ir::TrapCode code) {
  // A u32 status: test the sign-extended low half, whatever C left above it.
  trap_when(cond_nez(alu_r(Width::W64, UnOp::SextW, status)), code);
}

VReg RV64Lowering::tableElements(uint32_t table, VReg index) {
  // An i32 index is sign-extended: one >= 2^31 reads as at least 2^64 - 2^31
  // unsigned, beyond every table size, so the 64-bit compare is right for both.
  VReg tbl = loadPtr(vmctx_, int64_t(vmctxLayout_.tablePtr(table)));
  VReg size = loadPtr(tbl, codegen::kTableSize);
  trap_when(CondCode{BrCond::Geu, index, size}, ir::TrapCode::OutOfBoundsTable);
  return loadPtr(tbl, codegen::kTableElements);
}

VReg RV64Lowering::elementAddress(VReg elems, VReg index) {
  // index < size here, so it is a small non-negative value in either width.
  if (zba_)
    return rrr(Opcode::SH3ADD, index, elems, codegen::RegClass::Int);
  return rrr(Opcode::ADD, elems, rri(Opcode::SLLI, index, 3), codegen::RegClass::Int);
}

bool RV64Lowering::lowerRuntimeOp(const ir::Inst &inst) {
  const Type i64 = Type::I64;
  auto operand = [&](unsigned i) { return valueReg(inst.operand(i)); };
  auto imm = [&](uint32_t v) { return li(int64_t(v)); };
  auto status = [&](codegen::Builtin b, std::initializer_list<VReg> args, ir::TrapCode code) {
    std::vector<Type> types(args.size(), i64);
    Type u32 = Type::I32;
    std::vector<VReg> r = callBuiltin(b, std::vector<VReg>(args), types, std::span<const Type>(&u32, 1));
    checkBuiltinStatus(r[0], code);
  };
  auto result = [&](VReg r) { setValueReg(inst.result(0), r); };
  auto i32Result = [&](VReg r) { result(inst.type == Type::I32 ? alu_r(Width::W64, UnOp::SextW, r) : r); };
  switch (inst.op) {
  case ir::Opcode::MemorySize: {
    VReg len = loadPtr(vmctx_, int64_t(vmctxLayout_.memoryLength(inst.idx[0])));
    result(rri(Opcode::SRLI, len, 16));
    return true;
  }
  case ir::Opcode::MemoryGrow: {
    std::vector<VReg> a = {imm(inst.idx[0]), operand(0)};
    std::vector<Type> t = {i64, i64};
    i32Result(callBuiltin(codegen::Builtin::MemoryGrow, a, t, std::span<const Type>(&i64, 1))[0]);
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
    i32Result(callBuiltin(codegen::Builtin::TableGrow, a, t, std::span<const Type>(&i64, 1))[0]);
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
    // lw: the low half, sign-extended (the i32 invariant).
    result(loadAt(inst.type == Type::I32 ? Opcode::LW : Opcode::LD, tbl, codegen::kTableSize,
                  codegen::RegClass::Int));
    return true;
  }
  case ir::Opcode::TableGet:
  case ir::Opcode::TableSet: {
    VReg index = operand(0);
    VReg at = elementAddress(tableElements(inst.idx[0], index), index);
    if (inst.op == ir::Opcode::TableGet)
      result(loadPtr(at, 0));
    else
      storeAt(Opcode::SD, at, 0, operand(1));
    return true;
  }
  case ir::Opcode::RefNull:
    result(li(0));
    return true;
  case ir::Opcode::RefIsNull:
    result(alu_r(Width::W64, UnOp::Seqz, operand(0)));
    return true;
  case ir::Opcode::RefEq:
    result(alu_r(Width::W64, UnOp::Seqz, alu_rrr(Width::W64, AluOp::Xor, operand(0), operand(1))));
    return true;
  case ir::Opcode::RefFunc: {
    VReg refs = loadPtr(vmctx_, codegen::VMContextLayout::kFuncRefs);
    const int64_t off = int64_t(inst.idx[0]) * codegen::kFuncRefSize;
    result(isSimm12(off) ? rri(Opcode::ADDI, refs, off) : alu_rrr(Width::W64, AluOp::Add, refs, li(off)));
    return true;
  }
  case ir::Opcode::RefAsNonNull: {
    VReg r = operand(0);
    trap_when(cond_eqz(r), ir::TrapCode::NullReference);
    result(r);
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmaot::isa::riscv64
