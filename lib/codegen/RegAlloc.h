// RegAlloc: linear-scan register allocation with live-range splitting over SSA
// machine code (Poletto & Sarkar 1999; Wimmer & Franz 2010; Traub et al. 1998).
//
// Contract: the input passes MachFunction::verify. The output gives every operand a
// register or a spill slot that satisfies its constraint, and the final code of
// every block: the original instructions interleaved with generic moves (copies,
// spill stores, reloads, edge and fixed-register moves) already sequentialized. The
// result is checked by RegAllocChecker in the tests and in debug pipelines.
// Algorithm and invariants: docs/codegen.md.
#pragma once

#include "codegen/Allocation.h"
#include "codegen/MachFunction.h"

#include <string>
#include <vector>

namespace wasmaot::codegen {

/// One element of a block's final code: an original instruction or an inserted move.
struct RegAllocItem {
  enum class Kind : uint8_t { Inst, Move };
  Kind kind = Kind::Inst;
  InstId inst = 0; ///< Kind::Inst
  Move move;       ///< Kind::Move
};

struct SpillSlotDesc {
  uint32_t size = 8, align = 8;
};

/// The spill slots holding GC references that are live across a safepoint.
struct StackMap {
  InstId inst = 0;
  std::vector<uint32_t> slots;
};

struct RegAllocStats {
  unsigned splits = 0, spilledVRegs = 0;
  unsigned regMoves = 0, spillStores = 0, reloads = 0;
  unsigned hoistedBackEdges = 0; ///< back edges whose moves went into the branching latch
  unsigned redundantMoves = 0;   ///< moves dropped: the destination already held the value
};

struct RegAllocResult {
  std::string error; ///< non-empty: the input asks for more registers at one point than exist
  std::vector<Allocation> allocs; ///< parallel to MachFunction's operand array (operandIndex)
  std::vector<std::vector<RegAllocItem>> code; ///< per block, the final sequence
  std::vector<SpillSlotDesc> slots;            ///< spill and emergency slots (FrameLayout places them)
  RegSet usedCalleeSaved;                      ///< the prologue saves these
  std::vector<StackMap> stackMaps;             ///< one per safepoint instruction, in InstId order
  RegAllocStats stats;

  Allocation alloc(const MachFunction &f, InstId i, unsigned k) const {
    return allocs[f.operandIndex(i, k)];
  }
};

RegAllocResult allocateRegisters(const MachFunction &f, const TargetDesc &target);

/// Debug text of the allocated code.
std::string printAllocated(const MachFunction &f, const TargetDesc &target, const RegAllocResult &r);

} // namespace wasmaot::codegen
