// Value: mapping wasm value types to the kinds the calling convention uses.
#include "runtime/Value.h"

namespace wasmaot::runtime {

ValKind kindOf(const wasm::ValType &t) {
  switch (t.kind) {
  case wasm::ValType::I32: return ValKind::I32;
  case wasm::ValType::I64: return ValKind::I64;
  case wasm::ValType::F32: return ValKind::F32;
  case wasm::ValType::F64: return ValKind::F64;
  case wasm::ValType::V128: return ValKind::V128;
  case wasm::ValType::Ref:
    if (t.heap.isAbstract()) {
      switch (t.heap.abs()) {
      case wasm::AbsHeap::Func:
      case wasm::AbsHeap::NoFunc: return ValKind::FuncRef;
      case wasm::AbsHeap::Extern:
      case wasm::AbsHeap::NoExtern: return ValKind::ExternRef;
      default: return ValKind::AnyRef;
      }
    }
    return ValKind::AnyRef; // concrete: the caller knows whether it is a function type
  case wasm::ValType::Bot: break;
  }
  return ValKind::I64;
}

Signature signatureOf(const wasm::FuncType &t) {
  Signature s;
  for (const wasm::ValType &p : t.params) s.params.push_back(kindOf(p));
  for (const wasm::ValType &r : t.results) s.results.push_back(kindOf(r));
  return s;
}

} // namespace wasmaot::runtime
