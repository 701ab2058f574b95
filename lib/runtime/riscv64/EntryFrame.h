// EntryFrame: the block the RISC-V 64 entry trampoline (EntryTrampoline.S)
// reads its arguments from and writes the result registers to. The offsets are
// hard-coded in the assembly; the static_asserts keep both in step. The layout
// is AArch64's (16 bytes per FP register slot, so Entry.cpp fills both ISAs'
// frames alike); the trampoline loads and stores only the low 8 bytes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wasmaot::runtime::riscv64 {

struct alignas(16) EntryFrame {
  void *code = nullptr;             ///< 0: the callee
  const uint64_t *stack = nullptr;  ///< 8: stack arguments, lowest address first
  uint64_t stackSlots = 0;          ///< 16: 8-byte slots; even, so sp stays 16-aligned
  uint64_t reserved = 0;            ///< 24
  uint64_t f[8][2] = {};            ///< 32: fa0..fa7 (the low 8 bytes of each slot; f32 NaN-boxed)
  uint64_t x[8] = {};               ///< 160: a0 (vmctx), a1..a7
  uint64_t a0 = 0, a1 = 0;          ///< 224, 232: integer results
  uint64_t fa0[2] = {};             ///< 240: float result (fa0, low 8 bytes)
};

static_assert(offsetof(EntryFrame, stack) == 8 && offsetof(EntryFrame, stackSlots) == 16 &&
                  offsetof(EntryFrame, f) == 32 && offsetof(EntryFrame, x) == 160 &&
                  offsetof(EntryFrame, a0) == 224 && offsetof(EntryFrame, a1) == 232 &&
                  offsetof(EntryFrame, fa0) == 240 && sizeof(EntryFrame) == 256,
              "EntryTrampoline.S hard-codes these offsets");

} // namespace wasmaot::runtime::riscv64

/// Calls frame->code with the registers and stack arguments of `frame` and
/// stores a0, a1 and fa0 back into it (EntryTrampoline.S).
extern "C" void wasmaot_riscv64_enter(wasmaot::runtime::riscv64::EntryFrame *frame);
