// MemoryOps: loads and stores of every width (narrow loads sign- or zero-extend,
// narrow stores keep the low bits) with their memory index, offset and
// alignment, always in the explicit bounds form `check` (passes pick guard
// regions or remove checks later); memory.size/grow/fill/copy/init, data.drop.
#include "frontend/FunctionTranslator.h"

#include <cassert>

namespace wasmaot::frontend {

using ir::MemAccess;
using ir::Type;
using W = wasm::Opcode;

namespace {
ir::MemArg memArg(const wasm::Instr &in, MemAccess access) {
  ir::MemArg m;
  m.memory = in.mem.memory;
  m.offset = in.mem.offset;
  m.alignLog2 = uint8_t(in.mem.alignLog2);
  m.access = access;
  m.bounds = ir::BoundsCheck::Check;
  return m;
}
} // namespace

Type FunctionTranslator::memIndexType(uint32_t memory) const { return m_.ir.memories[memory].indexType; }

void FunctionTranslator::load(const wasm::Instr &in, Type t, MemAccess access) {
  ir::Value addr = pop();
  push(b_->load(t, addr, memArg(in, access)));
}

void FunctionTranslator::store(const wasm::Instr &in, Type t, MemAccess access) {
  ir::Value value = pop();
  ir::Value addr = pop();
  b_->store(t, addr, value, memArg(in, access));
}

void FunctionTranslator::memory(const wasm::Instr &in) {
  switch (in.op) {
  case W::I32Load: return load(in, Type::I32, MemAccess::Natural);
  case W::I64Load: return load(in, Type::I64, MemAccess::Natural);
  case W::F32Load: return load(in, Type::F32, MemAccess::Natural);
  case W::F64Load: return load(in, Type::F64, MemAccess::Natural);
  case W::I32Load8S: return load(in, Type::I32, MemAccess::S8);
  case W::I32Load8U: return load(in, Type::I32, MemAccess::U8);
  case W::I32Load16S: return load(in, Type::I32, MemAccess::S16);
  case W::I32Load16U: return load(in, Type::I32, MemAccess::U16);
  case W::I64Load8S: return load(in, Type::I64, MemAccess::S8);
  case W::I64Load8U: return load(in, Type::I64, MemAccess::U8);
  case W::I64Load16S: return load(in, Type::I64, MemAccess::S16);
  case W::I64Load16U: return load(in, Type::I64, MemAccess::U16);
  case W::I64Load32S: return load(in, Type::I64, MemAccess::S32);
  case W::I64Load32U: return load(in, Type::I64, MemAccess::U32);
  case W::I32Store: return store(in, Type::I32, MemAccess::Natural);
  case W::I64Store: return store(in, Type::I64, MemAccess::Natural);
  case W::F32Store: return store(in, Type::F32, MemAccess::Natural);
  case W::F64Store: return store(in, Type::F64, MemAccess::Natural);
  case W::I32Store8: return store(in, Type::I32, MemAccess::U8);
  case W::I32Store16: return store(in, Type::I32, MemAccess::U16);
  case W::I64Store8: return store(in, Type::I64, MemAccess::U8);
  case W::I64Store16: return store(in, Type::I64, MemAccess::U16);
  case W::I64Store32: return store(in, Type::I64, MemAccess::U32);
  case W::MemorySize: return push(b_->memorySize(memIndexType(in.idx[0]), in.idx[0]));
  case W::MemoryGrow: {
    ir::Value delta = pop();
    return push(b_->memoryGrow(memIndexType(in.idx[0]), in.idx[0], delta));
  }
  case W::MemoryFill: {
    ir::Value len = pop();
    ir::Value value = pop();
    ir::Value dst = pop();
    return b_->memoryFill(in.idx[0], dst, value, len);
  }
  case W::MemoryCopy: {
    ir::Value len = pop();
    ir::Value src = pop();
    ir::Value dst = pop();
    return b_->memoryCopy(in.idx[0], in.idx[1], dst, src, len);
  }
  case W::MemoryInit: { // immediates: data segment, memory
    ir::Value len = pop();
    ir::Value src = pop();
    ir::Value dst = pop();
    return b_->memoryInit(in.idx[1], in.idx[0], dst, src, len);
  }
  case W::DataDrop: return b_->dataDrop(in.idx[0]);
  default:
    assert(opFamily(in.op) != OpFamily::Memory && "memory opcode without a translation");
    return unsupported(in);
  }
}

} // namespace wasmaot::frontend
