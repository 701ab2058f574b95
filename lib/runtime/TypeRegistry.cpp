// TypeRegistry: interning of rec groups by structural key (see TypeRegistry.h).
#include "runtime/TypeRegistry.h"

#include "wasm/TypeSystem.h"

namespace wasmaot::runtime {

namespace {

using namespace wasm;

/// Serializes rec group [start, start+size) of `m`: internal references by
/// position, external ones by runtime id (already assigned: groups refer
/// only to earlier groups).
class KeyBuilder {
public:
  KeyBuilder(const Module &m, uint32_t start, uint32_t size, const std::vector<uint32_t> &ids)
      : m_(m), start_(start), size_(size), ids_(ids) {}

  std::vector<uint64_t> build() {
    key_.push_back(size_);
    for (uint32_t i = 0; i < size_; ++i) subType(m_.types[start_ + i]);
    return std::move(key_);
  }

private:
  void typeRef(uint32_t x) {
    if (x >= start_ && x < start_ + size_) key_.push_back((uint64_t(1) << 40) | (x - start_));
    else key_.push_back((uint64_t(2) << 40) | ids_[x]);
  }
  void heap(HeapType h) {
    if (h.isIndex()) typeRef(h.typeIndex());
    else key_.push_back((uint64_t(3) << 40) | h.raw());
  }
  void val(const ValType &t) {
    key_.push_back(uint64_t(t.kind) | (uint64_t(t.nullable) << 8));
    if (t.kind == ValType::Ref) heap(t.heap);
  }
  void subType(const SubType &t) {
    key_.push_back(uint64_t(t.final) | (uint64_t(t.super.has_value()) << 1) | (uint64_t(t.comp.kind) << 2));
    if (t.super) typeRef(*t.super);
    if (t.comp.kind == CompKind::Func) {
      key_.push_back(t.comp.func.params.size());
      for (const ValType &p : t.comp.func.params) val(p);
      key_.push_back(t.comp.func.results.size());
      for (const ValType &r : t.comp.func.results) val(r);
      return;
    }
    key_.push_back(t.comp.fields.size());
    for (const FieldType &f : t.comp.fields) {
      key_.push_back(uint64_t(f.storage.packed) | (uint64_t(f.mut) << 8));
      if (f.storage.packed == Packed::None) val(f.storage.type);
    }
  }

  const Module &m_;
  uint32_t start_, size_;
  const std::vector<uint32_t> &ids_;
  std::vector<uint64_t> key_;
};

const Module &emptyModule() {
  static const Module m;
  return m;
}

} // namespace

ValType TypeRegistry::toRuntime(const ValType &t, const std::vector<uint32_t> &ids) {
  if (t.kind != ValType::Ref || !t.heap.isIndex()) return t;
  return ValType::ref(HeapType::index(ids[t.heap.typeIndex()]), t.nullable);
}

std::vector<uint32_t> TypeRegistry::canonicalize(const Module &m) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<uint32_t> ids(m.types.size(), 0);
  for (uint32_t start = 0; start < m.types.size();) {
    const uint32_t size = std::max<uint32_t>(1, m.types[start].recGroupSize);
    // Ids of the group's own types are needed only for the key's external
    // references, which never point into the group; fill them afterwards.
    auto [it, inserted] = groups_.emplace(KeyBuilder(m, start, size, ids).build(), uint32_t(entries_.size()));
    for (uint32_t i = 0; i < size; ++i) ids[start + i] = it->second + i;
    if (inserted) {
      for (uint32_t i = 0; i < size; ++i) {
        const SubType &t = m.types[start + i];
        Entry e;
        e.kind = t.comp.kind;
        if (t.super) e.super = ids[*t.super];
        for (const ValType &p : t.comp.func.params) e.func.params.push_back(toRuntime(p, ids));
        for (const ValType &r : t.comp.func.results) e.func.results.push_back(toRuntime(r, ids));
        entries_.push_back(std::move(e));
      }
    }
    start += size;
  }
  return ids;
}

uint32_t TypeRegistry::funcTypeId(const std::vector<ValType> &params, const std::vector<ValType> &results) {
  Module m;
  SubType t;
  t.comp.kind = CompKind::Func;
  t.comp.func.params = params;
  t.comp.func.results = results;
  m.types.push_back(t);
  return canonicalize(m)[0];
}

const FuncType *TypeRegistry::funcType(uint32_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (id == 0 || id >= entries_.size() || entries_[id].kind != CompKind::Func) return nullptr;
  return &entries_[id].func;
}

bool TypeRegistry::isSubtype(uint32_t sub, uint32_t super) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (uint32_t t = sub, steps = 0; t < entries_.size() && steps <= entries_.size(); ++steps) {
    if (t == super) return true;
    if (!entries_[t].super) return false;
    t = *entries_[t].super;
  }
  return false;
}

bool TypeRegistry::heapMatches(HeapType sub, HeapType super) const {
  if (sub == super) return true;
  if (sub.isAbstract() && super.isAbstract()) return isHeapSubtype(emptyModule(), sub, super);
  auto kindOf = [&](uint32_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return id < entries_.size() ? entries_[id].kind : CompKind::Func;
  };
  if (sub.isIndex() && super.isIndex()) return isSubtype(sub.typeIndex(), super.typeIndex());
  if (sub.isIndex()) { // concrete <: abstract
    const CompKind k = kindOf(sub.typeIndex());
    const AbsHeap a = super.abs();
    if (k == CompKind::Func) return a == AbsHeap::Func;
    if (a == AbsHeap::Any || a == AbsHeap::Eq) return true;
    return a == (k == CompKind::Struct ? AbsHeap::Struct : AbsHeap::Array);
  }
  // abstract <: concrete: only the bottom of the concrete type's hierarchy
  const CompKind k = kindOf(super.typeIndex());
  return sub.abs() == (k == CompKind::Func ? AbsHeap::NoFunc : AbsHeap::None);
}

bool TypeRegistry::matches(const ValType &sub, const ValType &super) const {
  if (sub.kind != super.kind) return false;
  if (sub.kind != ValType::Ref) return true;
  if (sub.nullable && !super.nullable) return false;
  return heapMatches(sub.heap, super.heap);
}

} // namespace wasmaot::runtime
