// SpecHost: the spectest module. The print functions do nothing (the scripts
// only check that calls to them link and return).
#include "SpecHost.h"

namespace wasmaot::spectest {

namespace {

using runtime::HostCallContext;
using wasm::ValType;

void print0(HostCallContext *) {}
void printI32(HostCallContext *, uint32_t) {}
void printI64(HostCallContext *, uint64_t) {}
void printF32(HostCallContext *, float) {}
void printF64(HostCallContext *, double) {}
void printI32F32(HostCallContext *, uint32_t, float) {}
void printF64F64(HostCallContext *, double, double) {}

void func(runtime::Runtime &rt, runtime::Linker &l, const char *name, void *code, std::vector<ValType> params) {
  runtime::HostFunction h;
  h.code = code;
  h.params = std::move(params);
  l.define("spectest", name, rt.hostFunction(std::move(h)));
}

} // namespace

void defineSpectestModule(runtime::Runtime &rt, runtime::Linker &l) {
  func(rt, l, "print", reinterpret_cast<void *>(&print0), {});
  func(rt, l, "print_i32", reinterpret_cast<void *>(&printI32), {ValType::i32()});
  func(rt, l, "print_i64", reinterpret_cast<void *>(&printI64), {ValType::i64()});
  func(rt, l, "print_f32", reinterpret_cast<void *>(&printF32), {ValType::f32()});
  func(rt, l, "print_f64", reinterpret_cast<void *>(&printF64), {ValType::f64()});
  func(rt, l, "print_i32_f32", reinterpret_cast<void *>(&printI32F32), {ValType::i32(), ValType::f32()});
  func(rt, l, "print_f64_f64", reinterpret_cast<void *>(&printF64F64), {ValType::f64(), ValType::f64()});
  l.define("spectest", "global_i32", rt.hostGlobal({ValType::i32(), false}, runtime::Value::i32(666)));
  l.define("spectest", "global_i64", rt.hostGlobal({ValType::i64(), false}, runtime::Value::i64(666)));
  l.define("spectest", "global_f32", rt.hostGlobal({ValType::f32(), false}, runtime::Value::f32(666.6f)));
  l.define("spectest", "global_f64", rt.hostGlobal({ValType::f64(), false}, runtime::Value::f64(666.6)));
  wasm::TableType table;
  table.elem = ValType::funcref();
  table.limits = {10, 20, false, false};
  if (auto t = rt.hostTable(table)) l.define("spectest", "table", *t);
  table.limits.is64 = true;
  if (auto t = rt.hostTable(table)) l.define("spectest", "table64", *t);
  if (auto m = rt.hostMemory({wasm::Limits{1, 2, false, false}})) l.define("spectest", "memory", *m);
}

} // namespace wasmaot::spectest
