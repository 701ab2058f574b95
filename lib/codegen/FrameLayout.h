// FrameLayout: where spill slots, callee-saved registers and outgoing arguments
// live in a function's stack frame.
//
//   incoming stack arguments          FP + frameRecordSize ...
//   frame record (ret addr, saved FP) FP + 0 .. FP + frameRecordSize
//   callee-saved save area            just below FP
//   (alignment padding)
//   spill slots (largest alignment first)
//   outgoing-argument area            SP + 0 .. SP + outgoingArgSize
//
// Offsets are relative to SP after the prologue (the frame has a fixed size: wasm
// has no alloca), so they stay valid in functions that omit the frame pointer;
// fpOffset gives the same slot relative to FP for targets that prefer it. The
// prologue moves SP down by frameSize after the frame record, so
// frameRecordSize + frameSize is a multiple of the stack alignment and SP is
// aligned at every call.
#pragma once

#include "codegen/RegAlloc.h"

#include <span>
#include <utility>
#include <vector>

namespace wasmaot::codegen {

struct FrameLayout {
  uint32_t frameSize = 0;          ///< SP adjustment after the frame record
  uint32_t outgoingArgSize = 0;    ///< at SP + 0
  uint32_t spillAreaOffset = 0, spillAreaSize = 0;
  uint32_t calleeSaveOffset = 0, calleeSaveSize = 0;
  std::vector<uint32_t> slotOffsets;                  ///< SP-relative offset of each spill slot
  std::vector<std::pair<PReg, uint32_t>> calleeSaves; ///< register and its SP-relative save offset
  /// Bytes the function uses below the caller's SP at the call: what the
  /// prologue's stack-limit check must see available.
  uint32_t stackCheckSize = 0;

  int32_t fpOffset(uint32_t slot) const { return int32_t(slotOffsets[slot]) - int32_t(frameSize); }
};

FrameLayout layoutFrame(const TargetDesc &target, std::span<const SpillSlotDesc> slots, RegSet calleeSaved,
                        uint32_t outgoingArgSize);

} // namespace wasmaot::codegen
