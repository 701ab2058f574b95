// TypeRegistry: runtime-wide canonical type ids (docs/abi.md, "typeIds").
//
// SUBTLE (sandboxing): call_indirect trusts that equal ids mean equal types,
// so two types get the same id exactly when they are equal after iso-recursive
// canonicalization of their rec groups — across every module of a Runtime, not
// just within one (lib/wasm's SubType::canonical is per module). A rec group
// is keyed by its structure with references inside the group by position and
// references outside it by their runtime ids, so equal keys mean equal groups.
#pragma once

#include "wasm/Module.h"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace wasmaot::runtime {

class TypeRegistry {
public:
  /// The runtime id of each of `m`'s types (by type index).
  std::vector<uint32_t> canonicalize(const wasm::Module &m);
  /// The id of `(type (func params -> results))` with numeric/abstract types
  /// only (host functions).
  uint32_t funcTypeId(const std::vector<wasm::ValType> &params, const std::vector<wasm::ValType> &results);

  /// The function type of id `id` with concrete heap types as runtime ids
  /// (stable: entries are never removed or moved).
  const wasm::FuncType *funcType(uint32_t id) const;
  /// Declared (transitive) subtyping of ids (reflexive).
  bool isSubtype(uint32_t sub, uint32_t super) const;
  /// Value-type matching for values expressed with runtime ids as heap indices.
  bool matches(const wasm::ValType &sub, const wasm::ValType &super) const;
  bool heapMatches(wasm::HeapType sub, wasm::HeapType super) const;

  /// `t` of module `m` with concrete heap indices replaced by runtime ids.
  static wasm::ValType toRuntime(const wasm::ValType &t, const std::vector<uint32_t> &ids);

private:
  struct Entry {
    wasm::CompKind kind = wasm::CompKind::Func;
    std::optional<uint32_t> super;
    wasm::FuncType func; ///< runtime-id form (Func only)
  };
  mutable std::mutex mutex_;
  std::map<std::vector<uint64_t>, uint32_t> groups_; ///< key -> id of the group's first type
  std::deque<Entry> entries_ = std::deque<Entry>(1); ///< by id; id 0 is never a type
};

} // namespace wasmaot::runtime
