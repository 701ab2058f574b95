// Module: an IR module: functions plus the declarations instructions refer to
// by index (signatures, memories, tables, globals, segment counts).
#pragma once

#include "ir/Function.h"
#include "ir/Signature.h"
#include "ir/Type.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::ir {

struct MemoryDecl {
  Type indexType = Type::I32; ///< i32 or i64 (memory64)
  uint64_t minPages = 0;
  std::optional<uint64_t> maxPages;
  bool shared = false;
};

/// The largest length a 32-bit memory can reach at run time, in pages: one page
/// short of 4 GiB (an implementation limit the runtime enforces: creating or
/// growing past it fails). Code relies on it: an in-bounds i32 address is below
/// 2^32 - 65536, so adding less than 65536 to it does not wrap
/// (passes/BoundsCheckElimination.cpp, bracketing_checks).
inline constexpr uint64_t kMaxMemory32Pages = 65535;

/// A table of references.
struct TableDecl {
  Type indexType = Type::I32; ///< i32 or i64 (table64)
  uint64_t minElems = 0;
  std::optional<uint64_t> maxElems;
};

struct GlobalDecl {
  Type type = Type::I32;
  bool isMutable = false;
};

class Module {
public:
  std::vector<Signature> signatures; ///< referenced by call_indirect / call_ref
  std::vector<MemoryDecl> memories;
  std::vector<TableDecl> tables;
  std::vector<GlobalDecl> globals;
  uint32_t numDataSegments = 0;
  uint32_t numElemSegments = 0;
  /// Function index space (call fnN, ref_func fnN); declarations (no body) included.
  std::vector<std::unique_ptr<Function>> functions;

  /// Appends a function (index = previous size) and returns it.
  Function *addFunction(std::string name, Signature sig) {
    functions.push_back(std::make_unique<Function>(std::move(name), std::move(sig)));
    return functions.back().get();
  }
};

} // namespace wasmaot::ir
