// ModuleValidator: validation of everything outside function bodies, in the
// spec interpreter's order: types (done while decoding), imports, tags,
// functions, memories, tables, globals, data and element segments, start,
// exports. Also fills Module::declaredFuncRefs for the body validator.
#include "wasm/ModuleDecoderState.h"
#include "wasm/TypeSystem.h"

#include <string>
#include <unordered_set>

namespace wasmaot::wasm::detail {

namespace {

class ModuleValidator {
public:
  ModuleValidator(DecodeState &st, const DecodeOptions &options, Diagnostic &diag)
      : st_(st), m_(st.m), f_(options.features), diag_(diag) {}

  bool run();

private:
  bool fail(std::string message, DiagKind kind = DiagKind::Invalid) {
    diag_ = Diagnostic{kind, 0, std::nullopt, std::move(message)};
    return false;
  }
  static std::string num(uint64_t x) { return std::to_string(x); }

  bool checkValType(const ValType &t) {
    if (t.kind == ValType::Ref && t.heap.isIndex() && t.heap.typeIndex() >= m_.types.size())
      return fail("unknown type " + num(t.heap.typeIndex()));
    return true;
  }
  bool checkFuncTypeIndex(uint32_t x) {
    if (x >= m_.types.size()) return fail("unknown type " + num(x));
    if (m_.types[x].comp.kind != CompKind::Func) return fail("non-function type " + num(x));
    return true;
  }
  bool checkMemoryType(const MemoryType &t);
  bool checkTableType(const TableType &t);
  bool checkLimits(const Limits &l, uint64_t range, const std::string &message);
  bool checkConst(ConstExpr e, ValType expected, uint32_t numGlobals) {
    return validateConstExpr(m_, e, expected, numGlobals, f_, diag_);
  }
  /// How many globals a constant expression outside the global section may
  /// use: all of them in Wasm 3.0, only the imported ones in Wasm 2.0.
  uint32_t constGlobals() const {
    return relaxedConstGlobals() ? uint32_t(m_.globals.size()) : m_.numImportedGlobals;
  }
  bool relaxedConstGlobals() const { return f_.gc || f_.functionReferences; }
  void markDeclaredRefs();

  DecodeState &st_;
  Module &m_;
  const Features &f_;
  Diagnostic &diag_;
};

bool ModuleValidator::checkLimits(const Limits &l, uint64_t range, const std::string &message) {
  if (l.min > range) return fail(message);
  if (l.max) {
    if (*l.max > range) return fail(message);
    if (l.min > *l.max) return fail("size minimum must not be greater than maximum");
  }
  return true;
}

bool ModuleValidator::checkMemoryType(const MemoryType &t) {
  if (t.limits.is64)
    return checkLimits(t.limits, uint64_t(1) << 48,
                       "memory size must be at most 2^48 pages (256 TiB) for i64");
  return checkLimits(t.limits, 0x10000, "memory size must be at most 65536 pages (4GiB)");
}

bool ModuleValidator::checkTableType(const TableType &t) {
  if (!checkValType(t.elem)) return false;
  if (t.limits.is64)
    return checkLimits(t.limits, UINT64_MAX, "table size must be at most 2^64-1 for i64");
  return checkLimits(t.limits, 0xFFFFFFFFu, "table size must be at most 2^32-1 for i32");
}

void ModuleValidator::markDeclaredRefs() {
  m_.declaredFuncRefs.assign(m_.functions.size(), false);
  auto mark = [&](uint32_t x) {
    if (x < m_.declaredFuncRefs.size()) m_.declaredFuncRefs[x] = true;
  };
  for (uint32_t x : st_.constFuncRefs) mark(x);
  for (const ElemSegment &e : m_.elems)
    for (uint32_t x : e.funcIndices) mark(x);
  for (const Export &e : m_.exports)
    if (e.kind == ExternKind::Func) mark(e.index);
}

bool ModuleValidator::run() {
  for (const Import &imp : m_.imports) {
    switch (imp.kind) {
    case ExternKind::Func:
      if (!checkFuncTypeIndex(m_.functions[imp.index].typeIndex)) return false;
      break;
    case ExternKind::Table:
      if (!checkTableType(m_.tables[imp.index].type)) return false;
      break;
    case ExternKind::Memory:
      if (!checkMemoryType(m_.memories[imp.index].type)) return false;
      break;
    case ExternKind::Global:
      if (!checkValType(m_.globals[imp.index].type.type)) return false;
      break;
    case ExternKind::Tag:
      break; // checked with the defined tags below
    }
  }
  for (const Tag &t : m_.tags) {
    if (!checkFuncTypeIndex(t.typeIndex)) return false;
    if (!m_.funcType(t.typeIndex).results.empty()) return fail("non-empty tag result type");
  }
  for (uint32_t i = m_.numImportedFunctions; i < m_.functions.size(); ++i)
    if (!checkFuncTypeIndex(m_.functions[i].typeIndex)) return false;
  markDeclaredRefs();

  if (!f_.multiMemory && m_.memories.size() > 1) return fail("multiple memories");
  for (uint32_t i = m_.numImportedMemories; i < m_.memories.size(); ++i)
    if (!checkMemoryType(m_.memories[i].type)) return false;

  if (!f_.referenceTypes && m_.tables.size() > 1) return fail("multiple tables");
  for (uint32_t i = m_.numImportedTables; i < m_.tables.size(); ++i) {
    const Table &t = m_.tables[i];
    if (!checkTableType(t.type)) return false;
    if (t.hasInit) {
      if (!checkConst(t.init, t.type.elem, m_.numImportedGlobals)) return false;
    } else if (!t.type.elem.nullable) {
      return fail("type mismatch: table of non-nullable references needs an initializer");
    }
  }

  for (uint32_t i = m_.numImportedGlobals; i < m_.globals.size(); ++i) {
    const Global &g = m_.globals[i];
    if (!checkValType(g.type.type)) return false;
    if (!checkConst(g.init, g.type.type, relaxedConstGlobals() ? i : m_.numImportedGlobals))
      return false;
  }

  for (const DataSegment &d : m_.datas) {
    if (d.mode != SegmentMode::Active) continue;
    if (d.memory >= m_.memories.size()) return fail("unknown memory " + num(d.memory));
    const ValType addr = m_.memories[d.memory].type.limits.is64 ? ValType::i64() : ValType::i32();
    if (!checkConst(d.offset, addr, constGlobals())) return false;
  }

  for (const ElemSegment &e : m_.elems) {
    if (!checkValType(e.elemType)) return false;
    for (ConstExpr x : e.exprs)
      if (!checkConst(x, e.elemType, constGlobals())) return false;
    for (uint32_t x : e.funcIndices)
      if (x >= m_.functions.size()) return fail("unknown function " + num(x));
    if (e.mode != SegmentMode::Active) continue;
    if (e.table >= m_.tables.size()) return fail("unknown table " + num(e.table));
    const TableType &tt = m_.tables[e.table].type;
    if (!isSubtype(m_, e.elemType, tt.elem))
      return fail("type mismatch: element segment's type does not match the table's element type");
    if (!checkConst(e.offset, tt.limits.is64 ? ValType::i64() : ValType::i32(), constGlobals()))
      return false;
  }

  if (m_.start) {
    const uint32_t x = *m_.start;
    if (x >= m_.functions.size()) return fail("unknown function " + num(x));
    const FuncType &ft = m_.functionType(x);
    if (!ft.params.empty() || !ft.results.empty())
      return fail("start function must not have parameters or results");
  }

  std::unordered_set<std::string> names;
  for (const Export &e : m_.exports) {
    switch (e.kind) {
    case ExternKind::Func:
      if (e.index >= m_.functions.size()) return fail("unknown function " + num(e.index));
      break;
    case ExternKind::Table:
      if (e.index >= m_.tables.size()) return fail("unknown table " + num(e.index));
      break;
    case ExternKind::Memory:
      if (e.index >= m_.memories.size()) return fail("unknown memory " + num(e.index));
      break;
    case ExternKind::Global:
      if (e.index >= m_.globals.size()) return fail("unknown global " + num(e.index));
      break;
    case ExternKind::Tag:
      if (e.index >= m_.tags.size()) return fail("unknown tag " + num(e.index));
      break;
    }
    if (!names.insert(e.name).second) return fail("duplicate export name \"" + e.name + "\"");
  }
  return true;
}

} // namespace

bool validateModuleFields(DecodeState &st, const DecodeOptions &options, Diagnostic &diag) {
  return ModuleValidator(st, options, diag).run();
}

} // namespace wasmaot::wasm::detail
