// SegmentDecoder: the element section (all eight encodings) and the data
// section (three encodings).
#include "wasm/ModuleDecoderState.h"

namespace wasmaot::wasm::detail {

namespace {

bool readElemKind(Reader &r) {
  const uint64_t at = r.offset();
  const uint8_t kind = r.u8();
  if (!r.ok()) return false;
  if (kind != 0) return r.fail(at, "malformed element kind");
  return true;
}

bool readFuncIndices(Reader &r, ElemSegment &seg) {
  const uint32_t n = r.count(1);
  seg.funcIndices.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) seg.funcIndices.push_back(r.u32());
  return r.ok();
}

bool readExprs(Reader &r, DecodeState &st, ElemSegment &seg) {
  const uint32_t n = r.count(1);
  seg.usesExprs = true;
  seg.exprs.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    ConstExpr e;
    if (!readConstExpr(r, st, e)) return false;
    seg.exprs.push_back(e);
  }
  return r.ok();
}

} // namespace

bool decodeElementSection(Reader &r, DecodeState &st) {
  const Features &f = st.features;
  // Wasm 3.0 gives the legacy function-index forms the type (ref func).
  const ValType indexElemType =
      ValType::ref(HeapType::abstract(AbsHeap::Func), !(f.functionReferences || f.gc));
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    ElemSegment seg;
    const uint64_t at = r.offset();
    const uint32_t flags = r.u32();
    if (!r.ok()) return false;
    if (flags > 7) return r.fail(at, "malformed elements segment kind");
    const bool passiveOrDeclarative = flags & 1;
    const bool explicitTable = flags & 2;
    const bool usesExprs = flags & 4;
    if (passiveOrDeclarative)
      seg.mode = explicitTable ? SegmentMode::Declarative : SegmentMode::Passive;
    else
      seg.mode = SegmentMode::Active;
    if (seg.mode == SegmentMode::Active) {
      seg.table = explicitTable ? r.u32() : 0;
      if (!readConstExpr(r, st, seg.offset)) return false;
    }
    const bool hasKind = passiveOrDeclarative || explicitTable;
    if (usesExprs) {
      seg.elemType = ValType::funcref();
      if (hasKind && !readRefType(r, f, seg.elemType)) return false;
      if (!readExprs(r, st, seg)) return false;
    } else {
      seg.elemType = indexElemType;
      if (hasKind && !readElemKind(r)) return false;
      if (!readFuncIndices(r, seg)) return false;
    }
    st.m.elems.push_back(std::move(seg));
  }
  return r.ok();
}

bool decodeDataSection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    DataSegment seg;
    const uint64_t at = r.offset();
    const uint32_t flags = r.u32();
    if (!r.ok()) return false;
    if (flags > 2) return r.fail(at, "malformed data segment kind");
    if (flags == 1) {
      seg.mode = SegmentMode::Passive;
    } else {
      seg.mode = SegmentMode::Active;
      seg.memory = flags == 2 ? r.u32() : 0;
      if (!readConstExpr(r, st, seg.offset)) return false;
    }
    const uint32_t size = r.count(1);
    const uint64_t dataAt = r.offset();
    if (!r.skip(size)) return false;
    seg.data = ByteRange{uint32_t(dataAt), size};
    st.m.datas.push_back(seg);
  }
  return r.ok();
}

} // namespace wasmaot::wasm::detail
