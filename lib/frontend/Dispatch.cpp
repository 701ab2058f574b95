// Dispatch: the one switch over every wasm opcode, naming the family whose file
// translates it, and the consumer entry points that route instructions there.
// The switch has no `default:`: a new row in wasm/Opcodes.def fails the build
// here until someone decides where it goes. SIMD (0xFD) and GC (0xFB) rows are
// listed through the X-macro by prefix: they are all unsupported for now.
#include "frontend/FunctionTranslator.h"

namespace wasmaot::frontend {

using wasm::Opcode;

OpFamily opFamily(Opcode op) {
  switch (op) {
  case Opcode::I32Const: case Opcode::I64Const: case Opcode::F32Const: case Opcode::F64Const:
  case Opcode::I32Eqz: case Opcode::I32Eq: case Opcode::I32Ne: case Opcode::I32LtS: case Opcode::I32LtU:
  case Opcode::I32GtS: case Opcode::I32GtU: case Opcode::I32LeS: case Opcode::I32LeU: case Opcode::I32GeS:
  case Opcode::I32GeU: case Opcode::I64Eqz: case Opcode::I64Eq: case Opcode::I64Ne: case Opcode::I64LtS:
  case Opcode::I64LtU: case Opcode::I64GtS: case Opcode::I64GtU: case Opcode::I64LeS: case Opcode::I64LeU:
  case Opcode::I64GeS: case Opcode::I64GeU: case Opcode::F32Eq: case Opcode::F32Ne: case Opcode::F32Lt:
  case Opcode::F32Gt: case Opcode::F32Le: case Opcode::F32Ge: case Opcode::F64Eq: case Opcode::F64Ne:
  case Opcode::F64Lt: case Opcode::F64Gt: case Opcode::F64Le: case Opcode::F64Ge: case Opcode::I32Clz:
  case Opcode::I32Ctz: case Opcode::I32Popcnt: case Opcode::I32Add: case Opcode::I32Sub: case Opcode::I32Mul:
  case Opcode::I32DivS: case Opcode::I32DivU: case Opcode::I32RemS: case Opcode::I32RemU:
  case Opcode::I32And: case Opcode::I32Or: case Opcode::I32Xor: case Opcode::I32Shl: case Opcode::I32ShrS:
  case Opcode::I32ShrU: case Opcode::I32Rotl: case Opcode::I32Rotr: case Opcode::I64Clz: case Opcode::I64Ctz:
  case Opcode::I64Popcnt: case Opcode::I64Add: case Opcode::I64Sub: case Opcode::I64Mul:
  case Opcode::I64DivS: case Opcode::I64DivU: case Opcode::I64RemS: case Opcode::I64RemU:
  case Opcode::I64And: case Opcode::I64Or: case Opcode::I64Xor: case Opcode::I64Shl: case Opcode::I64ShrS:
  case Opcode::I64ShrU: case Opcode::I64Rotl: case Opcode::I64Rotr: case Opcode::F32Abs: case Opcode::F32Neg:
  case Opcode::F32Ceil: case Opcode::F32Floor: case Opcode::F32Trunc: case Opcode::F32Nearest:
  case Opcode::F32Sqrt: case Opcode::F32Add: case Opcode::F32Sub: case Opcode::F32Mul: case Opcode::F32Div:
  case Opcode::F32Min: case Opcode::F32Max: case Opcode::F32Copysign: case Opcode::F64Abs:
  case Opcode::F64Neg: case Opcode::F64Ceil: case Opcode::F64Floor: case Opcode::F64Trunc:
  case Opcode::F64Nearest: case Opcode::F64Sqrt: case Opcode::F64Add: case Opcode::F64Sub:
  case Opcode::F64Mul: case Opcode::F64Div: case Opcode::F64Min: case Opcode::F64Max:
  case Opcode::F64Copysign: case Opcode::I32WrapI64: case Opcode::I32TruncF32S: case Opcode::I32TruncF32U:
  case Opcode::I32TruncF64S: case Opcode::I32TruncF64U: case Opcode::I64ExtendI32S:
  case Opcode::I64ExtendI32U: case Opcode::I64TruncF32S: case Opcode::I64TruncF32U:
  case Opcode::I64TruncF64S: case Opcode::I64TruncF64U: case Opcode::F32ConvertI32S:
  case Opcode::F32ConvertI32U: case Opcode::F32ConvertI64S: case Opcode::F32ConvertI64U:
  case Opcode::F32DemoteF64: case Opcode::F64ConvertI32S: case Opcode::F64ConvertI32U:
  case Opcode::F64ConvertI64S: case Opcode::F64ConvertI64U: case Opcode::F64PromoteF32:
  case Opcode::I32ReinterpretF32: case Opcode::I64ReinterpretF64: case Opcode::F32ReinterpretI32:
  case Opcode::F64ReinterpretI64: case Opcode::I32Extend8S: case Opcode::I32Extend16S:
  case Opcode::I64Extend8S: case Opcode::I64Extend16S: case Opcode::I64Extend32S:
  case Opcode::I32TruncSatF32S: case Opcode::I32TruncSatF32U: case Opcode::I32TruncSatF64S:
  case Opcode::I32TruncSatF64U: case Opcode::I64TruncSatF32S: case Opcode::I64TruncSatF32U:
  case Opcode::I64TruncSatF64S: case Opcode::I64TruncSatF64U:
    return OpFamily::Numeric;
  case Opcode::Drop: case Opcode::Select: case Opcode::SelectTyped: case Opcode::LocalGet:
  case Opcode::LocalSet: case Opcode::LocalTee: case Opcode::GlobalGet: case Opcode::GlobalSet:
    return OpFamily::Variable;
  case Opcode::Unreachable: case Opcode::Nop: case Opcode::Block: case Opcode::Loop: case Opcode::If:
  case Opcode::Else: case Opcode::End: case Opcode::Br: case Opcode::BrIf: case Opcode::BrTable:
  case Opcode::Return: case Opcode::BrOnNull: case Opcode::BrOnNonNull:
    return OpFamily::Control;
  case Opcode::Call: case Opcode::CallIndirect: case Opcode::CallRef:
    return OpFamily::Call;
  case Opcode::I32Load: case Opcode::I64Load: case Opcode::F32Load: case Opcode::F64Load:
  case Opcode::I32Load8S: case Opcode::I32Load8U: case Opcode::I32Load16S: case Opcode::I32Load16U:
  case Opcode::I64Load8S: case Opcode::I64Load8U: case Opcode::I64Load16S: case Opcode::I64Load16U:
  case Opcode::I64Load32S: case Opcode::I64Load32U: case Opcode::I32Store: case Opcode::I64Store:
  case Opcode::F32Store: case Opcode::F64Store: case Opcode::I32Store8: case Opcode::I32Store16:
  case Opcode::I64Store8: case Opcode::I64Store16: case Opcode::I64Store32: case Opcode::MemorySize:
  case Opcode::MemoryGrow: case Opcode::MemoryInit: case Opcode::DataDrop: case Opcode::MemoryCopy:
  case Opcode::MemoryFill:
    return OpFamily::Memory;
  case Opcode::TableGet: case Opcode::TableSet: case Opcode::RefNull: case Opcode::RefIsNull:
  case Opcode::RefFunc: case Opcode::RefEq: case Opcode::RefAsNonNull: case Opcode::TableInit:
  case Opcode::ElemDrop: case Opcode::TableCopy: case Opcode::TableGrow: case Opcode::TableSize:
  case Opcode::TableFill:
    return OpFamily::TableRef;
  case Opcode::Throw: case Opcode::ThrowRef: case Opcode::ReturnCall: case Opcode::ReturnCallIndirect:
  case Opcode::ReturnCallRef: case Opcode::TryTable:
    return OpFamily::Unsupported;

#define WASMAOT_PREFIX_0(Name)
#define WASMAOT_PREFIX_0xFC(Name)
#define WASMAOT_PREFIX_0xFB(Name) case Opcode::Name:
#define WASMAOT_PREFIX_0xFD(Name) case Opcode::Name:
#define OPCODE(Name, prefix, code, text, Imm, Feature, Sig, Aux) WASMAOT_PREFIX_##prefix(Name)
#include "wasm/Opcodes.def"
#undef WASMAOT_PREFIX_0
#undef WASMAOT_PREFIX_0xFC
#undef WASMAOT_PREFIX_0xFB
#undef WASMAOT_PREFIX_0xFD
    return OpFamily::Unsupported;
  }
  return OpFamily::Unsupported;
}

void FunctionTranslator::instr(const wasm::Instr &in) {
  if (failed_) return;
  if (!reachable_) {
    // Code the decoder still calls reachable but nothing branches to (e.g. after
    // a block whose end no branch reaches): only keep frames matched to their ends.
    if (in.op == Opcode::Block || in.op == Opcode::Loop || in.op == Opcode::If || in.op == Opcode::TryTable) {
      Frame fr;
      fr.live = false;
      fr.height = uint32_t(stack_.size());
      frames_.push_back(fr);
    }
    return;
  }
  switch (opFamily(in.op)) {
  case OpFamily::Numeric: return numeric(in);
  case OpFamily::Variable: return variable(in);
  case OpFamily::Control: return control(in);
  case OpFamily::Call: return callOp(in);
  case OpFamily::Memory: return memory(in);
  case OpFamily::TableRef: return tableRef(in);
  case OpFamily::Unsupported: return unsupported(in);
  }
}

void FunctionTranslator::elseOrEnd(const wasm::Instr &in, bool) {
  if (failed_) return;
  if (in.op == Opcode::Else) elseFrame();
  else endFrame(in);
}

} // namespace wasmaot::frontend
