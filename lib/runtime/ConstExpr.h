// ConstExpr: evaluates the constant expressions of global initializers, table
// initializers and segment offsets/elements at instantiation (Wasm 3.0: the
// numeric consts, extended-const add/sub/mul, ref.null, ref.func, global.get,
// v128.const, and the extern/any conversions). GC allocations in constants
// are reported as unsupported.
#pragma once

#include "runtime/Error.h"
#include "runtime/Table.h"
#include "runtime/Value.h"
#include "wasm/Module.h"

#include <functional>
#include <memory>
#include <vector>

namespace wasmaot::runtime {

struct ConstEnv {
  const wasm::Module *module = nullptr;
  /// Globals the expression may read (index space order).
  const std::vector<std::shared_ptr<Global>> *globals = nullptr;
  /// The address `ref.func x` yields (the instance's funcRefs[x]).
  std::function<uint64_t(uint32_t)> funcRef;
};

/// The value of `expr` (low 64 bits in lo, v128 high bits in hi).
Result<Value> evalConstExpr(const ConstEnv &env, wasm::ConstExpr expr);

/// Why the runtime cannot instantiate `m` yet (exception tags, GC allocation in
/// a constant expression), or nullopt. Checked when a module is loaded, so the
/// embedder learns it before instantiating.
std::optional<std::string> unsupportedByRuntime(const wasm::Module &m);

} // namespace wasmaot::runtime
