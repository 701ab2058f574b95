// Builtins: the runtime helpers generated code calls through vmctx->builtins
// (codegen::Builtin): memory.grow/fill/copy/init, data.drop, table.grow/fill/
// copy/init, elem.drop. Helpers that may trap return 0 or 1 + ir::TrapCode.
//
// SUBTLE (sandboxing): these are the only places outside generated code that
// touch linear memory and tables on wasm's behalf, so every access is checked
// against the current size with overflow-safe arithmetic before any byte
// moves (bulk operations trap without writing anything when out of bounds, as
// Wasm 2.0+ requires), and 32-bit memories and tables ignore the upper half
// of their index arguments.
#pragma once

#include <cstdint>

namespace wasmaot::runtime {

class Instance;

/// The table vmctx->builtins points at, indexed by codegen::Builtin.
void *const *builtinTable();

/// The bodies of table.init and memory.init, also used for active segments.
struct Builtins {
  static uint32_t tableInit(Instance &inst, uint32_t table, uint32_t seg, uint64_t dst, uint64_t src, uint64_t len);
  static uint32_t memoryInit(Instance &inst, uint32_t mem, uint32_t seg, uint64_t dst, uint64_t src, uint64_t len);
};

inline uint32_t tableInit(Instance &i, uint32_t table, uint32_t seg, uint64_t dst, uint64_t src, uint64_t len) {
  return Builtins::tableInit(i, table, seg, dst, src, len);
}
inline uint32_t memoryInit(Instance &i, uint32_t mem, uint32_t seg, uint64_t dst, uint64_t src, uint64_t len) {
  return Builtins::memoryInit(i, mem, seg, dst, src, len);
}

} // namespace wasmaot::runtime
