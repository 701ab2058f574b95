// TypeSystem: subtyping and iso-recursive type equivalence over a Module's
// types (Wasm 3.0 GC type system), plus validation of the type section.
#pragma once

#include "wasm/Module.h"
#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <span>

namespace wasmaot::wasm {

/// Value subtyping, including Bot (the validator's unknown type: bottom <: all).
bool isSubtype(const Module &m, ValType sub, ValType super);
/// Heap subtyping over abstract and concrete heap types (bottom <: all).
bool isHeapSubtype(const Module &m, HeapType sub, HeapType super);
/// True when type indices `a` and `b` denote equivalent types (equal canonical ids).
bool typesEquivalent(const Module &m, uint32_t a, uint32_t b);
/// The top of `h`'s hierarchy: any, func, extern or exn.
HeapType topHeapType(const Module &m, HeapType h);
/// The bottom of `h`'s hierarchy: none, nofunc, noextern or noexn.
HeapType bottomHeapType(const Module &m, HeapType h);

/// Field/storage subtyping used by struct/array subtype checks.
bool isStorageSubtype(const Module &m, const StorageType &sub, const StorageType &super);
bool isFieldSubtype(const Module &m, const FieldType &sub, const FieldType &super);
/// Function type subtyping (contravariant params, covariant results).
bool isFuncSubtype(const Module &m, const FuncType &sub, const FuncType &super);

/// Validates the type references and declared subtypes of every rec group of
/// `m.types` (grouped by SubType::recGroupStart/recGroupSize) and assigns
/// SubType::canonical (iso-recursive equivalence). `groupOffsets[g]`, when
/// present, is the byte offset of rec group `g` for diagnostics.
bool canonicalizeTypes(Module &m, std::span<const uint64_t> groupOffsets, Diagnostic &diag);

/// True when type index `sub` is equivalent to, or a declared (transitive)
/// subtype of, type index `super`. False for out-of-range indices.
bool isTypeIndexSubtype(const Module &m, uint32_t sub, uint32_t super);

/// Documented limits (docs/limits.md).
inline constexpr uint32_t kMaxTypes = 1000000;
inline constexpr uint32_t kMaxRecGroupSize = 1000000;
inline constexpr uint32_t kMaxSubtypingDepth = 63;
inline constexpr uint32_t kMaxStructFields = 10000;
inline constexpr uint32_t kMaxFunctionParams = 1000;
inline constexpr uint32_t kMaxFunctionResults = 1000;

} // namespace wasmaot::wasm
