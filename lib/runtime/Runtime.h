// Runtime: the C++ API of libwasmaot-rt. A Runtime owns the canonical type ids
// shared by its modules; a Module is loaded code plus the decoded wasm module
// embedded in it; an Instance is a module linked to its imports, with its
// memories, tables, globals and vmctx (docs/runtime.md). The C API
// (include/wasmaot/runtime.h) is a thin layer over this.
#pragma once

#include "codegen/VMContext.h"
#include "runtime/CodeImage.h"
#include "runtime/Entry.h"
#include "runtime/Error.h"
#include "runtime/HostCall.h"
#include "runtime/LinearMemory.h"
#include "runtime/Segue.h"
#include "runtime/Table.h"
#include "runtime/TypeRegistry.h"
#include "runtime/Value.h"
#include "wasm/Module.h"

#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::runtime {

class Instance;
class Runtime;

struct RuntimeOptions {
  /// Provide guard-region memories (and so accept objects compiled for them).
  bool guardRegions = true;
  /// Guard bytes after the 4 GiB of every 32-bit memory the runtime creates
  /// (at least the object's guard size is used), so that memories created for
  /// one module can be imported by another compiled with a guard up to this.
  uint64_t defaultGuardSize = 2ull << 30;
};

/// A host function: called by generated code as `R code(HostCallContext *,
/// params...)` (HostCall.h); with several results the second argument is the
/// return-area pointer, as for wasm functions (docs/abi.md).
struct HostFunction {
  void *code = nullptr;
  void *userData = nullptr;
  std::vector<wasm::ValType> params, results; ///< numeric and abstract reference types
};

/// Something an instance exports or imports.
struct Extern {
  wasm::ExternKind kind = wasm::ExternKind::Func;
  /// Func: how to call it. For a host function not yet bound to an importing
  /// instance, `func.vmctx` is null and `host` is set.
  codegen::VMFuncRef func{nullptr, nullptr, 0, 0};
  std::shared_ptr<const HostFunction> host;
  /// Func: `func.vmctx` is a HostCallContext, not a vmctx.
  bool hostContext = false;
  std::shared_ptr<LinearMemory> memory;
  std::shared_ptr<Table> table;
  std::shared_ptr<Global> global;
  /// Keeps the exporting instance (and so func.vmctx) alive.
  std::shared_ptr<const void> owner;
};

/// Finds an import by module and field name.
using ImportResolver = std::function<std::optional<Extern>(std::string_view module, std::string_view name)>;

/// Fills in a HostCallContext whose trap/exit unwind to the innermost/outermost entry.
void initHostContext(HostCallContext &ctx, codegen::VMMemory *memory, void *userData, void *runtime);

/// A table of named externs, the usual resolver.
class Linker {
public:
  void define(std::string module, std::string name, Extern value);
  /// Makes every export of `instance` importable as (`module`, export name).
  void defineInstance(const std::string &module, const std::shared_ptr<Instance> &instance);
  std::optional<Extern> find(std::string_view module, std::string_view name) const;
  ImportResolver resolver() const {
    return [this](std::string_view m, std::string_view n) { return find(m, n); };
  }

private:
  std::map<std::pair<std::string, std::string>, Extern, std::less<>> entries_;
};

/// Loaded code and its decoded wasm module.
class Module {
public:
  const wasm::Module &wasm() const { return wasm_; }
  const CodeImage &image() const { return *image_; }
  const ModuleDescriptor &descriptor() const { return image_->descriptor(); }
  /// Runtime type id of each wasm type index.
  const std::vector<uint32_t> &typeIds() const { return typeIds_; }
  const codegen::VMContextLayout &layout() const { return layout_; }
  Runtime &runtime() const { return *runtime_; }

private:
  friend class Runtime;
  Runtime *runtime_ = nullptr;
  std::unique_ptr<CodeImage> image_;
  wasm::Module wasm_;
  std::vector<uint32_t> typeIds_;
  codegen::VMContextLayout layout_;
};

class Runtime {
public:
  explicit Runtime(RuntimeOptions options = {});

  /// Loads an object written by `wasmaotc -c` (or ModuleCompiler) into this process.
  Result<std::shared_ptr<Module>> loadObject(std::span<const uint8_t> object);
  /// Uses a module linked into this executable: `descriptor` is the address
  /// of its `wasmaot_module_<prefix>` symbol.
  Result<std::shared_ptr<Module>> loadLinked(const void *descriptor);

  /// Links and instantiates: imports, memories, tables, globals, segments and
  /// the start function, in the spec's order. ErrorKind::Link for import
  /// mismatches, ErrorKind::Trap when a segment or the start function traps
  /// (effects on imported memories and tables stay, as the spec says).
  Result<std::shared_ptr<Instance>> instantiate(const std::shared_ptr<Module> &module,
                                                const ImportResolver &imports);

  /// Host-side externs to import.
  Extern hostFunction(HostFunction fn);
  Result<Extern> hostMemory(const wasm::MemoryType &type);
  Result<Extern> hostTable(const wasm::TableType &type, uint64_t init = 0);
  Extern hostGlobal(const wasm::GlobalType &type, Value value);

  /// Calls a function extern with typed arguments. ErrorKind::Argument when
  /// `args` do not match its type; a trap or exit is in the CallOutcome.
  Result<CallOutcome> call(const Extern &func, std::span<const Value> args, std::vector<Value> &results);
  /// The signature of a function extern.
  Signature signature(const Extern &func) const;

  TypeRegistry &types() { return types_; }
  const RuntimeOptions &options() const { return options_; }

private:
  std::optional<Error> finishModule(Module &m);

  RuntimeOptions options_;
  HostCapabilities caps_;
  TypeRegistry types_;
  std::mutex failedMutex_;
  std::vector<std::shared_ptr<Instance>> failedInstances_; ///< trapped while initializing
};

/// An instantiated module. Owned through shared_ptr: instances that import
/// from it keep it alive. References to its functions stored in other
/// instances' tables or globals do not: the embedder keeps an instance alive
/// while such references may be used (the spec runner keeps every instance of
/// a script). Instances whose instantiation trapped are kept by the Runtime.
class Instance : public std::enable_shared_from_this<Instance> {
public:
  ~Instance();
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;

  const Module &module() const { return *module_; }
  std::optional<Extern> exportNamed(std::string_view name) const;
  /// Export `name` as an extern of kind Func, Memory, Table or Global, if it is one.
  std::optional<Extern> exportOf(std::string_view name, wasm::ExternKind kind) const;
  uint8_t *vmctx() const { return vmctx_; }
  /// Memory/table/global `i` of the index space (imports first), or null.
  std::shared_ptr<LinearMemory> memory(uint32_t i) const { return i < memories_.size() ? memories_[i] : nullptr; }
  std::shared_ptr<Table> table(uint32_t i) const { return i < tables_.size() ? tables_[i] : nullptr; }
  std::shared_ptr<Global> global(uint32_t i) const { return i < globals_.size() ? globals_[i] : nullptr; }
  /// The function reference of function `f` of the index space (what ref.func yields).
  const codegen::VMFuncRef *funcRef(uint32_t f) const { return f < funcRefs_.size() ? &funcRefs_[f] : nullptr; }

  /// Reads a global's value (kind from its type).
  static Value read(const Global &g);
  static void write(Global &g, const Value &v);

  /// The instance behind a vmctx (builtins).
  static Instance *fromVmctx(void *vmctx) {
    Instance *i;
    std::memcpy(&i, static_cast<uint8_t *>(vmctx) + codegen::VMContextLayout::kRuntime, sizeof(i));
    return i;
  }

private:
  friend class Runtime;
  friend struct InstanceBuilder;
  friend struct Builtins;
  friend struct BuiltinImpl;
  Instance() = default;
  Extern externFor(wasm::ExternKind kind, uint32_t index) const;

  std::shared_ptr<Module> module_;
  uint8_t *vmctx_ = nullptr;
  std::vector<codegen::VMFuncRef> funcRefs_;
  std::vector<bool> funcIsHost_; ///< funcRefs_[i].vmctx is a HostCallContext
  /// Segue: per defined function, what its references' switch thunk calls (Segue.h).
  std::vector<SegueThunkRecord> segueRecords_;
  std::vector<uint32_t> typeIds_;
  std::vector<std::shared_ptr<LinearMemory>> memories_;
  std::vector<std::shared_ptr<Table>> tables_;
  std::vector<std::shared_ptr<Global>> globals_;
  std::vector<std::unique_ptr<HostCallContext>> hostContexts_;
  std::vector<std::shared_ptr<const void>> keepAlive_;
  std::vector<std::vector<uint64_t>> elems_; ///< evaluated element segments (empty once dropped)
  std::vector<bool> dataDropped_;
};

} // namespace wasmaot::runtime
