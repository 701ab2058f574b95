// Execution: runs the spec scripts' execution commands against compiled code.
#include "Execution.h"

#include "SpecHost.h"
#include "SpecValues.h"

namespace wasmaot::spectest {

using runtime::CallOutcome;
using runtime::ErrorKind;
using runtime::ExitKind;
using runtime::Instance;
using runtime::Value;

namespace {

std::string trapText(const CallOutcome &o) {
  if (o.kind == ExitKind::Exited) return "exit " + std::to_string(o.exitCode);
  return std::string("trap: ") + runtime::trapMessage(o.trap);
}

} // namespace

bool trapMatches(ir::TrapCode code, const std::string &text) {
  using ir::TrapCode;
  auto starts = [&](const char *p) { return text.rfind(p, 0) == 0; };
  switch (code) {
  case TrapCode::Unreachable: return starts("unreachable");
  case TrapCode::IntDivideByZero: return starts("integer divide by zero");
  case TrapCode::IntOverflow: return starts("integer overflow");
  case TrapCode::BadConversionToInteger: return starts("invalid conversion to integer");
  case TrapCode::OutOfBoundsMemory: return starts("out of bounds memory access") || starts("memory access out of bounds");
  case TrapCode::OutOfBoundsTable:
    return starts("out of bounds table access") || starts("undefined element") || starts("table index is out of bounds");
  case TrapCode::IndirectCallNull:
  case TrapCode::UninitializedElement: return starts("uninitialized element") || starts("undefined element");
  case TrapCode::IndirectCallSignatureMismatch: return starts("indirect call type mismatch");
  case TrapCode::NullReference: return starts("null");
  case TrapCode::CastFailure: return starts("cast failure");
  case TrapCode::StackExhausted: return starts("call stack exhausted");
  case TrapCode::OutOfBoundsArray: return starts("out of bounds array access");
  case TrapCode::UnalignedAtomic: return starts("unaligned atomic");
  case TrapCode::OutOfMemory: return starts("out of memory");
  }
  return false;
}

Execution::Execution() : rt_(std::make_unique<runtime::Runtime>()) { defineSpectestModule(*rt_, linker_); }

runtime::Result<std::shared_ptr<Instance>> Execution::instantiate(const std::vector<uint8_t> &object) {
  runtime::Result<std::shared_ptr<runtime::Module>> m = rt_->loadObject(object);
  if (!m) return m.error();
  return rt_->instantiate(*m, linker_.resolver());
}

Outcome Execution::module(const std::vector<uint8_t> &object, const std::string *name) {
  runtime::Result<std::shared_ptr<Instance>> inst = instantiate(object);
  if (!inst) return Outcome::fail("instantiation failed: " + inst.error().message);
  current_ = *inst;
  all_.push_back(current_);
  if (name) named_[*name] = current_;
  return Outcome::pass();
}

Outcome Execution::defineModule(const std::vector<uint8_t> &object, const std::string *name) {
  runtime::Result<std::shared_ptr<runtime::Module>> m = rt_->loadObject(object);
  if (!m) return Outcome::fail("load failed: " + m.error().message);
  lastDefinition_ = *m;
  if (name) definitions_[*name] = *m;
  return Outcome::pass();
}

Outcome Execution::instantiateDefinition(const std::string *module, const std::string *instance) {
  std::shared_ptr<runtime::Module> m = lastDefinition_;
  if (module) {
    auto it = definitions_.find(*module);
    if (it == definitions_.end()) return Outcome::fail("unknown module definition " + *module);
    m = it->second;
  }
  if (!m) return Outcome::fail("no module definition to instantiate");
  runtime::Result<std::shared_ptr<Instance>> inst = rt_->instantiate(m, linker_.resolver());
  if (!inst) return Outcome::fail("instantiation failed: " + inst.error().message);
  current_ = *inst;
  all_.push_back(current_);
  if (instance) named_[*instance] = current_;
  return Outcome::pass();
}

Outcome Execution::registerAs(const std::string *name, const std::string &as) {
  std::shared_ptr<Instance> inst = current_;
  if (name) {
    auto it = named_.find(*name);
    if (it == named_.end()) return Outcome::fail("unknown module " + *name);
    inst = it->second;
  }
  if (!inst) return Outcome::fail("no module to register");
  linker_.defineInstance(as, inst);
  return Outcome::pass();
}

std::shared_ptr<Instance> Execution::instanceFor(const json::Value &action, std::string &error) {
  if (const std::string *name = action.getString("module")) {
    auto it = named_.find(*name);
    if (it == named_.end()) {
      error = "unknown module " + *name;
      return nullptr;
    }
    return it->second;
  }
  if (!current_) error = "no current module";
  return current_;
}

Execution::ActionResult Execution::perform(const json::Value &action) {
  ActionResult r;
  std::shared_ptr<Instance> inst = instanceFor(action, r.message);
  if (!inst) return r;
  const std::string *type = action.getString("type");
  const std::string *field = action.getString("field");
  if (!type || !field) {
    r.message = "malformed action";
    return r;
  }
  if (*type == "get") {
    std::optional<runtime::Extern> g = inst->exportOf(*field, wasm::ExternKind::Global);
    if (!g) {
      r.message = "no exported global \"" + *field + "\"";
      return r;
    }
    r.ran = true;
    r.values.push_back(Instance::read(*g->global));
    return r;
  }
  if (*type != "invoke") {
    r.message = "unknown action " + *type;
    return r;
  }
  std::optional<runtime::Extern> f = inst->exportOf(*field, wasm::ExternKind::Func);
  if (!f) {
    r.message = "no exported function \"" + *field + "\"";
    return r;
  }
  std::vector<Value> args;
  if (const json::Value *list = action.get("args"); list && list->isArray()) {
    for (const json::Value &a : list->items) {
      std::optional<Value> v = parseArgument(a, r.message);
      if (!v) return r;
      args.push_back(*v);
    }
  }
  runtime::Result<CallOutcome> out = rt_->call(*f, args, r.values);
  if (!out) {
    r.message = out.error().message;
    return r;
  }
  r.ran = true;
  r.outcome = *out;
  return r;
}

Outcome Execution::action(const json::Value &action) {
  ActionResult r = perform(action);
  if (!r.ran) return Outcome::fail(r.message);
  if (r.outcome.kind != ExitKind::Returned) return Outcome::fail("unexpected " + trapText(r.outcome));
  return Outcome::pass();
}

Outcome Execution::assertReturn(const json::Value &action, const json::Value *expected) {
  ActionResult r = perform(action);
  if (!r.ran) return Outcome::fail(r.message);
  if (r.outcome.kind != ExitKind::Returned) return Outcome::fail("unexpected " + trapText(r.outcome));
  const size_t want = expected && expected->isArray() ? expected->items.size() : 0;
  if (r.values.size() != want)
    return Outcome::fail("expected " + std::to_string(want) + " results, got " + std::to_string(r.values.size()));
  for (size_t i = 0; i < want; ++i) {
    std::string why;
    if (!matchesExpected(expected->items[i], r.values[i], why))
      return Outcome::fail("result " + std::to_string(i) + ": " + why);
  }
  return Outcome::pass();
}

Outcome Execution::assertTrap(const json::Value &action, const std::string &text, bool exhaustion) {
  ActionResult r = perform(action);
  if (!r.ran) return Outcome::fail(r.message);
  if (r.outcome.kind == ExitKind::Returned) return Outcome::fail("returned, expected a trap \"" + text + "\"");
  if (r.outcome.kind == ExitKind::Exited) return Outcome::fail("exited, expected a trap \"" + text + "\"");
  if (exhaustion && r.outcome.trap != ir::TrapCode::StackExhausted)
    return Outcome::fail("expected stack exhaustion, got " + trapText(r.outcome));
  if (!trapMatches(r.outcome.trap, text))
    return Outcome::fail("expected a trap \"" + text + "\", got " + trapText(r.outcome));
  return Outcome::pass();
}

Outcome Execution::assertUnlinkable(const std::vector<uint8_t> &object, const std::string &text) {
  runtime::Result<std::shared_ptr<Instance>> inst = instantiate(object);
  if (inst) all_.push_back(*inst);
  if (inst) return Outcome::fail("instantiated, expected a link error \"" + text + "\"");
  if (inst.error().kind != ErrorKind::Link)
    return Outcome::fail("expected a link error \"" + text + "\", got: " + inst.error().message);
  return Outcome::pass();
}

Outcome Execution::assertUninstantiable(const std::vector<uint8_t> &object, const std::string &text) {
  runtime::Result<std::shared_ptr<Instance>> inst = instantiate(object);
  if (inst) all_.push_back(*inst);
  if (inst) return Outcome::fail("instantiated, expected a trap \"" + text + "\"");
  if (inst.error().kind != ErrorKind::Trap)
    return Outcome::fail("expected a trap \"" + text + "\" during instantiation, got: " + inst.error().message);
  if (inst.error().trap && !trapMatches(*inst.error().trap, text))
    return Outcome::fail("expected a trap \"" + text + "\", got \"" + inst.error().message + "\"");
  return Outcome::pass();
}

} // namespace wasmaot::spectest
