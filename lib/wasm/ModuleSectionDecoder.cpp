// ModuleSectionDecoder: the import, function, table, memory, tag, global,
// export, start, data count and code sections (decoding only; index and type
// checks are in ModuleValidator.cpp).
#include "wasm/ModuleDecoderState.h"

namespace wasmaot::wasm::detail {

namespace {

bool readTableType(Reader &r, const Features &f, TableType &out) {
  return readRefType(r, f, out.elem) && readLimits(r, f, out.limits);
}

bool readTagType(Reader &r, uint32_t &typeIndex) {
  const uint64_t at = r.offset();
  const uint8_t attribute = r.u8();
  if (!r.ok()) return false;
  if (attribute != 0) return r.fail(at, "zero byte expected");
  typeIndex = r.u32();
  return r.ok();
}

} // namespace

bool decodeImportSection(Reader &r, DecodeState &st) {
  Module &m = st.m;
  const Features &f = st.features;
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Import imp;
    imp.module = r.name();
    imp.name = r.name();
    const uint64_t at = r.offset();
    const uint8_t kind = r.u8();
    if (!r.ok()) return false;
    switch (kind) {
    case 0: {
      Function fn;
      fn.imported = true;
      fn.typeIndex = r.u32();
      imp.kind = ExternKind::Func;
      imp.index = uint32_t(m.functions.size());
      m.functions.push_back(fn);
      ++m.numImportedFunctions;
      break;
    }
    case 1: {
      Table t;
      t.imported = true;
      if (!readTableType(r, f, t.type)) return false;
      imp.kind = ExternKind::Table;
      imp.index = uint32_t(m.tables.size());
      m.tables.push_back(t);
      ++m.numImportedTables;
      break;
    }
    case 2: {
      Memory mem;
      mem.imported = true;
      if (!readLimits(r, f, mem.type.limits)) return false;
      imp.kind = ExternKind::Memory;
      imp.index = uint32_t(m.memories.size());
      m.memories.push_back(mem);
      ++m.numImportedMemories;
      break;
    }
    case 3: {
      Global g;
      g.imported = true;
      if (!readValType(r, f, g.type.type) || !readMutability(r, g.type.mut)) return false;
      imp.kind = ExternKind::Global;
      imp.index = uint32_t(m.globals.size());
      m.globals.push_back(g);
      ++m.numImportedGlobals;
      break;
    }
    case 4:
      if (f.exceptions) {
        Tag t;
        t.imported = true;
        if (!readTagType(r, t.typeIndex)) return false;
        imp.kind = ExternKind::Tag;
        imp.index = uint32_t(m.tags.size());
        m.tags.push_back(t);
        ++m.numImportedTags;
        break;
      }
      [[fallthrough]];
    default:
      return r.fail(at, "malformed import kind");
    }
    m.imports.push_back(std::move(imp));
  }
  return r.ok();
}

bool decodeFunctionSection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  st.funcTypeIndices.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) st.funcTypeIndices.push_back(r.u32());
  for (uint32_t x : st.funcTypeIndices) {
    Function fn;
    fn.typeIndex = x;
    st.m.functions.push_back(fn);
  }
  return r.ok();
}

bool decodeTableSection(Reader &r, DecodeState &st) {
  const Features &f = st.features;
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Table t;
    if (r.peek() == 0x40 && (f.functionReferences || f.gc)) {
      r.u8();
      const uint64_t at = r.offset();
      if (r.u8() != 0 && r.ok()) return r.fail(at, "malformed reference type");
      if (!readTableType(r, f, t.type) || !readConstExpr(r, st, t.init)) return false;
      t.hasInit = true;
    } else if (!readTableType(r, f, t.type)) {
      return false;
    }
    st.m.tables.push_back(t);
  }
  return r.ok();
}

bool decodeMemorySection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Memory mem;
    if (!readLimits(r, st.features, mem.type.limits)) return false;
    st.m.memories.push_back(mem);
  }
  return r.ok();
}

bool decodeTagSection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Tag t;
    if (!readTagType(r, t.typeIndex)) return false;
    st.m.tags.push_back(t);
  }
  return r.ok();
}

bool decodeGlobalSection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Global g;
    if (!readValType(r, st.features, g.type.type) || !readMutability(r, g.type.mut) ||
        !readConstExpr(r, st, g.init))
      return false;
    st.m.globals.push_back(g);
  }
  return r.ok();
}

bool decodeExportSection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Export e;
    e.name = r.name();
    const uint64_t at = r.offset();
    const uint8_t kind = r.u8();
    if (!r.ok()) return false;
    if (kind > 4 || (kind == 4 && !st.features.exceptions))
      return r.fail(at, "malformed export kind");
    e.kind = ExternKind(kind);
    e.index = r.u32();
    st.m.exports.push_back(std::move(e));
  }
  return r.ok();
}

bool decodeStartSection(Reader &r, DecodeState &st) {
  st.m.start = r.u32();
  return r.ok();
}

bool decodeDataCountSection(Reader &r, DecodeState &st) {
  st.m.dataCount = r.u32();
  return r.ok();
}

bool decodeCodeSection(Reader &r, DecodeState &st) {
  const uint32_t n = r.count(1);
  st.bodies.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const uint32_t size = r.count(1, "function body size");
    const uint64_t at = r.offset();
    if (!r.skip(size)) return false;
    st.bodies.push_back(ByteRange{uint32_t(at), size});
  }
  return r.ok();
}

} // namespace wasmaot::wasm::detail
