// EntryFrame: the block the AArch64 entry trampoline (EntryTrampoline.S) reads
// its arguments from and writes the result registers to. The offsets are
// hard-coded in the assembly; the static_asserts keep both in step. The vector
// registers come first so that `ldp q, q` / `str q` see 16-aligned offsets.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wasmaot::runtime::aarch64 {

struct alignas(16) EntryFrame {
  void *code = nullptr;             ///< 0: the callee
  const uint64_t *stack = nullptr;  ///< 8: stack arguments, lowest address first
  uint64_t stackSlots = 0;          ///< 16: 8-byte slots; even, so sp stays 16-aligned
  uint64_t reserved = 0;            ///< 24
  uint64_t v[8][2] = {};            ///< 32: q0..q7 (16 bytes each)
  uint64_t x[8] = {};               ///< 160: x0 (vmctx), x1..x7
  uint64_t x0 = 0, x1 = 0;          ///< 224, 232: integer results
  uint64_t v0[2] = {};              ///< 240: float/vector result (q0)
};

static_assert(offsetof(EntryFrame, stack) == 8 && offsetof(EntryFrame, stackSlots) == 16 &&
                  offsetof(EntryFrame, v) == 32 && offsetof(EntryFrame, x) == 160 &&
                  offsetof(EntryFrame, x0) == 224 && offsetof(EntryFrame, x1) == 232 &&
                  offsetof(EntryFrame, v0) == 240 && sizeof(EntryFrame) == 256,
              "EntryTrampoline.S hard-codes these offsets");

} // namespace wasmaot::runtime::aarch64

/// Calls frame->code with the registers and stack arguments of `frame` and
/// stores x0, x1 and q0 back into it (EntryTrampoline.S).
extern "C" void wasmaot_aarch64_enter(wasmaot::runtime::aarch64::EntryFrame *frame);
