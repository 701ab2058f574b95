// NumericOps: constants, integer and float arithmetic, comparisons and every
// conversion. Division and remainder map to sdiv/udiv/srem/urem, which carry
// wasm's traps themselves; trapping float-to-int truncations to fcvt_to_*int.
#include "frontend/FunctionTranslator.h"

#include <cassert>

namespace wasmaot::frontend {

using ir::FloatCC;
using ir::IntCC;
using ir::Opcode;
using ir::Type;
using W = wasm::Opcode;

void FunctionTranslator::unary(Opcode op, Type t) {
  ir::Value a = pop();
  push(b_->unary(op, t, a));
}

void FunctionTranslator::binary(Opcode op, Type t) {
  ir::Value rhs = pop();
  ir::Value lhs = pop();
  push(b_->binary(op, t, lhs, rhs));
}

void FunctionTranslator::icmp(IntCC cc) {
  ir::Value rhs = pop();
  ir::Value lhs = pop();
  push(b_->icmp(cc, lhs, rhs));
}

void FunctionTranslator::fcmp(FloatCC cc) {
  ir::Value rhs = pop();
  ir::Value lhs = pop();
  push(b_->fcmp(cc, lhs, rhs));
}

void FunctionTranslator::convert(Opcode op, Type to) { unary(op, to); }

void FunctionTranslator::numeric(const wasm::Instr &in) {
  switch (in.op) {
  // --- constants
  case W::I32Const: return push(b_->iconst(Type::I32, uint32_t(in.i32)));
  case W::I64Const: return push(b_->iconst(Type::I64, uint64_t(in.i64)));
  case W::F32Const: return push(b_->fconst(Type::F32, in.f32Bits));
  case W::F64Const: return push(b_->fconst(Type::F64, in.f64Bits));

  // --- comparisons
  case W::I32Eqz:
  case W::I64Eqz: {
    ir::Value a = pop();
    ir::Value zero = b_->iconst(in.op == W::I32Eqz ? Type::I32 : Type::I64, 0);
    return push(b_->icmp(IntCC::Eq, a, zero));
  }
  case W::I32Eq: case W::I64Eq: return icmp(IntCC::Eq);
  case W::I32Ne: case W::I64Ne: return icmp(IntCC::Ne);
  case W::I32LtS: case W::I64LtS: return icmp(IntCC::Slt);
  case W::I32LtU: case W::I64LtU: return icmp(IntCC::Ult);
  case W::I32GtS: case W::I64GtS: return icmp(IntCC::Sgt);
  case W::I32GtU: case W::I64GtU: return icmp(IntCC::Ugt);
  case W::I32LeS: case W::I64LeS: return icmp(IntCC::Sle);
  case W::I32LeU: case W::I64LeU: return icmp(IntCC::Ule);
  case W::I32GeS: case W::I64GeS: return icmp(IntCC::Sge);
  case W::I32GeU: case W::I64GeU: return icmp(IntCC::Uge);
  case W::F32Eq: case W::F64Eq: return fcmp(FloatCC::Eq);
  case W::F32Ne: case W::F64Ne: return fcmp(FloatCC::Ne);
  case W::F32Lt: case W::F64Lt: return fcmp(FloatCC::Lt);
  case W::F32Gt: case W::F64Gt: return fcmp(FloatCC::Gt);
  case W::F32Le: case W::F64Le: return fcmp(FloatCC::Le);
  case W::F32Ge: case W::F64Ge: return fcmp(FloatCC::Ge);

  // --- i32
  case W::I32Clz: return unary(Opcode::Clz, Type::I32);
  case W::I32Ctz: return unary(Opcode::Ctz, Type::I32);
  case W::I32Popcnt: return unary(Opcode::Popcnt, Type::I32);
  case W::I32Add: return binary(Opcode::Iadd, Type::I32);
  case W::I32Sub: return binary(Opcode::Isub, Type::I32);
  case W::I32Mul: return binary(Opcode::Imul, Type::I32);
  case W::I32DivS: return binary(Opcode::Sdiv, Type::I32);
  case W::I32DivU: return binary(Opcode::Udiv, Type::I32);
  case W::I32RemS: return binary(Opcode::Srem, Type::I32);
  case W::I32RemU: return binary(Opcode::Urem, Type::I32);
  case W::I32And: return binary(Opcode::Band, Type::I32);
  case W::I32Or: return binary(Opcode::Bor, Type::I32);
  case W::I32Xor: return binary(Opcode::Bxor, Type::I32);
  case W::I32Shl: return binary(Opcode::Ishl, Type::I32);
  case W::I32ShrS: return binary(Opcode::Sshr, Type::I32);
  case W::I32ShrU: return binary(Opcode::Ushr, Type::I32);
  case W::I32Rotl: return binary(Opcode::Rotl, Type::I32);
  case W::I32Rotr: return binary(Opcode::Rotr, Type::I32);

  // --- i64
  case W::I64Clz: return unary(Opcode::Clz, Type::I64);
  case W::I64Ctz: return unary(Opcode::Ctz, Type::I64);
  case W::I64Popcnt: return unary(Opcode::Popcnt, Type::I64);
  case W::I64Add: return binary(Opcode::Iadd, Type::I64);
  case W::I64Sub: return binary(Opcode::Isub, Type::I64);
  case W::I64Mul: return binary(Opcode::Imul, Type::I64);
  case W::I64DivS: return binary(Opcode::Sdiv, Type::I64);
  case W::I64DivU: return binary(Opcode::Udiv, Type::I64);
  case W::I64RemS: return binary(Opcode::Srem, Type::I64);
  case W::I64RemU: return binary(Opcode::Urem, Type::I64);
  case W::I64And: return binary(Opcode::Band, Type::I64);
  case W::I64Or: return binary(Opcode::Bor, Type::I64);
  case W::I64Xor: return binary(Opcode::Bxor, Type::I64);
  case W::I64Shl: return binary(Opcode::Ishl, Type::I64);
  case W::I64ShrS: return binary(Opcode::Sshr, Type::I64);
  case W::I64ShrU: return binary(Opcode::Ushr, Type::I64);
  case W::I64Rotl: return binary(Opcode::Rotl, Type::I64);
  case W::I64Rotr: return binary(Opcode::Rotr, Type::I64);

  // --- f32
  case W::F32Abs: return unary(Opcode::Fabs, Type::F32);
  case W::F32Neg: return unary(Opcode::Fneg, Type::F32);
  case W::F32Ceil: return unary(Opcode::Fceil, Type::F32);
  case W::F32Floor: return unary(Opcode::Ffloor, Type::F32);
  case W::F32Trunc: return unary(Opcode::Ftrunc, Type::F32);
  case W::F32Nearest: return unary(Opcode::Fnearest, Type::F32);
  case W::F32Sqrt: return unary(Opcode::Fsqrt, Type::F32);
  case W::F32Add: return binary(Opcode::Fadd, Type::F32);
  case W::F32Sub: return binary(Opcode::Fsub, Type::F32);
  case W::F32Mul: return binary(Opcode::Fmul, Type::F32);
  case W::F32Div: return binary(Opcode::Fdiv, Type::F32);
  case W::F32Min: return binary(Opcode::Fmin, Type::F32);
  case W::F32Max: return binary(Opcode::Fmax, Type::F32);
  case W::F32Copysign: return binary(Opcode::Fcopysign, Type::F32);

  // --- f64
  case W::F64Abs: return unary(Opcode::Fabs, Type::F64);
  case W::F64Neg: return unary(Opcode::Fneg, Type::F64);
  case W::F64Ceil: return unary(Opcode::Fceil, Type::F64);
  case W::F64Floor: return unary(Opcode::Ffloor, Type::F64);
  case W::F64Trunc: return unary(Opcode::Ftrunc, Type::F64);
  case W::F64Nearest: return unary(Opcode::Fnearest, Type::F64);
  case W::F64Sqrt: return unary(Opcode::Fsqrt, Type::F64);
  case W::F64Add: return binary(Opcode::Fadd, Type::F64);
  case W::F64Sub: return binary(Opcode::Fsub, Type::F64);
  case W::F64Mul: return binary(Opcode::Fmul, Type::F64);
  case W::F64Div: return binary(Opcode::Fdiv, Type::F64);
  case W::F64Min: return binary(Opcode::Fmin, Type::F64);
  case W::F64Max: return binary(Opcode::Fmax, Type::F64);
  case W::F64Copysign: return binary(Opcode::Fcopysign, Type::F64);

  // --- conversions
  case W::I32WrapI64: return convert(Opcode::Ireduce, Type::I32);
  case W::I64ExtendI32S: return convert(Opcode::Sext, Type::I64);
  case W::I64ExtendI32U: return convert(Opcode::Zext, Type::I64);
  case W::I32TruncF32S: case W::I32TruncF64S: return convert(Opcode::FcvtToSint, Type::I32);
  case W::I32TruncF32U: case W::I32TruncF64U: return convert(Opcode::FcvtToUint, Type::I32);
  case W::I64TruncF32S: case W::I64TruncF64S: return convert(Opcode::FcvtToSint, Type::I64);
  case W::I64TruncF32U: case W::I64TruncF64U: return convert(Opcode::FcvtToUint, Type::I64);
  case W::I32TruncSatF32S: case W::I32TruncSatF64S: return convert(Opcode::FcvtToSintSat, Type::I32);
  case W::I32TruncSatF32U: case W::I32TruncSatF64U: return convert(Opcode::FcvtToUintSat, Type::I32);
  case W::I64TruncSatF32S: case W::I64TruncSatF64S: return convert(Opcode::FcvtToSintSat, Type::I64);
  case W::I64TruncSatF32U: case W::I64TruncSatF64U: return convert(Opcode::FcvtToUintSat, Type::I64);
  case W::F32ConvertI32S: case W::F32ConvertI64S: return convert(Opcode::FcvtFromSint, Type::F32);
  case W::F32ConvertI32U: case W::F32ConvertI64U: return convert(Opcode::FcvtFromUint, Type::F32);
  case W::F64ConvertI32S: case W::F64ConvertI64S: return convert(Opcode::FcvtFromSint, Type::F64);
  case W::F64ConvertI32U: case W::F64ConvertI64U: return convert(Opcode::FcvtFromUint, Type::F64);
  case W::F32DemoteF64: return convert(Opcode::Fdemote, Type::F32);
  case W::F64PromoteF32: return convert(Opcode::Fpromote, Type::F64);
  case W::I32ReinterpretF32: return convert(Opcode::Bitcast, Type::I32);
  case W::I64ReinterpretF64: return convert(Opcode::Bitcast, Type::I64);
  case W::F32ReinterpretI32: return convert(Opcode::Bitcast, Type::F32);
  case W::F64ReinterpretI64: return convert(Opcode::Bitcast, Type::F64);
  case W::I32Extend8S: return push(b_->sextLow(Type::I32, pop(), 8));
  case W::I32Extend16S: return push(b_->sextLow(Type::I32, pop(), 16));
  case W::I64Extend8S: return push(b_->sextLow(Type::I64, pop(), 8));
  case W::I64Extend16S: return push(b_->sextLow(Type::I64, pop(), 16));
  case W::I64Extend32S: return push(b_->sextLow(Type::I64, pop(), 32));
  default:
    assert(opFamily(in.op) != OpFamily::Numeric && "numeric opcode without a translation");
    return unsupported(in);
  }
}

} // namespace wasmaot::frontend
