// ExportRunner: the --fuzz-exec call sequence on compiled code.
#include "ExportRunner.h"

#include "FuzzExecFormat.h"

#include <cstdio>

namespace wasmaot::fuzzexec {

namespace {

using runtime::CallOutcome;
using runtime::ExitKind;
using runtime::ValKind;
using runtime::Value;

Value zeroOf(ValKind kind) {
  Value v;
  v.kind = kind;
  return v;
}

/// The name Binaryen gives function `index` (in funcref(NAME)): its name-section
/// name, else `fimport$N` for the Nth imported function and the position among
/// the defined functions for the others (Binaryen's binary reader names them so).
std::string functionName(const wasm::Module &m, uint32_t index) {
  auto it = m.names.functionNames.find(index);
  if (it != m.names.functionNames.end()) return it->second;
  uint32_t imported = 0;
  while (imported < m.functions.size() && m.functions[imported].imported) ++imported;
  return index < imported ? "fimport$" + std::to_string(index) : std::to_string(index - imported);
}

/// Calls `func` with zero arguments. Prints the trap if it traps; returns
/// false (after printing to stderr) if the runtime refused the call.
bool callWithZeros(runtime::Runtime &rt, const runtime::Extern &func, std::vector<Value> &results, CallOutcome &out) {
  const runtime::Signature sig = rt.signature(func);
  std::vector<Value> args;
  for (ValKind k : sig.params) args.push_back(zeroOf(k));
  runtime::Result<CallOutcome> r = rt.call(func, args, results);
  if (!r) {
    std::fprintf(stderr, "wasmaot-fuzz-exec: call failed: %s\n", r.error().message.c_str());
    return false;
  }
  out = *r;
  if (out.kind == ExitKind::Trapped) std::printf("[trap %s]\n", runtime::trapMessage(out.trap));
  if (out.kind == ExitKind::Exited) std::printf("[exit %d]\n", out.exitCode);
  return true;
}

} // namespace

bool runExports(runtime::Runtime &rt, const runtime::Instance &instance) {
  const wasm::Module &m = instance.module().wasm();
  std::optional<runtime::Extern> hangLimit = instance.exportOf("hangLimitInitializer", wasm::ExternKind::Func);
  const FuncRefNamer namer = [&](uint64_t ref) {
    for (uint32_t i = 0; i < m.functions.size(); ++i)
      if (reinterpret_cast<uint64_t>(instance.funcRef(i)) == ref) return functionName(m, i);
    return std::string("?");
  };
  for (const wasm::Export &e : m.exports) {
    if (e.kind != wasm::ExternKind::Func) continue;
    std::printf("[fuzz-exec] calling %s\n", e.name.c_str());
    std::optional<runtime::Extern> func = instance.exportOf(e.name, wasm::ExternKind::Func);
    if (!func) {
      std::fprintf(stderr, "wasmaot-fuzz-exec: export \"%s\" not found\n", e.name.c_str());
      return false;
    }
    std::vector<Value> results;
    CallOutcome out;
    if (hangLimit) {
      if (!callWithZeros(rt, *hangLimit, results, out)) return false;
      if (out.kind != ExitKind::Returned) continue;
    }
    if (!callWithZeros(rt, *func, results, out)) return false;
    if (out.kind == ExitKind::Returned && !results.empty())
      std::printf("[fuzz-exec] note result: %s => %s\n", e.name.c_str(), formatResults(results, namer).c_str());
  }
  return true;
}

} // namespace wasmaot::fuzzexec
