// VMContext: the layout of the instance context (vmctx) that generated code
// reads, shared by every back end and by the runtime (docs/abi.md).
//
// SUBTLE: this is an ABI between the compiler and libwasmaot-rt. Generated code
// bakes the offsets below into its instructions, so the runtime must build
// exactly this layout, and an object records kAbiVersion: change anything here
// and bump it, so the runtime refuses objects compiled against another layout.
//
// vmctx is the first argument of every wasm function (the first integer
// argument register of the platform's C ABI), so a compiled export is an
// ordinary C function `R f(void *vmctx, params...)`.
#pragma once

#include <cstdint>

namespace wasmaot::codegen {

/// Bumped whenever the vmctx layout, the calling convention, the builtin table
/// or the object metadata format changes.
inline constexpr uint32_t kAbiVersion = 1;

/// One linear memory as generated code sees it. Stored inline in vmctx for
/// every memory (defined or imported); the runtime updates every vmctx that
/// sees a memory when it grows (or moves).
struct VMMemory {
  uint8_t *base;   ///< first byte of the memory
  uint64_t length; ///< current size in bytes (a multiple of 64 KiB)
};

/// A function reference: what `ref.func`, tables of funcref and calls to
/// imported functions use. `code` is called with `vmctx` as its first argument.
struct VMFuncRef {
  void *code;
  void *vmctx;
  uint32_t typeId; ///< runtime-wide canonical id of the function's type
  uint32_t reserved;
};

/// A table: `elements[i]` is a reference (one machine word; for funcref
/// tables a VMFuncRef* or null). Tables are reached through a pointer so that
/// instances sharing an imported table see one object.
struct VMTable {
  uint64_t *elements;
  uint64_t size; ///< current number of elements
};

/// Runtime helpers reachable through vmctx->builtins (an array of function
/// pointers indexed by this enum). All take vmctx first and follow the
/// platform's C ABI. Helpers that may trap return 0 on success or
/// 1 + ir::TrapCode; generated code then traps with that code.
enum class Builtin : uint32_t {
  MemoryGrow, ///< int64 (vmctx, u32 mem, u64 delta): old size in pages, or -1
  MemoryFill, ///< u32 (vmctx, u32 mem, u64 dst, u32 byte, u64 len): trap status
  MemoryCopy, ///< u32 (vmctx, u32 dstMem, u32 srcMem, u64 dst, u64 src, u64 len)
  MemoryInit, ///< u32 (vmctx, u32 mem, u32 seg, u64 dst, u32 src, u32 len)
  DataDrop,   ///< void (vmctx, u32 seg)
  TableGrow,  ///< int64 (vmctx, u32 table, u64 init, u64 delta): old size, or -1
  TableFill,  ///< u32 (vmctx, u32 table, u64 dst, u64 ref, u64 len)
  TableCopy,  ///< u32 (vmctx, u32 dstTable, u32 srcTable, u64 dst, u64 src, u64 len)
  TableInit,  ///< u32 (vmctx, u32 table, u32 seg, u64 dst, u32 src, u32 len)
  ElemDrop,   ///< void (vmctx, u32 seg)
  Count
};

/// Byte offsets of vmctx fields for one module. The header is fixed; the
/// arrays that follow depend on how many memories, globals and tables the
/// module has (imports included: index spaces hold imports first).
struct VMContextLayout {
  // ---- fixed header
  static constexpr uint32_t kStackLimit = 0; ///< u64: the lowest SP wasm code may use
  static constexpr uint32_t kBuiltins = 8;   ///< void *const *: table indexed by Builtin
  static constexpr uint32_t kFuncRefs = 16;  ///< VMFuncRef *: one per function of the index space
  static constexpr uint32_t kTypeIds = 24;   ///< const uint32_t *: canonical id per module signature
  static constexpr uint32_t kRuntime = 32;   ///< void *: the runtime's instance (opaque to code)
  /// u64, the runtime's own (code never reads it): the %gs base a Segue
  /// instance's code needs (its memory 0's base), 0 when not Segue.
  static constexpr uint32_t kSegueBase = 40;
  static constexpr uint32_t kHeaderSize = 64;

  uint32_t numMemories = 0, numGlobals = 0, numTables = 0;
  uint32_t memoriesOffset = kHeaderSize; ///< VMMemory[numMemories], inline
  uint32_t globalsOffset = kHeaderSize;  ///< void *[numGlobals]: each global's 16-byte storage
  uint32_t tablesOffset = kHeaderSize;   ///< VMTable *[numTables]
  uint32_t size = kHeaderSize;           ///< total bytes (a multiple of 16)

  static VMContextLayout forCounts(uint32_t memories, uint32_t globals, uint32_t tables) {
    VMContextLayout l;
    l.numMemories = memories;
    l.numGlobals = globals;
    l.numTables = tables;
    l.memoriesOffset = kHeaderSize;
    l.globalsOffset = l.memoriesOffset + 16 * memories;
    l.tablesOffset = l.globalsOffset + 8 * globals;
    l.size = (l.tablesOffset + 8 * tables + 15) & ~15u;
    return l;
  }
  uint32_t memoryBase(uint32_t mem) const { return memoriesOffset + 16 * mem; }
  uint32_t memoryLength(uint32_t mem) const { return memoriesOffset + 16 * mem + 8; }
  uint32_t globalPtr(uint32_t global) const { return globalsOffset + 8 * global; }
  uint32_t tablePtr(uint32_t table) const { return tablesOffset + 8 * table; }
};

static_assert(sizeof(VMMemory) == 16 && sizeof(VMFuncRef) == 24 && sizeof(VMTable) == 16,
              "the ABI fixes these sizes (docs/abi.md)");

/// Offsets inside the structs, for generated code.
inline constexpr uint32_t kFuncRefCode = 0, kFuncRefVmctx = 8, kFuncRefTypeId = 16;
inline constexpr uint32_t kFuncRefSize = 24;
inline constexpr uint32_t kTableElements = 0, kTableSize = 8;

} // namespace wasmaot::codegen
