// X64LoweringCalls: calls (direct, imported, indirect through tables, call_ref)
// and the operations backed by vmctx structures or runtime builtins (memory
// size/grow/fill/copy/init, tables, references). Calling convention and the
// vmctx layout: docs/abi.md.
#include "isa/x64/X64Lowering.h"

#include "codegen/TargetDesc.h"

namespace wasmaot::isa::x64 {

using codegen::Operand;
using codegen::VReg;
using ir::Type;

namespace {
bool isFloatType(Type t) { return t == Type::F32 || t == Type::F64 || t == Type::V128; }
uint32_t slotBytes(Type t) { return t == Type::V128 ? 16 : 8; }
} // namespace

std::vector<VReg> X64Lowering::emitCall(VReg code, int64_t direct, std::span<const VReg> args,
                                        std::span<const Type> argTypes, std::span<const Type> results,
                                        bool zeroExtendI32Results) {
  std::vector<Operand> ops;
  if (code.valid())
    ops.push_back(Operand::use(code));
  // A vreg passed in two registers is copied first: each fixed use names its own vreg.
  std::vector<uint32_t> seen;
  auto distinct = [&](VReg v, Type t) {
    for (uint32_t s : seen)
      if (s == v.id) {
        VReg c = isFloatType(t) ? newXmm() : newGpr();
        if (isFloatType(t))
          form(Opcode::MOVAPSrr, {Operand::use(v), Operand::def(c)}, {1, 0, kNoOperand});
        else
          form(Opcode::MOV64rr, {Operand::use(v), Operand::def(c)}, {1, 0, kNoOperand});
        return c;
      }
    seen.push_back(v.id);
    return v;
  };
  unsigned nextInt = 0, nextFloat = 0;
  uint32_t stackBytes = 0;
  struct StackArg { VReg v; Type t; uint32_t offset; };
  std::vector<StackArg> stackArgs;
  // args[0] is the callee's vmctx.
  ops.push_back(Operand::useFixed(distinct(args[0], Type::I64), preg(sysv::kIntArgs[nextInt++])));
  VReg area;
  if (results.size() > 1) {
    area = newGpr();
    ops.push_back(Operand::useFixed(area, preg(sysv::kIntArgs[nextInt++])));
  }
  for (size_t i = 1; i < args.size(); ++i) {
    Type t = argTypes[i - 1];
    if (!isFloatType(t) && nextInt < sysv::kIntArgs.size()) {
      ops.push_back(Operand::useFixed(distinct(args[i], t), preg(sysv::kIntArgs[nextInt++])));
    } else if (isFloatType(t) && nextFloat < sysv::kFloatArgs.size()) {
      ops.push_back(Operand::useFixed(distinct(args[i], t), preg(sysv::kFloatArgs[nextFloat++])));
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
    MemRef m;
    m.base = MemRef::kRsp;
    m.disp = int32_t(s.offset);
    Opcode op = s.t == Type::F32 ? Opcode::MOVSSmr
                : s.t == Type::F64 ? Opcode::MOVSDmr
                : s.t == Type::V128 ? Opcode::MOVUPSmr
                                    : Opcode::MOV64mr;
    form(op, {Operand::use(s.v)}, {kNoOperand, 0, kNoOperand}, 0, Cond::O, &m);
  }
  if (area.valid()) {
    MemRef m;
    m.base = MemRef::kRsp;
    m.disp = int32_t(stackBytes);
    form(Opcode::LEA64, {Operand::def(area)}, {0, kNoOperand, kNoOperand}, 0, Cond::O, &m);
  }
  std::vector<VReg> out;
  if (results.size() == 1) {
    VReg r = mf().newVRegFor(results[0]);
    ops.push_back(Operand::defFixed(r, isFloatType(results[0]) ? preg(Xmm::Xmm0) : preg(Gpr::Rax)));
    out.push_back(r);
  }
  codegen::InstId call =
      code.valid() ? emit(uint32_t(Pseudo::CallReg), std::span<const Operand>(ops), 0, 0)
                   : emit(uint32_t(Pseudo::Call), std::span<const Operand>(ops), 0, direct);
  mf().setClobbers(call, x64TargetDesc().callerSaved());
  if (results.size() > 1) {
    uint32_t off = stackBytes;
    for (Type t : results) {
      off = (off + slotBytes(t) - 1) & ~(slotBytes(t) - 1);
      MemRef m;
      m.base = MemRef::kRsp;
      m.disp = int32_t(off);
      VReg r = mf().newVRegFor(t);
      Opcode op = t == Type::F32 ? Opcode::MOVSSrm
                  : t == Type::F64 ? Opcode::MOVSDrm
                  : t == Type::V128 ? Opcode::MOVUPSrm
                  : t == Type::I32 ? Opcode::MOV32rm
                                   : Opcode::MOV64rm;
      form(op, {Operand::def(r)}, {0, kNoOperand, kNoOperand}, 0, Cond::O, &m);
      out.push_back(r);
      off += slotBytes(t);
    }
  } else if (results.size() == 1 && results[0] == Type::I32 && zeroExtendI32Results) {
    out[0] = extend(ExtKind::Zx32To64, out[0]);
  }
  return out;
}

bool X64Lowering::lowerCall(const ir::Inst &inst) {
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
      int32_t at = int32_t(callee * codegen::kFuncRefSize);
      args[0] = loadPtr(refs, at + int32_t(codegen::kFuncRefVmctx));
      VReg code = loadPtr(refs, at + int32_t(codegen::kFuncRefCode));
      results = emitCall(code, -1, args, argTypes, resultTypes, true);
    }
  } else {
    VReg ref;
    if (inst.op == ir::Opcode::CallIndirect) {
      uint32_t table = inst.idx[1];
      VReg index = valueReg(inst.operand(0));
      VReg tbl = loadPtr(vmctx_, int32_t(vmctxLayout_.tablePtr(table)));
      MemRef size;
      size.base = 1;
      size.disp = int32_t(codegen::kTableSize);
      form(Opcode::CMP64rm, {Operand::use(index), Operand::use(tbl)}, {0, kNoOperand, kNoOperand}, 0, Cond::O, &size);
      trap_when(CondCode{Cond::AE}, ir::TrapCode::OutOfBoundsTable);
      VReg elems = loadPtr(tbl, int32_t(codegen::kTableElements));
      ref = newGpr();
      MemRef e;
      e.base = 0;
      e.index = 1;
      e.scale = 8;
      form(Opcode::MOV64rm, {Operand::use(elems), Operand::use(index), Operand::def(ref)}, {2, kNoOperand, kNoOperand},
           0, Cond::O, &e);
      test_rr(Width::W64, ref, ref);
      trap_when(CondCode{Cond::E}, ir::TrapCode::IndirectCallNull);
      if (inst.checksSignature()) {
        VReg ids = loadPtr(vmctx_, codegen::VMContextLayout::kTypeIds);
        VReg want = newGpr();
        MemRef w;
        w.base = 0;
        w.disp = int32_t(4 * inst.idx[0]);
        form(Opcode::MOV32rm, {Operand::use(ids), Operand::def(want)}, {1, kNoOperand, kNoOperand}, 0, Cond::O, &w);
        MemRef have;
        have.base = 1;
        have.disp = int32_t(codegen::kFuncRefTypeId);
        form(Opcode::CMP32rm, {Operand::use(want), Operand::use(ref)}, {0, kNoOperand, kNoOperand}, 0, Cond::O, &have);
        trap_when(CondCode{Cond::NE}, ir::TrapCode::IndirectCallSignatureMismatch);
      }
      collect(1);
    } else { // CallRef: operand 0 is the reference, then the arguments
      ref = valueReg(inst.operand(0));
      test_rr(Width::W64, ref, ref);
      trap_when(CondCode{Cond::E}, ir::TrapCode::NullReference);
      collect(1);
    }
    args.insert(args.begin(), loadPtr(ref, int32_t(codegen::kFuncRefVmctx)));
    VReg code = loadPtr(ref, int32_t(codegen::kFuncRefCode));
    results = emitCall(code, -1, args, argTypes, resultTypes, true);
  }
  for (unsigned r = 0; r < inst.numResults; ++r)
    setValueReg(inst.result(r), results[r]);
  return true;
}

std::vector<VReg> X64Lowering::callBuiltin(codegen::Builtin b, std::span<const VReg> args,
                                           std::span<const Type> argTypes, std::span<const Type> results) {
  VReg table = loadPtr(vmctx_, codegen::VMContextLayout::kBuiltins);
  VReg code = loadPtr(table, int32_t(8 * uint32_t(b)));
  std::vector<VReg> all;
  all.push_back(vmctx_);
  all.insert(all.end(), args.begin(), args.end());
  return emitCall(code, -1, all, argTypes, results, false);
}

void X64Lowering::checkBuiltinStatus(VReg status, ir::TrapCode code) {
  test_rr(Width::W32, status, status);
  trap_when(CondCode{Cond::NE}, code);
}

bool X64Lowering::lowerRuntimeOp(const ir::Inst &inst) {
  const Type i64 = Type::I64;
  auto operand = [&](unsigned i) { return valueReg(inst.operand(i)); };
  auto imm = [&](uint32_t v) { return v == 0 ? zero_gpr() : mov_ri32(v); };
  auto status = [&](codegen::Builtin b, std::initializer_list<VReg> args, ir::TrapCode code) {
    std::vector<Type> types(args.size(), i64);
    Type u32 = Type::I32;
    std::vector<VReg> r = callBuiltin(b, std::vector<VReg>(args), types, std::span<const Type>(&u32, 1));
    checkBuiltinStatus(r[0], code);
  };
  auto result = [&](VReg r) { setValueReg(inst.result(0), r); };
  switch (inst.op) {
  case ir::Opcode::MemorySize: {
    VReg len = loadPtr(vmctx_, int32_t(vmctxLayout_.memoryLength(inst.idx[0])));
    result(shift_ri(Width::W64, ShiftOp::Shr, len, 16));
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
    VReg tbl = loadPtr(vmctx_, int32_t(vmctxLayout_.tablePtr(inst.idx[0])));
    result(load_gpr(inst.type == Type::I32 ? Type::I32 : Type::I64, ir::MemAccess::Natural,
                    Amode{tbl, VReg(), int32_t(codegen::kTableSize), 0}));
    return true;
  }
  case ir::Opcode::TableGet:
  case ir::Opcode::TableSet: {
    VReg index = operand(0);
    VReg tbl = loadPtr(vmctx_, int32_t(vmctxLayout_.tablePtr(inst.idx[0])));
    MemRef size;
    size.base = 1;
    size.disp = int32_t(codegen::kTableSize);
    form(Opcode::CMP64rm, {Operand::use(index), Operand::use(tbl)}, {0, kNoOperand, kNoOperand}, 0, Cond::O, &size);
    trap_when(CondCode{Cond::AE}, ir::TrapCode::OutOfBoundsTable);
    VReg elems = loadPtr(tbl, int32_t(codegen::kTableElements));
    MemRef e;
    e.base = 0;
    e.index = 1;
    e.scale = 8;
    if (inst.op == ir::Opcode::TableGet) {
      VReg r = newGpr();
      form(Opcode::MOV64rm, {Operand::use(elems), Operand::use(index), Operand::def(r)}, {2, kNoOperand, kNoOperand},
           0, Cond::O, &e);
      result(r);
    } else {
      form(Opcode::MOV64mr, {Operand::use(elems), Operand::use(index), Operand::use(operand(1))},
           {kNoOperand, 2, kNoOperand}, 0, Cond::O, &e);
    }
    return true;
  }
  case ir::Opcode::RefNull:
    result(zero_gpr());
    return true;
  case ir::Opcode::RefIsNull: {
    VReg r = operand(0);
    test_rr(Width::W64, r, r);
    result(setcc_zx(CondCode{Cond::E}));
    return true;
  }
  case ir::Opcode::RefEq:
    cmp_rr(Width::W64, operand(0), operand(1));
    result(setcc_zx(CondCode{Cond::E}));
    return true;
  case ir::Opcode::RefFunc: {
    VReg refs = loadPtr(vmctx_, codegen::VMContextLayout::kFuncRefs);
    VReg r = newGpr();
    MemRef m;
    m.base = 0;
    m.disp = int32_t(inst.idx[0] * codegen::kFuncRefSize);
    form(Opcode::LEA64, {Operand::use(refs), Operand::def(r)}, {1, kNoOperand, kNoOperand}, 0, Cond::O, &m);
    result(r);
    return true;
  }
  case ir::Opcode::RefAsNonNull: {
    VReg r = operand(0);
    test_rr(Width::W64, r, r);
    trap_when(CondCode{Cond::E}, ir::TrapCode::NullReference);
    result(r);
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmaot::isa::x64
