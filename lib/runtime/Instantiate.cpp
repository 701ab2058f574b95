// Instantiate: linking and instantiation in the spec's order (Wasm 3.0,
// "Instantiation"): resolve and type-check every import (a mismatch is a link
// error and nothing is created), then build the vmctx, function references,
// memories, globals (initializers in order, each seeing the previous ones),
// tables, evaluated element segments; then run the active element segments,
// the active data segments (each bounds-checked when it runs, so earlier
// segments stay written into imported tables and memories when a later one
// traps) and the start function.
#include "runtime/Builtins.h"
#include "runtime/ConstExpr.h"
#include "runtime/Runtime.h"
#include "runtime/Segue.h"

#include <cstdlib>

namespace wasmaot::runtime {

namespace {

Error linkError(const wasm::Import &imp, const std::string &why) {
  return Error::make(ErrorKind::Link, why + " (import \"" + imp.module + "\" \"" + imp.name + "\")");
}

Error trapError(ir::TrapCode code) {
  Error e = Error::make(ErrorKind::Trap, trapMessage(code));
  e.trap = code;
  return e;
}

const char *kindName(wasm::ExternKind k) {
  switch (k) {
  case wasm::ExternKind::Func: return "function";
  case wasm::ExternKind::Table: return "table";
  case wasm::ExternKind::Memory: return "memory";
  case wasm::ExternKind::Global: return "global";
  case wasm::ExternKind::Tag: return "tag";
  }
  return "extern";
}

bool limitsMatch(uint64_t actualMin, std::optional<uint64_t> actualMax, const wasm::Limits &want) {
  if (actualMin < want.min) return false;
  if (!want.max) return true;
  return actualMax && *actualMax <= *want.max;
}

} // namespace

/// Builds one instance; a friend of Instance.
struct InstanceBuilder {
  Runtime &rt;
  const std::shared_ptr<Module> &module;
  const wasm::Module &w;
  std::shared_ptr<Instance> inst;
  std::vector<Extern> imports;

  std::optional<Error> resolveImports(const ImportResolver &resolve) {
    const TypeRegistry &types = rt.types();
    const std::vector<uint32_t> &ids = module->typeIds();
    for (const wasm::Import &imp : w.imports) {
      std::optional<Extern> x = resolve ? resolve(imp.module, imp.name) : std::nullopt;
      if (!x) return linkError(imp, "unknown import");
      if (x->kind != imp.kind)
        return linkError(imp, std::string("incompatible import type: expected a ") + kindName(imp.kind) + ", got a " +
                                  kindName(x->kind));
      switch (imp.kind) {
      case wasm::ExternKind::Func: {
        const uint32_t want = ids[w.functions[imp.index].typeIndex];
        if (!types.isSubtype(x->func.typeId, want)) return linkError(imp, "incompatible import type: function type");
        break;
      }
      case wasm::ExternKind::Table: {
        const wasm::TableType &want = w.tables[imp.index].type;
        const Table &t = *x->table;
        const wasm::ValType wantElem = TypeRegistry::toRuntime(want.elem, ids);
        if (t.type().limits.is64 != want.limits.is64 || !types.matches(t.type().elem, wantElem) ||
            !types.matches(wantElem, t.type().elem) || !limitsMatch(t.size(), t.type().limits.max, want.limits))
          return linkError(imp, "incompatible import type: table");
        break;
      }
      case wasm::ExternKind::Memory: {
        const wasm::Limits &want = w.memories[imp.index].type.limits;
        const LinearMemory &m = *x->memory;
        if (m.type().limits.is64 != want.is64 || m.type().limits.shared != want.shared ||
            !limitsMatch(m.pages(), m.type().limits.max, want))
          return linkError(imp, "incompatible import type: memory");
        const ModuleDescriptor &d = module->descriptor();
        if (d.sandboxing == Sandboxing::GuardRegions && !want.is64 &&
            (!m.hasGuardLayout() || m.guard() < d.guardSize))
          return linkError(imp, "incompatible import type: the memory has no guard region of " +
                                    std::to_string(d.guardSize) + " bytes, which this module's code relies on");
        break;
      }
      case wasm::ExternKind::Global: {
        const wasm::GlobalType &want = w.globals[imp.index].type;
        const wasm::GlobalType &have = x->global->type;
        const wasm::ValType wantType = TypeRegistry::toRuntime(want.type, ids);
        const bool ok = have.mut == want.mut && types.matches(have.type, wantType) &&
                        (!want.mut || types.matches(wantType, have.type));
        if (!ok) return linkError(imp, "incompatible import type: global");
        break;
      }
      case wasm::ExternKind::Tag: return linkError(imp, "tags (exception handling) are not supported yet");
      }
      imports.push_back(std::move(*x));
    }
    return std::nullopt;
  }

  ConstEnv constEnv() const {
    ConstEnv env;
    env.module = &w;
    env.globals = &inst->globals_;
    Instance *self = inst.get();
    env.funcRef = [self](uint32_t f) { return reinterpret_cast<uint64_t>(&self->funcRefs_[f]); };
    return env;
  }

  std::optional<Error> build() {
    const codegen::VMContextLayout &layout = module->layout();
    const ModuleDescriptor &d = module->descriptor();
    inst->module_ = module;
    inst->vmctx_ = static_cast<uint8_t *>(std::aligned_alloc(16, layout.size));
    if (!inst->vmctx_) return Error::make(ErrorKind::Resource, "out of memory for vmctx");
    std::memset(inst->vmctx_, 0, layout.size);
    uint8_t *vm = inst->vmctx_;
    auto putPtr = [&](uint32_t offset, const void *p) { std::memcpy(vm + offset, &p, sizeof(p)); };
    const uint64_t limit = threadStackLimit();
    std::memcpy(vm + codegen::VMContextLayout::kStackLimit, &limit, 8);
    putPtr(codegen::VMContextLayout::kBuiltins, builtinTable());
    Instance *self = inst.get();
    putPtr(codegen::VMContextLayout::kRuntime, self);

    inst->typeIds_ = module->typeIds();
    putPtr(codegen::VMContextLayout::kTypeIds, inst->typeIds_.data());

    // Functions: imports first (their exporter's reference, or a host
    // function bound to a HostCallContext of this instance), then ours.
    inst->funcRefs_.resize(w.functions.size());
    inst->funcIsHost_.assign(w.functions.size(), false);
    putPtr(codegen::VMContextLayout::kFuncRefs, inst->funcRefs_.data());

    // Memories come before functions are bound: host contexts point at memory 0.
    size_t next = 0;
    std::vector<const Extern *> byKind[5];
    for (const Extern &x : imports) byKind[size_t(x.kind)].push_back(&x);
    const uint64_t guard = rt.options().guardRegions ? std::max(d.guardSize, rt.options().defaultGuardSize) : 0;
    for (uint32_t i = 0; i < w.memories.size(); ++i) {
      std::shared_ptr<LinearMemory> mem;
      if (w.memories[i].imported) {
        mem = byKind[size_t(wasm::ExternKind::Memory)][next++]->memory;
      } else {
        Result<std::shared_ptr<LinearMemory>> m = LinearMemory::create(w.memories[i].type, guard);
        if (!m) return m.error();
        mem = m.take();
      }
      mem->addView(reinterpret_cast<codegen::VMMemory *>(vm + layout.memoryBase(i)));
      inst->memories_.push_back(std::move(mem));
    }
    codegen::VMMemory *memory0 =
        w.memories.empty() ? nullptr : reinterpret_cast<codegen::VMMemory *>(vm + layout.memoryBase(0));
    // Segue (Segue.h): the %gs base this instance's code needs; memory 0's
    // base never moves (a 32-bit memory's reservation is fixed).
    uint64_t segueBase = 0;
    if (d.segue) {
      if (!memory0 || inst->memories_[0]->type().limits.is64 || !segueSupported())
        return Error::make(ErrorKind::Load, "Segue code without a 32-bit memory 0, or on a host without %gs");
      segueBase = reinterpret_cast<uint64_t>(memory0->base);
      markSegueInUse();
      std::memcpy(vm + codegen::VMContextLayout::kSegueBase, &segueBase, 8);
      inst->segueRecords_.resize(w.functions.size() - w.numImportedFunctions);
    }

    next = 0;
    for (uint32_t f = 0; f < w.functions.size(); ++f) {
      codegen::VMFuncRef &ref = inst->funcRefs_[f];
      if (!w.functions[f].imported) {
        ref = {module->image().functionCode(f - w.numImportedFunctions), vm, inst->typeIds_[w.functions[f].typeIndex], 0};
        if (segueBase) { // every reference goes through the switch thunk (x64/SegueThunk.S)
          SegueThunkRecord &r = inst->segueRecords_[f - w.numImportedFunctions];
          r = {ref.code, vm, segueBase, stackArgumentBytes(signatureOf(w.functionType(f)))};
          ref.code = segueThunkCode();
          ref.vmctx = &r;
        }
        continue;
      }
      const Extern &x = *byKind[size_t(wasm::ExternKind::Func)][next++];
      ref = x.func;
      inst->funcIsHost_[f] = x.hostContext;
      if (x.host && !x.func.vmctx) {
        auto ctx = std::make_unique<HostCallContext>();
        initHostContext(*ctx, memory0, x.host->userData, &rt);
        ref.vmctx = ctx.get();
        inst->hostContexts_.push_back(std::move(ctx));
        inst->keepAlive_.push_back(x.host);
      }
    }

    // Globals, in order: an initializer sees the imported and earlier globals.
    next = 0;
    const ConstEnv env = constEnv();
    for (uint32_t g = 0; g < w.globals.size(); ++g) {
      std::shared_ptr<Global> global;
      if (w.globals[g].imported) {
        global = byKind[size_t(wasm::ExternKind::Global)][next++]->global;
      } else {
        global = std::make_shared<Global>();
        global->type = {TypeRegistry::toRuntime(w.globals[g].type.type, inst->typeIds_), w.globals[g].type.mut};
        Result<Value> v = evalConstExpr(env, w.globals[g].init);
        if (!v) return v.error();
        Instance::write(*global, *v);
      }
      putPtr(layout.globalPtr(g), global->bytes);
      inst->globals_.push_back(std::move(global));
    }

    next = 0;
    for (uint32_t t = 0; t < w.tables.size(); ++t) {
      std::shared_ptr<Table> table;
      if (w.tables[t].imported) {
        table = byKind[size_t(wasm::ExternKind::Table)][next++]->table;
      } else {
        uint64_t init = 0;
        if (w.tables[t].hasInit) {
          Result<Value> v = evalConstExpr(env, w.tables[t].init);
          if (!v) return v.error();
          init = v->lo;
        }
        wasm::TableType type = w.tables[t].type;
        type.elem = TypeRegistry::toRuntime(type.elem, inst->typeIds_);
        Result<std::shared_ptr<Table>> made = Table::create(type, init);
        if (!made) return made.error();
        table = made.take();
      }
      putPtr(layout.tablePtr(t), table->vm());
      inst->tables_.push_back(std::move(table));
    }

    for (const Extern &x : imports)
      if (x.owner) inst->keepAlive_.push_back(x.owner);

    // Element segments are evaluated once, at instantiation.
    for (const wasm::ElemSegment &seg : w.elems) {
      std::vector<uint64_t> refs;
      refs.reserve(seg.count());
      if (!seg.usesExprs) {
        for (uint32_t f : seg.funcIndices) refs.push_back(reinterpret_cast<uint64_t>(&inst->funcRefs_[f]));
      } else {
        for (const wasm::ConstExpr &e : seg.exprs) {
          Result<Value> v = evalConstExpr(env, e);
          if (!v) return v.error();
          refs.push_back(v->lo);
        }
      }
      inst->elems_.push_back(std::move(refs));
    }
    inst->dataDropped_.assign(w.datas.size(), false);
    return std::nullopt;
  }

  std::optional<Error> initialize() {
    const ConstEnv env = constEnv();
    for (uint32_t i = 0; i < w.elems.size(); ++i) {
      const wasm::ElemSegment &seg = w.elems[i];
      if (seg.mode == wasm::SegmentMode::Active) {
        Result<Value> offset = evalConstExpr(env, seg.offset);
        if (!offset) return offset.error();
        const uint64_t at = inst->tables_[seg.table]->type().limits.is64 ? offset->lo : uint64_t(uint32_t(offset->lo));
        if (uint32_t status = tableInit(*inst, seg.table, i, at, 0, seg.count()))
          return trapError(ir::TrapCode(status - 1));
      }
      if (seg.mode != wasm::SegmentMode::Passive) inst->elems_[i].clear(); // elem.drop
    }
    for (uint32_t i = 0; i < w.datas.size(); ++i) {
      const wasm::DataSegment &seg = w.datas[i];
      if (seg.mode != wasm::SegmentMode::Active) continue;
      Result<Value> offset = evalConstExpr(env, seg.offset);
      if (!offset) return offset.error();
      const uint64_t at = inst->memories_[seg.memory]->type().limits.is64 ? offset->lo : uint64_t(uint32_t(offset->lo));
      if (uint32_t status = memoryInit(*inst, seg.memory, i, at, 0, seg.data.size))
        return trapError(ir::TrapCode(status - 1));
      inst->dataDropped_[i] = true;
    }
    if (w.start) {
      const uint32_t f = *w.start;
      std::vector<Value> none;
      const codegen::VMFuncRef &ref = inst->funcRefs_[f];
      CallOutcome out = callWasm(ref.code, ref.vmctx, Signature{}, {}, none, inst->funcIsHost_[f] ? nullptr : ref.vmctx);
      if (out.kind == ExitKind::Trapped) return trapError(out.trap);
      if (out.kind == ExitKind::Exited) {
        Error e = Error::make(ErrorKind::Exit, "exit with code " + std::to_string(out.exitCode));
        e.exitCode = out.exitCode;
        return e;
      }
    }
    return std::nullopt;
  }
};

Result<std::shared_ptr<Instance>> Runtime::instantiate(const std::shared_ptr<Module> &module,
                                                       const ImportResolver &imports) {
  if (!module || &module->runtime() != this)
    return Error::make(ErrorKind::Argument, "the module was loaded by another runtime");
  InstanceBuilder b{*this, module, module->wasm(), std::shared_ptr<Instance>(new Instance()), {}};
  if (std::optional<Error> err = b.resolveImports(imports)) return *err;
  if (std::optional<Error> err = b.build()) return *err;
  if (std::optional<Error> err = b.initialize()) {
    // Segments that ran before the trap may have stored references to this
    // instance's functions in imported tables (the spec keeps those writes),
    // so its code and vmctx must outlive them: the runtime keeps it.
    std::lock_guard<std::mutex> lock(failedMutex_);
    failedInstances_.push_back(b.inst);
    return *err;
  }
  return b.inst;
}

Instance::~Instance() {
  if (!module_) return;
  const codegen::VMContextLayout &layout = module_->layout();
  for (size_t i = 0; i < memories_.size(); ++i)
    memories_[i]->removeView(reinterpret_cast<codegen::VMMemory *>(vmctx_ + layout.memoryBase(uint32_t(i))));
  std::free(vmctx_);
}

Value Instance::read(const Global &g) {
  Value v;
  v.kind = kindOf(g.type.type);
  std::memcpy(&v.lo, g.bytes, 8);
  std::memcpy(&v.hi, g.bytes + 8, 8);
  if (v.kind == ValKind::I32 || v.kind == ValKind::F32) v.lo &= 0xFFFFFFFFu;
  return v;
}

void Instance::write(Global &g, const Value &v) {
  std::memset(g.bytes, 0, 16);
  const uint64_t lo = (v.kind == ValKind::I32 || v.kind == ValKind::F32) ? (v.lo & 0xFFFFFFFFu) : v.lo;
  std::memcpy(g.bytes, &lo, 8);
  if (v.kind == ValKind::V128) std::memcpy(g.bytes + 8, &v.hi, 8);
}

Extern Instance::externFor(wasm::ExternKind kind, uint32_t index) const {
  Extern x;
  x.kind = kind;
  x.owner = shared_from_this();
  switch (kind) {
  case wasm::ExternKind::Func:
    x.func = funcRefs_[index];
    x.hostContext = funcIsHost_[index];
    break;
  case wasm::ExternKind::Table: x.table = tables_[index]; break;
  case wasm::ExternKind::Memory: x.memory = memories_[index]; break;
  case wasm::ExternKind::Global: x.global = globals_[index]; break;
  case wasm::ExternKind::Tag: break;
  }
  return x;
}

std::optional<Extern> Instance::exportNamed(std::string_view name) const {
  for (const wasm::Export &e : module_->wasm().exports)
    if (e.name == name && e.kind != wasm::ExternKind::Tag) return externFor(e.kind, e.index);
  return std::nullopt;
}

std::optional<Extern> Instance::exportOf(std::string_view name, wasm::ExternKind kind) const {
  std::optional<Extern> x = exportNamed(name);
  if (!x || x->kind != kind) return std::nullopt;
  return x;
}

} // namespace wasmaot::runtime
