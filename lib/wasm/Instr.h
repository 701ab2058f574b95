// Instr: one decoded instruction as the function-body decoder hands it to its
// consumer (the validator's own checks run inside the decoder; the translator
// to IR is a consumer). Immediates are decoded; types are not re-derived here.
//
// Consumer contract (see BodyDecoder.h):
//   void startFunction(uint32_t funcIndex, std::span<const ValType> locals); // params first
//   void instr(const Instr &);       // every instruction reached, incl. block/loop/if/try_table
//   void elseOrEnd(const Instr &, bool fallsThrough);
//                                     // `else`/`end` of a frame opened while reachable;
//                                     // fallsThrough is false when the code just before
//                                     // it is unreachable (after br, return, unreachable...)
//   void endFunction();
// Instructions in unreachable code, and frames opened there, are not passed on:
// consumers never see unreachable code.
#pragma once

#include "wasm/Opcodes.h"
#include "wasm/Types.h"

#include <array>
#include <cstdint>
#include <span>

namespace wasmaot::wasm {

struct MemArg {
  uint32_t alignLog2 = 0;
  uint32_t memory = 0;
  uint64_t offset = 0;
};

/// A block type: empty, one value type, or a function type index.
struct BlockType {
  enum Kind : uint8_t { Empty, Value, Index };
  Kind kind = Empty;
  ValType value;
  uint32_t typeIndex = 0;
};

/// A try_table catch clause.
struct CatchClause {
  enum Kind : uint8_t { Catch = 0, CatchRef = 1, CatchAll = 2, CatchAllRef = 3 };
  Kind kind = Catch;
  uint32_t tag = 0;   // Catch / CatchRef only
  uint32_t label = 0; // relative branch depth
};

struct Instr {
  Opcode op{};
  uint32_t offset = 0; // byte offset of the opcode within the module

  /// Index immediates in the order the binary format gives them:
  /// local/global/func/table/memory/type/label/tag/data/elem/field/lane index.
  /// E.g. call_indirect: idx[0] = type, idx[1] = table; table.copy: idx[0] = dst,
  /// idx[1] = src; struct.get: idx[0] = type, idx[1] = field; array.copy: dst, src.
  uint32_t idx[2] = {0, 0};

  MemArg mem;        // loads, stores, SIMD lane loads/stores (laneIndex in `lane`)
  BlockType block;   // block, loop, if, try_table
  uint8_t lane = 0;  // extract/replace_lane, load/store_lane

  int32_t i32 = 0;       // i32.const
  int64_t i64 = 0;       // i64.const
  uint32_t f32Bits = 0;  // f32.const
  uint64_t f64Bits = 0;  // f64.const
  std::array<uint8_t, 16> v128{}; // v128.const bytes, i8x16.shuffle lane indices

  /// Heap types: ref.null, ref.test/ref.cast (heap[0], nullable[0]), br_on_cast
  /// and br_on_cast_fail (source heap[0]/nullable[0], target heap[1]/nullable[1],
  /// label in idx[0]).
  HeapType heap[2];
  bool nullable[2] = {false, false};

  std::span<const uint32_t> targets;       // br_table: the labels, then the default
  std::span<const ValType> selectTypes;    // typed select
  std::span<const CatchClause> catches;    // try_table
};

} // namespace wasmaot::wasm
