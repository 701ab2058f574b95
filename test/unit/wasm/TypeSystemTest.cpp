// TypeSystemTest: iso-recursive equivalence of rec groups, subtyping over
// abstract and concrete heap types, and invalid subtype declarations.
#include "wasm/TypeSystem.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::wasm;

namespace {

HeapType abs(AbsHeap h) { return HeapType::abstract(h); }
HeapType idx(uint32_t i) { return HeapType::index(i); }
ValType ref(HeapType h, bool nullable = true) { return ValType::ref(h, nullable); }

SubType structOf(std::vector<FieldType> fields, bool final = true,
                 std::optional<uint32_t> super = std::nullopt) {
  SubType t;
  t.final = final;
  t.super = super;
  t.comp.kind = CompKind::Struct;
  t.comp.fields = std::move(fields);
  return t;
}

SubType funcOf(std::vector<ValType> params, std::vector<ValType> results, bool final = true,
               std::optional<uint32_t> super = std::nullopt) {
  SubType t;
  t.final = final;
  t.super = super;
  t.comp.kind = CompKind::Func;
  t.comp.func.params = std::move(params);
  t.comp.func.results = std::move(results);
  return t;
}

FieldType field(ValType t, bool mut = false) { return FieldType{StorageType{t, Packed::None}, mut}; }

/// Appends a rec group of `types` to `m`.
void addGroup(Module &m, std::vector<SubType> types) {
  const uint32_t start = uint32_t(m.types.size());
  const uint32_t size = uint32_t(types.size());
  for (SubType &t : types) {
    t.recGroupStart = start;
    t.recGroupSize = size;
    t.canonical = uint32_t(m.types.size());
    m.types.push_back(std::move(t));
  }
}

bool canon(Module &m, Diagnostic &d) { return canonicalizeTypes(m, {}, d); }

} // namespace

TEST(TypeSystemTest, AbstractHeapSubtyping) {
  Module m;
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::None), abs(AbsHeap::I31)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::None), abs(AbsHeap::Any)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::I31), abs(AbsHeap::Eq)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::Struct), abs(AbsHeap::Any)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::Array), abs(AbsHeap::Eq)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::NoFunc), abs(AbsHeap::Func)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::NoExtern), abs(AbsHeap::Extern)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::NoExn), abs(AbsHeap::Exn)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::Eq), abs(AbsHeap::Struct)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::Func), abs(AbsHeap::Any)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::Extern), abs(AbsHeap::Any)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::None), abs(AbsHeap::Func)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::NoFunc), abs(AbsHeap::Extern)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::I31), abs(AbsHeap::Struct)));
  EXPECT_TRUE(isHeapSubtype(m, HeapType::bottom(), abs(AbsHeap::NoExn)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::None), HeapType::bottom()));
}

TEST(TypeSystemTest, ValueSubtyping) {
  Module m;
  EXPECT_TRUE(isSubtype(m, ValType::i32(), ValType::i32()));
  EXPECT_FALSE(isSubtype(m, ValType::i32(), ValType::i64()));
  EXPECT_TRUE(isSubtype(m, ValType::bot(), ValType::f64()));
  EXPECT_TRUE(isSubtype(m, ValType::bot(), ref(abs(AbsHeap::Any), false)));
  EXPECT_FALSE(isSubtype(m, ValType::i32(), ValType::bot()));
  EXPECT_TRUE(isSubtype(m, ref(abs(AbsHeap::Func), false), ValType::funcref()));
  EXPECT_FALSE(isSubtype(m, ValType::funcref(), ref(abs(AbsHeap::Func), false)));
  EXPECT_FALSE(isSubtype(m, ValType::funcref(), ValType::externref()));
  EXPECT_TRUE(isSubtype(m, ref(HeapType::bottom(), false), ref(abs(AbsHeap::Eq), false)));
}

TEST(TypeSystemTest, ConcreteTypesAgainstAbstract) {
  Module m;
  addGroup(m, {structOf({})});
  addGroup(m, {funcOf({}, {})});
  SubType arr;
  arr.comp.kind = CompKind::Array;
  arr.comp.fields = {field(ValType::i32(), true)};
  addGroup(m, {arr});
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_TRUE(isHeapSubtype(m, idx(0), abs(AbsHeap::Struct)));
  EXPECT_TRUE(isHeapSubtype(m, idx(0), abs(AbsHeap::Eq)));
  EXPECT_TRUE(isHeapSubtype(m, idx(0), abs(AbsHeap::Any)));
  EXPECT_FALSE(isHeapSubtype(m, idx(0), abs(AbsHeap::Array)));
  EXPECT_FALSE(isHeapSubtype(m, idx(0), abs(AbsHeap::Func)));
  EXPECT_TRUE(isHeapSubtype(m, idx(1), abs(AbsHeap::Func)));
  EXPECT_FALSE(isHeapSubtype(m, idx(1), abs(AbsHeap::Any)));
  EXPECT_TRUE(isHeapSubtype(m, idx(2), abs(AbsHeap::Array)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::None), idx(0)));
  EXPECT_TRUE(isHeapSubtype(m, abs(AbsHeap::NoFunc), idx(1)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::None), idx(1)));
  EXPECT_FALSE(isHeapSubtype(m, abs(AbsHeap::Struct), idx(0)));
  EXPECT_EQ(topHeapType(m, idx(1)), abs(AbsHeap::Func));
  EXPECT_EQ(topHeapType(m, idx(2)), abs(AbsHeap::Any));
  EXPECT_EQ(topHeapType(m, abs(AbsHeap::NoExtern)), abs(AbsHeap::Extern));
  EXPECT_EQ(topHeapType(m, abs(AbsHeap::NoExn)), abs(AbsHeap::Exn));
  EXPECT_EQ(bottomHeapType(m, idx(0)), abs(AbsHeap::None));
  // Out-of-range indices are never subtypes (no crash).
  EXPECT_FALSE(isHeapSubtype(m, idx(99), abs(AbsHeap::Any)));
  EXPECT_FALSE(typesEquivalent(m, 0, 99));
}

TEST(TypeSystemTest, StructurallyIdenticalGroupsAreEquivalent) {
  Module m;
  addGroup(m, {funcOf({ValType::i32()}, {})});
  addGroup(m, {funcOf({ValType::i32()}, {})});
  addGroup(m, {funcOf({ValType::i64()}, {})});
  // Two identical recursive groups: struct with a field referring to itself.
  addGroup(m, {structOf({field(ref(idx(3)))})});
  addGroup(m, {structOf({field(ref(idx(4)))})});
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_TRUE(typesEquivalent(m, 0, 1));
  EXPECT_FALSE(typesEquivalent(m, 0, 2));
  EXPECT_TRUE(typesEquivalent(m, 3, 4));
  EXPECT_TRUE(isHeapSubtype(m, idx(4), idx(3)));
}

TEST(TypeSystemTest, RecGroupPositionsMatter) {
  Module m;
  // rec { A: struct (ref B) ; B: struct } vs rec { B': struct ; A': struct (ref B') }
  addGroup(m, {structOf({field(ref(idx(1)))}), structOf({})});
  addGroup(m, {structOf({}), structOf({field(ref(idx(2)))})});
  // Same as the first group.
  addGroup(m, {structOf({field(ref(idx(5)))}), structOf({})});
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_FALSE(typesEquivalent(m, 0, 3));
  EXPECT_FALSE(typesEquivalent(m, 1, 2));
  EXPECT_TRUE(typesEquivalent(m, 0, 4));
  EXPECT_TRUE(typesEquivalent(m, 1, 5));
  // A type alone is not equivalent to the same type inside a larger group.
  Module m2;
  addGroup(m2, {structOf({})});
  addGroup(m2, {structOf({}), structOf({})});
  ASSERT_TRUE(canon(m2, d));
  EXPECT_FALSE(typesEquivalent(m2, 0, 1));
}

TEST(TypeSystemTest, ExternalReferencesComparedByCanonicalId) {
  Module m;
  addGroup(m, {structOf({})});
  addGroup(m, {structOf({})}); // equivalent to type 0
  addGroup(m, {structOf({field(ref(idx(0)))})});
  addGroup(m, {structOf({field(ref(idx(1)))})});
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_TRUE(typesEquivalent(m, 2, 3));
}

TEST(TypeSystemTest, FinalityAndSupertypesAffectEquivalence) {
  Module m;
  addGroup(m, {structOf({}, /*final=*/false)});
  addGroup(m, {structOf({}, /*final=*/true)});
  addGroup(m, {structOf({}, false, 0)});
  addGroup(m, {structOf({}, false)});
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_FALSE(typesEquivalent(m, 0, 1));
  EXPECT_FALSE(typesEquivalent(m, 2, 3));
  EXPECT_TRUE(typesEquivalent(m, 0, 3));
}

TEST(TypeSystemTest, DeclaredSubtyping) {
  Module m;
  addGroup(m, {structOf({field(ValType::i32())}, false)});
  addGroup(m, {structOf({field(ValType::i32()), field(ValType::i64())}, false, 0)});
  addGroup(m, {structOf({field(ValType::i32()), field(ValType::i64())}, true, 1)});
  addGroup(m, {structOf({field(ValType::i32())}, false)}); // equivalent to 0
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_TRUE(isHeapSubtype(m, idx(2), idx(0)));
  EXPECT_TRUE(isHeapSubtype(m, idx(2), idx(3))); // through equivalence
  EXPECT_FALSE(isHeapSubtype(m, idx(0), idx(1)));
  EXPECT_TRUE(isSubtype(m, ref(idx(1), false), ref(idx(0), true)));
  EXPECT_FALSE(isSubtype(m, ref(idx(1), true), ref(idx(0), false)));
}

TEST(TypeSystemTest, FunctionSubtypingVariance) {
  Module m;
  addGroup(m, {structOf({}, false)});
  addGroup(m, {structOf({}, false, 0)});
  // f0: [ref 1] -> [ref 0]; f1 <: f0 with [ref 0] -> [ref 1] (contra/co-variant).
  addGroup(m, {funcOf({ref(idx(1))}, {ref(idx(0))}, false)});
  addGroup(m, {funcOf({ref(idx(0))}, {ref(idx(1))}, false, 2)});
  Diagnostic d;
  ASSERT_TRUE(canon(m, d)) << d.message;
  EXPECT_TRUE(isHeapSubtype(m, idx(3), idx(2)));

  Module bad;
  addGroup(bad, {structOf({}, false)});
  addGroup(bad, {structOf({}, false, 0)});
  addGroup(bad, {funcOf({ref(idx(0))}, {}, false)});
  addGroup(bad, {funcOf({ref(idx(1))}, {}, false, 2)}); // params covariant: invalid
  EXPECT_FALSE(canon(bad, d));
  EXPECT_EQ(d.message, "sub type 3 does not match super type 2");
}

TEST(TypeSystemTest, MutableFieldsAreInvariant) {
  Module m;
  addGroup(m, {structOf({}, false)});
  addGroup(m, {structOf({}, false, 0)});
  addGroup(m, {structOf({field(ref(idx(0)), true)}, false)});
  addGroup(m, {structOf({field(ref(idx(1)), true)}, false, 2)});
  Diagnostic d;
  EXPECT_FALSE(canon(m, d));
  EXPECT_EQ(d.message, "sub type 3 does not match super type 2");

  Module ok;
  addGroup(ok, {structOf({}, false)});
  addGroup(ok, {structOf({}, false, 0)});
  addGroup(ok, {structOf({field(ref(idx(0)), false)}, false)});
  addGroup(ok, {structOf({field(ref(idx(1)), false)}, false, 2)});
  EXPECT_TRUE(canon(ok, d)) << d.message;

  Module mutDiffers;
  addGroup(mutDiffers, {structOf({field(ValType::i32(), true)}, false)});
  addGroup(mutDiffers, {structOf({field(ValType::i32(), false)}, false, 0)});
  EXPECT_FALSE(canon(mutDiffers, d));
}

TEST(TypeSystemTest, PackedFields) {
  Module m;
  SubType a;
  a.final = false;
  a.comp.kind = CompKind::Array;
  a.comp.fields = {FieldType{StorageType{ValType::i32(), Packed::I8}, false}};
  addGroup(m, {a});
  SubType b = a;
  b.super = 0;
  b.comp.fields[0].storage.packed = Packed::I16;
  addGroup(m, {b});
  Diagnostic d;
  EXPECT_FALSE(canon(m, d));
  EXPECT_EQ(d.message, "sub type 1 does not match super type 0");
}

TEST(TypeSystemTest, InvalidDeclarations) {
  Diagnostic d;
  Module finalSuper;
  addGroup(finalSuper, {structOf({}, true)});
  addGroup(finalSuper, {structOf({}, false, 0)});
  EXPECT_FALSE(canon(finalSuper, d));
  EXPECT_EQ(d.message, "sub type 1 has final super type 0");

  Module kinds;
  addGroup(kinds, {structOf({}, false)});
  addGroup(kinds, {funcOf({}, {}, false, 0)});
  EXPECT_FALSE(canon(kinds, d));
  EXPECT_EQ(d.message, "sub type 1 does not match super type 0");

  Module forward;
  addGroup(forward, {structOf({}, false, 1), structOf({}, false)});
  EXPECT_FALSE(canon(forward, d));
  EXPECT_EQ(d.message, "forward use of type 1 in sub type definition");

  Module unknown;
  addGroup(unknown, {structOf({field(ref(idx(5)))})});
  EXPECT_FALSE(canon(unknown, d));
  EXPECT_EQ(d.message, "unknown type 5");
  EXPECT_EQ(d.kind, DiagKind::Invalid);
}

TEST(TypeSystemTest, SubtypingDepthLimit) {
  Module m;
  addGroup(m, {structOf({}, false)});
  for (uint32_t i = 1; i <= kMaxSubtypingDepth; ++i) addGroup(m, {structOf({}, false, i - 1)});
  Diagnostic d;
  EXPECT_TRUE(canon(m, d)) << d.message;
  addGroup(m, {structOf({}, false, kMaxSubtypingDepth)});
  EXPECT_FALSE(canon(m, d));
  EXPECT_EQ(d.kind, DiagKind::Limit);
}
