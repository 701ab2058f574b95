// Runtime: loading modules, host externs, the linker and calls from the
// embedder into functions (instantiation is in Instantiate.cpp).
#include "runtime/Runtime.h"

#include "runtime/ConstExpr.h"
#include "wasm/Decoder.h"

namespace wasmaot::runtime {

Runtime::Runtime(RuntimeOptions options) : options_(options), caps_(hostCapabilities()) {
  caps_.guardRegions = caps_.guardRegions && options_.guardRegions;
}

std::optional<Error> Runtime::finishModule(Module &m) {
  const ModuleDescriptor &d = m.image_->descriptor();
  wasm::DecodeOptions options;
  options.features = Features::wasm3(); // a superset: the compiler validated with its own set
  options.validateBodies = false;       // the code is compiled already; bodies are not run here
  Diagnostic diag;
  if (!wasm::decodeModule(d.wasm, options, m.wasm_, diag))
    return Error::make(ErrorKind::Load, "the embedded wasm module does not decode: " + diag.str());
  const wasm::Module &w = m.wasm_;
  if (w.functions.size() != d.numFunctions || w.numImportedFunctions != d.numImportedFunctions)
    return Error::make(ErrorKind::Load, "module descriptor: function counts differ from the embedded module");
  m.layout_ = codegen::VMContextLayout::forCounts(uint32_t(w.memories.size()), uint32_t(w.globals.size()),
                                                  uint32_t(w.tables.size()));
  const codegen::VMContextLayout &l = m.layout_;
  if (l.size != d.vmctxSize || l.memoriesOffset != d.memoriesOffset || l.globalsOffset != d.globalsOffset ||
      l.tablesOffset != d.tablesOffset)
    return Error::make(ErrorKind::Load, "module descriptor: the vmctx layout (size " + std::to_string(d.vmctxSize) +
                                            ") differs from this runtime's for the module (size " +
                                            std::to_string(l.size) + ")");
  if (std::optional<std::string> why = unsupportedByRuntime(w)) return Error::make(ErrorKind::Unsupported, *why);
  m.typeIds_ = types_.canonicalize(w);
  m.runtime_ = this;
  return std::nullopt;
}

Result<std::shared_ptr<Module>> Runtime::loadObject(std::span<const uint8_t> object) {
  Result<std::unique_ptr<CodeImage>> image = CodeImage::loadObject(object, caps_);
  if (!image) return image.error();
  std::shared_ptr<Module> m(new Module());
  m->image_ = image.take();
  if (std::optional<Error> err = finishModule(*m)) return *err;
  return m;
}

Result<std::shared_ptr<Module>> Runtime::loadLinked(const void *descriptor) {
  Result<std::unique_ptr<CodeImage>> image = CodeImage::fromLinked(descriptor, caps_);
  if (!image) return image.error();
  std::shared_ptr<Module> m(new Module());
  m->image_ = image.take();
  if (std::optional<Error> err = finishModule(*m)) return *err;
  return m;
}

Extern Runtime::hostFunction(HostFunction fn) {
  Extern e;
  e.kind = wasm::ExternKind::Func;
  e.func.code = fn.code;
  e.func.typeId = types_.funcTypeId(fn.params, fn.results);
  e.hostContext = true;
  e.host = std::make_shared<const HostFunction>(std::move(fn));
  return e;
}

Result<Extern> Runtime::hostMemory(const wasm::MemoryType &type) {
  const uint64_t guard = caps_.guardRegions ? options_.defaultGuardSize : 0;
  Result<std::shared_ptr<LinearMemory>> m = LinearMemory::create(type, guard);
  if (!m) return m.error();
  Extern e;
  e.kind = wasm::ExternKind::Memory;
  e.memory = m.take();
  return e;
}

Result<Extern> Runtime::hostTable(const wasm::TableType &type, uint64_t init) {
  Result<std::shared_ptr<Table>> t = Table::create(type, init);
  if (!t) return t.error();
  Extern e;
  e.kind = wasm::ExternKind::Table;
  e.table = t.take();
  return e;
}

Extern Runtime::hostGlobal(const wasm::GlobalType &type, Value value) {
  Extern e;
  e.kind = wasm::ExternKind::Global;
  e.global = std::make_shared<Global>();
  e.global->type = type;
  Instance::write(*e.global, value);
  return e;
}

Signature Runtime::signature(const Extern &func) const {
  if (func.host) return signatureOf(wasm::FuncType{func.host->params, func.host->results});
  const wasm::FuncType *t = types_.funcType(func.func.typeId);
  return t ? signatureOf(*t) : Signature{};
}

namespace {

[[noreturn]] void hostExit(HostCallContext *, int32_t code) { raiseExit(code); }
[[noreturn]] void hostTrap(HostCallContext *, uint32_t code) { raiseTrap(ir::TrapCode(code)); }

} // namespace

void initHostContext(HostCallContext &ctx, codegen::VMMemory *memory, void *userData, void *runtime) {
  ctx.memory = memory;
  ctx.userData = userData;
  ctx.exit = hostExit;
  ctx.trap = hostTrap;
  ctx.runtime = runtime;
}

Result<CallOutcome> Runtime::call(const Extern &func, std::span<const Value> args, std::vector<Value> &results) {
  if (func.kind != wasm::ExternKind::Func) return Error::make(ErrorKind::Argument, "not a function");
  const Signature sig = signature(func);
  if (args.size() != sig.params.size())
    return Error::make(ErrorKind::Argument, "expected " + std::to_string(sig.params.size()) + " arguments, got " +
                                                std::to_string(args.size()));
  for (size_t i = 0; i < args.size(); ++i) {
    const bool bothRefs = isRef(args[i].kind) && isRef(sig.params[i]);
    if (args[i].kind != sig.params[i] && !bothRefs)
      return Error::make(ErrorKind::Argument, "argument " + std::to_string(i) + " has the wrong type");
  }
  results.assign(sig.results.size(), Value{});
  void *vmctx = func.func.vmctx;
  HostCallContext unbound;
  if (func.host && !vmctx) { // a host function called directly: no caller memory
    initHostContext(unbound, nullptr, func.host->userData, this);
    vmctx = &unbound;
  }
  return callWasm(func.func.code, vmctx, sig, args, results, func.hostContext ? nullptr : vmctx);
}

void Linker::define(std::string module, std::string name, Extern value) {
  entries_[{std::move(module), std::move(name)}] = std::move(value);
}

void Linker::defineInstance(const std::string &module, const std::shared_ptr<Instance> &instance) {
  for (const wasm::Export &e : instance->module().wasm().exports)
    if (std::optional<Extern> x = instance->exportNamed(e.name)) define(module, e.name, std::move(*x));
}

std::optional<Extern> Linker::find(std::string_view module, std::string_view name) const {
  auto it = entries_.find(std::pair<std::string, std::string>(module, name));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

} // namespace wasmaot::runtime
