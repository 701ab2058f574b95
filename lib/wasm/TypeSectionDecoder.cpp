// TypeSectionDecoder: the type section (section 1): rec groups, sub/sub final
// declarations and func/struct/array composite types; each rec group is
// canonicalized and its subtype declarations validated as it is read.
#include "wasm/ModuleDecoderState.h"
#include "wasm/TypeSystem.h"

#include <string>

namespace wasmaot::wasm::detail {

namespace {

bool readResultType(Reader &r, const Features &f, std::vector<ValType> &out, uint32_t limit,
                    const char *what) {
  const uint64_t at = r.offset();
  const uint32_t n = r.count(1);
  if (!r.ok()) return false;
  if (n > limit)
    return r.fail(at, std::string("too many ") + what + " (limit " + std::to_string(limit) + ")",
                  DiagKind::Limit);
  out.resize(n);
  for (ValType &t : out)
    if (!readValType(r, f, t)) return false;
  return true;
}

bool readFieldType(Reader &r, const Features &f, FieldType &out) {
  return readStorageType(r, f, out.storage) && readMutability(r, out.mut);
}

bool readCompositeType(Reader &r, const Features &f, CompositeType &out) {
  const uint64_t at = r.offset();
  const uint8_t form = r.u8();
  if (!r.ok()) return false;
  // The form is a one-byte signed LEB128 (s7): a continuation bit makes it too long.
  if (form & 0x80) return r.fail(r.offset(), "integer representation too long");
  if (form == 0x60) {
    out.kind = CompKind::Func;
    return readResultType(r, f, out.func.params, kMaxFunctionParams, "parameters") &&
           readResultType(r, f, out.func.results, kMaxFunctionResults, "results");
  }
  if (f.gc && form == 0x5F) {
    out.kind = CompKind::Struct;
    const uint64_t cat = r.offset();
    const uint32_t n = r.count(1);
    if (!r.ok()) return false;
    if (n > kMaxStructFields)
      return r.fail(cat, "too many struct fields (limit " + std::to_string(kMaxStructFields) + ")",
                    DiagKind::Limit);
    out.fields.resize(n);
    for (FieldType &ft : out.fields)
      if (!readFieldType(r, f, ft)) return false;
    return true;
  }
  if (f.gc && form == 0x5E) {
    out.kind = CompKind::Array;
    out.fields.resize(1);
    return readFieldType(r, f, out.fields[0]);
  }
  return r.fail(at, f.gc ? "malformed definition type" : "malformed function type");
}

bool readSubType(Reader &r, DecodeState &st, SubType &out) {
  const Features &f = st.features;
  const uint8_t b = r.peek();
  out.final = true;
  out.super.reset();
  if (f.gc && (b == 0x50 || b == 0x4F)) {
    r.u8();
    out.final = b == 0x4F;
    const uint64_t at = r.offset();
    const uint32_t n = r.count(1);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
      const uint32_t x = r.u32();
      if (i == 0) out.super = x;
    }
    if (!r.ok()) return false;
    if (n > 1) st.deferInvalid(at, "multiple supertypes");
  }
  return readCompositeType(r, f, out.comp);
}

} // namespace

bool decodeTypeSection(Reader &r, DecodeState &st) {
  Module &m = st.m;
  const uint32_t groups = r.count(1);
  if (!r.ok()) return false;
  std::vector<uint64_t> groupOffsets;
  for (uint32_t g = 0; g < groups; ++g) {
    const uint64_t groupAt = r.offset();
    uint32_t size = 1;
    if (st.features.gc && r.peek() == 0x4E) {
      r.u8();
      size = r.count(1);
      if (!r.ok()) return false;
    }
    if (uint64_t(m.types.size()) + size > kMaxTypes)
      return r.fail(groupAt, "too many types (limit " + std::to_string(kMaxTypes) + ")",
                    DiagKind::Limit);
    const uint32_t start = uint32_t(m.types.size());
    for (uint32_t i = 0; i < size; ++i) {
      SubType t;
      if (!readSubType(r, st, t)) return false;
      t.recGroupStart = start;
      t.recGroupSize = size;
      t.canonical = start + i;
      m.types.push_back(std::move(t));
    }
    if (size) groupOffsets.push_back(groupAt);
  }
  Diagnostic d;
  if (!canonicalizeTypes(m, groupOffsets, d)) st.deferInvalid(d.offset, d.message, d.kind);
  return true;
}

} // namespace wasmaot::wasm::detail
