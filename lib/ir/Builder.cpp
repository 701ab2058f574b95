// Builder: construction of each opcode family at the end of the current block.
#include "ir/Builder.h"

#include <cstring>

namespace wasmaot::ir {

Inst *Builder::insert(Inst *i) {
  if (cur_) f_.appendInst(cur_, i);
  return i;
}

Inst *Builder::make(Opcode op, Type t, std::initializer_list<Value> operands, std::span<const Type> results) {
  Inst *i = f_.createInst(op, t, static_cast<uint32_t>(operands.size()), results);
  uint32_t k = 0;
  for (Value v : operands) i->operands[k++] = v;
  return insert(i);
}

Value Builder::one(Opcode op, Type t, std::initializer_list<Value> operands, Type result) {
  return make(op, t, operands, std::span<const Type>(&result, 1))->result();
}

BasicBlock *Builder::createEntryBlock() {
  BasicBlock *b = f_.createBlock();
  for (Type t : f_.signature().params) f_.addBlockParam(b, t);
  return b;
}

Value Builder::unary(Opcode op, Type t, Value a) { return one(op, t, {a}, t); }
Value Builder::binary(Opcode op, Type t, Value a, Value b) { return one(op, t, {a, b}, t); }

Value Builder::iconst(Type t, uint64_t bits) {
  Value v = one(Opcode::Iconst, t, {}, t);
  f_.valueData(v).inst->imm[0] = isInt(t) ? bits & intMask(t) : bits;
  return v;
}

Value Builder::fconst(Type t, uint64_t bits) {
  Value v = one(Opcode::Fconst, t, {}, t);
  f_.valueData(v).inst->imm[0] = t == Type::F32 ? bits & 0xffffffffu : bits;
  return v;
}

Value Builder::f32const(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return fconst(Type::F32, bits);
}

Value Builder::f64const(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  return fconst(Type::F64, bits);
}

Value Builder::v128const(uint64_t low, uint64_t high) {
  Value v = one(Opcode::V128const, Type::V128, {}, Type::V128);
  Inst *i = f_.valueData(v).inst;
  i->imm[0] = low;
  i->imm[1] = high;
  return v;
}

Value Builder::icmp(IntCC cc, Value a, Value b) {
  Value v = one(Opcode::Icmp, f_.typeOf(a), {a, b}, Type::I32);
  f_.valueData(v).inst->aux = static_cast<uint8_t>(cc);
  return v;
}

Value Builder::fcmp(FloatCC cc, Value a, Value b) {
  Value v = one(Opcode::Fcmp, f_.typeOf(a), {a, b}, Type::I32);
  f_.valueData(v).inst->aux = static_cast<uint8_t>(cc);
  return v;
}

Value Builder::select(Type t, Value cond, Value a, Value b) { return one(Opcode::Select, t, {cond, a, b}, t); }

Value Builder::sextLow(Type t, Value a, unsigned bits) {
  Value v = one(Opcode::SextLow, t, {a}, t);
  f_.valueData(v).inst->imm[0] = bits;
  return v;
}

void Builder::trap(TrapCode code) { make(Opcode::Trap, Type::I32, {}, {})->aux = static_cast<uint8_t>(code); }

void Builder::trapz(Value v, TrapCode code) {
  make(Opcode::Trapz, f_.typeOf(v), {v}, {})->aux = static_cast<uint8_t>(code);
}

void Builder::trapnz(Value v, TrapCode code) {
  make(Opcode::Trapnz, f_.typeOf(v), {v}, {})->aux = static_cast<uint8_t>(code);
}

namespace {
void setMemArg(Inst *i, const MemArg &m) {
  i->idx[0] = m.memory;
  i->imm[0] = m.offset;
  i->alignLog2 = m.alignLog2;
  i->access = m.access;
  i->bounds = m.bounds;
  i->proof = m.proof;
}
} // namespace

Value Builder::load(Type t, Value addr, const MemArg &m) {
  Value v = one(Opcode::Load, t, {addr}, t);
  setMemArg(f_.valueData(v).inst, m);
  return v;
}

void Builder::store(Type t, Value addr, Value value, const MemArg &m) {
  setMemArg(make(Opcode::Store, t, {addr, value}, {}), m);
}

Value Builder::memorySize(Type indexType, uint32_t memory) {
  Value v = one(Opcode::MemorySize, indexType, {}, indexType);
  f_.valueData(v).inst->idx[0] = memory;
  return v;
}

Value Builder::memoryGrow(Type indexType, uint32_t memory, Value deltaPages) {
  Value v = one(Opcode::MemoryGrow, indexType, {deltaPages}, indexType);
  f_.valueData(v).inst->idx[0] = memory;
  return v;
}

void Builder::memoryFill(uint32_t memory, Value dst, Value byteValue, Value len) {
  make(Opcode::MemoryFill, Type::I32, {dst, byteValue, len}, {})->idx[0] = memory;
}

void Builder::memoryCopy(uint32_t dstMemory, uint32_t srcMemory, Value dst, Value src, Value len) {
  Inst *i = make(Opcode::MemoryCopy, Type::I32, {dst, src, len}, {});
  i->idx[0] = dstMemory;
  i->idx[1] = srcMemory;
}

void Builder::memoryInit(uint32_t memory, uint32_t dataSegment, Value dst, Value srcOffset, Value len) {
  Inst *i = make(Opcode::MemoryInit, Type::I32, {dst, srcOffset, len}, {});
  i->idx[0] = memory;
  i->idx[1] = dataSegment;
}

void Builder::dataDrop(uint32_t dataSegment) { make(Opcode::DataDrop, Type::I32, {}, {})->idx[0] = dataSegment; }

Value Builder::globalGet(Type t, uint32_t global) {
  Value v = one(Opcode::GlobalGet, t, {}, t);
  f_.valueData(v).inst->idx[0] = global;
  return v;
}

void Builder::globalSet(uint32_t global, Value v) {
  make(Opcode::GlobalSet, f_.typeOf(v), {v}, {})->idx[0] = global;
}

Value Builder::tableGet(uint32_t table, Value index) {
  Value v = one(Opcode::TableGet, Type::Ref, {index}, Type::Ref);
  f_.valueData(v).inst->idx[0] = table;
  return v;
}

void Builder::tableSet(uint32_t table, Value index, Value value) {
  make(Opcode::TableSet, Type::Ref, {index, value}, {})->idx[0] = table;
}

Value Builder::tableSize(Type indexType, uint32_t table) {
  Value v = one(Opcode::TableSize, indexType, {}, indexType);
  f_.valueData(v).inst->idx[0] = table;
  return v;
}

Value Builder::tableGrow(Type indexType, uint32_t table, Value init, Value delta) {
  Value v = one(Opcode::TableGrow, indexType, {init, delta}, indexType);
  f_.valueData(v).inst->idx[0] = table;
  return v;
}

void Builder::tableFill(uint32_t table, Value dst, Value value, Value len) {
  make(Opcode::TableFill, Type::Ref, {dst, value, len}, {})->idx[0] = table;
}

void Builder::tableCopy(uint32_t dstTable, uint32_t srcTable, Value dst, Value src, Value len) {
  Inst *i = make(Opcode::TableCopy, Type::Ref, {dst, src, len}, {});
  i->idx[0] = dstTable;
  i->idx[1] = srcTable;
}

void Builder::tableInit(uint32_t table, uint32_t elemSegment, Value dst, Value srcOffset, Value len) {
  Inst *i = make(Opcode::TableInit, Type::Ref, {dst, srcOffset, len}, {});
  i->idx[0] = table;
  i->idx[1] = elemSegment;
}

void Builder::elemDrop(uint32_t elemSegment) { make(Opcode::ElemDrop, Type::Ref, {}, {})->idx[0] = elemSegment; }

Value Builder::refNull() { return one(Opcode::RefNull, Type::Ref, {}, Type::Ref); }
Value Builder::refIsNull(Value r) { return one(Opcode::RefIsNull, Type::I32, {r}, Type::I32); }

Value Builder::refFunc(uint32_t function) {
  Value v = one(Opcode::RefFunc, Type::Ref, {}, Type::Ref);
  f_.valueData(v).inst->idx[0] = function;
  return v;
}

Value Builder::refEq(Value a, Value b) { return one(Opcode::RefEq, Type::I32, {a, b}, Type::I32); }
Value Builder::refAsNonNull(Value r) { return one(Opcode::RefAsNonNull, Type::Ref, {r}, Type::Ref); }

namespace {
Inst *makeCall(Function &f, Opcode op, const Signature &sig, std::span<const Value> leading,
               std::span<const Value> args) {
  Inst *i = f.createInst(op, Type::I32, static_cast<uint32_t>(leading.size() + args.size()), sig.results);
  uint32_t k = 0;
  for (Value v : leading) i->operands[k++] = v;
  for (Value v : args) i->operands[k++] = v;
  return i;
}
} // namespace

Inst *Builder::call(uint32_t function, const Signature &calleeSig, std::span<const Value> args) {
  Inst *i = makeCall(f_, Opcode::Call, calleeSig, {}, args);
  i->idx[0] = function;
  return insert(i);
}

Inst *Builder::callIndirect(uint32_t sigIndex, const Signature &sig, uint32_t table, Value calleeIndex,
                            std::span<const Value> args, bool checkSignature) {
  Inst *i = makeCall(f_, Opcode::CallIndirect, sig, std::span<const Value>(&calleeIndex, 1), args);
  i->idx[0] = sigIndex;
  i->idx[1] = table;
  i->aux = checkSignature ? 1 : 0;
  return insert(i);
}

Inst *Builder::callRef(uint32_t sigIndex, const Signature &sig, Value ref, std::span<const Value> args) {
  Inst *i = makeCall(f_, Opcode::CallRef, sig, std::span<const Value>(&ref, 1), args);
  i->idx[0] = sigIndex;
  return insert(i);
}

Inst *Builder::jump(BasicBlock *dest, std::span<const Value> args) {
  Inst *i = f_.createInst(Opcode::Jump, Type::I32, 0, {}, 1);
  f_.setBranchTarget(i, 0, dest, args);
  return insert(i);
}

Inst *Builder::brif(Value cond, BasicBlock *thenDest, std::span<const Value> thenArgs, BasicBlock *elseDest,
                    std::span<const Value> elseArgs) {
  Inst *i = f_.createInst(Opcode::Brif, Type::I32, 1, {}, 2);
  i->operands[0] = cond;
  f_.setBranchTarget(i, 0, thenDest, thenArgs);
  f_.setBranchTarget(i, 1, elseDest, elseArgs);
  return insert(i);
}

Inst *Builder::brTable(Value index, std::span<const BlockArgs> table, BlockArgs deflt) {
  uint32_t n = static_cast<uint32_t>(table.size());
  Inst *i = f_.createInst(Opcode::BrTable, Type::I32, 1, {}, n + 1);
  i->operands[0] = index;
  for (uint32_t k = 0; k < n; ++k) f_.setBranchTarget(i, k, table[k].block, table[k].args);
  f_.setBranchTarget(i, n, deflt.block, deflt.args);
  return insert(i);
}

Inst *Builder::ret(std::span<const Value> values) {
  Inst *i = f_.createInst(Opcode::Return, Type::I32, static_cast<uint32_t>(values.size()), {});
  for (uint32_t k = 0; k < values.size(); ++k) i->operands[k] = values[k];
  return insert(i);
}

} // namespace wasmaot::ir
