// TypeSystem: iso-recursive canonicalization of rec groups, validation of
// declared subtypes, and value/heap/composite subtyping (Wasm 3.0 GC).
#include "wasm/TypeSystem.h"

#include <map>
#include <string>

namespace wasmaot::wasm {

namespace {

bool validIndex(const Module &m, uint32_t x) { return x < m.types.size(); }

/// The hierarchy an abstract heap type belongs to, named by its top.
AbsHeap absTop(AbsHeap h) {
  switch (h) {
  case AbsHeap::Func:
  case AbsHeap::NoFunc: return AbsHeap::Func;
  case AbsHeap::Extern:
  case AbsHeap::NoExtern: return AbsHeap::Extern;
  case AbsHeap::Exn:
  case AbsHeap::NoExn: return AbsHeap::Exn;
  case AbsHeap::Any:
  case AbsHeap::Eq:
  case AbsHeap::I31:
  case AbsHeap::Struct:
  case AbsHeap::Array:
  case AbsHeap::None: return AbsHeap::Any;
  }
  return AbsHeap::Any;
}

bool isAbstractSubtype(AbsHeap a, AbsHeap b) {
  if (a == b) return true;
  switch (b) {
  case AbsHeap::Any:
    return absTop(a) == AbsHeap::Any;
  case AbsHeap::Eq:
    return a == AbsHeap::I31 || a == AbsHeap::Struct || a == AbsHeap::Array || a == AbsHeap::None;
  case AbsHeap::I31:
  case AbsHeap::Struct:
  case AbsHeap::Array:
    return a == AbsHeap::None;
  case AbsHeap::Func: return a == AbsHeap::NoFunc;
  case AbsHeap::Extern: return a == AbsHeap::NoExtern;
  case AbsHeap::Exn: return a == AbsHeap::NoExn;
  case AbsHeap::None:
  case AbsHeap::NoFunc:
  case AbsHeap::NoExtern:
  case AbsHeap::NoExn: return false;
  }
  return false;
}

/// The abstract heap type a concrete type index's composite kind sits under.
AbsHeap kindHeap(CompKind k) {
  switch (k) {
  case CompKind::Func: return AbsHeap::Func;
  case CompKind::Struct: return AbsHeap::Struct;
  case CompKind::Array: return AbsHeap::Array;
  }
  return AbsHeap::Any;
}

// ---- canonicalization -------------------------------------------------------

/// Serializes a rec group into a key: internal references by position,
/// external ones by canonical id.
class GroupKey {
public:
  GroupKey(const Module &m, uint32_t start, uint32_t size) : m_(m), start_(start), size_(size) {}

  std::vector<uint64_t> build() {
    key_.push_back(size_);
    for (uint32_t i = 0; i < size_; ++i) subType(m_.types[start_ + i]);
    return std::move(key_);
  }

private:
  void typeRef(uint32_t x) {
    if (x >= start_ && x < start_ + size_) key_.push_back((uint64_t(1) << 40) | (x - start_));
    else key_.push_back((uint64_t(2) << 40) | m_.types[x].canonical);
  }
  void heap(HeapType h) {
    if (h.isIndex()) typeRef(h.typeIndex());
    else key_.push_back((uint64_t(3) << 40) | h.raw());
  }
  void val(const ValType &t) {
    key_.push_back(uint64_t(t.kind) | (uint64_t(t.nullable) << 8));
    if (t.kind == ValType::Ref) heap(t.heap);
  }
  void field(const FieldType &f) {
    key_.push_back(uint64_t(f.storage.packed) | (uint64_t(f.mut) << 8));
    if (f.storage.packed == Packed::None) val(f.storage.type);
  }
  void subType(const SubType &t) {
    key_.push_back(uint64_t(t.final) | (uint64_t(t.super.has_value()) << 1) |
                   (uint64_t(t.comp.kind) << 2));
    if (t.super) typeRef(*t.super);
    switch (t.comp.kind) {
    case CompKind::Func:
      key_.push_back(t.comp.func.params.size());
      for (const ValType &p : t.comp.func.params) val(p);
      key_.push_back(t.comp.func.results.size());
      for (const ValType &r : t.comp.func.results) val(r);
      break;
    case CompKind::Struct:
    case CompKind::Array:
      key_.push_back(t.comp.fields.size());
      for (const FieldType &f : t.comp.fields) field(f);
      break;
    }
  }

  const Module &m_;
  uint32_t start_, size_;
  std::vector<uint64_t> key_;
};

bool fail(Diagnostic &diag, uint64_t offset, std::string message, DiagKind kind = DiagKind::Invalid) {
  diag.kind = kind;
  diag.offset = offset;
  diag.funcIndex.reset();
  diag.message = std::move(message);
  return false;
}

/// Checks that every type index used by types [start, end) is below `end`.
bool checkRefs(const Module &m, uint32_t start, uint32_t end, uint64_t at, Diagnostic &diag) {
  auto ok = [&](const ValType &t) {
    return t.kind != ValType::Ref || !t.heap.isIndex() || t.heap.typeIndex() < end;
  };
  auto bad = [&](const ValType &t) {
    return fail(diag, at, "unknown type " + std::to_string(t.heap.typeIndex()));
  };
  for (uint32_t x = start; x < end; ++x) {
    const SubType &t = m.types[x];
    if (t.super && *t.super >= end)
      return fail(diag, at, "unknown type " + std::to_string(*t.super));
    for (const ValType &p : t.comp.func.params)
      if (!ok(p)) return bad(p);
    for (const ValType &r : t.comp.func.results)
      if (!ok(r)) return bad(r);
    for (const FieldType &f : t.comp.fields)
      if (f.storage.packed == Packed::None && !ok(f.storage.type)) return bad(f.storage.type);
  }
  return true;
}

bool isCompSubtype(const Module &m, const CompositeType &a, const CompositeType &b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
  case CompKind::Func: return isFuncSubtype(m, a.func, b.func);
  case CompKind::Array: return isFieldSubtype(m, a.fields[0], b.fields[0]);
  case CompKind::Struct:
    if (a.fields.size() < b.fields.size()) return false;
    for (size_t i = 0; i < b.fields.size(); ++i)
      if (!isFieldSubtype(m, a.fields[i], b.fields[i])) return false;
    return true;
  }
  return false;
}

/// Validates the declared supertype of type `x` (already canonicalized).
bool checkSubtypeDecl(const Module &m, uint32_t x, uint64_t at, std::vector<uint32_t> &depth,
                      Diagnostic &diag) {
  const SubType &t = m.types[x];
  depth[x] = 0;
  if (!t.super) return true;
  const uint32_t y = *t.super;
  if (y >= x)
    return fail(diag, at, "forward use of type " + std::to_string(y) + " in sub type definition");
  const SubType &s = m.types[y];
  if (s.final)
    return fail(diag, at,
                "sub type " + std::to_string(x) + " has final super type " + std::to_string(y));
  if (!isCompSubtype(m, t.comp, s.comp))
    return fail(diag, at,
                "sub type " + std::to_string(x) + " does not match super type " + std::to_string(y));
  depth[x] = depth[y] + 1;
  if (depth[x] > kMaxSubtypingDepth)
    return fail(diag, at,
                "subtyping depth of type " + std::to_string(x) + " exceeds " +
                    std::to_string(kMaxSubtypingDepth),
                DiagKind::Limit);
  return true;
}

} // namespace

bool canonicalizeTypes(Module &m, std::span<const uint64_t> groupOffsets, Diagnostic &diag) {
  std::map<std::vector<uint64_t>, uint32_t> groups; // key -> first group start
  std::vector<uint32_t> depth(m.types.size(), 0);
  uint32_t g = 0;
  for (uint32_t start = 0; start < m.types.size(); ++g) {
    const uint32_t size = m.types[start].recGroupSize;
    const uint64_t at = g < groupOffsets.size() ? groupOffsets[g] : 0;
    if (size == 0) break; // empty rec groups hold no types
    const uint32_t end = start + size;
    if (end > m.types.size()) return fail(diag, at, "malformed rec group", DiagKind::Malformed);
    if (!checkRefs(m, start, end, at, diag)) return false;
    auto [it, inserted] = groups.emplace(GroupKey(m, start, size).build(), start);
    for (uint32_t i = 0; i < size; ++i) m.types[start + i].canonical = it->second + i;
    for (uint32_t x = start; x < end; ++x)
      if (!checkSubtypeDecl(m, x, at, depth, diag)) return false;
    start = end;
  }
  return true;
}

bool isTypeIndexSubtype(const Module &m, uint32_t sub, uint32_t super) {
  if (!validIndex(m, sub) || !validIndex(m, super)) return false;
  const uint32_t target = m.types[super].canonical;
  uint32_t t = sub;
  // Declared supertypes have lower indices, so the walk ends; the bound guards
  // against types that were never validated.
  for (size_t steps = 0; steps <= m.types.size(); ++steps) {
    if (m.types[t].canonical == target) return true;
    const auto &s = m.types[t].super;
    if (!s || !validIndex(m, *s) || *s >= t) return false;
    t = *s;
  }
  return false;
}

bool typesEquivalent(const Module &m, uint32_t a, uint32_t b) {
  return validIndex(m, a) && validIndex(m, b) && m.types[a].canonical == m.types[b].canonical;
}

HeapType topHeapType(const Module &m, HeapType h) {
  if (h.isBottom()) return HeapType::abstract(AbsHeap::Any);
  if (h.isAbstract()) return HeapType::abstract(absTop(h.abs()));
  if (!validIndex(m, h.typeIndex())) return HeapType::abstract(AbsHeap::Any);
  return HeapType::abstract(m.types[h.typeIndex()].comp.kind == CompKind::Func ? AbsHeap::Func
                                                                               : AbsHeap::Any);
}

HeapType bottomHeapType(const Module &m, HeapType h) {
  if (h.isBottom()) return h;
  switch (topHeapType(m, h).abs()) {
  case AbsHeap::Func: return HeapType::abstract(AbsHeap::NoFunc);
  case AbsHeap::Extern: return HeapType::abstract(AbsHeap::NoExtern);
  case AbsHeap::Exn: return HeapType::abstract(AbsHeap::NoExn);
  default: return HeapType::abstract(AbsHeap::None);
  }
}

bool isHeapSubtype(const Module &m, HeapType a, HeapType b) {
  if (a.isBottom()) return true;
  if (b.isBottom()) return false;
  if (a.isIndex() && b.isIndex()) return isTypeIndexSubtype(m, a.typeIndex(), b.typeIndex());
  if (a.isIndex()) {
    if (!validIndex(m, a.typeIndex())) return false;
    return isAbstractSubtype(kindHeap(m.types[a.typeIndex()].comp.kind), b.abs());
  }
  if (b.isIndex()) {
    if (!validIndex(m, b.typeIndex())) return false;
    const AbsHeap bottom =
        m.types[b.typeIndex()].comp.kind == CompKind::Func ? AbsHeap::NoFunc : AbsHeap::None;
    return a.abs() == bottom;
  }
  return isAbstractSubtype(a.abs(), b.abs());
}

bool isSubtype(const Module &m, ValType a, ValType b) {
  if (a.kind == ValType::Bot) return true;
  if (a.kind != b.kind) return false;
  if (a.kind != ValType::Ref) return true;
  if (a.nullable && !b.nullable) return false;
  return isHeapSubtype(m, a.heap, b.heap);
}

bool isStorageSubtype(const Module &m, const StorageType &a, const StorageType &b) {
  if (a.packed != b.packed) return false;
  if (a.packed != Packed::None) return true;
  return isSubtype(m, a.type, b.type);
}

bool isFieldSubtype(const Module &m, const FieldType &a, const FieldType &b) {
  if (a.mut != b.mut) return false;
  if (!isStorageSubtype(m, a.storage, b.storage)) return false;
  return !a.mut || isStorageSubtype(m, b.storage, a.storage);
}

bool isFuncSubtype(const Module &m, const FuncType &a, const FuncType &b) {
  if (a.params.size() != b.params.size() || a.results.size() != b.results.size()) return false;
  for (size_t i = 0; i < a.params.size(); ++i)
    if (!isSubtype(m, b.params[i], a.params[i])) return false;
  for (size_t i = 0; i < a.results.size(); ++i)
    if (!isSubtype(m, a.results[i], b.results[i])) return false;
  return true;
}

} // namespace wasmaot::wasm
