// The decoded and validated module: every section of the Wasm 3.0 binary
// format, as index spaces (imports first) plus byte ranges into the module's
// own copy of the binary for code bodies and constant expressions.
#pragma once

#include "wasm/Types.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace wasmaot::wasm {

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };

/// A byte range [offset, offset+size) in Module::bytes.
struct ByteRange {
  uint32_t offset = 0;
  uint32_t size = 0;
};

/// A constant expression: the bytes of its instructions including the final `end`.
using ConstExpr = ByteRange;

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0; // index in the kind's index space that this import defines
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

struct Function {
  uint32_t typeIndex = 0;
  bool imported = false;
  /// Defined functions: the body (locals + expression) without its size prefix.
  ByteRange body;
};

struct Table {
  TableType type;
  bool imported = false;
  bool hasInit = false; // table with an explicit initializer expression (0x40 0x00 form)
  ConstExpr init;
};

struct Memory {
  MemoryType type;
  bool imported = false;
};

struct Global {
  GlobalType type;
  bool imported = false;
  ConstExpr init; // defined globals only
};

struct Tag {
  uint32_t typeIndex = 0; // a function type with no results
  bool imported = false;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t table = 0;     // Active only
  ConstExpr offset;       // Active only
  ValType elemType = ValType::funcref();
  /// Either function indices (the legacy `elemkind` forms) or expressions.
  bool usesExprs = false;
  std::vector<uint32_t> funcIndices;
  std::vector<ConstExpr> exprs;
  uint32_t count() const { return uint32_t(usesExprs ? exprs.size() : funcIndices.size()); }
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active; // never Declarative
  uint32_t memory = 0;                    // Active only
  ConstExpr offset;                       // Active only
  ByteRange data;
};

struct CustomSection {
  std::string name;
  ByteRange contents; // after the name
};

/// What the `name` custom section says (subsections 0, 1 and 2). Decoding
/// errors in it are ignored, as the spec requires for custom sections.
struct NameSection {
  std::string moduleName;
  std::unordered_map<uint32_t, std::string> functionNames;
  std::unordered_map<uint32_t, std::unordered_map<uint32_t, std::string>> localNames;
};

struct Module {
  /// The module's own copy of the binary; all ByteRanges point into it.
  std::vector<uint8_t> bytes;

  std::vector<SubType> types;
  std::vector<Import> imports;
  std::vector<Function> functions; // function index space, imports first
  std::vector<Table> tables;
  std::vector<Memory> memories;
  std::vector<Global> globals;
  std::vector<Tag> tags;
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> dataCount;
  std::vector<CustomSection> customs;
  NameSection names;

  uint32_t numImportedFunctions = 0;
  uint32_t numImportedTables = 0;
  uint32_t numImportedMemories = 0;
  uint32_t numImportedGlobals = 0;
  uint32_t numImportedTags = 0;

  /// Functions referenced outside function bodies (exports, elem segments,
  /// globals, tables); only these may appear in `ref.func` inside bodies.
  std::vector<bool> declaredFuncRefs;

  const FuncType &funcType(uint32_t typeIndex) const { return types[typeIndex].comp.func; }
  const FuncType &functionType(uint32_t funcIndex) const {
    return funcType(functions[funcIndex].typeIndex);
  }
};

} // namespace wasmaot::wasm
