// ParallelMove: turning a set of simultaneous copies into a sequence of moves.
//
// Contract: the input moves are all of one class and write distinct destinations;
// they happen "at once" (every source is read before any destination is written).
// The output is a sequence of ordinary moves with the same effect on every
// location that is an input destination; other locations are unchanged, except
// the scratch register and the emergency slots. No output move goes from memory
// to memory. Cycles are broken through the scratch register, or through emergency
// slot 0 when the class has none; a memory-to-memory copy goes through the scratch
// register when it is free, else it borrows an allocatable register, saving it in
// emergency slot 1 and restoring it afterwards. (Boissinot et al., "Revisiting
// out-of-SSA translation", CGO 2009; Rideau, Serpette, Leroy, "Tilting at windmills
// with Coq", JAR 2008.)
#pragma once

#include "codegen/Allocation.h"

#include <functional>
#include <span>
#include <vector>

namespace wasmaot::codegen {

struct MoveResources {
  PReg scratch = kNoReg;          ///< never allocated; free at every parallel move
  PReg borrowable = kNoReg;       ///< any register of the class (saved and restored when borrowed)
  /// Returns emergency stack slot 0 or 1 of this class; called only when needed.
  std::function<uint32_t(unsigned which)> emergencySlot;
};

/// Appends to `out` a sequence implementing the parallel move `moves`.
void sequentializeParallelMove(std::span<const Move> moves, const MoveResources &res,
                               std::vector<Move> &out);

} // namespace wasmaot::codegen
