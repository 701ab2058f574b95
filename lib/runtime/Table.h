// Table: one wasm table, reached by generated code through a VMTable* in vmctx
// (so every instance that imports it sees one object). Elements are machine
// words: a VMFuncRef* for funcref tables, the host's value for externref; 0 is
// null. Growing may move `elements`, which code reloads from the VMTable.
#pragma once

#include "codegen/VMContext.h"
#include "runtime/Error.h"
#include "wasm/Types.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace wasmaot::runtime {

class Table {
public:
  /// `type` uses runtime type ids for concrete element heap types.
  static Result<std::shared_ptr<Table>> create(const wasm::TableType &type, uint64_t init);

  const wasm::TableType &type() const { return type_; }
  codegen::VMTable *vm() { return &vm_; }
  uint64_t size() const { return vm_.size; }
  uint64_t get(uint64_t i) const { return storage_[i]; }
  void set(uint64_t i, uint64_t ref) { storage_[i] = ref; }
  uint64_t *data() { return storage_.data(); }
  uint64_t maxSize() const;

  /// table.grow: the old size, or -1.
  int64_t grow(uint64_t delta, uint64_t init);

private:
  wasm::TableType type_;
  std::vector<uint64_t> storage_;
  codegen::VMTable vm_{nullptr, 0};
};

/// One global's storage: 16 bytes, the value in the low bytes (docs/abi.md).
/// Imported globals share the exporter's Global.
struct Global {
  wasm::GlobalType type; ///< runtime type ids for concrete heap types
  alignas(16) uint8_t bytes[16] = {};
};

} // namespace wasmaot::runtime
