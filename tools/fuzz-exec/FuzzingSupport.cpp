// FuzzingSupport: logging host functions for `fuzzing-support` imports.
// Output goes through stdio, which Main makes line-buffered, so what was
// logged survives a crash of the generated code.
#include "FuzzingSupport.h"

#include "FuzzExecFormat.h"

#include <cstdio>

namespace wasmaot::fuzzexec {

namespace {

using runtime::HostCallContext;
using runtime::Value;
using wasm::ValType;

void logLine(const std::string &args) { std::printf("[LoggingExternalInterface logging %s]\n", args.c_str()); }

void logI32(HostCallContext *, uint32_t v) { logLine(formatNumber(Value::i32(v))); }
void logI64(HostCallContext *, uint64_t v) {
  logLine(formatNumber(Value::i32(uint32_t(v))) + " " + formatNumber(Value::i32(uint32_t(v >> 32))));
}
void logF32(HostCallContext *, float v) { logLine(formatNumber(Value::f32(v))); }
void logF64(HostCallContext *, double v) { logLine(formatNumber(Value::f64(v))); }

/// The logger for a one-parameter signature, or null.
void *loggerFor(const wasm::FuncType &type) {
  if (type.params.size() != 1 || !type.results.empty()) return nullptr;
  const ValType p = type.params[0];
  if (p == ValType::i32()) return reinterpret_cast<void *>(&logI32);
  if (p == ValType::i64()) return reinterpret_cast<void *>(&logI64);
  if (p == ValType::f32()) return reinterpret_cast<void *>(&logF32);
  if (p == ValType::f64()) return reinterpret_cast<void *>(&logF64);
  return nullptr;
}

} // namespace

bool defineFuzzingSupport(runtime::Runtime &rt, runtime::Linker &linker, const wasm::Module &module,
                          std::string &error) {
  for (const wasm::Import &imp : module.imports) {
    const std::string what = "import \"" + imp.module + "\" \"" + imp.name + "\"";
    if (imp.module != "fuzzing-support" || imp.kind != wasm::ExternKind::Func) {
      error = what + ": only functions from \"fuzzing-support\" are provided";
      return false;
    }
    const wasm::FuncType &type = module.functionType(imp.index);
    void *code = loggerFor(type);
    if (!code) {
      error = what + ": no logger for its signature (one i32, i64, f32 or f64 parameter, no result)";
      return false;
    }
    runtime::HostFunction fn;
    fn.code = code;
    fn.params = type.params;
    linker.define(imp.module, imp.name, rt.hostFunction(std::move(fn)));
  }
  return true;
}

} // namespace wasmaot::fuzzexec
