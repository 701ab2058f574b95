// WasiCommand: binding WASI imports, running `_start` or an invoked export,
// and the exit status of the outcome (see WasiCommand.h).
#include "runtime/exe/WasiCommand.h"

#include "runtime/wasi/Wasi.h"
#include "wasm/BodyDecoder.h"

#include <cerrno>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wasmaot::exe {

namespace {

using runtime::ErrorKind;
using runtime::Extern;
using runtime::ValKind;
using runtime::Value;

std::string importName(const wasm::Import &imp) { return "\"" + imp.module + "\" \"" + imp.name + "\""; }

const char *externKindName(wasm::ExternKind k) {
  switch (k) {
  case wasm::ExternKind::Func: return "function";
  case wasm::ExternKind::Table: return "table";
  case wasm::ExternKind::Memory: return "memory";
  case wasm::ExternKind::Global: return "global";
  case wasm::ExternKind::Tag: return "tag";
  }
  return "extern";
}

/// The wasm types a WASI signature string spells ('i' i32, 'I' i64).
std::vector<wasm::ValType> wasiTypes(const char *spelled) {
  std::vector<wasm::ValType> out;
  for (const char *c = spelled; *c; ++c) out.push_back(*c == 'I' ? wasm::ValType::i64() : wasm::ValType::i32());
  return out;
}

/// A decimal or 0x-hex integer that fits `bits` bits, signed or unsigned.
bool parseInteger(const std::string &text, unsigned bits, uint64_t &out) {
  const char *s = text.c_str();
  const bool negative = *s == '-';
  const char *digits = negative || *s == '+' ? s + 1 : s;
  int base = 10;
  if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits += 2;
  }
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(digits, s + text.size(), magnitude, base);
  if (ec != std::errc() || end != s + text.size() || end == digits) return false;
  const uint64_t umax = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  if (negative) {
    if (magnitude > (uint64_t(1) << (bits - 1))) return false;
    out = (0 - magnitude) & umax;
  } else {
    if (magnitude > umax) return false;
    out = magnitude;
  }
  return true;
}

bool parseFloat(const std::string &text, bool f32, Value &out) {
  if (text.empty()) return false;
  char *end = nullptr;
  errno = 0;
  if (f32) {
    const float f = std::strtof(text.c_str(), &end);
    out = Value::f32(f);
  } else {
    const double d = std::strtod(text.c_str(), &end);
    out = Value::f64(d);
  }
  return *end == '\0';
}

std::optional<std::string> parseArgument(const std::string &text, const wasm::ValType &type, size_t index,
                                         Value &out) {
  const std::string what = "--invoke argument " + std::to_string(index + 1) + " ('" + text + "')";
  uint64_t bits = 0;
  switch (runtime::kindOf(type)) {
  case ValKind::I32:
    if (!parseInteger(text, 32, bits)) return what + " is not an i32";
    out = Value::i32(uint32_t(bits));
    return std::nullopt;
  case ValKind::I64:
    if (!parseInteger(text, 64, bits)) return what + " is not an i64";
    out = Value::i64(bits);
    return std::nullopt;
  case ValKind::F32:
    if (!parseFloat(text, true, out)) return what + " is not an f32";
    return std::nullopt;
  case ValKind::F64:
    if (!parseFloat(text, false, out)) return what + " is not an f64";
    return std::nullopt;
  case ValKind::V128:
  case ValKind::FuncRef:
  case ValKind::ExternRef:
  case ValKind::AnyRef: break;
  }
  return what + ": parameters of type " + wasm::valTypeName(type) + " cannot be given on the command line";
}

std::string formatValue(const Value &v) {
  char buf[64];
  switch (v.kind) {
  case ValKind::I32: std::snprintf(buf, sizeof buf, "%" PRId32, int32_t(v.asI32())); return buf;
  case ValKind::I64: std::snprintf(buf, sizeof buf, "%" PRId64, int64_t(v.asI64())); return buf;
  case ValKind::F32: {
    auto r = std::to_chars(buf, buf + sizeof buf, v.asF32());
    return std::string(buf, r.ptr);
  }
  case ValKind::F64: {
    auto r = std::to_chars(buf, buf + sizeof buf, v.asF64());
    return std::string(buf, r.ptr);
  }
  case ValKind::V128:
    std::snprintf(buf, sizeof buf, "0x%016" PRIx64 "%016" PRIx64, v.hi, v.lo);
    return buf;
  case ValKind::FuncRef:
  case ValKind::ExternRef:
  case ValKind::AnyRef:
    if (v.lo == 0) return "null";
    std::snprintf(buf, sizeof buf, "ref 0x%" PRIx64, v.lo);
    return buf;
  }
  return "?";
}

CommandOutcome failed(std::string message, int status = kStartFailureStatus) {
  CommandOutcome o;
  o.end = CommandOutcome::End::Failed;
  o.status = status;
  o.message = std::move(message);
  return o;
}

CommandOutcome trapped(std::string message) {
  CommandOutcome o;
  o.end = CommandOutcome::End::Trapped;
  o.status = kTrapExitStatus;
  o.message = std::move(message);
  return o;
}

CommandOutcome exited(int32_t code) {
  CommandOutcome o;
  o.end = CommandOutcome::End::Exited;
  o.status = code;
  return o;
}

/// Calls a function extern; fills `outcome` unless the call returned.
bool callExport(runtime::Runtime &rt, const runtime::Module &module, const Extern &func,
                std::span<const Value> args, std::vector<Value> &results, CommandOutcome &outcome) {
  runtime::Result<runtime::CallOutcome> r = rt.call(func, args, results);
  if (!r) {
    outcome = failed(r.error().message);
    return false;
  }
  switch (r->kind) {
  case runtime::ExitKind::Returned: return true;
  case runtime::ExitKind::Exited: outcome = exited(r->exitCode); return false;
  case runtime::ExitKind::Trapped: outcome = trapped(describeTrap(module, r->trap, r->trapPc)); return false;
  }
  return false;
}

} // namespace

std::string funcTypeText(const wasm::FuncType &type) {
  auto list = [](const std::vector<wasm::ValType> &ts) {
    std::string s = "(";
    for (size_t i = 0; i < ts.size(); ++i) s += (i ? ", " : "") + wasm::valTypeName(ts[i]);
    return s + ")";
  };
  return list(type.params) + " -> " + list(type.results);
}

std::optional<std::string> defineWasiImports(runtime::Runtime &rt, const runtime::Module &module,
                                             wasi::WasiContext &context, runtime::Linker &linker) {
  const wasm::Module &w = module.wasm();
  for (const wasm::Import &imp : w.imports) {
    if (imp.module != wasi::kWasiModuleName)
      return "unknown import " + importName(imp) + " (a " + externKindName(imp.kind) +
             "): only wasi_snapshot_preview1 functions are provided";
    if (imp.kind != wasm::ExternKind::Func)
      return "unknown import " + importName(imp) + ": WASI preview1 has no " + externKindName(imp.kind) +
             " named \"" + imp.name + "\"";
    const wasi::WasiFunction *f = wasi::findWasiFunction(imp.name);
    if (!f) return "unknown import " + importName(imp) + ": not a WASI preview1 function";
    wasm::FuncType want{wasiTypes(f->params), wasiTypes(f->results)};
    const wasm::FuncType &have = w.functionType(imp.index);
    if (!(have.params == want.params) || !(have.results == want.results))
      return "import " + importName(imp) + " has type " + funcTypeText(have) + ", but WASI preview1's " +
             imp.name + " is " + funcTypeText(want);
    runtime::HostFunction host;
    host.code = f->fn;
    host.userData = &context;
    host.params = std::move(want.params);
    host.results = std::move(want.results);
    linker.define(imp.module, imp.name, rt.hostFunction(std::move(host)));
  }
  return std::nullopt;
}

CommandOutcome runCommand(runtime::Runtime &rt, const std::shared_ptr<runtime::Module> &module,
                          const CommandConfig &config) {
  const wasm::Module &w = module->wasm();
  std::string error;
  std::unique_ptr<wasi::WasiContext> context = wasi::WasiContext::create(config.wasi, error);
  if (!context) return failed(error, kHostFailureStatus);

  runtime::Linker linker;
  if (std::optional<std::string> why = defineWasiImports(rt, *module, *context, linker)) return failed(*why);

  // Check what will be called before instantiating, so that a start function
  // does not run for a module that cannot be used anyway.
  const std::string entry = config.invoke.empty() ? "_start" : config.invoke;
  std::optional<Extern> func;
  const wasm::FuncType *type = nullptr;
  for (const wasm::Export &e : w.exports)
    if (e.name == entry && e.kind == wasm::ExternKind::Func) type = &w.functionType(e.index);
  if (!type) {
    if (config.invoke.empty())
      return failed("not a WASI command: the module exports no _start function (--invoke NAME calls an export)");
    return failed("the module exports no function \"" + config.invoke + "\"");
  }
  if (config.invoke.empty() && (!type->params.empty() || !type->results.empty()))
    return failed("_start has type " + funcTypeText(*type) + "; a WASI command's _start is () -> ()");
  std::vector<Value> args;
  if (config.invokeArgs.size() != type->params.size())
    return failed("\"" + entry + "\" takes " + std::to_string(type->params.size()) + " argument" +
                  (type->params.size() == 1 ? "" : "s") + " " + funcTypeText(*type) + ", " +
                  std::to_string(config.invokeArgs.size()) + " given");
  for (size_t i = 0; i < type->params.size(); ++i) {
    Value v;
    if (std::optional<std::string> why = parseArgument(config.invokeArgs[i], type->params[i], i, v)) return failed(*why);
    args.push_back(v);
  }

  runtime::Result<std::shared_ptr<runtime::Instance>> inst = rt.instantiate(module, linker.resolver());
  if (!inst) {
    const runtime::Error &e = inst.error();
    switch (e.kind) {
    case ErrorKind::Exit: return exited(e.exitCode);
    case ErrorKind::Trap:
      return trapped(describeTrap(*module, e.trap.value_or(ir::TrapCode::Unreachable), 0) +
                     " while instantiating");
    case ErrorKind::Resource: return failed(e.message, kHostFailureStatus);
    case ErrorKind::Load:
    case ErrorKind::Link:
    case ErrorKind::Unsupported:
    case ErrorKind::Argument: return failed(e.message);
    }
    return failed(e.message);
  }

  CommandOutcome outcome;
  std::vector<Value> results;
  if (!config.invoke.empty()) {
    // A WASI reactor initializes itself before any other export is called.
    if (std::optional<Extern> init = (*inst)->exportOf("_initialize", wasm::ExternKind::Func);
        init && config.invoke != "_initialize") {
      if (!callExport(rt, *module, *init, {}, results, outcome)) return outcome;
    }
  }
  func = (*inst)->exportOf(entry, wasm::ExternKind::Func);
  if (!callExport(rt, *module, *func, args, results, outcome)) return outcome;
  for (const Value &v : results) outcome.results.push_back(formatValue(v));
  return outcome;
}

std::string describeTrap(const runtime::Module &module, ir::TrapCode code, uintptr_t pc) {
  std::string text = runtime::trapMessage(code);
  const runtime::CodeImage &image = module.image();
  const uintptr_t text0 = reinterpret_cast<uintptr_t>(image.text());
  if (pc < text0 || pc >= text0 + image.textSize()) return text;
  const uint64_t offset = pc - text0;
  const runtime::ModuleDescriptor &desc = module.descriptor();
  for (size_t i = 0; i < desc.functions.size(); ++i) {
    const auto &f = desc.functions[i];
    if (offset < f.textOffset || offset >= uint64_t(f.textOffset) + f.size) continue;
    const uint32_t index = module.wasm().numImportedFunctions + uint32_t(i);
    std::string name;
    const auto &names = module.wasm().names.functionNames;
    if (auto it = names.find(index); it != names.end()) name = it->second;
    for (const wasm::Export &e : module.wasm().exports)
      if (name.empty() && e.kind == wasm::ExternKind::Func && e.index == index) name = e.name;
    char where[32];
    std::snprintf(where, sizeof where, " at +0x%" PRIx64 ")", offset - f.textOffset);
    return text + " (in function " + std::to_string(index) + (name.empty() ? "" : " '" + name + "'") + where;
  }
  return text;
}

} // namespace wasmaot::exe
