// CApi: include/wasmaot/runtime.h over the C++ runtime (Runtime.h). Handles
// are heap objects holding the shared_ptrs; errors become wasmaot_result.
#include "wasmaot/runtime.h"

#include "runtime/Runtime.h"

#include <cstdio>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::runtime;

struct wasmaot_runtime {
  Runtime rt;
};
struct wasmaot_module {
  std::shared_ptr<Module> module;
};
struct wasmaot_instance {
  Runtime *rt;
  std::shared_ptr<Instance> instance;
};
struct wasmaot_imports {
  Runtime *rt;
  Linker linker;
};

namespace {

wasmaot_status statusOf(ErrorKind k) {
  switch (k) {
  case ErrorKind::Load: return WASMAOT_ERROR_LOAD;
  case ErrorKind::Link: return WASMAOT_ERROR_LINK;
  case ErrorKind::Trap: return WASMAOT_TRAP;
  case ErrorKind::Exit: return WASMAOT_EXIT;
  case ErrorKind::Resource: return WASMAOT_ERROR_RESOURCE;
  case ErrorKind::Unsupported: return WASMAOT_ERROR_UNSUPPORTED;
  case ErrorKind::Argument: return WASMAOT_ERROR_ARGUMENT;
  }
  return WASMAOT_ERROR_ARGUMENT;
}

void setResult(wasmaot_result *r, wasmaot_status s, const std::string &message) {
  if (!r) return;
  std::memset(r, 0, sizeof(*r));
  r->status = s;
  std::snprintf(r->message, sizeof(r->message), "%s", message.c_str());
}

void setError(wasmaot_result *r, const Error &e) {
  setResult(r, statusOf(e.kind), e.message);
  if (r && e.trap) r->trap_code = uint32_t(*e.trap);
  if (r) r->exit_code = e.exitCode;
}

wasm::ValType valType(wasmaot_valkind k) {
  switch (k) {
  case WASMAOT_I32: return wasm::ValType::i32();
  case WASMAOT_I64: return wasm::ValType::i64();
  case WASMAOT_F32: return wasm::ValType::f32();
  case WASMAOT_F64: return wasm::ValType::f64();
  case WASMAOT_V128: return wasm::ValType::v128();
  case WASMAOT_FUNCREF: return wasm::ValType::funcref();
  case WASMAOT_EXTERNREF: return wasm::ValType::externref();
  case WASMAOT_ANYREF: return wasm::ValType::ref(wasm::HeapType::abstract(wasm::AbsHeap::Any), true);
  }
  return wasm::ValType::i32();
}

Value toValue(const wasmaot_val &v) {
  switch (v.kind) {
  case WASMAOT_I32: return Value::i32(v.of.i32);
  case WASMAOT_I64: return Value::i64(v.of.i64);
  case WASMAOT_F32: return Value::f32(v.of.f32);
  case WASMAOT_F64: return Value::f64(v.of.f64);
  case WASMAOT_V128: {
    Value x = Value::v128(0, 0);
    std::memcpy(&x.lo, v.of.v128, 8);
    std::memcpy(&x.hi, v.of.v128 + 8, 8);
    return x;
  }
  case WASMAOT_FUNCREF: return Value::ref(ValKind::FuncRef, v.of.ref);
  case WASMAOT_EXTERNREF: return Value::ref(ValKind::ExternRef, v.of.ref);
  case WASMAOT_ANYREF: return Value::ref(ValKind::AnyRef, v.of.ref);
  }
  return Value{};
}

wasmaot_val fromValue(const Value &v) {
  wasmaot_val out;
  std::memset(&out, 0, sizeof(out));
  out.kind = wasmaot_valkind(int(v.kind));
  if (v.kind == ValKind::V128) {
    std::memcpy(out.of.v128, &v.lo, 8);
    std::memcpy(out.of.v128 + 8, &v.hi, 8);
  } else if (v.kind == ValKind::I32 || v.kind == ValKind::F32) {
    const uint32_t bits = uint32_t(v.lo);
    std::memcpy(&out.of, &bits, 4);
  } else {
    out.of.i64 = v.lo;
  }
  return out;
}

} // namespace

static_assert(int(ValKind::AnyRef) == WASMAOT_ANYREF && int(ValKind::V128) == WASMAOT_V128,
              "wasmaot_valkind mirrors runtime::ValKind");

extern "C" {

wasmaot_runtime *wasmaot_runtime_new(void) { return new wasmaot_runtime{}; }
void wasmaot_runtime_delete(wasmaot_runtime *rt) { delete rt; }

wasmaot_module *wasmaot_module_load(wasmaot_runtime *rt, const uint8_t *object, size_t size, wasmaot_result *result) {
  Result<std::shared_ptr<Module>> m = rt->rt.loadObject({object, size});
  if (!m) {
    setError(result, m.error());
    return nullptr;
  }
  setResult(result, WASMAOT_OK, "");
  return new wasmaot_module{m.take()};
}

wasmaot_module *wasmaot_module_from_linked(wasmaot_runtime *rt, const void *descriptor, wasmaot_result *result) {
  Result<std::shared_ptr<Module>> m = rt->rt.loadLinked(descriptor);
  if (!m) {
    setError(result, m.error());
    return nullptr;
  }
  setResult(result, WASMAOT_OK, "");
  return new wasmaot_module{m.take()};
}

void wasmaot_module_delete(wasmaot_module *module) { delete module; }

wasmaot_imports *wasmaot_imports_new(wasmaot_runtime *rt) { return new wasmaot_imports{&rt->rt, {}}; }
void wasmaot_imports_delete(wasmaot_imports *imports) { delete imports; }

wasmaot_status wasmaot_imports_define_func(wasmaot_imports *imports, const char *module, const char *name,
                                           const wasmaot_valkind *params, size_t numParams,
                                           const wasmaot_valkind *results, size_t numResults, wasmaot_host_fn fn,
                                           void *userData) {
  if (!fn || !module || !name) return WASMAOT_ERROR_ARGUMENT;
  HostFunction h;
  h.code = reinterpret_cast<void *>(fn);
  h.userData = userData;
  for (size_t i = 0; i < numParams; ++i) h.params.push_back(valType(params[i]));
  for (size_t i = 0; i < numResults; ++i) h.results.push_back(valType(results[i]));
  imports->linker.define(module, name, imports->rt->hostFunction(std::move(h)));
  return WASMAOT_OK;
}

wasmaot_status wasmaot_imports_define_instance(wasmaot_imports *imports, const char *module,
                                               const wasmaot_instance *instance) {
  if (!module || !instance) return WASMAOT_ERROR_ARGUMENT;
  imports->linker.defineInstance(module, instance->instance);
  return WASMAOT_OK;
}

wasmaot_instance *wasmaot_instantiate(wasmaot_module *module, const wasmaot_imports *imports, wasmaot_result *result) {
  Runtime &rt = module->module->runtime();
  ImportResolver resolve;
  if (imports) resolve = imports->linker.resolver();
  Result<std::shared_ptr<Instance>> inst = rt.instantiate(module->module, resolve);
  if (!inst) {
    setError(result, inst.error());
    return nullptr;
  }
  setResult(result, WASMAOT_OK, "");
  return new wasmaot_instance{&rt, inst.take()};
}

void wasmaot_instance_delete(wasmaot_instance *instance) { delete instance; }

wasmaot_status wasmaot_instance_call(wasmaot_instance *instance, const char *name, const wasmaot_val *args,
                                     size_t numArgs, wasmaot_val *results, size_t numResults,
                                     wasmaot_result *result) {
  std::optional<Extern> f = instance->instance->exportOf(name ? name : "", wasm::ExternKind::Func);
  if (!f) {
    setResult(result, WASMAOT_ERROR_ARGUMENT, std::string("no exported function \"") + (name ? name : "") + "\"");
    return WASMAOT_ERROR_ARGUMENT;
  }
  if (instance->rt->signature(*f).results.size() != numResults) {
    setResult(result, WASMAOT_ERROR_ARGUMENT, "wrong number of result slots");
    return WASMAOT_ERROR_ARGUMENT;
  }
  std::vector<Value> in;
  for (size_t i = 0; i < numArgs; ++i) in.push_back(toValue(args[i]));
  std::vector<Value> out;
  Result<CallOutcome> r = instance->rt->call(*f, in, out);
  if (!r) {
    setError(result, r.error());
    return statusOf(r.error().kind);
  }
  switch (r->kind) {
  case ExitKind::Returned:
    for (size_t i = 0; i < out.size(); ++i) results[i] = fromValue(out[i]);
    setResult(result, WASMAOT_OK, "");
    return WASMAOT_OK;
  case ExitKind::Trapped:
    setResult(result, WASMAOT_TRAP, trapMessage(r->trap));
    if (result) result->trap_code = uint32_t(r->trap);
    return WASMAOT_TRAP;
  case ExitKind::Exited:
    setResult(result, WASMAOT_EXIT, "exit with code " + std::to_string(r->exitCode));
    if (result) result->exit_code = r->exitCode;
    return WASMAOT_EXIT;
  }
  return WASMAOT_ERROR_ARGUMENT;
}

wasmaot_status wasmaot_instance_global_get(wasmaot_instance *instance, const char *name, wasmaot_val *value) {
  std::optional<Extern> g = instance->instance->exportOf(name ? name : "", wasm::ExternKind::Global);
  if (!g) return WASMAOT_ERROR_ARGUMENT;
  *value = fromValue(Instance::read(*g->global));
  return WASMAOT_OK;
}

uint8_t *wasmaot_instance_memory(wasmaot_instance *instance, const char *name, uint64_t *size) {
  std::shared_ptr<LinearMemory> mem;
  if (name) {
    if (std::optional<Extern> m = instance->instance->exportOf(name, wasm::ExternKind::Memory)) mem = m->memory;
  } else {
    mem = instance->instance->memory(0);
  }
  if (!mem) return nullptr;
  if (size) *size = mem->length();
  return mem->base();
}

const char *wasmaot_trap_message(uint32_t code) {
  return code < ir::kNumTrapCodes ? trapMessage(ir::TrapCode(code)) : "unknown trap";
}

} // extern "C"
