// TableRefOps: table.get/set/size/grow/fill/copy/init, elem.drop and the
// reference instructions (ref.null, ref.is_null, ref.func, ref.eq,
// ref.as_non_null). Every wasm reference is the IR's one `ref` type.
#include "frontend/FunctionTranslator.h"

#include <cassert>

namespace wasmaot::frontend {

using W = wasm::Opcode;

void FunctionTranslator::tableRef(const wasm::Instr &in) {
  const uint32_t table = in.idx[0];
  switch (in.op) {
  case W::TableGet: return push(b_->tableGet(table, pop()));
  case W::TableSet: {
    ir::Value value = pop();
    ir::Value index = pop();
    return b_->tableSet(table, index, value);
  }
  case W::TableSize: return push(b_->tableSize(m_.ir.tables[table].indexType, table));
  case W::TableGrow: {
    ir::Value delta = pop();
    ir::Value init = pop();
    return push(b_->tableGrow(m_.ir.tables[table].indexType, table, init, delta));
  }
  case W::TableFill: {
    ir::Value len = pop();
    ir::Value value = pop();
    ir::Value dst = pop();
    return b_->tableFill(table, dst, value, len);
  }
  case W::TableCopy: { // immediates: destination, source
    ir::Value len = pop();
    ir::Value src = pop();
    ir::Value dst = pop();
    return b_->tableCopy(in.idx[0], in.idx[1], dst, src, len);
  }
  case W::TableInit: { // immediates: elem segment, table
    ir::Value len = pop();
    ir::Value src = pop();
    ir::Value dst = pop();
    return b_->tableInit(in.idx[1], in.idx[0], dst, src, len);
  }
  case W::ElemDrop: return b_->elemDrop(in.idx[0]);
  case W::RefNull: return push(b_->refNull());
  case W::RefIsNull: return push(b_->refIsNull(pop()));
  case W::RefFunc: return push(b_->refFunc(in.idx[0]));
  case W::RefEq: {
    ir::Value rhs = pop();
    ir::Value lhs = pop();
    return push(b_->refEq(lhs, rhs));
  }
  case W::RefAsNonNull: return push(b_->refAsNonNull(pop()));
  default:
    assert(opFamily(in.op) != OpFamily::TableRef && "table/reference opcode without a translation");
    return unsupported(in);
  }
}

} // namespace wasmaot::frontend
